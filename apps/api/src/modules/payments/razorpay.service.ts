/**
 * Razorpay's two ways of telling us a payment happened: its webhooks, and Checkout's success callback
 * passed on by the customer's browser. Both become a PaymentPlan applied by applyPaymentEvent, the path
 * Stripe's webhooks take, so a capture confirms the order once whichever arrives first, and a late,
 * repeated or out-of-order event changes nothing it should not.
 */
import type { RazorpayVerifyBody, RazorpayVerifyResponse } from '@fatafat/contracts/payments';
import { eq } from 'drizzle-orm';
import { orders } from '../../db/schema/index';
import { AppError, badRequest, notFound } from '../../http/errors';
import { InvalidSignatureError } from '../../lib/payments/payments.driver';
import type { RazorpayEvent } from '../../lib/payments/razorpay.driver';
import { applyPaymentEvent, type PaymentPlan, type WebhookOutcome } from './payments.service';
import { paymentByRef } from './payments.repository';

type Deps = Parameters<typeof applyPaymentEvent>[0];

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

const invalidSignature = () => new AppError(400, 'invalid_signature', 'Razorpay signature could not be verified');

/** A payment entity as a plan for its order: `to` and the payment row's status. */
function paymentPlan(entity: Record<string, unknown> | undefined, to: 'confirmed' | 'payment_failed'): PaymentPlan | null {
  const ref = str(entity?.order_id);
  if (!entity || !ref) return null;
  const notes = (entity.notes ?? {}) as Record<string, unknown>;
  return {
    provider: 'razorpay',
    ref,
    paymentRef: str(entity.id),
    orderId: str(notes.orderId),
    amount: num(entity.amount),
    currency: (str(entity.currency) ?? 'INR').toLowerCase(),
    to,
    paymentStatus: to === 'confirmed' ? 'succeeded' : 'failed',
  };
}

/** What a Razorpay event asks of an order, or null for events we do not act on. */
function planFor(event: RazorpayEvent): PaymentPlan | null {
  const payment = event.payload.payment?.entity;
  switch (event.type) {
    case 'payment.captured':
      return paymentPlan(payment, 'confirmed');
    case 'payment.failed':
      return paymentPlan(payment, 'payment_failed');
    case 'refund.processed':
    case 'refund.failed': {
      const refundId = str(event.payload.refund?.entity?.id);
      if (!refundId) return null;
      const settle = { refundIds: [refundId], status: event.type === 'refund.processed' ? ('succeeded' as const) : ('failed' as const) };
      // Only a refund that leaves nothing of the payment marks the order refunded; a partial one settles its row.
      const full = event.type === 'refund.processed' && payment && num(payment.amount) > 0 && num(payment.amount_refunded) >= num(payment.amount);
      const base = paymentPlan(payment, 'confirmed');
      if (full && base) return { ...base, to: 'refunded', paymentStatus: 'refunded', settle };
      return { provider: 'razorpay', ref: '', orderId: null, amount: 0, currency: 'inr', to: null, paymentStatus: '', settle };
    }
    default:
      return null;
  }
}

export async function handleRazorpayWebhook(
  deps: Deps,
  rawBody: Buffer | undefined,
  signature: string | undefined,
  eventId: string | undefined,
): Promise<WebhookOutcome> {
  let event: RazorpayEvent;
  try {
    event = deps.razorpay.constructEvent(rawBody ?? Buffer.alloc(0), signature, eventId);
  } catch (err) {
    if (err instanceof InvalidSignatureError) throw invalidSignature();
    throw err;
  }
  return applyPaymentEvent(deps, { id: event.id, provider: 'razorpay', type: event.type }, planFor(event));
}

/**
 * Checkout's callback: the order's owner passes on what Razorpay handed the browser. A valid signature
 * proves Razorpay took this payment for this Razorpay order, whose amount we set, so the capture is applied
 * for that amount; the payment.captured webhook, before or after, then finds nothing left to do.
 */
export async function verifyRazorpayPayment(deps: Deps, user: { id: string }, body: RazorpayVerifyBody): Promise<RazorpayVerifyResponse> {
  const [order] = await deps.db.select({ id: orders.id, userId: orders.userId }).from(orders).where(eq(orders.id, body.orderId));
  if (!order || order.userId !== user.id) throw notFound('Order');
  const payment = await paymentByRef(deps.db, 'razorpay', body.razorpayOrderId);
  if (!payment || payment.orderId !== order.id) throw badRequest('razorpayOrderId: is not a Razorpay order of this order');
  if (!deps.razorpay.paymentSignatureValid(body.razorpayOrderId, body.razorpayPaymentId, body.razorpaySignature)) throw invalidSignature();
  const plan: PaymentPlan = {
    provider: 'razorpay',
    ref: payment.providerRef,
    paymentRef: body.razorpayPaymentId,
    orderId: order.id,
    amount: payment.amount,
    currency: payment.currency,
    to: 'confirmed',
    paymentStatus: 'succeeded',
  };
  // Recorded under its own id beside the webhook's: the browser may send it again, the webhook may come too.
  await applyPaymentEvent(deps, { id: `checkout:${body.razorpayPaymentId}`, provider: 'razorpay', type: 'checkout.verified' }, plan);
  const [after] = await deps.db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
  return { verified: true, orderId: order.id, status: after!.status };
}
