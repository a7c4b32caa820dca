import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvents, orders, paymentTasks, payments, refunds as refundRows, webhookEvents } from '../../db/schema/index';
import { SYSTEM_ACTOR, transitionOrderTx } from '../orders/order-state';
import { runDuePaymentTasks } from './payment-tasks';
import { startTestApp, type TestApp } from '../../test/harness';
import { clientAs, createUser, type TestUser } from '../../test/factories';
import { sweepExpiredReservations } from '../orders/order.jobs';
import { createStockedVariant, createTestOrder, createTestStore, stockOf, type TestStore } from '../orders/order.factories';
import { createCardPayment } from './payments.service';
import { startFakeStripe, type FakeStripe } from './stripe.fake';

const WEBHOOK_SECRET = `whsec_${randomBytes(16).toString('hex')}`;
const stripe = new Stripe('sk_test_helper');

let t: TestApp;
let fake: FakeStripe;
let store: TestStore;
let customer: TestUser;

beforeAll(async () => {
  fake = await startFakeStripe();
  t = await startTestApp({
    STRIPE_SECRET_KEY: 'sk_test_fatafat',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_fatafat',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: fake.url,
  });
  store = await createTestStore(t.deps.db);
  customer = await createUser(t);
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

async function cardOrder(quantity = 2, onHand = 10) {
  const variant = await createStockedVariant(t.deps.db, store.id, { onHand });
  const order = await createTestOrder(t.deps.db, {
    userId: customer.id,
    storeId: store.id,
    status: 'pending_payment',
    paymentMethod: 'card',
    lines: [{ variant, quantity }],
  });
  const card = await createCardPayment(t.deps, order);
  return { order, variant, card };
}

let seq = 0;
function intentEvent(type: string, intent: { id: string; amount: number; orderId?: string }, id = `evt_${Date.now()}_${seq++}`) {
  return {
    id,
    object: 'event',
    type,
    data: {
      object: {
        id: intent.id,
        object: 'payment_intent',
        amount: intent.amount,
        amount_received: type === 'payment_intent.succeeded' ? intent.amount : 0,
        currency: 'inr',
        metadata: intent.orderId ? { orderId: intent.orderId } : {},
      },
    },
  };
}

function refundEvent(intentId: string, amount: number, full = true) {
  return {
    id: `evt_refund_${Date.now()}_${seq++}`,
    object: 'event',
    type: 'charge.refunded',
    data: { object: { id: `ch_${seq}`, object: 'charge', payment_intent: intentId, amount, amount_refunded: full ? amount : 100, refunded: full, currency: 'inr', metadata: {} } },
  };
}

function post(event: unknown, opts: { secret?: string; signature?: string | null } = {}) {
  const payload = JSON.stringify(event);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.signature !== null) {
    headers['stripe-signature'] = opts.signature ?? stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WEBHOOK_SECRET });
  }
  return t.client().post('/api/payments/stripe/webhook', undefined, { raw: payload, headers });
}

async function statusOf(orderId: string) {
  const [row] = await t.deps.db.select({ status: orders.status, paymentStatus: orders.paymentStatus }).from(orders).where(eq(orders.id, orderId));
  const [events] = await t.deps.db.select({ n: count() }).from(orderEvents).where(eq(orderEvents.orderId, orderId));
  return { ...row!, events: events!.n };
}

describe('payments config and intents', () => {
  it('when Stripe keys are set, then card payment is offered with the publishable key only', async () => {
    const res = await t.client().get('/api/payments/config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ cardEnabled: true, publishableKey: 'pk_test_fatafat', providers: ['stripe', 'cod'], razorpayKeyId: null });
    expect(res.text).not.toContain('sk_test');
  });

  it('when no keys are set, then only cash on delivery is offered and webhooks are refused', async () => {
    // Another app on the same database, configured without any Stripe keys.
    const plain = await startTestApp({}, { attachTo: t });
    try {
      expect((await plain.client().get('/api/payments/config')).body).toEqual({ cardEnabled: false, publishableKey: null, providers: ['cod'], razorpayKeyId: null });
      const res = await plain.client().post('/api/payments/stripe/webhook', { id: 'evt_1', type: 'payment_intent.succeeded' }, { headers: { 'stripe-signature': 't=1,v1=abc' } });
      expect(res.status).toBe(400);
      const rzp = await plain.client().post('/api/payments/razorpay/webhook', { event: 'payment.captured' }, { headers: { 'x-razorpay-signature': 'ab'.repeat(32) } });
      expect(rzp.status).toBe(400);
    } finally {
      await plain.close();
    }
  });

  it('when a card order starts paying, then a PaymentIntent in INR for the total is created once per order, with the order id in metadata', async () => {
    const { order, card } = await cardOrder();
    const again = await createCardPayment(t.deps, order);
    expect(again.intentId).toBe(card.intentId);
    expect(card.clientSecret).toMatch(/^pi_.*_secret_/);
    expect(card.publishableKey).toBe('pk_test_fatafat');
    const sent = fake.requests.filter((r) => r.form.get('metadata[orderId]') === order.id);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.form.get('amount')).toBe(String(order.total));
    expect(sent[0]!.form.get('currency')).toBe('inr');
    expect(sent[0]!.headers['idempotency-key']).toBe(`order-${order.id}`);
    expect(sent[1]!.headers['idempotency-key']).toBe(`order-${order.id}`);
    const rows = await t.deps.db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(rows).toMatchObject([{ providerRef: card.intentId, amount: order.total, status: 'requires_payment' }]);
  });
});

describe('POST /api/payments/stripe/webhook', () => {
  it('when the signature is forged, then 400 and nothing is recorded or applied', async () => {
    const { order, card } = await cardOrder();
    const event = intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total, orderId: order.id });
    const res = await post(event, { secret: 'whsec_not_ours' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_signature');
    expect(await t.deps.db.select().from(webhookEvents).where(eq(webhookEvents.id, event.id))).toEqual([]);
    expect((await statusOf(order.id)).status).toBe('pending_payment');
  });

  it('when the signature is missing or the body was altered after signing, then 400', async () => {
    const { order, card } = await cardOrder();
    const event = intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total, orderId: order.id });
    expect((await post(event, { signature: null })).status).toBe(400);
    const signed = stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: WEBHOOK_SECRET });
    const tampered = { ...event, data: { object: { ...event.data.object, amount_received: 1 } } };
    expect((await post(tampered, { signature: signed })).status).toBe(400);
    expect((await statusOf(order.id)).status).toBe('pending_payment');
  });

  it('when payment succeeds, then the order is confirmed and paid, the payment recorded, and stock stays reserved for delivery', async () => {
    const { order, card, variant } = await cardOrder(3);
    const heard: string[] = [];
    const off = t.deps.events.subscribe((e) => e.orderId === order.id && heard.push(e.status));
    const res = await post(intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total, orderId: order.id }));
    off();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true });
    expect(await statusOf(order.id)).toEqual({ status: 'confirmed', paymentStatus: 'paid', events: 2 });
    expect(heard).toEqual(['confirmed']);
    const [pay] = await t.deps.db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(pay).toMatchObject({ providerRef: card.intentId, status: 'succeeded', amount: order.total });
    expect(await stockOf(t.deps.db, store.id, variant.id)).toEqual({ onHand: 10, reserved: 3 });
    const view = await clientAs(t, customer).get(`/api/order/${order.id}`);
    expect(view.body.order.events.at(-1)).toMatchObject({ status: 'confirmed', actorRole: 'system' });
  });

  it('when the same event is delivered 5 more times (in a row and at once), then it is applied once', async () => {
    const { order, card } = await cardOrder();
    const event = intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total, orderId: order.id });
    expect((await post(event)).status).toBe(200);
    const after = await statusOf(order.id);
    for (let i = 0; i < 5; i++) {
      const res = await post(event);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ received: true, duplicate: true });
    }
    const burst = await Promise.all(Array.from({ length: 5 }, () => post(event)));
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await statusOf(order.id)).toEqual(after);
    expect(await t.deps.db.select().from(webhookEvents).where(eq(webhookEvents.id, event.id))).toHaveLength(1);
  });

  it('when a fresh event arrives at once from many deliveries, then exactly one applies', async () => {
    const { order, card } = await cardOrder();
    const event = intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total, orderId: order.id });
    const all = await Promise.all(Array.from({ length: 6 }, () => post(event)));
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(all.filter((r) => r.body.duplicate !== true)).toHaveLength(1);
    expect(await statusOf(order.id)).toEqual({ status: 'confirmed', paymentStatus: 'paid', events: 2 });
  });

  it('when a card is declined, then the order stays payable with its stock held, and a retry that succeeds confirms it', async () => {
    const { order, card, variant } = await cardOrder(4);
    const res = await post(intentEvent('payment_intent.payment_failed', { id: card.intentId, amount: order.total, orderId: order.id }));
    expect(res.status).toBe(200);
    expect((await statusOf(order.id)).status).toBe('pending_payment');
    expect(await stockOf(t.deps.db, store.id, variant.id)).toEqual({ onHand: 10, reserved: 4 });
    const seen = fake.requests.length;
    expect((await post(intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total, orderId: order.id }))).status).toBe(200);
    expect(await statusOf(order.id)).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
    expect(fake.requests.slice(seen).filter((r) => r.path === '/v1/refunds')).toHaveLength(0);
  });

  it('when a failure arrives after the success (out of order), then the order stays confirmed with its stock held', async () => {
    const { order, card, variant } = await cardOrder(2);
    await post(intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total, orderId: order.id }));
    const late = await post(intentEvent('payment_intent.payment_failed', { id: card.intentId, amount: order.total, orderId: order.id }));
    expect(late.status).toBe(200);
    expect(await statusOf(order.id)).toEqual({ status: 'confirmed', paymentStatus: 'paid', events: 2 });
    expect(await stockOf(t.deps.db, store.id, variant.id)).toEqual({ onHand: 10, reserved: 2 });
  });

  it('when a full refund arrives, then the order is refunded (found by intent id); a success arriving afterwards changes nothing', async () => {
    const { order, card, variant } = await cardOrder(2);
    await post(intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total, orderId: order.id }));
    const partial = await post(refundEvent(card.intentId, order.total, false));
    expect(partial.status).toBe(200);
    expect((await statusOf(order.id)).status).toBe('confirmed');
    expect((await post(refundEvent(card.intentId, order.total))).status).toBe(200);
    expect(await statusOf(order.id)).toEqual({ status: 'refunded', paymentStatus: 'refunded', events: 3 });
    expect(await stockOf(t.deps.db, store.id, variant.id)).toEqual({ onHand: 10, reserved: 0 });
    const replay = await post(intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total, orderId: order.id }));
    expect(replay.status).toBe(200);
    expect(await statusOf(order.id)).toEqual({ status: 'refunded', paymentStatus: 'refunded', events: 3 });
  });

  it('when a refund arrives for an order not yet paid (out of order), then nothing changes', async () => {
    const { order, card } = await cardOrder();
    expect((await post(refundEvent(card.intentId, order.total))).status).toBe(200);
    expect(await statusOf(order.id)).toEqual({ status: 'pending_payment', paymentStatus: 'pending', events: 1 });
  });

  it('when the amount paid does not match the order, then it is not confirmed', async () => {
    const { order, card } = await cardOrder();
    expect((await post(intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total - 100, orderId: order.id }))).status).toBe(200);
    expect((await statusOf(order.id)).status).toBe('pending_payment');
  });

  it('when the event type is unknown or names no order of ours, then 200 and nothing changes', async () => {
    const unknown = await post({ id: `evt_u_${seq++}`, object: 'event', type: 'customer.created', data: { object: { id: 'cus_1' } } });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual({ received: true });
    const stray = await post(intentEvent('payment_intent.succeeded', { id: 'pi_not_ours', amount: 100, orderId: 'not-a-uuid' }));
    expect(stray.status).toBe(200);
  });
});

describe('reservation sweeper', () => {
  it('when a card order’s payment window has passed, then it expires and its stock returns; a live one is untouched', async () => {
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 5 });
    const stale = await createTestOrder(t.deps.db, {
      userId: customer.id,
      storeId: store.id,
      status: 'pending_payment',
      reservationExpiresAt: new Date(Date.now() - 1000),
      lines: [{ variant: v, quantity: 2 }],
    });
    const live = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, status: 'pending_payment', lines: [{ variant: v, quantity: 1 }] });
    expect(await stockOf(t.deps.db, store.id, v.id)).toEqual({ onHand: 5, reserved: 3 });
    // Several processes sweeping at once must expire each order exactly once.
    const counts = await Promise.all([sweepExpiredReservations(t.deps), sweepExpiredReservations(t.deps), sweepExpiredReservations(t.deps)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(await statusOf(stale.id)).toEqual({ status: 'expired', paymentStatus: 'failed', events: 2 });
    expect((await statusOf(live.id)).status).toBe('pending_payment');
    expect(await stockOf(t.deps.db, store.id, v.id)).toEqual({ onHand: 5, reserved: 1 });
  });

  it('when payment succeeds after the order expired, then the order stays expired', async () => {
    const { order, card } = await cardOrder();
    await t.deps.db.update(orders).set({ reservationExpiresAt: new Date(Date.now() - 1000) }).where(eq(orders.id, order.id));
    await sweepExpiredReservations(t.deps);
    expect((await post(intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total, orderId: order.id }))).status).toBe(200);
    expect((await statusOf(order.id)).status).toBe('expired');
  });
});

describe('cancelling a paid card order refunds it', () => {
  const refundsSince = (n: number) => fake.requests.slice(n).filter((r) => r.path === '/v1/refunds');
  const paymentStatusOf = async (intentId: string) =>
    (await t.deps.db.select({ status: payments.status }).from(payments).where(eq(payments.providerRef, intentId)))[0]?.status;

  it('when the customer cancels a paid card order, then Stripe is asked once for a full refund and its webhook marks the order refunded', async () => {
    const { order, card, variant } = await cardOrder(2);
    await post(intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total, orderId: order.id }));
    const seen = fake.requests.length;

    const res = await clientAs(t, customer).post(`/api/order/${order.id}/cancel`, { reason: 'Changed my mind' });

    expect(res.status).toBe(200);
    const refunds = refundsSince(seen);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.form.get('payment_intent')).toBe(card.intentId);
    // One ledger row for the whole order, sent with its own key: a retry gives the money back once.
    const ledger = await t.deps.db.select().from(refundRows).where(eq(refundRows.orderId, order.id));
    expect(ledger).toMatchObject([{ amount: order.total, method: 'source', status: 'succeeded', includesFees: true }]);
    expect(refunds[0]!.headers['idempotency-key']).toBe(`refund-${ledger[0]!.id}`);
    expect(refunds[0]!.form.get('amount')).toBe(String(order.total));
    expect(await paymentStatusOf(card.intentId)).toBe('refund_requested');
    expect(await statusOf(order.id)).toMatchObject({ status: 'cancelled', paymentStatus: 'paid' });
    expect(await stockOf(t.deps.db, store.id, variant.id)).toEqual({ onHand: 10, reserved: 0 });

    expect((await post(refundEvent(card.intentId, order.total))).status).toBe(200);
    expect(await statusOf(order.id)).toMatchObject({ status: 'refunded', paymentStatus: 'refunded' });
  });

  it('when an unpaid card order or a cash order is cancelled, then no refund is asked for', async () => {
    const { order: unpaid } = await cardOrder(1);
    const variant = await createStockedVariant(t.deps.db, store.id);
    const cash = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, status: 'confirmed', lines: [{ variant, quantity: 1 }] });
    const seen = fake.requests.length;

    expect((await clientAs(t, customer).post(`/api/order/${unpaid.id}/cancel`, {})).status).toBe(200);
    expect((await clientAs(t, customer).post(`/api/order/${cash.id}/cancel`, {})).status).toBe(200);

    expect(refundsSince(seen)).toHaveLength(0);
    expect((await statusOf(unpaid.id)).status).toBe('cancelled');
    expect((await statusOf(cash.id)).status).toBe('cancelled');
  });
});

describe('the admin "Refund" of a paid card order', () => {
  const refundsSince = (n: number) => fake.requests.slice(n).filter((r) => r.path === '/v1/refunds');

  it('when an admin moves a paid card order to refunded, then Stripe is asked once for a full refund, and the refund webhook after it changes nothing', async () => {
    const admin = await createUser(t, { role: 'admin' });
    const { order, card } = await cardOrder(1);
    await post(intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total, orderId: order.id }));
    const seen = fake.requests.length;

    const res = await clientAs(t, admin).post(`/api/admin/orders/${order.id}/transition`, { to: 'refunded' });

    expect(res.status).toBe(200);
    const refunds = refundsSince(seen);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.form.get('payment_intent')).toBe(card.intentId);
    // One ledger row for the whole order, sent with its own key: a retry gives the money back once.
    const ledger = await t.deps.db.select().from(refundRows).where(eq(refundRows.orderId, order.id));
    expect(ledger).toMatchObject([{ amount: order.total, method: 'source', status: 'succeeded', includesFees: true }]);
    expect(refunds[0]!.headers['idempotency-key']).toBe(`refund-${ledger[0]!.id}`);
    expect(refunds[0]!.form.get('amount')).toBe(String(order.total));
    expect((await post(refundEvent(card.intentId, order.total))).status).toBe(200);
    expect((await statusOf(order.id)).status).toBe('refunded');
    expect(refundsSince(seen)).toHaveLength(1);
  });
});

describe('every captured payment ends attached to a live order or refunded', () => {
  const since = (n: number, path: RegExp) => fake.requests.slice(n).filter((r) => path.test(r.path));
  const REFUNDS = /^\/v1\/refunds$/;
  const CANCELS = /^\/v1\/payment_intents\/pi_[0-9a-f]+\/cancel$/;
  const succeeded = (card: { intentId: string }, order: { id: string; total: number }) =>
    post(intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total, orderId: order.id }));

  it('when the customer cancels an unpaid card order, then its PaymentIntent is cancelled at Stripe; a success arriving later is refunded once', async () => {
    const { order, card } = await cardOrder(1);
    const seen = fake.requests.length;
    expect((await clientAs(t, customer).post(`/api/order/${order.id}/cancel`, {})).status).toBe(200);
    expect(since(seen, CANCELS).map((r) => r.path)).toEqual([`/v1/payment_intents/${card.intentId}/cancel`]);

    expect((await succeeded(card, order)).status).toBe(200);
    // The same capture reported again (another event id) asks for nothing more.
    expect((await succeeded(card, order)).status).toBe(200);
    const refunds = since(seen, REFUNDS);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.form.get('payment_intent')).toBe(card.intentId);
    expect((await statusOf(order.id)).status).toBe('cancelled');
  });

  it('when the sweeper expires an unpaid card order, then its PaymentIntent is cancelled; a success arriving later is refunded', async () => {
    const { order, card } = await cardOrder(1);
    await t.deps.db.update(orders).set({ reservationExpiresAt: new Date(Date.now() - 1000) }).where(eq(orders.id, order.id));
    const seen = fake.requests.length;
    await sweepExpiredReservations(t.deps);
    expect(since(seen, CANCELS)).toHaveLength(1);
    expect((await succeeded(card, order)).status).toBe(200);
    expect(since(seen, REFUNDS)).toHaveLength(1);
    expect((await statusOf(order.id)).status).toBe('expired');
  });

  it('when a decline is followed by a success after the order was cancelled, then the money goes back', async () => {
    const { order, card } = await cardOrder(1);
    await post(intentEvent('payment_intent.payment_failed', { id: card.intentId, amount: order.total, orderId: order.id }));
    expect((await clientAs(t, customer).post(`/api/order/${order.id}/cancel`, {})).status).toBe(200);
    const seen = fake.requests.length;
    expect((await succeeded(card, order)).status).toBe(200);
    expect(since(seen, REFUNDS)).toHaveLength(1);
  });

  it('when the amount captured does not match the bill, then it is refunded rather than kept', async () => {
    const { order, card } = await cardOrder(1);
    const seen = fake.requests.length;
    await post(intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total - 100, orderId: order.id }));
    expect((await statusOf(order.id)).status).toBe('pending_payment');
    expect(since(seen, REFUNDS)).toHaveLength(1);
  });
});

describe('refunds are durable: written with the move, retried until the provider takes them', () => {
  const refundsSince = (n: number) => fake.requests.slice(n).filter((r) => r.path === '/v1/refunds' && r.method === 'POST');
  const taskOf = async (orderId: string) =>
    (await t.deps.db.select().from(paymentTasks).where(eq(paymentTasks.orderId, orderId)))[0];

  it('when the process dies right after a paid card order is cancelled, then a later worker pass still refunds it, once', async () => {
    const { order, card } = await cardOrder(1);
    await post(intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total, orderId: order.id }));
    const seen = fake.requests.length;
    // The move commits, and nothing after the commit runs (as if the process were killed there).
    await t.deps.db.transaction((tx) => transitionOrderTx(tx, order.id, 'cancelled', SYSTEM_ACTOR, 'killed after commit'));
    expect(refundsSince(seen)).toHaveLength(0);
    expect(await taskOf(order.id)).toMatchObject({ kind: 'refund', doneAt: null });

    expect(await runDuePaymentTasks(t.deps)).toBeGreaterThanOrEqual(1);
    expect(refundsSince(seen)).toHaveLength(1);
    expect((await taskOf(order.id))!.doneAt).not.toBeNull();
    await runDuePaymentTasks(t.deps, { now: new Date(Date.now() + 86_400_000) });
    expect(refundsSince(seen)).toHaveLength(1);
  });

  it('when Stripe keeps failing, then the refund is retried with growing delays, listed for admins, and done once Stripe is back', async () => {
    const admin = await createUser(t, { role: 'admin' });
    const { order, card } = await cardOrder(1);
    await post(intentEvent('payment_intent.succeeded', { id: card.intentId, amount: order.total, orderId: order.id }));
    fake.refundsDown = true;
    try {
      expect((await clientAs(t, customer).post(`/api/order/${order.id}/cancel`, {})).status).toBe(200);
      let now = Date.now();
      const delays: number[] = [];
      for (let i = 0; i < 2; i += 1) {
        const task = (await taskOf(order.id))!;
        delays.push(task.runAt.getTime() - now);
        now = task.runAt.getTime() + 1;
        await runDuePaymentTasks(t.deps, { now: new Date(now), orderId: order.id });
      }
      expect(delays[1]!).toBeGreaterThan(delays[0]!);
      const listed = await clientAs(t, admin).get('/api/admin/payment-tasks');
      expect(listed.status).toBe(200);
      expect(listed.body.items.find((x: { orderId: string }) => x.orderId === order.id)).toMatchObject({ kind: 'refund', attempts: 3 });
      expect((await clientAs(t, customer).get('/api/admin/payment-tasks')).status).toBe(403);
    } finally {
      fake.refundsDown = false;
    }
    const seen = fake.requests.length;
    await runDuePaymentTasks(t.deps, { now: new Date(Date.now() + 86_400_000), orderId: order.id });
    expect(refundsSince(seen)).toHaveLength(1);
    expect((await taskOf(order.id))!.doneAt).not.toBeNull();
  });
});
