/**
 * Card payments: starting a PaymentIntent for a card order (called by checkout) and applying Stripe
 * webhooks. Each webhook event id is recorded in the same transaction that applies it, so an event is
 * either fully applied once or not at all; replays and out-of-order events change nothing because the
 * state machine refuses moves that are not forward.
 */
import type { CardPayment, PaymentsConfigResponse } from '@fatafat/contracts/payments';
import type { OrderStatus } from '../../db/schema/index';
import type { AppDeps } from '../../deps';
import { AppError } from '../../http/errors';
import { InvalidSignatureError } from '../../lib/payments/payments.driver';
import { afterTransition, SYSTEM_ACTOR, transitionOrderTx, type TransitionResult } from '../orders/order-state';
import { lockOrder } from '../orders/orders.repository';
import { enqueuePaymentTask, runDuePaymentTasks } from './payment-tasks';
import {
  insertPaymentIfAbsent,
  markAttemptFailed,
  markCapturedIfOpen,
  orderIdOfIntent,
  recordWebhookEvent,
  upsertPayment,
} from './payments.repository';

type Deps = Pick<AppDeps, 'db' | 'events' | 'mail' | 'logger' | 'config' | 'payments'>;

/** An order in one of these can never be confirmed, so money captured for it is refunded. */
const UNPAYABLE: ReadonlySet<OrderStatus> = new Set(['cancelled', 'expired', 'payment_failed']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function paymentsConfig(deps: Pick<AppDeps, 'payments'>): PaymentsConfigResponse {
  return { cardEnabled: deps.payments.enabled, publishableKey: deps.payments.enabled ? deps.payments.publishableKey : null };
}

/**
 * For checkout, after the card order's transaction commits: creates the PaymentIntent (idempotent per
 * order) and records it, so the webhook can find the order by intent id.
 */
export async function createCardPayment(
  deps: Pick<AppDeps, 'db' | 'payments'>,
  order: { id: string; number: string; total: number; walletPaid?: number },
): Promise<CardPayment> {
  // The wallet paid part of it at checkout; the card pays the rest.
  const due = order.total - (order.walletPaid ?? 0);
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

export async function handleStripeWebhook(deps: Deps, rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookOutcome> {
  let event;
  try {
    event = deps.payments.constructEvent(rawBody ?? Buffer.alloc(0), signature);
  } catch (err) {
    if (err instanceof InvalidSignatureError) throw new AppError(400, 'invalid_signature', 'Webhook signature could not be verified');
    throw err;
  }
  const plan = planFor(event.type, event.data.object);
  const log = deps.logger.child({ webhookEvent: event.id, type: event.type });

  type Outcome = { duplicate: boolean; moved: TransitionResult | null; refundOrder?: string };
  const outcome = await deps.db.transaction(async (tx): Promise<Outcome> => {
    if (!(await recordWebhookEvent(tx, { id: event.id, provider: 'stripe', type: event.type }))) {
      return { duplicate: true, moved: null };
    }
    if (!plan) return { duplicate: false, moved: null };
    const orderId = plan.intent.orderId ?? (await orderIdOfIntent(tx, plan.intent.intentId));
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
    const attempt = { orderId, providerRef: plan.intent.intentId, amount: plan.intent.amount || due, currency: 'inr' };
    if (plan.to === 'payment_failed') {
      // A declined card is one attempt, not the end: while the reservation holds the order stays payable, and
      // the customer may retry on the same PaymentIntent. The sweeper expires it when the window ends.
      await markAttemptFailed(tx, attempt);
      log.info({ orderId, status: order.status }, 'card attempt declined; the order stays payable');
      return { duplicate: false, moved: null };
    }
    if (plan.to === 'confirmed' && UNPAYABLE.has(order.status)) {
      // Money captured for an order that can no longer be served (cancelled, expired): it goes back in full.
      if (await markCapturedIfOpen(tx, attempt)) await enqueuePaymentTask(tx, orderId, 'refund', 'captured after the order could no longer be confirmed');
      log.warn({ orderId, status: order.status }, 'payment captured for an order that cannot be confirmed; refunding');
      return { duplicate: false, moved: null, refundOrder: orderId };
    }
    if (plan.to === 'confirmed' && (plan.intent.amount !== due || plan.intent.currency !== 'inr')) {
      // Never confirm an order for money that does not match what its bill leaves to the card; what was captured goes back.
      log.error({ orderId, amount: plan.intent.amount, due }, 'payment amount does not match the order; not confirmed');
      if (order.status !== 'pending_payment') return { duplicate: false, moved: null };
      if (await markCapturedIfOpen(tx, attempt)) await enqueuePaymentTask(tx, orderId, 'refund', 'captured amount does not match the bill');
      return { duplicate: false, moved: null, refundOrder: orderId };
    }
    const paymentRow = { ...attempt, status: plan.paymentStatus };
    try {
      const moved = await transitionOrderTx(tx, orderId, plan.to, SYSTEM_ACTOR, `stripe ${event.type}`, {
        alsoInTx: (t) => upsertPayment(t, paymentRow),
      });
      return { duplicate: false, moved };
    } catch (err) {
      if (err instanceof AppError && err.code === 'invalid_transition') {
        // Replayed or out-of-order: the order has already moved past this point.
        log.info({ orderId, from: order.status, to: plan.to }, 'webhook would move the order backwards; ignored');
        return { duplicate: false, moved: null };
      }
      throw err;
    }
  });
  if (outcome.moved) await afterTransition(deps, outcome.moved);
  if (outcome.refundOrder) await runDuePaymentTasks(deps, { orderId: outcome.refundOrder });
  return outcome.duplicate ? { received: true, duplicate: true } : { received: true };
}
