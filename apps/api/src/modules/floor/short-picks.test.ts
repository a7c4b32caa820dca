/**
 * A short pick settled at packing, over HTTP: the order keeps what was sent, its bill falls by what the
 * short units were paid, and the money goes back the way it came (the card through the Stripe fake, the
 * wallet at once, cash by collecting less at the door).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderItems, orders, refunds, taxDocuments, wallets } from '../../db/schema/index';
import { clientAs, createUser, type TestUser } from '../../test/factories';
import type { TestApp } from '../../test/harness';
import type { HttpClient } from '../../test/http-client';
import { createTestOrder, type TestVariant } from '../orders/order.factories';
import { SYSTEM_ACTOR, transitionOrder } from '../orders/order-state';
import { createRider, createDispatchStore, STORE_AT, type DispatchStore } from '../dispatch/dispatch.factories';
import { dispatchStore } from '../dispatch/dispatch.service';
import { payCardOrder, startCardShop, type CardShop } from '../payments/payments.factories';
import type { FakeStripe } from '../payments/stripe.fake';
import { createFloorLine } from './floor.factories';

let shop: CardShop;
let t: TestApp;
let fake: FakeStripe;
let store: DispatchStore;
let picker: HttpClient;
let admin: TestUser;

beforeAll(async () => {
  shop = await startCardShop();
  ({ t, fake } = shop);
  store = await createDispatchStore(t);
  picker = clientAs(t, await createUser(t, { role: 'picker', storeId: store.id, name: 'Ravi Kumar' }));
  admin = await createUser(t, { role: 'admin' });
});
afterAll(async () => {
  await shop?.close();
});

const refundCalls = (since: number) => fake.requests.slice(since).filter((r) => r.path === '/v1/refunds');
const orderRow = async (id: string) => (await t.deps.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const refundRows = (id: string) => t.deps.db.select().from(refunds).where(eq(refunds.orderId, id));
const balanceOf = async (userId: string) => (await t.deps.db.select({ b: wallets.balance }).from(wallets).where(eq(wallets.userId, userId)))[0]?.b ?? 0;

/**
 * Two lines (2 × ₹100 and 1 × ₹200, ₹400 of items), a ₹50 coupon and the factory's ₹15 fee: ₹365 in all.
 * One ₹100 unit short was paid ₹87.50 (₹100 less its ₹12.50 share of the coupon).
 */
async function lines(): Promise<{ a: TestVariant; b: TestVariant }> {
  const a = await createFloorLine(t.deps.db, store.id, { price: 10_000, mrp: 11_000, onHand: 20 });
  const b = await createFloorLine(t.deps.db, store.id, { price: 20_000, mrp: 22_000, onHand: 20 });
  return { a, b };
}

/**
 * A confirmed order of those lines, the wallet having paid `walletPaid` of it at checkout; a card order is
 * paid the rest through the Stripe fake and confirmed by its webhook.
 */
async function paidOrder(customer: TestUser, paymentMethod: 'cod' | 'card', walletPaid = 0) {
  const { a, b } = await lines();
  const order = await createTestOrder(t.deps.db, {
    userId: customer.id,
    storeId: store.id,
    status: paymentMethod === 'card' ? 'pending_payment' : 'confirmed',
    paymentMethod,
    discount: 5000,
    walletPaid,
    lines: [
      { variant: a, quantity: 2 },
      { variant: b, quantity: 1 },
    ],
  });
  if (paymentMethod === 'card') await payByCard(order);
  return { ...order, a, b };
}

async function payByCard(order: { id: string; number: string; total: number; walletPaid: number }): Promise<void> {
  expect(await payCardOrder(shop, order)).toBe(200);
  expect((await orderRow(order.id)).status).toBe('confirmed');
}

/** Claims the order, answers every line (found in full unless `short` says otherwise) and packs it. */
async function pickAndPack(order: { id: string; a: TestVariant; b: TestVariant }, short: { a?: number; b?: number }) {
  expect((await picker.post('/api/ops/picks/claim', { orderId: order.id })).status).toBe(200);
  for (const [key, ordered] of [['a', 2], ['b', 1]] as const) {
    const found = short[key] ?? ordered;
    const body = found < ordered ? { found, reason: 'not_on_shelf' } : { found };
    const res = await picker.post(`/api/ops/picks/${order.id}/lines/${order[key].id}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  return picker.post(`/api/ops/picks/${order.id}/packed`, { bags: 1 });
}

describe('packing an order with a short line', () => {
  it('when a cash order is packed one unit short, then its bill falls by exactly what that unit was paid, the rider collects that much less, and nothing is refunded', async () => {
    const customer = await createUser(t);
    const order = await paidOrder(customer, 'cod');
    expect(order.total).toBe(36_500);

    const res = await pickAndPack(order, { a: 1 });

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = await orderRow(order.id);
    expect(row).toMatchObject({ status: 'packed', itemTotal: 30_000, mrpTotal: 33_000, discount: 3750, fees: 1500, total: 27_750, walletPaid: 0, paymentStatus: 'cod_due' });
    expect(row.billLines).toEqual([
      { code: 'item_total', label: 'Item total', amount: 30_000 },
      { code: 'delivery_fee', label: 'Delivery fee', amount: 1500 },
      { code: 'coupon', label: 'Coupon TEST', amount: -3750 },
    ]);
    expect(await refundRows(order.id)).toEqual([]);
    const items = await t.deps.db.select().from(orderItems).where(eq(orderItems.orderId, order.id));
    expect(items.find((i) => i.variantId === order.a.id)).toMatchObject({ quantity: 1, orderedQuantity: 2 });

    // The customer sees "1 of 2" and the new bill.
    const own = await clientAs(t, customer).get(`/api/order/${order.id}`);
    expect(own.status).toBe(200);
    expect(own.body.order.items.find((i: { variantId: string }) => i.variantId === order.a.id)).toMatchObject({ quantity: 1, orderedQuantity: 2 });
    expect(own.body.order.bill).toMatchObject({ itemTotal: 30_000, discount: 3750, total: 27_750 });
    const packed = own.body.order.events.find((e: { status: string }) => e.status === 'packed');
    expect(packed.note).toContain('₹87.50 off the bill');

    // The rider is asked for the new total.
    const rider = await createRider(t, store.id, { at: STORE_AT });
    await dispatchStore(t.deps, store.id);
    const tasks = await rider.client.get('/api/rider/tasks');
    expect(tasks.body.tasks.find((x: { orderId: string }) => x.orderId === order.id)).toMatchObject({ amountDue: 27_750, itemCount: 2 });
  });

  it('when a card order is packed one unit short, then one refund goes to the card for what that unit was paid and Stripe is asked once for it', async () => {
    const customer = await createUser(t);
    const order = await paidOrder(customer, 'card');
    const seen = fake.requests.length;

    const res = await pickAndPack(order, { a: 1 });

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await orderRow(order.id)).toMatchObject({ status: 'packed', total: 27_750, walletPaid: 0, paymentStatus: 'paid' });
    const rows = await refundRows(order.id);
    expect(rows).toEqual([
      expect.objectContaining({ amount: 8750, method: 'source', status: 'succeeded', shortPick: true, includesFees: false, lines: [{ variantId: order.a.id, quantity: 1, amount: 8750 }] }),
    ]);
    expect(rows[0]!.reason).toMatch(/^Not available at the store: /);
    const calls = refundCalls(seen);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.form.get('amount')).toBe('8750');
    expect(calls[0]!.headers['idempotency-key']).toBe(`refund-${rows[0]!.id}`);
    // The customer sees it on the order, marked as the short pick's.
    const own = await clientAs(t, customer).get(`/api/order/${order.id}`);
    expect(own.body.order.refunds).toMatchObject([{ amount: 8750, method: 'source', shortPick: true, lines: [{ variantId: order.a.id, quantity: 1 }] }]);
  });

  it('when an order the wallet paid mostly is packed short by more than the card paid, then the card gets all it paid and the wallet the rest, and wallet_paid stays within the total', async () => {
    const customer = await createUser(t);
    // ₹365 in all: ₹300 from the wallet, ₹65 by card. Both ₹100 units short: ₹175 back.
    const order = await paidOrder(customer, 'card', 30_000);
    const before = await balanceOf(customer.id);
    const seen = fake.requests.length;

    const res = await pickAndPack(order, { a: 0 });

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = await orderRow(order.id);
    expect(row).toMatchObject({ itemTotal: 20_000, discount: 2500, total: 19_000, walletPaid: 19_000 });
    expect(row.walletPaid).toBeLessThanOrEqual(row.total);
    const rows = await refundRows(order.id);
    expect(rows.map((r) => ({ method: r.method, amount: r.amount, shortPick: r.shortPick }))).toEqual([
      { method: 'source', amount: 6500, shortPick: true },
      { method: 'wallet', amount: 11_000, shortPick: true },
    ]);
    expect(rows[0]!.lines).toEqual([{ variantId: order.a.id, quantity: 2, amount: 17_500 }]);
    expect(await balanceOf(customer.id)).toBe(before + 11_000);
    expect(refundCalls(seen).map((c) => c.form.get('amount'))).toEqual(['6500']);
    const items = await t.deps.db.select().from(orderItems).where(eq(orderItems.orderId, order.id));
    expect(items.find((i) => i.variantId === order.a.id)).toMatchObject({ quantity: 0, orderedQuantity: 2 });

    // Refunding the whole order afterwards gives back exactly what is left of the new total: to the wallet.
    const whole = await clientAs(t, admin).post(`/api/admin/orders/${order.id}/transition`, { to: 'refunded' });
    expect(whole.status, JSON.stringify(whole.body)).toBe(200);
    const after = await refundRows(order.id);
    expect(after.slice(2).map((r) => ({ method: r.method, amount: r.amount }))).toEqual([{ method: 'wallet', amount: 19_000 }]);
    expect(await balanceOf(customer.id)).toBe(before + 11_000 + 19_000);
  });

  it('when a cash order the wallet paid mostly is packed short by more than the cash due, then the wallet gets the difference back and no cash is due', async () => {
    const customer = await createUser(t);
    // ₹365: ₹300 from the wallet, ₹65 due at the door. Both ₹100 units short: the new total is ₹190.
    const order = await paidOrder(customer, 'cod', 30_000);
    const before = await balanceOf(customer.id);

    expect((await pickAndPack(order, { a: 0 })).status).toBe(200);

    expect(await orderRow(order.id)).toMatchObject({ total: 19_000, walletPaid: 19_000, paymentStatus: 'cod_due' });
    expect((await refundRows(order.id)).map((r) => ({ method: r.method, amount: r.amount, shortPick: r.shortPick }))).toEqual([
      { method: 'wallet', amount: 11_000, shortPick: true },
    ]);
    expect(await balanceOf(customer.id)).toBe(before + 11_000);

    // Delivered, its invoice bills what was sent: the line none of was found is not on it.
    await transitionOrder(t.deps, order.id, 'out_for_delivery', SYSTEM_ACTOR);
    await transitionOrder(t.deps, order.id, 'delivered', SYSTEM_ACTOR);
    const [invoice] = await t.deps.db.select().from(taxDocuments).where(and(eq(taxDocuments.orderId, order.id), eq(taxDocuments.kind, 'invoice')));
    const goods = invoice!.detail.lines.filter((l) => l.variantId);
    expect(goods.map((l) => ({ variantId: l.variantId, quantity: l.quantity }))).toEqual([{ variantId: order.b.id, quantity: 1 }]);
  });

  it('when every remaining unit is refunded by line after a short pick, then the lines give back what the new bill took for them and the remainder only the fee', async () => {
    const customer = await createUser(t);
    const order = await paidOrder(customer, 'card');
    expect((await pickAndPack(order, { a: 1 })).status).toBe(200);
    const admin_ = clientAs(t, admin);

    const byLine = await admin_.post(`/api/admin/orders/${order.id}/refunds`, {
      lines: [
        { variantId: order.a.id, quantity: 1 },
        { variantId: order.b.id, quantity: 1 },
      ],
      reason: 'Customer returned everything',
      to: 'source',
    });
    expect(byLine.status, JSON.stringify(byLine.body)).toBe(201);
    // ₹300 of items with ₹37.50 off: ₹100 − ₹12.50 and ₹200 − ₹25.
    expect(byLine.body.refund).toMatchObject({ amount: 26_250, lines: [{ variantId: order.a.id, quantity: 1, amount: 8750 }, { variantId: order.b.id, quantity: 1, amount: 17_500 }] });
    const row = await orderRow(order.id);
    expect(byLine.body.refund.amount).toBe(row.itemTotal - row.discount);
    const more = await admin_.post(`/api/admin/orders/${order.id}/refunds`, { lines: [{ variantId: order.a.id, quantity: 1 }], reason: 'again', to: 'source' });
    expect(more.status).toBe(409);
    expect(more.body.error).toMatchObject({ code: 'line_over_refunded', details: { refundable: 0 } });

    const whole = await admin_.post(`/api/admin/orders/${order.id}/transition`, { to: 'refunded' });
    expect(whole.status, JSON.stringify(whole.body)).toBe(200);
    const rows = await refundRows(order.id);
    expect(rows.map((r) => r.amount)).toEqual([8750, 26_250, 1500]);
    expect(rows.reduce((s, r) => s + r.amount, 0)).toBe(order.total);
  });

  it('when nothing of the order was found, then packing is refused with 409 nothing_found and the bill is untouched', async () => {
    const customer = await createUser(t);
    const order = await paidOrder(customer, 'cod');
    const res = await pickAndPack(order, { a: 0, b: 0 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('nothing_found');
    expect(await orderRow(order.id)).toMatchObject({ status: 'packing', total: 36_500 });
  });
});
