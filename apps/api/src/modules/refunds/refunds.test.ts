/**
 * The refund ledger over HTTP: refunds by line or amount, to the card (through the Stripe fake) or to the
 * wallet; never more than was paid, under races too; fees back only with the whole order; who may ask.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, refunds, walletEntries, wallets } from '../../db/schema/index';
import { clientAs, createUser, type TestUser } from '../../test/factories';
import type { TestApp } from '../../test/harness';
import { createStockedVariant, createTestOrder, createTestStore, type TestStore, type TestVariant } from '../orders/order.factories';
import { runDuePaymentTasks } from '../payments/payment-tasks';
import { payCardOrder, startCardShop, type CardShop } from '../payments/payments.factories';
import type { FakeStripe } from '../payments/stripe.fake';

let shop: CardShop;
let t: TestApp;
let fake: FakeStripe;
let store: TestStore;
let customer: TestUser;
let admin: TestUser;
let manager: TestUser;

beforeAll(async () => {
  shop = await startCardShop();
  ({ t, fake } = shop);
  store = await createTestStore(t.deps.db);
  customer = await createUser(t);
  admin = await createUser(t, { role: 'admin' });
  manager = await createUser(t, { role: 'staff', storeId: store.id });
});
afterAll(async () => {
  await shop?.close();
});

const refundCalls = (since: number) => fake.requests.slice(since).filter((r) => r.path === '/v1/refunds');

/** A card order the Stripe webhook has confirmed: two lines (2 × ₹50 and 1 × ₹120) and the ₹15 fee. */
async function paidCardOrder(): Promise<{ id: string; total: number; a: TestVariant; b: TestVariant }> {
  const a = await createStockedVariant(t.deps.db, store.id, { price: 5000, onHand: 50 });
  const b = await createStockedVariant(t.deps.db, store.id, { price: 12000, onHand: 50 });
  const order = await createTestOrder(t.deps.db, {
    userId: customer.id,
    storeId: store.id,
    status: 'pending_payment',
    paymentMethod: 'card',
    lines: [
      { variant: a, quantity: 2 },
      { variant: b, quantity: 1 },
    ],
  });
  expect(await payCardOrder(shop, order)).toBe(200);
  return { ...order, a, b };
}

/** A cash order handed over and paid at the door. */
async function deliveredCashOrder(user = customer) {
  const a = await createStockedVariant(t.deps.db, store.id, { price: 5000, onHand: 50 });
  const order = await createTestOrder(t.deps.db, { userId: user.id, storeId: store.id, status: 'delivered', paymentMethod: 'cod', lines: [{ variant: a, quantity: 3 }] });
  await t.deps.db.update(orders).set({ paymentStatus: 'paid' }).where(eq(orders.id, order.id));
  return { ...order, a };
}

const refund = (who: TestUser, orderId: string, body: unknown) => clientAs(t, who).post(`/api/admin/orders/${orderId}/refunds`, body);
const balanceOf = async (userId: string) => (await t.deps.db.select().from(wallets).where(eq(wallets.userId, userId)))[0]?.balance ?? 0;

describe('refunding lines of a card order', () => {
  it('when a manager refunds one unit of a line to the card, then Stripe is asked once for what it was paid and the order shows it', async () => {
    const order = await paidCardOrder();
    const seen = fake.requests.length;

    const res = await refund(manager, order.id, { lines: [{ variantId: order.a.id, quantity: 1 }], reason: 'Tomatoes were squashed', to: 'source' });

    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.refund).toMatchObject({ amount: 5000, method: 'source', status: 'succeeded', includesFees: false, lines: [{ variantId: order.a.id, quantity: 1, amount: 5000 }] });
    const calls = refundCalls(seen);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.form.get('amount')).toBe('5000');
    expect(calls[0]!.headers['idempotency-key']).toBe(`refund-${res.body.refund.id}`);
    expect(res.body.order).toMatchObject({ refundedAmount: 5000, status: 'confirmed' });
    // The customer sees it on their order.
    const own = await clientAs(t, customer).get(`/api/order/${order.id}`);
    expect(own.body.order.refunds).toMatchObject([{ amount: 5000, reason: 'Tomatoes were squashed' }]);
  });

  it('when more units are asked back than remain, then 409 line_over_refunded naming what is left, and nothing is written', async () => {
    const order = await paidCardOrder();
    expect((await refund(admin, order.id, { lines: [{ variantId: order.a.id, quantity: 1 }], reason: 'one short', to: 'source' })).status).toBe(201);

    const res = await refund(admin, order.id, { lines: [{ variantId: order.a.id, quantity: 2 }], reason: 'two more', to: 'source' });

    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'line_over_refunded', details: { variantId: order.a.id, refundable: 1 } });
    expect(await t.deps.db.select().from(refunds).where(eq(refunds.orderId, order.id))).toHaveLength(1);
  });

  it('when a variant is not in the order, then 422 line_not_in_order', async () => {
    const order = await paidCardOrder();
    const other = await createStockedVariant(t.deps.db, store.id);
    const res = await refund(admin, order.id, { lines: [{ variantId: other.id, quantity: 1 }], reason: 'wrong item', to: 'source' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('line_not_in_order');
  });

  it('when every line is refunded and then the whole order, then the lines give back what the items cost and the last refund carries only the fee', async () => {
    const order = await paidCardOrder();
    await refund(admin, order.id, { lines: [{ variantId: order.a.id, quantity: 2 }], reason: 'bad batch', to: 'source' });
    await refund(admin, order.id, { lines: [{ variantId: order.b.id, quantity: 1 }], reason: 'bad batch', to: 'wallet' });

    const whole = await clientAs(t, admin).post(`/api/admin/orders/${order.id}/transition`, { to: 'refunded' });

    expect(whole.status).toBe(200);
    const rows = await t.deps.db.select().from(refunds).where(eq(refunds.orderId, order.id));
    expect(rows.map((r) => [r.amount, r.method, r.includesFees]).sort()).toEqual(
      [
        [10000, 'source', false],
        [12000, 'wallet', false],
        [1500, 'source', true],
      ].sort(),
    );
    expect(rows.reduce((s, r) => s + r.amount, 0)).toBe(order.total);
    // A second full refund finds nothing left.
    expect((await refund(admin, order.id, { amount: 100, reason: 'again', to: 'wallet' })).body.error.code).toBe('nothing_to_refund');
  });

  it('when an order had a coupon discount, then its lines give back their price less their share of it, and all of them together never exceed what the items were paid', async () => {
    const order = await paidCardOrder();
    // ₹220 of items with ₹33 off: each line carries its share, rounded up.
    await t.deps.db.update(orders).set({ discount: 3300, total: order.total - 3300 }).where(eq(orders.id, order.id));
    const first = await refund(admin, order.id, { lines: [{ variantId: order.a.id, quantity: 1 }], reason: 'Bruised fruit', to: 'wallet' });
    const rest = await refund(admin, order.id, { lines: [{ variantId: order.a.id, quantity: 1 }, { variantId: order.b.id, quantity: 1 }], reason: 'Bruised fruit', to: 'wallet' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.refund.amount).toBe(5000 - 750);
    const items = first.body.refund.amount + rest.body.refund.amount;
    expect(items).toBe(22000 - 3300);
  });

  it('when ten refunds of the whole remaining amount race, then exactly one is written', async () => {
    const order = await paidCardOrder();
    const all = await Promise.all(
      Array.from({ length: 10 }, () => refund(admin, order.id, { amount: order.total, reason: 'race', to: 'wallet' })),
    );
    expect(all.filter((r) => r.status === 201)).toHaveLength(1);
    expect(all.filter((r) => r.status === 409).every((r) => r.body.error.code === 'nothing_to_refund' || r.body.error.code === 'refund_exceeds_paid')).toBe(true);
    const rows = await t.deps.db.select().from(refunds).where(eq(refunds.orderId, order.id));
    expect(rows.reduce((s, r) => s + r.amount, 0)).toBe(order.total);
  });

  it('when Stripe is down, then the card refund waits in the ledger and is sent once, with the same key, when it is back', async () => {
    const order = await paidCardOrder();
    fake.refundsDown = true;
    let res;
    try {
      res = await refund(admin, order.id, { amount: 2000, reason: 'late', to: 'source' });
    } finally {
      fake.refundsDown = false;
    }
    expect(res.status).toBe(201);
    expect(res.body.refund.status).toBe('requested');
    const seen = fake.requests.length;
    await runDuePaymentTasks(t.deps, { orderId: order.id, now: new Date(Date.now() + 3_600_000) });
    const calls = refundCalls(seen);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers['idempotency-key']).toBe(`refund-${res.body.refund.id}`);
    const [row] = await t.deps.db.select().from(refunds).where(eq(refunds.id, res.body.refund.id));
    expect(row).toMatchObject({ status: 'succeeded' });
  });
});

describe('refunding cash orders to the wallet', () => {
  it('when a delivered cash order is refunded by line to the wallet, then the balance and the ledger show it; to the card it is 422 no_card_payment', async () => {
    const shopper = await createUser(t);
    const order = await deliveredCashOrder(shopper);

    const toCard = await refund(admin, order.id, { lines: [{ variantId: order.a.id, quantity: 1 }], reason: 'missing', to: 'source' });
    expect(toCard.status).toBe(422);
    expect(toCard.body.error.code).toBe('no_card_payment');

    const res = await refund(admin, order.id, { lines: [{ variantId: order.a.id, quantity: 1 }], reason: 'Missing from the bag', to: 'wallet' });
    expect(res.status).toBe(201);
    const wallet = await clientAs(t, shopper).get('/api/wallet');
    expect(wallet.body).toMatchObject({ balance: 5000, entries: [{ amount: 5000, kind: 'refund', orderId: order.id, orderNumber: order.number, reason: 'Missing from the bag' }] });
  });

  it('when an admin moves a delivered cash order to refunded, then everything it was paid goes to the wallet', async () => {
    const shopper = await createUser(t);
    const order = await deliveredCashOrder(shopper);
    const res = await clientAs(t, admin).post(`/api/admin/orders/${order.id}/transition`, { to: 'refunded' });
    expect(res.status).toBe(200);
    expect(await balanceOf(shopper.id)).toBe(order.total);
    expect(res.body.order.refundedAmount).toBe(order.total);
  });

  it('when the cash order is not delivered yet, then nothing has been paid and a refund is 409 nothing_to_refund', async () => {
    const a = await createStockedVariant(t.deps.db, store.id);
    const order = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, paymentMethod: 'cod', lines: [{ variant: a, quantity: 1 }] });
    const res = await refund(admin, order.id, { amount: 100, reason: 'early', to: 'wallet' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('nothing_to_refund');
  });
});

describe('who may refund and see a wallet', () => {
  it('when a customer, or the manager of another store, asks for a refund, then 403 and 404, and nothing is written', async () => {
    const order = await deliveredCashOrder();
    const otherManager = await createUser(t, { role: 'staff' });
    expect((await refund(customer, order.id, { amount: 100, reason: 'for me', to: 'wallet' })).status).toBe(403);
    expect((await refund(otherManager, order.id, { amount: 100, reason: 'for me', to: 'wallet' })).status).toBe(404);
    expect(await t.deps.db.select().from(refunds).where(eq(refunds.orderId, order.id))).toEqual([]);
  });

  it('when the body gives both lines and an amount, or neither, or an amount over ₹1,00,000, then 400 naming the field', async () => {
    const order = await deliveredCashOrder();
    const both = await refund(admin, order.id, { amount: 100, lines: [{ variantId: order.a.id, quantity: 1 }], reason: 'xx x', to: 'wallet' });
    const neither = await refund(admin, order.id, { reason: 'xx x', to: 'wallet' });
    const huge = await refund(admin, order.id, { amount: 10_000_001, reason: 'xx x', to: 'wallet' });
    for (const res of [both, neither]) expect(res.body.error.details.issues[0].path).toBe('body.lines');
    expect(huge.body.error.details.issues[0].path).toBe('body.amount');
    expect([both.status, neither.status, huge.status]).toEqual([400, 400, 400]);
  });

  it('when an admin gives goodwill credit, then the customer sees it; staff may not, and a staff account gets none', async () => {
    const shopper = await createUser(t);
    const res = await clientAs(t, admin).post(`/api/admin/users/${shopper.id}/wallet-credits`, { amount: 2500, reason: 'Sorry for the late order' });
    expect(res.status).toBe(201);
    expect(res.body.balance).toBe(2500);
    expect((await clientAs(t, manager).post(`/api/admin/users/${shopper.id}/wallet-credits`, { amount: 2500, reason: 'mine' })).status).toBe(403);
    expect((await clientAs(t, admin).post(`/api/admin/users/${manager.id}/wallet-credits`, { amount: 2500, reason: 'staff' })).status).toBe(404);
    const entries = await t.deps.db.select().from(walletEntries).where(eq(walletEntries.userId, shopper.id));
    expect(entries).toMatchObject([{ amount: 2500, kind: 'goodwill', actorId: admin.id }]);
    // Each customer sees only their own wallet.
    expect((await clientAs(t, customer).get('/api/wallet')).body.entries.some((e: { reason: string }) => e.reason === 'Sorry for the late order')).toBe(false);
  });
});
