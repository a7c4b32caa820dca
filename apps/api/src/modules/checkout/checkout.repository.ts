/** Every Drizzle call of checkout. The transaction is opened by the service; these run inside it. */
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import {
  orderEvents,
  orderItems,
  orders,
  stock,
  stockMovements,
  users,
  type AddressSnapshot,
  type BillLine,
  type OrderStatus,
} from '../../db/schema/index';
import { sql } from 'drizzle-orm';

export async function findUserStanding(db: DbOrTx, userId: string): Promise<{ blocked: boolean } | null> {
  const [row] = await db.select({ blockedAt: users.blockedAt }).from(users).where(eq(users.id, userId));
  return row ? { blocked: row.blockedAt !== null } : null;
}

export async function findOrderByKey(
  db: DbOrTx,
  userId: string,
  key: string,
): Promise<{ id: string; number: string; total: number; status: OrderStatus; paymentMethod: 'cod' | 'card' } | null> {
  const [row] = await db
    .select({ id: orders.id, number: orders.number, total: orders.total, status: orders.status, paymentMethod: orders.paymentMethod })
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.idempotencyKey, key)));
  return row ?? null;
}

/**
 * Reserves `quantity` units if that many are free, in one conditional statement: no read-then-write
 * window, and the row lock it takes is held to commit. Returns false when the line is short.
 */
export async function reserveStock(tx: Tx, storeId: string, variantId: string, quantity: number): Promise<boolean> {
  const rows = await tx
    .update(stock)
    .set({ reserved: sql`${stock.reserved} + ${quantity}`, updatedAt: sql`now()` })
    .where(
      and(
        eq(stock.storeId, storeId),
        eq(stock.variantId, variantId),
        sql`${stock.onHand} - ${stock.reserved} >= ${quantity}`,
      ),
    )
    .returning({ v: stock.variantId });
  return rows.length === 1;
}

export async function freeStock(db: DbOrTx, storeId: string, variantIds: string[]): Promise<Map<string, number>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db
    .select({ variantId: stock.variantId, free: sql<number>`(${stock.onHand} - ${stock.reserved})::int` })
    .from(stock)
    .where(and(eq(stock.storeId, storeId), inArray(stock.variantId, variantIds)));
  return new Map(rows.map((r) => [r.variantId, r.free]));
}

export interface NewOrder {
  number: string;
  userId: string;
  storeId: string;
  status: OrderStatus;
  paymentMethod: 'cod' | 'card';
  paymentStatus: 'pending' | 'cod_due';
  address: AddressSnapshot;
  billLines: BillLine[];
  itemTotal: number;
  mrpTotal: number;
  fees: number;
  tip: number;
  discount: number;
  total: number;
  couponCode: string | null;
  etaMinutes: number;
  promisedAt: Date;
  reservationExpiresAt: Date | null;
  idempotencyKey: string | null;
}

export interface NewOrderItem {
  productId: string;
  variantId: string;
  name: string;
  label: string;
  imageUrl: string | null;
  price: number;
  mrp: number;
  quantity: number;
}

/** The order, its item snapshots, the reservation audit rows and the first timeline event. */
export async function insertOrder(
  tx: Tx,
  order: NewOrder,
  items: NewOrderItem[],
  actor: { id: string; role: string },
): Promise<{ id: string; createdAt: Date }> {
  const [row] = await tx.insert(orders).values(order).returning({ id: orders.id, createdAt: orders.createdAt });
  const orderId = row!.id;
  await tx.insert(orderItems).values(items.map((i) => ({ ...i, orderId })));
  await tx.insert(stockMovements).values(
    items.map((i) => ({
      storeId: order.storeId,
      variantId: i.variantId,
      deltaReserved: i.quantity,
      reason: 'reserve',
      actorId: actor.id,
      orderId,
    })),
  );
  await tx.insert(orderEvents).values({
    orderId,
    status: order.status,
    actorId: actor.id,
    actorRole: actor.role,
    note: order.paymentMethod === 'cod' ? 'Order placed, cash on delivery' : 'Order placed, awaiting card payment',
  });
  return { id: orderId, createdAt: row!.createdAt };
}
