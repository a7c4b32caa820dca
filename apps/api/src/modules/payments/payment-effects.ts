/**
 * What a card order's payment must do after its order moves, at the provider: give captured money back,
 * and close a PaymentIntent that can no longer pay for anything. Both are idempotent (one refund key per captured
 * payment; a cancelled intent stays cancelled), so a retry after a crash or a duplicate webhook asks once.
 *
 * This module knows nothing of the order state machine (the order effects table calls it), so payments
 * and orders do not import each other in a circle.
 */
import type { AppDeps } from '../../deps';
import { openIntentsOf, setPaymentStatus } from './payments.repository';
import { refundRemainder, sendUnsentRefunds } from './refund-ledger';

type Deps = Pick<AppDeps, 'db' | 'payments' | 'razorpay' | 'logger'>;

/**
 * Gives back everything of the order not yet given back (the card's share to the card, through the refund
 * ledger) and sends it; answers whether anything went to the card. Throws when the provider could not be
 * asked, so the payment task retries it: the ledger row written on the first try is sent again, with its key.
 */
export async function refundCapturedPayment(deps: Deps, orderId: string, why: string): Promise<boolean> {
  await deps.db.transaction((tx) => refundRemainder(tx, orderId, why));
  const sent = await sendUnsentRefunds(deps, orderId);
  if (sent) deps.logger.info({ orderId, why }, 'refund of a captured card payment requested');
  return sent > 0;
}

/**
 * Cancels at the provider every PaymentIntent of the order that has not captured money, so a customer
 * cannot pay for an order that is already cancelled or expired. If one captures anyway (a race with the
 * cancel), its success webhook refunds it. Throws when the provider could not be reached.
 */
export async function cancelOpenIntents(deps: Deps, orderId: string): Promise<void> {
  for (const intentId of await openIntentsOf(deps.db, orderId)) {
    const outcome = await deps.payments.cancelIntent(intentId);
    if (outcome === 'canceled') await setPaymentStatus(deps.db, intentId, 'canceled');
    else deps.logger.info({ orderId, intentId }, 'PaymentIntent was no longer cancellable; a late success is refunded');
  }
}
