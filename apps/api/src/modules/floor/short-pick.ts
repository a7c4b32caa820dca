/**
 * Settling a short pick when the order is packed, in the pack's transaction: the order keeps what was
 * sent (order_items.quantity; ordered_quantity stays), its bill is corrected (short-bill.ts), and the
 * money the short units were paid goes back the way it came:
 *
 *  - the card or UPI share first, up to what the card paid and was not given back yet (a 'source' row,
 *    sent by the send_refunds payment task after commit);
 *  - the wallet keeps paying what it can of the new total: wallet_paid falls to the new total when it
 *    was more, and the difference is credited back (a 'wallet' row, settled at once);
 *  - cash on delivery needs nothing: the cash due (total − wallet_paid) falls with the total.
 *
 * The rows are marked short_pick, which the ledger reads: their units are out of the order's quantities
 * and their wallet part is out of wallet_paid, so neither a line refund nor the remainder counts them again.
 */
import { and, eq } from 'drizzle-orm';
import { formatRupees } from '@fatafat/contracts/common';
import type { Tx } from '../../db/client';
import { orderItems, orders } from '../../db/schema/index';
import { conflict, notFound } from '../../http/errors';
import { lockOrder } from '../orders/orders.repository';
import { enqueuePaymentTask } from '../payments/payment-tasks';
import { paidSoFar, writeRefund } from '../payments/refund-ledger';
import * as repo from './picks.repository';
import { shortBill } from './short-bill';

export interface ShortSettlement {
  shortPaid: number;
  toCard: number;
  toWallet: number;
  /** For the pack's order event: what was short and what it took off the bill. */
  note: string;
}

/** Corrects the order for its short lines; null when every line was found in full. */
export async function settleShortPick(tx: Tx, orderId: string): Promise<ShortSettlement | null> {
  const lines = await repo.shortLinesOf(tx, orderId);
  if (!lines.length) return null;
  // An empty bag is not a delivery: the order is cancelled instead, which gives everything back.
  if (!(await repo.foundUnits(tx, orderId))) throw conflict('None of this order was found: cancel it instead of packing it', undefined, 'nothing_found');
  const order = await lockOrder(tx, orderId);
  if (!order) throw notFound('Order');
  const bill = shortBill(order, lines);
  const paid = await paidSoFar(tx, order);

  for (const l of lines) {
    await tx.update(orderItems).set({ quantity: l.sent }).where(and(eq(orderItems.orderId, orderId), eq(orderItems.variantId, l.variantId)));
  }
  const walletPaid = Math.min(order.walletPaid, bill.total);
  const [corrected] = await tx
    .update(orders)
    .set({
      itemTotal: bill.itemTotal,
      mrpTotal: bill.mrpTotal,
      discount: bill.discount,
      total: bill.total,
      billLines: bill.billLines,
      walletPaid,
      updatedAt: new Date(),
    })
    .where(eq(orders.id, orderId))
    .returning();

  const what = lines.map((l) => `${l.name} ${l.label} ×${l.ordered - l.sent}`).join(', ');
  const reason = `Not available at the store: ${what}`;
  const toCard = Math.min(bill.shortPaid, Math.max(0, paid.source - paid.refundedToSource));
  const toWallet = order.walletPaid - walletPaid;
  // The lines go with the first row written, so the units are recorded once.
  let refundLines = bill.lines;
  if (toCard > 0) {
    await writeRefund(tx, { order: corrected!, amount: toCard, method: 'source', reason, lines: refundLines, shortPick: true });
    await enqueuePaymentTask(tx, orderId, 'send_refunds', reason);
    refundLines = [];
  }
  if (toWallet > 0) await writeRefund(tx, { order: corrected!, amount: toWallet, method: 'wallet', reason, lines: refundLines, shortPick: true });
  return { shortPaid: bill.shortPaid, toCard, toWallet, note: `short: ${what} (${formatRupees(bill.shortPaid)} off the bill)` };
}
