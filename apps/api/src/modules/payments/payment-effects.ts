/**
 * What a card order's payment must do after its order moves, at the provider: give captured money back,
 * and close a PaymentIntent that can no longer pay for anything. Both are idempotent (one key per order;
 * a cancelled intent stays cancelled), so a retry after a crash or a duplicate webhook asks once.
 *
 * This module knows nothing of the order state machine (the order effects table calls it), so payments
 * and orders do not import each other in a circle.
 */
import type { AppDeps } from '../../deps';
import { openIntentsOf, paidIntentOf, setPaymentStatus } from './payments.repository';

type Deps = Pick<AppDeps, 'db' | 'payments' | 'logger'>;

/**
 * Refunds the order's captured card payment in full, if it has one. A failure never undoes the move that
 * asked for it: it is logged, and the payment row stays "succeeded", which the admin board shows for a
 * refund by hand.
 */
export async function refundCapturedPayment(deps: Deps, orderId: string, why: string): Promise<boolean> {
  try {
    const intentId = await paidIntentOf(deps.db, orderId);
    if (!intentId) return false;
    await deps.payments.refund({ paymentIntentId: intentId, idempotencyKey: `refund-${orderId}` });
    await setPaymentStatus(deps.db, intentId, 'refund_requested');
    deps.logger.info({ orderId, why }, 'refund of a captured card payment requested');
    return true;
  } catch (err) {
    deps.logger.error({ err, orderId, why }, 'refund of a card payment failed; refund it by hand');
    return false;
  }
}

/**
 * Cancels at the provider every PaymentIntent of the order that has not captured money, so a customer
 * cannot pay for an order that is already cancelled or expired. If one captures anyway (a race with the
 * cancel), its success webhook refunds it.
 */
export async function cancelOpenIntents(deps: Deps, orderId: string): Promise<void> {
  for (const intentId of await openIntentsOf(deps.db, orderId)) {
    try {
      await deps.payments.cancelIntent(intentId);
      await setPaymentStatus(deps.db, intentId, 'canceled');
    } catch (err) {
      deps.logger.warn({ err, orderId, intentId }, 'PaymentIntent could not be cancelled; a late success is refunded');
    }
  }
}
