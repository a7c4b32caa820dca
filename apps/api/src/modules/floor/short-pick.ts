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
import * as subs from './substitutions.repository';
import { shortBill } from './short-bill';

export interface ShortSettlement {
  shortPaid: number;
  toCard: number;
  toWallet: number;
  /** For the pack's order event: what was short and what it took off the bill. */
  note: string;
}

/**
 * Corrects the order for its short lines; null when every line was found in full. An accepted substitute
 * becomes an item of the order here (its units were reserved when it was proposed).
 */
export async function settleShortPick(tx: Tx, orderId: string): Promise<ShortSettlement | null> {
  const lines = await repo.shortLinesOf(tx, orderId);
  if (!lines.length) return null;
  const substitutes = await subs.acceptedOf(tx, orderId);
  // An empty bag is not a delivery: the order is cancelled instead, which gives everything back.
  if (!(await repo.foundUnits(tx, orderId)) && !substitutes.length) {
    throw conflict('None of this order was found: cancel it instead of packing it', undefined, 'nothing_found');
  }
  const order = await lockOrder(tx, orderId);
  if (!order) throw notFound('Order');
  const bill = shortBill(order, lines, substitutes);
  const paid = await paidSoFar(tx, order);

  for (const l of lines) {
    await tx.update(orderItems).set({ quantity: l.sent }).where(and(eq(orderItems.orderId, orderId), eq(orderItems.variantId, l.variantId)));
  }
  if (substitutes.length) {
    await tx.insert(orderItems).values(
      substitutes.map((s) => ({
        orderId,
        productId: s.productId,
        variantId: s.variantId,
        name: s.name,
        label: s.label,
        imageUrl: s.imageUrl,
        price: s.price,
        mrp: s.mrp,
        quantity: s.quantity,
        orderedQuantity: s.quantity,
        substituteFor: s.forVariantId,
      })),
    );
    for (const s of substitutes) await subs.setSubstitutionStatus(tx, orderId, s.forVariantId, 'sent');
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

  const replaced = new Map(substitutes.map((s) => [s.forVariantId, s]));
  const what = lines
    .map((l) => {
      const sub = replaced.get(l.variantId);
      const missing = l.ordered - l.sent - (sub?.quantity ?? 0);
      const parts = [missing > 0 ? `${l.name} ${l.label} ×${missing}` : null, sub ? `${l.name} ${l.label} ×${sub.quantity} replaced by ${sub.name} ${sub.label}` : null];
      return parts.filter(Boolean).join(', ');
    })
    .join(', ');
  if (!bill.shortPaid) return { shortPaid: 0, toCard: 0, toWallet: 0, note: what };
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
