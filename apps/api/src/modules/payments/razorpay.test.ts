/**
 * UPI and cards through Razorpay: the real SDK against a local fake of Razorpay's API, webhooks and
 * Checkout callbacks signed as Razorpay signs them, and every capture applied once however its news arrives.
 */
import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import Razorpay from 'razorpay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvents, orders, paymentTasks, payments, refunds as refundRows, webhookEvents } from '../../db/schema/index';
import { clientAs, createUser, type TestUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import { createShopper } from '../checkout/checkout.factories';
import { createStockedVariant, createTestOrder, createTestStore, type TestStore } from '../orders/order.factories';
import { sweepExpiredReservations } from '../orders/order.jobs';
import { runDuePaymentTasks } from './payment-tasks';
import { signRazorpayPayment, signRazorpayWebhook, startRazorpayShop, type RazorpayShop } from './payments.factories';
import { createRazorpayPayment } from './payments.service';
import type { FakeRazorpay } from './razorpay.fake';

let shop: RazorpayShop;
let t: TestApp;
let fake: FakeRazorpay;
let store: TestStore;
let customer: TestUser;

beforeAll(async () => {
  // Stripe is configured too: Razorpay is chosen by the checkout, not by being the only one.
  shop = await startRazorpayShop({ STRIPE_SECRET_KEY: 'sk_test_unused', STRIPE_PUBLISHABLE_KEY: 'pk_test_beside' });
  ({ t, fake } = shop);
  store = await createTestStore(t.deps.db);
  customer = await createUser(t);
});
afterAll(async () => {
  await shop?.close();
});

/** A card order waiting for payment, with its Razorpay order created as checkout creates it. */
async function razorpayOrder(quantity = 1) {
  const variant = await createStockedVariant(t.deps.db, store.id, { onHand: 10 });
  const order = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, status: 'pending_payment', paymentMethod: 'card', lines: [{ variant, quantity }] });
  const rzp = await createRazorpayPayment(t.deps, order);
  return { order, rzp, paymentId: `pay_${randomBytes(7).toString('hex')}` };
}

type Rzp = Awaited<ReturnType<typeof razorpayOrder>>;

let seq = 0;
const paymentEntity = (r: Rzp, amount: number, status: string) => ({
  id: r.paymentId,
  entity: 'payment',
  amount,
  currency: 'INR',
  status,
  order_id: r.rzp.orderId,
  method: 'upi',
  captured: status === 'captured',
  notes: {},
});

function paymentEvent(event: 'payment.captured' | 'payment.failed', r: Rzp, amount = r.rzp.amount) {
  const status = event === 'payment.captured' ? 'captured' : 'failed';
  return { entity: 'event', account_id: 'acc_test', event, contains: ['payment'], payload: { payment: { entity: paymentEntity(r, amount, status) } }, created_at: seq++ };
}

function refundEvent(r: Rzp, refund: { id: string; amount: number }, full = true) {
  const payment = { ...paymentEntity(r, r.rzp.amount, 'refunded'), amount_refunded: full ? r.rzp.amount : refund.amount, refund_status: full ? 'full' : 'partial' };
  return {
    entity: 'event',
    account_id: 'acc_test',
    event: 'refund.processed',
    contains: ['refund', 'payment'],
    payload: { refund: { entity: { id: refund.id, entity: 'refund', amount: refund.amount, payment_id: r.paymentId, status: 'processed' } }, payment: { entity: payment } },
    created_at: seq++,
  };
}

const newEventId = () => `evt_${randomBytes(7).toString('hex')}`;

function post(body: unknown, opts: { eventId?: string; secret?: string; signature?: string | null } = {}) {
  const payload = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-razorpay-event-id': opts.eventId ?? newEventId() };
  if (opts.signature !== null) headers['x-razorpay-signature'] = opts.signature ?? signRazorpayWebhook(payload, opts.secret ?? shop.webhookSecret);
  return t.client().post('/api/payments/razorpay/webhook', undefined, { raw: payload, headers });
}

function verify(r: Rzp, opts: { as?: TestUser; signature?: string } = {}) {
  return clientAs(t, opts.as ?? customer).post('/api/payments/razorpay/verify', {
    orderId: r.order.id,
    razorpayOrderId: r.rzp.orderId,
    razorpayPaymentId: r.paymentId,
    razorpaySignature: opts.signature ?? signRazorpayPayment(r.rzp.orderId, r.paymentId, fake.keySecret),
  });
}

async function statusOf(orderId: string) {
  const [row] = await t.deps.db.select({ status: orders.status, paymentStatus: orders.paymentStatus }).from(orders).where(eq(orders.id, orderId));
  const [events] = await t.deps.db.select({ n: count() }).from(orderEvents).where(eq(orderEvents.orderId, orderId));
  return { ...row!, events: events!.n };
}

const paymentRowOf = async (r: Rzp) =>
  (await t.deps.db.select().from(payments).where(eq(payments.providerRef, r.rzp.orderId)))[0];
const refundCalls = (since: number, r?: Rzp) =>
  fake.requests.slice(since).filter((q) => q.method === 'POST' && q.path.endsWith('/refund') && (!r || q.path === `/v1/payments/${r.paymentId}/refund`));

describe('GET /api/payments/config with Razorpay keys', () => {
  it('when Razorpay keys are set, then Razorpay is offered beside Stripe and cash with its key id, never its secrets', async () => {
    const res = await t.client().get('/api/payments/config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ cardEnabled: true, publishableKey: 'pk_test_beside', providers: ['stripe', 'razorpay', 'cod'], razorpayKeyId: fake.keyId });
    expect(res.text).not.toContain(fake.keySecret);
    expect(res.text).not.toContain(shop.webhookSecret);
  });

  it('when only one Razorpay key is set, then the app refuses to start, naming the missing one', async () => {
    await expect(startTestApp({ RAZORPAY_KEY_ID: fake.keyId }, { attachTo: t })).rejects.toThrow(/RAZORPAY_KEY_SECRET/);
  });
});

describe('checkout with Razorpay', () => {
  it('when a card order asks for Razorpay, then one Razorpay order in paise with the order number as receipt is created, and a retry answers with the same one', async () => {
    const s = await createShopper(t);
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 10 });
    const ask = { addressId: s.addressId, paymentMethod: 'card', provider: 'razorpay', items: [{ variantId: v.id, quantity: 2 }] };
    const seen = fake.requests.length;

    const res = await s.client.post('/api/order', ask, { headers: { 'idempotency-key': 'rzp-1' } });

    expect(res.status).toBe(201);
    expect(res.body.order).toMatchObject({ status: 'pending_payment', paymentMethod: 'card', paymentStatus: 'pending' });
    const [order] = await t.deps.db.select().from(orders).where(eq(orders.id, res.body.order.id));
    expect(res.body.payment).toEqual({ provider: 'razorpay', keyId: fake.keyId, orderId: expect.stringMatching(/^order_/), amount: order!.total, currency: 'INR' });
    const created = fake.requests.slice(seen).filter((q) => q.path === '/v1/orders');
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toMatchObject({ amount: order!.total, currency: 'INR', receipt: order!.number, notes: { orderId: order!.id } });

    const again = await s.client.post('/api/order', ask, { headers: { 'idempotency-key': 'rzp-1' } });
    expect(again.status).toBe(200);
    expect(again.body.payment.orderId).toBe(res.body.payment.orderId);
    expect(fake.requests.slice(seen).filter((q) => q.path === '/v1/orders')).toHaveLength(1);
    const rows = await t.deps.db.select().from(payments).where(eq(payments.orderId, order!.id));
    expect(rows).toMatchObject([{ provider: 'razorpay', providerRef: res.body.payment.orderId, amount: order!.total, status: 'requires_payment' }]);
  });

  it('when only Razorpay is configured, then a card checkout goes to Razorpay by default and asking for Stripe is refused', async () => {
    const only = await startTestApp(
      { RAZORPAY_KEY_ID: fake.keyId, RAZORPAY_KEY_SECRET: fake.keySecret, RAZORPAY_API_BASE: fake.url },
      { attachTo: t },
    );
    try {
      expect((await only.client().get('/api/payments/config')).body).toEqual({ cardEnabled: false, publishableKey: null, providers: ['razorpay', 'cod'], razorpayKeyId: fake.keyId });
      const s = await createShopper(only);
      const v = await createStockedVariant(only.deps.db, store.id, { onHand: 10 });
      const stripe = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'card', provider: 'stripe', items: [{ variantId: v.id, quantity: 1 }] });
      expect(stripe.status).toBe(400);
      expect(stripe.body.error.code).toBe('card_unavailable');
      const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'card', items: [{ variantId: v.id, quantity: 1 }] });
      expect(res.status).toBe(201);
      expect(res.body.payment).toMatchObject({ provider: 'razorpay', keyId: fake.keyId });
    } finally {
      await only.close();
    }
  });
});

describe('POST /api/payments/razorpay/verify (Checkout callback)', () => {
  it('when the signature is not Razorpay’s, then 400 invalid_signature and nothing is applied', async () => {
    const r = await razorpayOrder();
    const forged = signRazorpayPayment(r.rzp.orderId, r.paymentId, 'not-the-key-secret');
    const res = await verify(r, { signature: forged });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_signature');
    expect(await statusOf(r.order.id)).toEqual({ status: 'pending_payment', paymentStatus: 'pending', events: 1 });
    // A signature made for another payment does not carry over either.
    expect((await verify(r, { signature: signRazorpayPayment(r.rzp.orderId, 'pay_other', fake.keySecret) })).status).toBe(400);
  });

  it('when someone other than the order’s owner sends it, then 404 and nothing is applied', async () => {
    const r = await razorpayOrder();
    const stranger = await createUser(t);
    expect((await verify(r, { as: stranger })).status).toBe(404);
    expect((await statusOf(r.order.id)).status).toBe('pending_payment');
  });

  it('when it names a Razorpay order of another order, then 400 naming razorpayOrderId', async () => {
    const r = await razorpayOrder();
    const other = await razorpayOrder();
    const res = await verify({ ...r, rzp: other.rzp });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('razorpayOrderId');
  });

  it('when the signature is valid, then the order is confirmed and paid once, however often the callback and the webhook come after it', async () => {
    const r = await razorpayOrder(2);
    const res = await verify(r);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ verified: true, orderId: r.order.id, status: 'confirmed' });
    const after = await statusOf(r.order.id);
    expect(after).toEqual({ status: 'confirmed', paymentStatus: 'paid', events: 2 });
    expect(await paymentRowOf(r)).toMatchObject({ provider: 'razorpay', status: 'succeeded', providerPaymentRef: r.paymentId, amount: r.order.total });

    expect((await verify(r)).body.status).toBe('confirmed');
    expect((await post(paymentEvent('payment.captured', r))).status).toBe(200);
    expect(await statusOf(r.order.id)).toEqual(after);
  });

  it('when the webhook confirmed it first, then the callback after it answers confirmed and changes nothing', async () => {
    const r = await razorpayOrder();
    expect((await post(paymentEvent('payment.captured', r))).status).toBe(200);
    const after = await statusOf(r.order.id);
    expect(after).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
    expect((await verify(r)).body).toEqual({ verified: true, orderId: r.order.id, status: 'confirmed' });
    expect(await statusOf(r.order.id)).toEqual(after);
  });
});

describe('POST /api/payments/razorpay/webhook', () => {
  it('when the signature is forged, missing, or the body was altered after signing, then 400 and nothing is recorded or applied', async () => {
    const r = await razorpayOrder();
    const event = paymentEvent('payment.captured', r);
    const eventId = newEventId();
    const forged = await post(event, { eventId, secret: 'not-our-secret' });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('invalid_signature');
    expect((await post(event, { eventId, signature: null })).status).toBe(400);
    const signed = signRazorpayWebhook(JSON.stringify(event), shop.webhookSecret);
    const tampered = paymentEvent('payment.captured', r, 1);
    expect((await post({ ...tampered, created_at: event.created_at }, { eventId, signature: signed })).status).toBe(400);
    expect(await t.deps.db.select().from(webhookEvents).where(eq(webhookEvents.id, eventId))).toEqual([]);
    expect((await statusOf(r.order.id)).status).toBe('pending_payment');
  });

  it('when the signature is computed as Razorpay does, then the SDK’s own check agrees with it', () => {
    const payload = JSON.stringify({ event: 'payment.captured' });
    expect(Razorpay.validateWebhookSignature(payload, signRazorpayWebhook(payload, 'secret'), 'secret')).toBe(true);
  });

  it('when the same event id is delivered 5 more times (in a row and at once), then it is applied once', async () => {
    const r = await razorpayOrder();
    const event = paymentEvent('payment.captured', r);
    const eventId = newEventId();
    expect((await post(event, { eventId })).body).toEqual({ received: true });
    const after = await statusOf(r.order.id);
    expect(after).toEqual({ status: 'confirmed', paymentStatus: 'paid', events: 2 });
    for (let i = 0; i < 3; i++) expect((await post(event, { eventId })).body).toEqual({ received: true, duplicate: true });
    const burst = await Promise.all([post(event, { eventId }), post(event, { eventId })]);
    expect(burst.map((b) => b.status)).toEqual([200, 200]);
    expect(await statusOf(r.order.id)).toEqual(after);
    expect(await t.deps.db.select().from(webhookEvents).where(eq(webhookEvents.id, eventId))).toMatchObject([{ provider: 'razorpay', type: 'payment.captured' }]);
  });

  it('when a fresh capture arrives at once from many deliveries, then exactly one applies', async () => {
    const r = await razorpayOrder();
    const event = paymentEvent('payment.captured', r);
    const eventId = newEventId();
    const all = await Promise.all(Array.from({ length: 5 }, () => post(event, { eventId })));
    expect(all.every((x) => x.status === 200)).toBe(true);
    expect(all.filter((x) => x.body.duplicate !== true)).toHaveLength(1);
    expect(await statusOf(r.order.id)).toEqual({ status: 'confirmed', paymentStatus: 'paid', events: 2 });
  });

  it('when a payment fails, then the order stays payable, and a capture after it confirms the order', async () => {
    const r = await razorpayOrder();
    expect((await post(paymentEvent('payment.failed', r))).status).toBe(200);
    expect(await statusOf(r.order.id)).toEqual({ status: 'pending_payment', paymentStatus: 'pending', events: 1 });
    expect(await paymentRowOf(r)).toMatchObject({ status: 'failed' });
    expect((await post(paymentEvent('payment.captured', r))).status).toBe(200);
    expect(await statusOf(r.order.id)).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
  });

  it('when a failure arrives after the capture (out of order), then the order stays confirmed and its payment captured', async () => {
    const r = await razorpayOrder();
    await post(paymentEvent('payment.captured', r));
    const after = await statusOf(r.order.id);
    expect((await post(paymentEvent('payment.failed', r))).status).toBe(200);
    expect(await statusOf(r.order.id)).toEqual(after);
    expect(await paymentRowOf(r)).toMatchObject({ status: 'succeeded', providerPaymentRef: r.paymentId });
  });

  it('when a refund is reported for an order not yet paid, or for a refund we never asked for, then 200 and nothing changes', async () => {
    const r = await razorpayOrder();
    expect((await post(refundEvent(r, { id: 'rfnd_stranger', amount: r.rzp.amount }))).status).toBe(200);
    expect(await statusOf(r.order.id)).toEqual({ status: 'pending_payment', paymentStatus: 'pending', events: 1 });
  });

  it('when the event type is unknown or names no order of ours, then 200 and nothing changes', async () => {
    const unknown = await post({ entity: 'event', event: 'order.paid', payload: { order: { entity: { id: 'order_x' } } } });
    expect(unknown.body).toEqual({ received: true });
    const r = await razorpayOrder();
    const stray = paymentEvent('payment.captured', { ...r, rzp: { ...r.rzp, orderId: 'order_not_ours' } });
    expect((await post(stray)).status).toBe(200);
    expect((await statusOf(r.order.id)).status).toBe('pending_payment');
  });

  it('when the amount captured does not match what the bill leaves to pay, then the order is not confirmed and the money goes back', async () => {
    const r = await razorpayOrder();
    const seen = fake.requests.length;
    expect((await post(paymentEvent('payment.captured', r, r.rzp.amount - 100))).status).toBe(200);
    expect((await statusOf(r.order.id)).status).toBe('pending_payment');
    const sent = refundCalls(seen, r);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ amount: r.rzp.amount - 100 });
  });
});

describe('late captures and refunds through the ledger', () => {
  it('when a capture arrives after the customer cancelled, then it is refunded once through Razorpay, however often it is reported', async () => {
    const r = await razorpayOrder();
    expect((await clientAs(t, customer).post(`/api/order/${r.order.id}/cancel`, {})).status).toBe(200);
    const seen = fake.requests.length;
    expect((await post(paymentEvent('payment.captured', r))).status).toBe(200);
    // Reported again under another event id, and by the browser's callback: nothing more is asked.
    expect((await post(paymentEvent('payment.captured', r))).status).toBe(200);
    expect((await verify(r)).body.status).toBe('cancelled');
    const sent = refundCalls(seen, r);
    expect(sent).toHaveLength(1);
    const ledger = await t.deps.db.select().from(refundRows).where(eq(refundRows.orderId, r.order.id));
    expect(ledger).toMatchObject([{ amount: r.order.total, method: 'source', status: 'succeeded', providerRefundId: expect.stringMatching(/^rfnd_/) }]);
    expect(sent[0]!.body).toEqual({ amount: r.order.total, notes: { fatafat_refund: `refund-${ledger[0]!.id}` } });
    expect((await statusOf(r.order.id)).status).toBe('cancelled');
  });

  it('when a capture arrives after the order expired, then the order stays expired and the money goes back', async () => {
    const r = await razorpayOrder();
    await t.deps.db.update(orders).set({ reservationExpiresAt: new Date(Date.now() - 1000) }).where(eq(orders.id, r.order.id));
    await sweepExpiredReservations(t.deps);
    const seen = fake.requests.length;
    expect((await post(paymentEvent('payment.captured', r))).status).toBe(200);
    expect((await statusOf(r.order.id)).status).toBe('expired');
    expect(refundCalls(seen, r)).toHaveLength(1);
  });

  it('when a paid order is cancelled and Razorpay settles the refund later, then refund.processed settles the ledger row and marks the order refunded, once', async () => {
    const r = await razorpayOrder();
    await verify(r);
    fake.refundStatus = 'pending';
    try {
      expect((await clientAs(t, customer).post(`/api/order/${r.order.id}/cancel`, {})).status).toBe(200);
    } finally {
      fake.refundStatus = 'processed';
    }
    const [row] = await t.deps.db.select().from(refundRows).where(eq(refundRows.orderId, r.order.id));
    expect(row).toMatchObject({ status: 'requested', settledAt: null, providerRefundId: expect.stringMatching(/^rfnd_/) });

    const event = refundEvent(r, { id: row!.providerRefundId!, amount: r.order.total });
    const eventId = newEventId();
    expect((await post(event, { eventId })).status).toBe(200);
    const [settled] = await t.deps.db.select().from(refundRows).where(eq(refundRows.id, row!.id));
    expect(settled).toMatchObject({ status: 'succeeded', settledAt: expect.any(Date) });
    const after = await statusOf(r.order.id);
    expect(after).toMatchObject({ status: 'refunded', paymentStatus: 'refunded' });
    expect((await post(event, { eventId })).body).toEqual({ received: true, duplicate: true });
    expect((await post(event)).status).toBe(200);
    expect(await statusOf(r.order.id)).toEqual(after);
  });

  it('when an admin refunds part of a Razorpay order, then Razorpay is asked for that part, and a partial refund.processed leaves the order as it is', async () => {
    const admin = await createUser(t, { role: 'admin' });
    const r = await razorpayOrder(2);
    await verify(r);
    const seen = fake.requests.length;
    const res = await clientAs(t, admin).post(`/api/admin/orders/${r.order.id}/refunds`, { amount: 100, to: 'source', reason: 'One bruised mango' });
    expect(res.status).toBe(201);
    const sent = refundCalls(seen, r);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ amount: 100 });
    const [row] = await t.deps.db.select().from(refundRows).where(eq(refundRows.orderId, r.order.id));
    expect((await post(refundEvent(r, { id: row!.providerRefundId!, amount: 100 }, false))).status).toBe(200);
    expect((await statusOf(r.order.id)).status).toBe('confirmed');
  });
});

describe('Razorpay refunds are durable: retried until Razorpay takes them, given back once', () => {
  const taskOf = async (orderId: string) => (await t.deps.db.select().from(paymentTasks).where(eq(paymentTasks.orderId, orderId)))[0];

  it('when Razorpay is down, then the refund is retried and done once it is back', async () => {
    const r = await razorpayOrder();
    await verify(r);
    fake.refundsDown = true;
    try {
      expect((await clientAs(t, customer).post(`/api/order/${r.order.id}/cancel`, {})).status).toBe(200);
      expect(await taskOf(r.order.id)).toMatchObject({ kind: 'refund', doneAt: null, attempts: 1 });
    } finally {
      fake.refundsDown = false;
    }
    await runDuePaymentTasks(t.deps, { now: new Date(Date.now() + 86_400_000), orderId: r.order.id });
    expect((await taskOf(r.order.id))!.doneAt).not.toBeNull();
    const [row] = await t.deps.db.select().from(refundRows).where(eq(refundRows.orderId, r.order.id));
    expect(row).toMatchObject({ status: 'succeeded', providerRefundId: expect.stringMatching(/^rfnd_/) });
  });

  it('when Razorpay made the refund but its answer was lost, then the retry finds that refund instead of asking again', async () => {
    const r = await razorpayOrder();
    await verify(r);
    const seen = fake.requests.length;
    fake.dropRefundAnswers = true;
    try {
      expect((await clientAs(t, customer).post(`/api/order/${r.order.id}/cancel`, {})).status).toBe(200);
    } finally {
      fake.dropRefundAnswers = false;
    }
    expect((await taskOf(r.order.id))!.doneAt).toBeNull();
    await runDuePaymentTasks(t.deps, { now: new Date(Date.now() + 86_400_000), orderId: r.order.id });
    expect((await taskOf(r.order.id))!.doneAt).not.toBeNull();
    expect(refundCalls(seen, r)).toHaveLength(1);
    const [row] = await t.deps.db.select().from(refundRows).where(eq(refundRows.orderId, r.order.id));
    expect(row).toMatchObject({ status: 'succeeded', providerRefundId: expect.stringMatching(/^rfnd_/) });
  });
});
