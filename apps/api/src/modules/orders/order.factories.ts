/**
 * Test data for orders, written straight into the tables: a store, sellable variants with stock, and
 * orders whose units are reserved exactly as checkout reserves them. Lets the lifecycle be tested on its
 * own; tests that go through POST /api/order use the checkout module instead.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { HOLDS_STOCK } from '@fatafat/contracts/order-rules';
import type { WhenShort } from '@fatafat/contracts/floor-rules';
import type { Db } from '../../db/client';
import {
  categories,
  orderEvents,
  orderItems,
  orders,
  products,
  stock,
  stores,
  variants,
  type OrderStatus,
} from '../../db/schema/index';

const suffix = () => randomBytes(4).toString('hex');

export interface TestStore {
  id: string;
  name: string;
}

export async function createTestStore(db: Db, overrides: Partial<typeof stores.$inferInsert> = {}): Promise<TestStore> {
  const s = suffix();
  const [row] = await db
    .insert(stores)
    .values({ name: `Store ${s}`, slug: `store-${s}`, lat: 12.97, lng: 77.59, pincodes: ['560001'], ...overrides })
    .returning({ id: stores.id, name: stores.name });
  return row!;
}

export interface TestVariant {
  id: string;
  productId: string;
  name: string;
  label: string;
  price: number;
  mrp: number;
}

/** A product with one variant, stocked at the store with `onHand` units. */
export async function createStockedVariant(
  db: Db,
  storeId: string,
  opts: { onHand?: number; price?: number; mrp?: number; maxPerOrder?: number; name?: string; gstRate?: number; hsn?: string } = {},
): Promise<TestVariant> {
  const s = suffix();
  const [cat] = await db.insert(categories).values({ name: `Cat ${s}`, slug: `cat-${s}` }).returning({ id: categories.id });
  const name = opts.name ?? `Product ${s}`;
  const [product] = await db
    .insert(products)
    .values({ categoryId: cat!.id, name, slug: `product-${s}` })
    .returning({ id: products.id });
  const price = opts.price ?? 5000;
  const mrp = opts.mrp ?? Math.max(price, 6000);
  const [variant] = await db
    .insert(variants)
    .values({ productId: product!.id, label: '500 g', sku: `SKU-${s}`, price, mrp, maxPerOrder: opts.maxPerOrder ?? 10, gstRate: opts.gstRate ?? 18, hsn: opts.hsn ?? null })
    .returning({ id: variants.id });
  await db.insert(stock).values({ storeId, variantId: variant!.id, onHand: opts.onHand ?? 10 });
  return { id: variant!.id, productId: product!.id, name, label: '500 g', price, mrp };
}

export interface TestOrderInput {
  userId: string;
  storeId: string;
  lines: Array<{ variant: TestVariant; quantity: number; whenShort?: WhenShort }>;
  status?: OrderStatus;
  paymentMethod?: 'cod' | 'card';
  reservationExpiresAt?: Date | null;
  createdAt?: Date;
  /** A coupon's paise off the items (default none). */
  discount?: number;
  /** Paise of the total paid from the wallet at checkout (default none). */
  walletPaid?: number;
}

/** An order as checkout would leave it: items, the first event, and its units reserved while it holds stock. */
export async function createTestOrder(db: Db, input: TestOrderInput): Promise<{ id: string; number: string; total: number; walletPaid: number }> {
  const status = input.status ?? 'confirmed';
  const paymentMethod = input.paymentMethod ?? (status === 'pending_payment' ? 'card' : 'cod');
  const itemTotal = input.lines.reduce((n, l) => n + l.variant.price * l.quantity, 0);
  const mrpTotal = input.lines.reduce((n, l) => n + l.variant.mrp * l.quantity, 0);
  const fees = 1500;
  const discount = input.discount ?? 0;
  const total = itemTotal + fees - discount;
  return db.transaction(async (tx) => {
    const [order] = await tx
      .insert(orders)
      .values({
        number: `FF-${suffix().toUpperCase()}`,
        userId: input.userId,
        storeId: input.storeId,
        status,
        paymentMethod,
        paymentStatus: paymentMethod === 'cod' ? 'cod_due' : status === 'pending_payment' ? 'pending' : 'paid',
        address: {
          label: 'Home',
          name: 'Asha <b>Rao</b>',
          phone: '9876543210',
          line1: '12 MG Road',
          line2: null,
          landmark: null,
          city: 'Bengaluru',
          state: 'Karnataka',
          pincode: '560001',
          lat: 12.97,
          lng: 77.59,
        },
        billLines: [
          { code: 'item_total', label: 'Item total', amount: itemTotal },
          { code: 'delivery_fee', label: 'Delivery fee', amount: fees },
          ...(discount ? [{ code: 'coupon', label: 'Coupon TEST', amount: -discount }] : []),
        ],
        itemTotal,
        mrpTotal,
        fees,
        discount,
        total,
        walletPaid: input.walletPaid ?? 0,
        etaMinutes: 12,
        promisedAt: new Date(Date.now() + 12 * 60_000),
        reservationExpiresAt:
          input.reservationExpiresAt !== undefined
            ? input.reservationExpiresAt
            : status === 'pending_payment'
              ? new Date(Date.now() + 15 * 60_000)
              : null,
        ...(input.createdAt ? { createdAt: input.createdAt, updatedAt: input.createdAt } : {}),
      })
      .returning({ id: orders.id, number: orders.number, total: orders.total, walletPaid: orders.walletPaid });
    await tx.insert(orderItems).values(
      input.lines.map((l) => ({
        orderId: order!.id,
        productId: l.variant.productId,
        variantId: l.variant.id,
        name: l.variant.name,
        label: l.variant.label,
        imageUrl: null,
        price: l.variant.price,
        mrp: l.variant.mrp,
        quantity: l.quantity,
        orderedQuantity: l.quantity,
        whenShort: l.whenShort ?? 'refund',
      })),
    );
    if (HOLDS_STOCK.has(status)) {
      for (const l of input.lines) {
        const updated = await tx
          .update(stock)
          .set({ reserved: sql`${stock.reserved} + ${l.quantity}` })
          .where(and(eq(stock.storeId, input.storeId), eq(stock.variantId, l.variant.id), sql`${stock.onHand} - ${stock.reserved} >= ${l.quantity}`))
          .returning({ v: stock.variantId });
        if (!updated.length) throw new Error('test order asks for more stock than the factory made');
      }
    }
    await tx.insert(orderEvents).values({ orderId: order!.id, status, actorId: input.userId, actorRole: 'customer' });
    return order!;
  });
}

export async function stockOf(db: Db, storeId: string, variantId: string): Promise<{ onHand: number; reserved: number }> {
  const [row] = await db
    .select({ onHand: stock.onHand, reserved: stock.reserved })
    .from(stock)
    .where(and(eq(stock.storeId, storeId), eq(stock.variantId, variantId)));
  return row!;
}
