/**
 * Card payments: starting a PaymentIntent for a card order (called by checkout) and applying Stripe
 * webhooks. Each webhook event id is recorded in the same transaction that applies it, so an event is
 * either fully applied once or not at all; replays and out-of-order events change nothing because the
 * state machine refuses moves that are not forward.
 */
import type { CardPayment, PaymentsConfigResponse, ProviderPayment, RazorpayPayment } from '@fatafat/contracts/payments';
import type { OrderStatus, PaymentProvider } from '../../db/schema/index';
import type { AppDeps } from '../../deps';
import { AppError } from '../../http/errors';
import { InvalidSignatureError } from '../../lib/payments/payments.driver';
import { afterTransition, SYSTEM_ACTOR, transitionOrderTx, type TransitionResult } from '../orders/order-state';
import { lockOrder } from '../orders/orders.repository';
import { enqueuePaymentTask, runDuePaymentTasks } from './payment-tasks';
import {
  firstPaymentOf,
  insertPaymentIfAbsent,
  markAttemptFailed,
  markCapturedIfOpen,
  orderIdOfIntent,
  recordWebhookEvent,
  upsertPayment,
} from './payments.repository';
import { settleRefunds } from './refund-ledger';

type Deps = Pick<AppDeps, 'db' | 'events' | 'mail' | 'logger' | 'config' | 'payments' | 'razorpay'>;

/** An order in one of these can never be confirmed, so money captured for it is refunded. */
const UNPAYABLE: ReadonlySet<OrderStatus> = new Set(['cancelled', 'expired', 'payment_failed']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which ways to pay are offered follows which keys are set; cash on delivery always is. */
export function paymentsConfig(deps: Pick<AppDeps, 'payments' | 'razorpay'>): PaymentsConfigResponse {
  const providers: PaymentsConfigResponse['providers'] = [
    ...(deps.payments.enabled ? (['stripe'] as const) : []),
    ...(deps.razorpay.enabled ? (['razorpay'] as const) : []),
    'cod',
  ];
  return {
    // The old fields keep their Stripe meaning, so a client that knows only them never offers a Razorpay order to Stripe.
    cardEnabled: deps.payments.enabled,
    publishableKey: deps.payments.enabled ? deps.payments.publishableKey : null,
    providers,
    razorpayKeyId: deps.razorpay.keyId,
  };
}

/** The provider a card order pays through: the one asked for, else Stripe when configured, else Razorpay. */
export function cardProviderFor(deps: Pick<AppDeps, 'payments' | 'razorpay'>, asked: PaymentProvider | undefined): PaymentProvider | null {
  const provider = asked ?? (deps.payments.enabled ? 'stripe' : 'razorpay');
  const enabled = provider === 'stripe' ? deps.payments.enabled : deps.razorpay.enabled;
  return enabled ? provider : null;
}

type DueOrder = { id: string; number: string; total: number; walletPaid?: number };

/** The wallet paid part of it at checkout; the provider is asked for the rest. */
const dueOf = (order: DueOrder) => order.total - (order.walletPaid ?? 0);

/**
 * For checkout, after the card order's transaction commits: starts the payment at the provider asked for
 * (once per order) and records it, so the webhook can find the order by the provider's id.
 */
export async function startProviderPayment(
  deps: Pick<AppDeps, 'db' | 'payments' | 'razorpay'>,
  order: DueOrder,
  asked: PaymentProvider | undefined,
): Promise<ProviderPayment> {
  const provider = cardProviderFor(deps, asked);
  if (!provider) throw new AppError(400, 'card_unavailable', 'Card payment is not available right now');
  return provider === 'razorpay' ? createRazorpayPayment(deps, order) : createCardPayment(deps, order);
}

/** Stripe: a PaymentIntent for the amount due, the same one however often checkout asks (its idempotency key). */
export async function createCardPayment(deps: Pick<AppDeps, 'db' | 'payments'>, order: DueOrder): Promise<CardPayment> {
  const due = dueOf(order);
  if (!deps.payments.enabled) throw new AppError(400, 'card_unavailable', 'Card payment is not available right now');
  const intent = await deps.payments.createIntent({
    orderId: order.id,
    orderNumber: order.number,
    amount: due,
    idempotencyKey: `order-${order.id}`,
  });
  await insertPaymentIfAbsent(deps.db, {
    orderId: order.id,
    providerRef: intent.id,
    amount: due,
    currency: 'inr',
    status: 'requires_payment',
  });
  return { provider: 'stripe', intentId: intent.id, clientSecret: intent.clientSecret, publishableKey: deps.payments.publishableKey };
}

/**
 * One Razorpay order per shop order. Razorpay has no idempotency key for orders, so the order's first
 * recorded one is reused; two checkouts racing may each create one, and both then answer with the first
 * recorded (the other is never shown to anyone, so it is never paid).
 */
export async function createRazorpayPayment(deps: Pick<AppDeps, 'db' | 'razorpay'>, order: DueOrder): Promise<RazorpayPayment> {
  if (!deps.razorpay.enabled) throw new AppError(400, 'card_unavailable', 'Razorpay is not available right now');
  const answer = (row: { providerRef: string; amount: number }): RazorpayPayment => ({
    provider: 'razorpay',
    keyId: deps.razorpay.keyId!,
    orderId: row.providerRef,
    amount: row.amount,
    currency: 'INR',
  });
  const earlier = await firstPaymentOf(deps.db, order.id, 'razorpay');
  if (earlier) return answer(earlier);
  const created = await deps.razorpay.createOrder({ orderId: order.id, orderNumber: order.number, amount: dueOf(order) });
  await insertPaymentIfAbsent(deps.db, {
    provider: 'razorpay',
    orderId: order.id,
    providerRef: created.id,
    amount: created.amount,
    currency: 'inr',
    status: 'requires_payment',
  });
  return answer((await firstPaymentOf(deps.db, order.id, 'razorpay'))!);
}

interface Intent {
  intentId: string;
  orderId: string | null;
  amount: number;
  currency: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function readIntent(obj: Record<string, unknown>, idField: 'id' | 'payment_intent'): Intent | null {
  const intentId = str(obj[idField]);
  if (!intentId) return null;
  const metadata = (obj.metadata ?? {}) as Record<string, unknown>;
  return {
    intentId,
    orderId: str(metadata.orderId),
    amount: num(obj.amount_received) || num(obj.amount),
    currency: str(obj.currency) ?? 'inr',
  };
}

/** What an event asks of an order, or null for events we do not act on. */
function planFor(type: string, obj: Record<string, unknown>): { intent: Intent; to: OrderStatus; paymentStatus: string } | null {
  switch (type) {
    case 'payment_intent.succeeded': {
      const intent = readIntent(obj, 'id');
      return intent && { intent, to: 'confirmed', paymentStatus: 'succeeded' };
    }
    case 'payment_intent.payment_failed': {
      const intent = readIntent(obj, 'id');
      return intent && { intent, to: 'payment_failed', paymentStatus: 'failed' };
    }
    case 'charge.refunded': {
      // Partial refunds leave the order as it is; only a full refund marks it refunded.
      if (obj.refunded !== true) return null;
      const intent = readIntent(obj, 'payment_intent');
      return intent && { intent, to: 'refunded', paymentStatus: 'refunded' };
    }
    default:
      return null;
  }
}

export interface WebhookOutcome {
  received: true;
  duplicate?: boolean;
}

/** What one provider event (or Checkout callback) asks of an order, in the same terms for every provider. */
export interface PaymentPlan {
  provider: PaymentProvider;
  /** What checkout created at the provider: the PaymentIntent, or the Razorpay order. */
  ref: string;
  /** Razorpay's pay_… id, kept so a refund can name it. */
  paymentRef?: string | null;
  /** Our order id when the provider echoes it back (metadata, notes); else found by `ref`. */
  orderId: string | null;
  amount: number;
  currency: string;
  /** Null when the event only settles refunds. */
  to: OrderStatus | null;
  paymentStatus: string;
  /** Ledger rows the provider has settled (by its refund ids). */
  settle?: { refundIds: string[]; status: 'succeeded' | 'failed' };
}

function stripePlan(type: string, obj: Record<string, unknown>): PaymentPlan | null {
  const plan = planFor(type, obj);
  if (!plan) return null;
  const { intent } = plan;
  return { provider: 'stripe', ref: intent.intentId, orderId: intent.orderId, amount: intent.amount, currency: intent.currency, to: plan.to, paymentStatus: plan.paymentStatus };
}

export async function handleStripeWebhook(deps: Deps, rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookOutcome> {
  let event;
  try {
    event = deps.payments.constructEvent(rawBody ?? Buffer.alloc(0), signature);
  } catch (err) {
    if (err instanceof InvalidSignatureError) throw new AppError(400, 'invalid_signature', 'Webhook signature could not be verified');
    throw err;
  }
  return applyPaymentEvent(deps, { id: event.id, provider: 'stripe', type: event.type }, stripePlan(event.type, event.data.object));
}

/**
 * Records the event id once and applies its plan in the same transaction, the order row locked: success
 * confirms (when the amount is what the bill leaves to the provider), a decline keeps the order payable,
 * money captured for an order that cannot be served is refunded once, and moves that are not forward (a
 * replay, an event overtaken by a later one) change nothing. Every provider's events come through here.
 */
export async function applyPaymentEvent(
  deps: Deps,
  event: { id: string; provider: PaymentProvider; type: string },
  plan: PaymentPlan | null,
): Promise<WebhookOutcome> {
  const log = deps.logger.child({ webhookEvent: event.id, provider: event.provider, type: event.type });

  type Outcome = { duplicate: boolean; moved: TransitionResult | null; refundOrder?: string };
  const outcome = await deps.db.transaction(async (tx): Promise<Outcome> => {
    if (!(await recordWebhookEvent(tx, { id: event.id, provider: event.provider, type: event.type }))) {
      return { duplicate: true, moved: null };
    }
    if (!plan) return { duplicate: false, moved: null };
    if (plan.settle) await settleRefunds(tx, plan.settle.refundIds, plan.settle.status);
    const to = plan.to;
    if (!to) return { duplicate: false, moved: null };
    const orderId = plan.orderId ?? (await orderIdOfIntent(tx, plan.ref, plan.provider));
    if (!orderId || !UUID.test(orderId)) {
      log.warn('webhook names no order of ours; ignored');
      return { duplicate: false, moved: null };
    }
    const order = await lockOrder(tx, orderId);
    if (!order) {
      log.warn({ orderId }, 'webhook names an unknown order; ignored');
      return { duplicate: false, moved: null };
    }
    const due = order.total - order.walletPaid;
    const attempt = {
      provider: plan.provider,
      orderId,
      providerRef: plan.ref,
      providerPaymentRef: plan.paymentRef ?? null,
      amount: plan.amount || due,
      currency: 'inr',
    };
    if (to === 'payment_failed') {
      // A declined card is one attempt, not the end: while the reservation holds the order stays payable, and
      // the customer may retry on the same PaymentIntent. The sweeper expires it when the window ends.
      await markAttemptFailed(tx, attempt);
      log.info({ orderId, status: order.status }, 'payment attempt declined; the order stays payable');
      return { duplicate: false, moved: null };
    }
    if (to === 'confirmed' && UNPAYABLE.has(order.status)) {
      // Money captured for an order that can no longer be served (cancelled, expired): it goes back in full.
      if (await markCapturedIfOpen(tx, attempt)) await enqueuePaymentTask(tx, orderId, 'refund', 'captured after the order could no longer be confirmed');
      log.warn({ orderId, status: order.status }, 'payment captured for an order that cannot be confirmed; refunding');
      return { duplicate: false, moved: null, refundOrder: orderId };
    }
    if (to === 'confirmed' && (plan.amount !== due || plan.currency !== 'inr')) {
      // Never confirm an order for money that does not match what its bill leaves to the card; what was captured goes back.
      log.error({ orderId, amount: plan.amount, due }, 'payment amount does not match the order; not confirmed');
      if (order.status !== 'pending_payment') return { duplicate: false, moved: null };
      if (await markCapturedIfOpen(tx, attempt)) await enqueuePaymentTask(tx, orderId, 'refund', 'captured amount does not match the bill');
      return { duplicate: false, moved: null, refundOrder: orderId };
    }
    const paymentRow = { ...attempt, status: plan.paymentStatus };
    try {
      const moved = await transitionOrderTx(tx, orderId, to, SYSTEM_ACTOR, `${event.provider} ${event.type}`, {
        alsoInTx: (t) => upsertPayment(t, paymentRow),
      });
      return { duplicate: false, moved };
    } catch (err) {
      if (err instanceof AppError && err.code === 'invalid_transition') {
        // Replayed or out-of-order: the order has already moved past this point.
        log.info({ orderId, from: order.status, to }, 'webhook would move the order backwards; ignored');
        return { duplicate: false, moved: null };
      }
      throw err;
    }
  });
  if (outcome.moved) await afterTransition(deps, outcome.moved);
  if (outcome.refundOrder) await runDuePaymentTasks(deps, { orderId: outcome.refundOrder });
  return outcome.duplicate ? { received: true, duplicate: true } : { received: true };
}
