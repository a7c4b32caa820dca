/**
 * What a refund may give back, from what the order paid. Pure arithmetic in paise, so the ledger and its
 * tests agree on it:
 *
 *  - A line gives back what was paid for those units: their price less their share of the order's
 *    discount, the share rounded up (in the shop's favour by under a paisa a line), so the lines of an
 *    order can never add up to more than its items were paid.
 *  - Fees and tip go back only with the whole order (the remainder refund), and so only once.
 */
export interface PaidOrder {
  itemTotal: number;
  discount: number;
  total: number;
}

/** Paise paid for `quantity` units at `price` in an order with this item total and discount. */
export function paidForUnits(order: Pick<PaidOrder, 'itemTotal' | 'discount'>, price: number, quantity: number): number {
  const gross = BigInt(price) * BigInt(quantity);
  if (order.itemTotal <= 0 || order.discount <= 0) return Number(gross);
  const itemTotal = BigInt(order.itemTotal);
  const discount = BigInt(Math.min(order.discount, order.itemTotal));
  // ceil(gross × discount / itemTotal) in integers.
  const share = (gross * discount + itemTotal - 1n) / itemTotal;
  return Number(gross - share);
}

export interface LineAsk {
  variantId: string;
  quantity: number;
}

export interface OrderedLine {
  variantId: string;
  price: number;
  quantity: number;
}

export type LineRefusal =
  | { code: 'line_not_in_order'; variantId: string }
  | { code: 'line_over_refunded'; variantId: string; refundable: number };

/**
 * The amount for each asked line, or why it cannot be refunded. `alreadyRefunded` counts the units of each
 * variant earlier refunds gave back. A variant asked twice in one request is counted together.
 */
export function lineRefunds(
  order: Pick<PaidOrder, 'itemTotal' | 'discount'>,
  ordered: readonly OrderedLine[],
  asked: readonly LineAsk[],
  alreadyRefunded: ReadonlyMap<string, number>,
): { lines: { variantId: string; quantity: number; amount: number }[] } | { refusal: LineRefusal } {
  const wanted = new Map<string, number>();
  for (const a of asked) wanted.set(a.variantId, (wanted.get(a.variantId) ?? 0) + a.quantity);
  const lines: { variantId: string; quantity: number; amount: number }[] = [];
  for (const [variantId, quantity] of wanted) {
    const line = ordered.find((o) => o.variantId === variantId);
    if (!line) return { refusal: { code: 'line_not_in_order', variantId } };
    const refundable = line.quantity - (alreadyRefunded.get(variantId) ?? 0);
    if (quantity > refundable) return { refusal: { code: 'line_over_refunded', variantId, refundable } };
    // The units already refunded took their share first; this refund takes the next ones.
    const before = alreadyRefunded.get(variantId) ?? 0;
    const amount = paidForUnits(order, line.price, before + quantity) - paidForUnits(order, line.price, before);
    if (amount > 0) lines.push({ variantId, quantity, amount });
  }
  return { lines };
}
