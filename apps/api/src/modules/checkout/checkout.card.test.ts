import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, payments } from '../../db/schema/index';
import { startTestApp, type TestApp } from '../../test/harness';
import { startFakeStripe, type FakeStripe } from '../payments/stripe.fake';
import { createShopper, createStockedVariant, createTestStore, stockOf, type TestStore } from './checkout.factories';
import { CARD_RESERVATION_MINUTES } from './checkout.service';

let t: TestApp;
let fake: FakeStripe;
let store: TestStore;
beforeAll(async () => {
  fake = await startFakeStripe();
  t = await startTestApp({ STRIPE_SECRET_KEY: 'sk_test_checkout', STRIPE_PUBLISHABLE_KEY: 'pk_test_checkout', STRIPE_API_BASE: fake.url });
  store = await createTestStore(t.deps.db);
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

describe('POST /api/order (card)', () => {
  it('when a card order is placed, then it waits in pending_payment holding stock, with a PaymentIntent for the total', async () => {
    const s = await createShopper(t);
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 5, price: 25_000, mrp: 25_000 });
    const before = Date.now();

    const res = await s.client.post(
      '/api/order',
      { addressId: s.addressId, paymentMethod: 'card', items: [{ variantId: v.id, quantity: 2 }] },
      { headers: { 'idempotency-key': 'card-1' } },
    );

    expect(res.status).toBe(201);
    expect(res.body.order).toMatchObject({ status: 'pending_payment', paymentMethod: 'card', paymentStatus: 'pending' });
    expect(res.body.payment).toMatchObject({ provider: 'stripe', publishableKey: 'pk_test_checkout' });
    expect(res.body.payment.clientSecret).toMatch(/_secret_/);
    const [row] = await t.deps.db.select().from(orders).where(eq(orders.id, res.body.order.id));
    const holdMs = row!.reservationExpiresAt!.getTime() - before;
    expect(holdMs).toBeGreaterThanOrEqual(CARD_RESERVATION_MINUTES * 60_000 - 1000);
    expect(holdMs).toBeLessThanOrEqual(CARD_RESERVATION_MINUTES * 60_000 + 5000);
    expect(await stockOf(t.deps.db, store.id, v.id)).toMatchObject({ reserved: 2 });
    const intentCall = fake.requests.find((r) => r.form.get('metadata[orderId]') === res.body.order.id);
    expect(intentCall?.form.get('amount')).toBe(String(res.body.order.bill.total));
    expect(intentCall?.form.get('currency')).toBe('inr');
    const [payment] = await t.deps.db.select().from(payments).where(eq(payments.orderId, res.body.order.id));
    expect(payment).toMatchObject({ amount: res.body.order.bill.total });

    // A retry with the same key answers with the same order and the same PaymentIntent.
    const again = await s.client.post(
      '/api/order',
      { addressId: s.addressId, paymentMethod: 'card', items: [{ variantId: v.id, quantity: 2 }] },
      { headers: { 'idempotency-key': 'card-1' } },
    );
    expect(again.status).toBe(200);
    expect(again.body.order.id).toBe(res.body.order.id);
    expect(again.body.payment.intentId).toBe(res.body.payment.intentId);
    expect(await stockOf(t.deps.db, store.id, v.id)).toMatchObject({ reserved: 2 });
  });

  it('when a customer with an unpaid card order places another card order, then 409 unpaid_order_open and the stock stays free', async () => {
    const s = await createShopper(t);
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 20, maxPerOrder: 10 });
    const ask = { addressId: s.addressId, paymentMethod: 'card', items: [{ variantId: v.id, quantity: 10 }] };
    const first = await s.client.post('/api/order', ask);
    expect(first.status).toBe(201);

    const second = await s.client.post('/api/order', ask);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'unpaid_order_open', details: { orderId: first.body.order.id } });
    expect(await stockOf(t.deps.db, store.id, v.id)).toMatchObject({ reserved: 10 });

    // Cash on delivery holds no stock for payment, and once the unpaid order is cancelled a card order goes through.
    expect((await s.client.post('/api/order', { ...ask, paymentMethod: 'cod', items: [{ variantId: v.id, quantity: 1 }] })).status).toBe(201);
    expect((await s.client.post(`/api/order/${first.body.order.id}/cancel`, {})).status).toBe(200);
    expect((await s.client.post('/api/order', ask)).status).toBe(201);
  });

  it('when one customer fires five card checkouts at once, then exactly one holds stock', async () => {
    const s = await createShopper(t);
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 50, maxPerOrder: 10 });
    const ask = { addressId: s.addressId, paymentMethod: 'card', items: [{ variantId: v.id, quantity: 10 }] };
    const results = await Promise.all(Array.from({ length: 5 }, () => s.client.post('/api/order', ask)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await stockOf(t.deps.db, store.id, v.id)).toMatchObject({ reserved: 10 });
  });
});
