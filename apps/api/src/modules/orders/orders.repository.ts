/** Every Drizzle call of the orders module. Plain rows in and out; callers decide the transaction. */
import { and, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx, type Tx } from '../../db/client';
import { substitutionsOf } from '../floor/substitutions.repository';
import {
  cartItems,
  carts,
  deliveries,
  orderEvents,
  orderItems,
  orders,
  products,
  refunds,
  taxDocuments,
  riderTrail,
  stock,
  stockMovements,
  stores,
  users,
  variants,
  type OrderStatus,
} from '../../db/schema/index';

export type OrderRow = typeof orders.$inferSelect;
export type OrderItemRow = typeof orderItems.$inferSelect;
export type PaymentStatus = OrderRow['paymentStatus'];

/** The rider shows on the order from acceptance to the door; the trail once they left the store. */
const RIDER_SHOWN = new Set(['assigned', 'picked_up', 'unreachable', 'delivered']);
const TRAIL_SHOWN = new Set(['picked_up', 'unreachable']);
/** The most trail points an order view carries (about 25 minutes of pings every 5 s). */
export const TRAIL_POINTS = 300;

export async function findOrderParts(db: DbOrTx, orderId: string) {
  const [row] = await db
    .select({
      order: orders,
      storeName: stores.name,
      store: { lat: stores.lat, lng: stores.lng, supportPhone: stores.supportPhone },
      deliveryState: deliveries.state,
      riderName: users.name,
    })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .leftJoin(deliveries, eq(deliveries.orderId, orders.id))
    .leftJoin(users, eq(users.id, deliveries.riderId))
    .where(eq(orders.id, orderId));
  if (!row) return null;
  const withRider = !!row.deliveryState && RIDER_SHOWN.has(row.deliveryState) && !!row.riderName;
  const withTrail = withRider && TRAIL_SHOWN.has(row.deliveryState!);
  const [items, events, refundRows, invoiceRows, trail, substitutions] = await Promise.all([
    db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.name), asc(orderItems.label), asc(orderItems.id)),
    db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id)),
    db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.createdAt), asc(refunds.id)),
    db
      .select({ number: taxDocuments.number, issuedAt: taxDocuments.issuedAt })
      .from(taxDocuments)
      .where(and(eq(taxDocuments.orderId, orderId), eq(taxDocuments.kind, 'invoice'))),
    withTrail
      ? db
          .select({ lat: riderTrail.lat, lng: riderTrail.lng, at: riderTrail.at })
          .from(riderTrail)
          .where(eq(riderTrail.orderId, orderId))
          .orderBy(desc(riderTrail.at), desc(riderTrail.id))
          .limit(TRAIL_POINTS)
      : Promise.resolve([]),
    substitutionsOf(db, [orderId]),
  ]);
  const points = trail.reverse().map((p) => ({ lat: p.lat, lng: p.lng, at: p.at.toISOString() }));
  const delivery = {
    store: { lat: row.store.lat, lng: row.store.lng },
    supportPhone: row.store.supportPhone,
    rider: withRider
      ? { name: firstName(row.riderName!), position: points[points.length - 1] ?? null, trail: points }
      : null,
  };
  return { order: row.order, storeName: row.storeName, items, events, delivery, refunds: refundRows, invoice: invoiceRows[0] ?? null, substitutions };
}

/**
 * What changes with every stored change of each order (its row's updatedAt and how many events it has),
 * in one query for many orders: open streams compare it with what they sent before reading an order whole.
 */
export async function findOrderVersions(db: DbOrTx, orderIds: string[]): Promise<Array<{ id: string; updatedAt: Date; events: number }>> {
  if (!orderIds.length) return [];
  return db
    .select({
      id: orders.id,
      updatedAt: orders.updatedAt,
      events: sql<number>`count(${orderEvents.id})`.mapWith(Number),
    })
    .from(orders)
    .leftJoin(orderEvents, eq(orderEvents.orderId, orders.id))
    .where(inArray(orders.id, orderIds))
    .groupBy(orders.id);
}

/** What a customer is told of the person bringing the order. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** Who may see an order: its owner, staff of its store, admins. */
export async function findOrderOwnership(db: DbOrTx, orderId: string) {
  const [row] = await db
    .select({ id: orders.id, userId: orders.userId, storeId: orders.storeId })
    .from(orders)
    .where(eq(orders.id, orderId));
  return row ?? null;
}

/**
 * Locks the order row for the rest of the transaction. With skipLocked a row another process holds is
 * answered with null instead of waiting (sweeper, simulator).
 */
/** The order row as it is, without a lock: for announcing a change that has already committed. */
export async function findOrderRow(db: DbOrTx, orderId: string): Promise<OrderRow | null> {
  const [row] = await db.select().from(orders).where(eq(orders.id, orderId));
  return row ?? null;
}

export async function lockOrder(tx: Tx, orderId: string, opts: { skipLocked?: boolean } = {}): Promise<OrderRow | null> {
  const q = tx.select().from(orders).where(eq(orders.id, orderId));
  const [row] = opts.skipLocked ? await q.for('update', { skipLocked: true }) : await q.for('update');
  return row ?? null;
}

export async function updateOrderStatus(
  tx: Tx,
  orderId: string,
  set: { status: OrderStatus; paymentStatus: PaymentStatus; reservationCleared: boolean; promise?: DeliveryPromise },
): Promise<OrderRow> {
  const [row] = await tx
    .update(orders)
    .set({
      status: set.status,
      paymentStatus: set.paymentStatus,
      updatedAt: new Date(),
      ...(set.reservationCleared ? { reservationExpiresAt: null } : {}),
      ...(set.promise ?? {}),
    })
    .where(eq(orders.id, orderId))
    .returning();
  return row!;
}

/** When the order is promised at, and that promise in minutes from placement (what the order shows). */
export interface DeliveryPromise {
  promisedAt: Date;
  etaMinutes: number;
}

/** Moves the delivery promise alone (the status stays). */
export async function updateOrderPromise(tx: Tx, orderId: string, promise: DeliveryPromise): Promise<OrderRow> {
  const [row] = await tx
    .update(orders)
    .set({ ...promise, updatedAt: new Date() })
    .where(eq(orders.id, orderId))
    .returning();
  return row!;
}

export async function insertOrderEvent(
  tx: DbOrTx,
  e: { orderId: string; status: OrderStatus; actorId: string | null; actorRole: string; note: string | null },
): Promise<void> {
  await tx.insert(orderEvents).values(e);
}

/**
 * The units an order still holds in stock.reserved, per variant: what was ordered, less what a picker
 * found missing (a short pick already took those out of the reservation, see floor's recordDiscrepancy).
 * From ordered_quantity, which a pack's bill correction leaves as it was (quantity becomes the units sent).
 */
export async function heldUnitsOfOrder(db: DbOrTx, orderId: string): Promise<Array<{ variantId: string; quantity: number }>> {
  const rows = rowsOf<{ variantId: string; quantity: number }>(
    await db.execute(sql`
      select oi.variant_id as "variantId",
        (sum(oi.ordered_quantity) - coalesce(max(pl.quantity - pl.found), 0))::int as quantity
      from order_items oi
      left join pick_lines pl on pl.order_id = oi.order_id and pl.variant_id = oi.variant_id and pl.found is not null
      where oi.order_id = ${orderId}
      group by oi.variant_id
      union all
      -- A substitute's units are held from its proposal until it is declined, lapses or is packed (then an item).
      select substitute_variant_id, quantity from substitutions
      where order_id = ${orderId} and status in ('proposed', 'accepted')`),
  );
  return rows.filter((r) => r.quantity > 0);
}

/**
 * Moves stock for every line of an order. Rows are touched in variant-id order, the same fixed order
 * checkout locks them in, so the two never deadlock.
 */
export async function moveStockForOrder(
  tx: Tx,
  o: { orderId: string; storeId: string; actorId: string | null },
  lines: Array<{ variantId: string; quantity: number }>,
  kind: 'release' | 'consume',
): Promise<void> {
  const merged = new Map<string, number>();
  for (const l of lines) merged.set(l.variantId, (merged.get(l.variantId) ?? 0) + l.quantity);
  const sorted = [...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [variantId, q] of sorted) {
    const deltaOnHand = kind === 'consume' ? -q : 0;
    await tx
      .update(stock)
      .set({
        onHand: sql`${stock.onHand} + ${deltaOnHand}`,
        reserved: sql`${stock.reserved} - ${q}`,
        updatedAt: new Date(),
      })
      .where(and(eq(stock.storeId, o.storeId), eq(stock.variantId, variantId)));
    await tx.insert(stockMovements).values({
      storeId: o.storeId,
      variantId,
      deltaOnHand,
      deltaReserved: -q,
      reason: kind === 'consume' ? 'order_delivered' : 'order_released',
      actorId: o.actorId,
      orderId: o.orderId,
    });
  }
}

export async function findUserContact(db: DbOrTx, userId: string) {
  const [row] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
  return row ?? null;
}

// ── lists ────────────────────────────────────────────────────────────────────────────────────────────

export interface ListFilter {
  userId?: string;
  storeId?: string;
  status?: OrderStatus;
  from?: Date;
  to?: Date;
  /** Keyset position: created_at as microsecond text (exact, unlike a JS Date) and id. */
  after?: { createdAt: string; id: string };
  limit: number;
}

export async function listOrders(db: DbOrTx, f: ListFilter) {
  const where: SQL[] = [];
  if (f.userId) where.push(eq(orders.userId, f.userId));
  if (f.storeId) where.push(eq(orders.storeId, f.storeId));
  if (f.status) where.push(eq(orders.status, f.status));
  if (f.from) where.push(gte(orders.createdAt, f.from));
  if (f.to) where.push(lte(orders.createdAt, f.to));
  if (f.after) {
    where.push(sql`(${orders.createdAt}, ${orders.id}) < (${f.after.createdAt}::timestamptz, ${f.after.id}::uuid)`);
  }
  const rows = await db
    .select({
      order: orders,
      storeName: stores.name,
      cursorAt: sql<string>`to_char(${orders.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(and(...where))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(f.limit + 1);
  const ids = rows.map((r) => r.order.id);
  const items = ids.length ? await db.select().from(orderItems).where(inArray(orderItems.orderId, ids)) : [];
  return { rows, items };
}

// ── background work ──────────────────────────────────────────────────────────────────────────────────

export async function findExpiredReservations(db: DbOrTx, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, 'pending_payment'), lt(orders.reservationExpiresAt, now)))
    .orderBy(asc(orders.reservationExpiresAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

// ── reorder ──────────────────────────────────────────────────────────────────────────────────────────

export interface ReorderCandidate {
  variantId: string;
  name: string;
  label: string;
  quantity: number;
  sellable: boolean;
  available: number;
  maxPerOrder: number;
  inCart: number;
}

export async function reorderCandidates(db: DbOrTx, userId: string, orderId: string, storeId: string): Promise<ReorderCandidate[]> {
  const result = await db.execute(sql`
    select oi.variant_id as "variantId", oi.name, oi.label, sum(oi.quantity)::int as quantity,
           coalesce(v.is_active and p.is_active and p.archived_at is null, false) as sellable,
           coalesce(s.on_hand - s.reserved, 0)::int as available,
           coalesce(v.max_per_order, 0)::int as "maxPerOrder",
           coalesce(ci.quantity, 0)::int as "inCart"
      from ${orderItems} oi
      left join ${variants} v on v.id = oi.variant_id
      left join ${products} p on p.id = v.product_id
      left join ${stock} s on s.variant_id = oi.variant_id and s.store_id = ${storeId}
      left join ${cartItems} ci on ci.variant_id = oi.variant_id and ci.user_id = ${userId}
     where oi.order_id = ${orderId}
     group by oi.variant_id, oi.name, oi.label, v.is_active, p.is_active, p.archived_at, s.on_hand, s.reserved,
              v.max_per_order, ci.quantity
     order by oi.name`);
  return rowsOf<ReorderCandidate>(result);
}

/**
 * Adds to the cart in one statement per line, capped in SQL, so a cart edit racing the reorder is never
 * overwritten with a stale total.
 */
export async function addToCartCapped(tx: Tx, userId: string, lines: Array<{ variantId: string; add: number; cap: number }>) {
  await tx.insert(carts).values({ userId }).onConflictDoNothing();
  for (const l of lines) {
    await tx
      .insert(cartItems)
      .values({ userId, variantId: l.variantId, quantity: Math.min(l.add, l.cap) })
      .onConflictDoUpdate({
        target: [cartItems.userId, cartItems.variantId],
        set: { quantity: sql`least(${cartItems.quantity} + ${l.add}, ${l.cap})` },
      });
  }
  await tx.update(carts).set({ updatedAt: new Date() }).where(eq(carts.userId, userId));
}
