/**
 * Refunds asked for by store managers and admins: lines of an order (what was paid for them) or an amount,
 * to the card or UPI that paid, or to the customer's Fatafat Cash. Decided under the order's row lock, so
 * two refunds at once can never give back more than was paid; a card refund is written with its payment
 * task in the same transaction and sent after the commit (payments/refund-ledger).
 */
import { formatRupees } from '@fatafat/contracts/common';
import type { CreateRefundBody, RefundView } from '@fatafat/contracts/refunds';
import type { OrderView } from '@fatafat/contracts/orders';
import { eq } from 'drizzle-orm';
import { orderItems } from '../../db/schema/index';
import type { AppDeps } from '../../deps';
import type { AuthUser } from '../../http/auth-context';
import { AppError, conflict, notFound } from '../../http/errors';
import { publishOrderUpdated } from '../orders/order.publish';
import { lockOrder } from '../orders/orders.repository';
import { assertVisible, getOrder } from '../orders/orders.service';
import { enqueuePaymentTask, runDuePaymentTasks } from '../payments/payment-tasks';
import { paidSoFar, writeRefund } from '../payments/refund-ledger';
import { lineRefunds } from '../pricing/refund-amounts';

type Deps = Pick<AppDeps, 'db' | 'events' | 'mail' | 'logger' | 'config' | 'payments' | 'razorpay'>;

export async function refundOrder(deps: Deps, user: AuthUser, orderId: string, body: CreateRefundBody): Promise<{ refund: RefundView; order: OrderView }> {
  await assertVisible(deps, user, orderId);
  const { refundId, order } = await deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order) throw notFound('Order');
    const paid = await paidSoFar(tx, order);

    let amount = body.amount ?? 0;
    let lines: { variantId: string; quantity: number; amount: number }[] = [];
    if (body.lines) {
      const ordered = await tx
        .select({ variantId: orderItems.variantId, price: orderItems.price, quantity: orderItems.quantity })
        .from(orderItems)
        .where(eq(orderItems.orderId, orderId));
      const before = new Map<string, number>();
      for (const r of paid.prior) {
        // A short pick's units left the order's quantities with it: they are not among those sent.
        if (r.status === 'failed' || r.shortPick) continue;
        for (const l of r.lines) before.set(l.variantId, (before.get(l.variantId) ?? 0) + l.quantity);
      }
      const result = lineRefunds(order, ordered, body.lines, before);
      if ('refusal' in result) {
        const r = result.refusal;
        if (r.code === 'line_not_in_order') throw new AppError(422, 'line_not_in_order', `Variant ${r.variantId} is not in this order`, r);
        throw conflict(`Only ${r.refundable} of variant ${r.variantId} can still be refunded`, r, 'line_over_refunded');
      }
      lines = result.lines;
      amount = lines.reduce((s, l) => s + l.amount, 0);
    }

    const refundable = paid.source + paid.wallet + paid.cash - paid.refunded;
    if (refundable <= 0) throw conflict('Nothing has been paid for this order that is not refunded already', { refundable: 0 }, 'nothing_to_refund');
    if (body.to === 'source') {
      if (paid.source === 0) {
        throw new AppError(422, 'no_card_payment', 'This order was not paid by card or UPI: refund it to the wallet', { to: 'wallet' });
      }
      const toSource = Math.min(refundable, paid.source - paid.refundedToSource);
      if (amount > toSource) {
        throw conflict(`At most ${formatRupees(toSource)} can still go back to the card`, { refundable: toSource }, 'refund_exceeds_paid');
      }
    }
    if (amount > refundable) throw conflict(`At most ${formatRupees(refundable)} can still be refunded`, { refundable }, 'refund_exceeds_paid');

    const row = await writeRefund(tx, { order, amount, method: body.to, reason: body.reason, lines, actorId: user.id });
    if (body.to === 'source') await enqueuePaymentTask(tx, orderId, 'send_refunds', body.reason);
    return { refundId: row.id, order };
  });
  if (body.to === 'source') await runDuePaymentTasks(deps, { orderId });
  deps.logger.info({ orderId, refundId, by: user.id, to: body.to }, 'refund issued');
  await publishOrderUpdated(deps, order);
  const view = await getOrder(deps, user, orderId);
  return { refund: view.refunds.find((r) => r.id === refundId)!, order: view };
}
