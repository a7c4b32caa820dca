/**
 * The bill of an order a picker packed short: pure arithmetic in paise. The customer pays for what was
 * sent and nothing else, and the amounts are the refund ledger's own (pricing/refund-amounts), so a later
 * refund of the sent units by line can never give back more than the corrected bill took for them:
 *
 *  - the short units give back what was paid for them: their price less their rounded-up share of the
 *    discount (paidForUnits of the ordered units less that of the sent ones, per line);
 *  - the coupon shrinks by the short units' share of it, never below nothing;
 *  - fees and tip stay as they were: a fresh bill for fewer items never costs less in fees (the thresholds
 *    only add fees as the cart shrinks), and a short pick must never make the customer pay more;
 *  - a substitute the customer accepted counts as sent for its line (the coupon share stays), and is
 *    charged at its own price where that is lower than the original's: the difference goes back too.
 */
import type { BillLine, orders } from '../../db/schema/index';
import { paidForUnits } from '../pricing/refund-amounts';

export type BilledOrder = Pick<typeof orders.$inferSelect, 'itemTotal' | 'mrpTotal' | 'fees' | 'tip' | 'discount' | 'total' | 'billLines'>;

export interface PackedLine {
  variantId: string;
  price: number;
  mrp: number;
  /** Units the customer ordered. */
  ordered: number;
  /** Units the picker found and packed (≤ ordered). */
  sent: number;
}

/** An accepted substitute going out in place of short units of a line. */
export interface SentSubstitute {
  forVariantId: string;
  /** What one unit costs the customer (≤ originalPrice). */
  price: number;
  mrp: number;
  quantity: number;
  originalPrice: number;
  originalMrp: number;
}

export interface ShortBill {
  itemTotal: number;
  mrpTotal: number;
  discount: number;
  total: number;
  billLines: BillLine[];
  /** What left the item total: price × short units, and what cheaper substitutes saved. */
  shortGross: number;
  /** What the customer paid for the short units: the order's total falls by exactly this. */
  shortPaid: number;
  /** The short lines and what each gave back (they add up to shortPaid). */
  lines: { variantId: string; quantity: number; amount: number }[];
}

export function shortBill(order: BilledOrder, packed: readonly PackedLine[], substitutes: readonly SentSubstitute[] = []): ShortBill {
  let shortGross = 0;
  let shortMrp = 0;
  let shortShare = 0;
  const lines: ShortBill['lines'] = [];
  const substituted = new Map<string, number>();
  for (const s of substitutes) substituted.set(s.forVariantId, (substituted.get(s.forVariantId) ?? 0) + s.quantity);
  for (const l of packed) {
    const sent = Math.min(l.ordered, l.sent + (substituted.get(l.variantId) ?? 0));
    const short = l.ordered - sent;
    if (short <= 0) continue;
    const gross = l.price * short;
    const amount = paidForUnits(order, l.price, l.ordered) - paidForUnits(order, l.price, sent);
    shortGross += gross;
    shortMrp += l.mrp * short;
    shortShare += gross - amount;
    lines.push({ variantId: l.variantId, quantity: short, amount });
  }
  // Rounded-up shares of almost every line can add up to a little more than the discount: the coupon
  // cannot go below nothing, so what it could not absorb goes back with the first short line.
  const discount = Math.max(0, order.discount - shortShare);
  let shortPaid = shortGross - (order.discount - discount);
  const first = lines[0];
  if (first) first.amount += shortPaid - lines.reduce((s, l) => s + l.amount, 0);
  // A cheaper substitute: the customer pays its price, and the difference comes off like a short unit's.
  for (const s of substitutes) {
    const cheaper = (s.originalPrice - s.price) * s.quantity;
    shortMrp += (s.originalMrp - s.mrp) * s.quantity;
    if (cheaper <= 0) continue;
    shortGross += cheaper;
    shortPaid += cheaper;
    lines.push({ variantId: s.forVariantId, quantity: s.quantity, amount: cheaper });
  }
  const itemTotal = order.itemTotal - shortGross;
  const total = itemTotal + order.fees + order.tip - discount;
  const billLines = order.billLines.flatMap((b): BillLine[] => {
    if (b.code === 'item_total') return [{ ...b, amount: itemTotal }];
    if (b.code === 'coupon') return discount ? [{ ...b, amount: -discount }] : [];
    return [b];
  });
  return { itemTotal, mrpTotal: order.mrpTotal - shortMrp, discount, total, billLines, shortGross, shortPaid, lines };
}
