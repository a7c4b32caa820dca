/** The lifecycle end to end through the real checkout (POST /api/order), webhooks, the sweeper and staff moves. */
import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../../db/schema/index';
import { startTestApp, type TestApp } from '../../test/harness';
import { clientAs, createUser, type TestUser } from '../../test/factories';
import { createShopper } from '../checkout/checkout.factories';
import { startFakeStripe, type FakeStripe } from '../payments/stripe.fake';
import { sweepExpiredReservations } from './order.jobs';
import { createStockedVariant, createTestStore, stockOf, type TestStore } from './order.factories';

const WEBHOOK_SECRET = `whsec_${randomBytes(16).toString('hex')}`;
const stripe = new Stripe('sk_test_helper');

let t: TestApp;
let fake: FakeStripe;
let store: TestStore;
let staff: TestUser;

beforeAll(async () => {
  fake = await startFakeStripe();
  t = await startTestApp({
    RATE_LIMIT_API: '100000',
    STRIPE_SECRET_KEY: 'sk_test_lifecycle',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_lifecycle',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: fake.url,
  });
  store = await createTestStore(t.deps.db);
  staff = await createUser(t, { role: 'staff', storeId: store.id });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

function webhook(type: string, object: Record<string, unknown>) {
  const payload = JSON.stringify({ id: `evt_${randomBytes(6).toString('hex')}`, object: 'event', type, data: { object } });
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
  return t.client().post('/api/payments/stripe/webhook', undefined, {
    raw: payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  });
}

describe('orders placed through POST /api/order', () => {
  it('when a cash order is placed and staff deliver it, then stock is reserved, then consumed, and history lists it first', async () => {
    const s = await createShopper(t);
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 7 });
    const placed = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: v.id, quantity: 3 }] });
    expect(placed.status).toBe(201);
    const id = placed.body.order.id as string;
    expect(await stockOf(t.deps.db, store.id, v.id)).toEqual({ onHand: 7, reserved: 3 });

    for (const to of ['packing', 'packed', 'out_for_delivery', 'delivered']) {
      expect((await clientAs(t, staff).post(`/api/admin/orders/${id}/transition`, { to })).status).toBe(200);
    }
    expect(await stockOf(t.deps.db, store.id, v.id)).toEqual({ onHand: 4, reserved: 0 });
    const history = await s.client.get('/api/order/history');
    expect(history.body.items[0]).toMatchObject({ id, status: 'delivered', paymentStatus: 'paid', itemCount: 3 });
    const again = await s.client.post(`/api/order/${id}/reorder`);
    expect(again.body.added).toEqual([expect.objectContaining({ variantId: v.id, quantity: 3 })]);
  });

  it('when a card order is paid, then the webhook confirms it; an unpaid one expires and returns its stock', async () => {
    const s = await createShopper(t);
    // Another customer: one customer may leave only one card order unpaid at a time.
    const other = await createShopper(t);
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 6 });
    const paid = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'card', items: [{ variantId: v.id, quantity: 2 }] });
    const unpaid = await other.client.post('/api/order', { addressId: other.addressId, paymentMethod: 'card', items: [{ variantId: v.id, quantity: 3 }] });
    expect([paid.status, unpaid.status]).toEqual([201, 201]);
    expect(await stockOf(t.deps.db, store.id, v.id)).toEqual({ onHand: 6, reserved: 5 });

    const ok = await webhook('payment_intent.succeeded', {
      id: paid.body.payment.intentId,
      object: 'payment_intent',
      amount: paid.body.order.bill.total,
      amount_received: paid.body.order.bill.total,
      currency: 'inr',
      metadata: { orderId: paid.body.order.id },
    });
    expect(ok.status).toBe(200);
    expect((await s.client.get(`/api/order/${paid.body.order.id}`)).body.order).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });

    await t.deps.db.update(orders).set({ reservationExpiresAt: new Date(Date.now() - 1000) }).where(eq(orders.id, unpaid.body.order.id));
    expect(await sweepExpiredReservations(t.deps)).toBeGreaterThanOrEqual(1);
    expect((await other.client.get(`/api/order/${unpaid.body.order.id}`)).body.order.status).toBe('expired');
    expect(await stockOf(t.deps.db, store.id, v.id)).toEqual({ onHand: 6, reserved: 2 });
  });

  it('when customers cancel while others check out the same scarce item, then stock freed by cancels is resold without ever overselling', async () => {
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 5 });
    const holders = await Promise.all(Array.from({ length: 5 }, () => createShopper(t)));
    const held: string[] = [];
    for (const h of holders) {
      const r = await h.client.post('/api/order', { addressId: h.addressId, paymentMethod: 'cod', items: [{ variantId: v.id, quantity: 1 }] });
      expect(r.status).toBe(201);
      held.push(r.body.order.id);
    }
    expect(await stockOf(t.deps.db, store.id, v.id)).toEqual({ onHand: 5, reserved: 5 });
    const buyers = await Promise.all(Array.from({ length: 12 }, () => createShopper(t)));

    const [cancels, buys] = await Promise.all([
      Promise.all(holders.map((h, i) => h.client.post(`/api/order/${held[i]}/cancel`, {}))),
      Promise.all(buyers.map((b) => b.client.post('/api/order', { addressId: b.addressId, paymentMethod: 'cod', items: [{ variantId: v.id, quantity: 1 }] }))),
    ]);

    expect(cancels.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);
    const won = buys.filter((b) => b.status === 201);
    const lost = buys.filter((b) => b.status !== 201);
    expect(lost.every((b) => b.status === 409 && b.body.error.code === 'out_of_stock')).toBe(true);
    expect(won.length).toBeLessThanOrEqual(5);
    const s = await stockOf(t.deps.db, store.id, v.id);
    expect(s).toEqual({ onHand: 5, reserved: won.length });
    const live = await t.deps.db
      .select({ id: orders.id, status: orders.status })
      .from(orders)
      .where(inArray(orders.id, [...held, ...won.map((b) => b.body.order.id as string)]));
    expect(live.filter((o) => o.status === 'confirmed')).toHaveLength(won.length);
    expect(live.filter((o) => o.status === 'cancelled')).toHaveLength(5);
  });
});
