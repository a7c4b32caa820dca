/**
 * The one-statement checkout write, driven directly on a real database: the HTTP route refuses lines it
 * already sees short before it writes, so the statement's own refusals (a race lost between that read and
 * the write, a line the store does not stock) are proven here.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvents, orderItems, orders, stock, stockMovements } from '../../db/schema/index';
import { createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import { createStockedVariant, createTestStore, stockOf, type TestStore, type TestVariant } from './checkout.factories';
import { newOrderNumber } from './checkout.service';
import { placeOrder, type NewOrder } from './checkout.repository';

let t: TestApp;
let store: TestStore;
beforeAll(async () => {
  t = await startTestApp();
  store = await createTestStore(t.deps.db);
});
afterAll(async () => {
  await t.close();
});

function orderFor(userId: string, total: number): NewOrder {
  return {
    number: newOrderNumber(),
    userId,
    storeId: store.id,
    status: 'confirmed',
    paymentMethod: 'cod',
    paymentStatus: 'cod_due',
    address: { label: 'home', name: 'A', phone: '9876543210', line1: '1 Road', line2: null, landmark: null, city: 'Bengaluru', state: 'Karnataka', pincode: '560001', lat: null, lng: null },
    billLines: [{ code: 'items', label: 'Item total', amount: total }],
    itemTotal: total,
    mrpTotal: total,
    fees: 0,
    tip: 0,
    discount: 0,
    total,
    walletPaid: 0,
    couponCode: null,
    etaMinutes: 12,
    promisedAt: new Date(Date.now() + 12 * 60_000),
    reservationExpiresAt: null,
    idempotencyKey: null,
    idempotencyFingerprint: null,
    slotStartsAt: null,
  };
}

const line = (v: TestVariant, quantity: number) => ({ productId: v.productId, variantId: v.id, name: v.name, label: v.label, imageUrl: null, price: v.price, mrp: v.mrp, quantity, whenShort: 'refund' as const });

async function writtenFor(userId: string) {
  const rows = await t.deps.db.select({ id: orders.id }).from(orders).where(eq(orders.userId, userId));
  const ids = rows.map((r) => r.id);
  if (!ids.length) return { orders: 0, items: 0, events: 0, moves: 0 };
  const [items, events, moves] = await Promise.all([
    t.deps.db.select().from(orderItems).where(inArray(orderItems.orderId, ids)),
    t.deps.db.select().from(orderEvents).where(inArray(orderEvents.orderId, ids)),
    t.deps.db.select().from(stockMovements).where(inArray(stockMovements.orderId, ids)),
  ]);
  return { orders: ids.length, items: items.length, events: events.length, moves: moves.length };
}

describe('placeOrder: reservation and order in one statement', () => {
  it('when every line has stock, then the order, its items, audit rows and first event are written and stock reserved', async () => {
    const user = await createUser(t);
    const [a, b] = [await createStockedVariant(t.deps.db, store.id, { onHand: 5 }), await createStockedVariant(t.deps.db, store.id, { onHand: 5 })];
    const placed = await placeOrder(t.deps.db, orderFor(user.id, a.price * 2 + b.price), [line(a, 2), line(b, 1)], { id: user.id, role: 'customer' }, { clearCart: false, note: 'test' });
    expect(placed).toMatchObject({ id: expect.any(String), createdAt: expect.any(Date) });
    expect(Math.abs(placed!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await writtenFor(user.id)).toEqual({ orders: 1, items: 2, events: 1, moves: 2 });
    expect(await stockOf(t.deps.db, store.id, a.id)).toMatchObject({ onHand: 5, reserved: 2 });
    expect(await stockOf(t.deps.db, store.id, b.id)).toMatchObject({ onHand: 5, reserved: 1 });
  });

  it('when one line is short, then null and nothing is written, not even the other line’s reservation', async () => {
    const user = await createUser(t);
    const [a, b] = [await createStockedVariant(t.deps.db, store.id, { onHand: 5 }), await createStockedVariant(t.deps.db, store.id, { onHand: 1 })];
    const placed = await placeOrder(t.deps.db, orderFor(user.id, a.price + b.price * 2), [line(a, 1), line(b, 2)], { id: user.id, role: 'customer' }, { clearCart: false, note: 'test' });
    expect(placed).toBeNull();
    expect(await writtenFor(user.id)).toEqual({ orders: 0, items: 0, events: 0, moves: 0 });
    expect(await stockOf(t.deps.db, store.id, a.id)).toMatchObject({ onHand: 5, reserved: 0 });
    expect(await stockOf(t.deps.db, store.id, b.id)).toMatchObject({ onHand: 1, reserved: 0 });
  });

  it('when the store has no stock row for a line, then null and nothing is written', async () => {
    const user = await createUser(t);
    const [a, b] = [await createStockedVariant(t.deps.db, store.id, { onHand: 5 }), await createStockedVariant(t.deps.db, store.id, { onHand: 5 })];
    await t.deps.db.delete(stock).where(eq(stock.variantId, b.id));
    const placed = await placeOrder(t.deps.db, orderFor(user.id, a.price + b.price), [line(a, 1), line(b, 1)], { id: user.id, role: 'customer' }, { clearCart: false, note: 'test' });
    expect(placed).toBeNull();
    expect(await writtenFor(user.id)).toEqual({ orders: 0, items: 0, events: 0, moves: 0 });
    expect(await stockOf(t.deps.db, store.id, a.id)).toMatchObject({ onHand: 5, reserved: 0 });
  });
});
