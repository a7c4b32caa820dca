/**
 * GST arithmetic for tax invoices and credit notes, pure and in integer paise.
 *
 * Shelf prices include GST, so the tax is taken out of what was paid, never added to it. The rules:
 *
 * 1. Lines. Each goods line is price × quantity of one variant. The coupon discount is shared among the
 *    goods lines in proportion to their amounts (largest remainder, so the shares add up to the discount
 *    exactly; ties go to the earlier line); a discount larger than the goods is taken from the fees next.
 *    Each fee (delivery, handling, small cart, surge) is a line of the local delivery service, SAC 996813,
 *    at 18 %. The rider's tip goes to the rider whole: it is not a supply, so it carries no GST, and it is
 *    printed as its own untaxed line only so the document adds up to what was paid.
 * 2. Per line, never per unit and never on the total: taxable = round(amount × 100 / (100 + rate)), rounding
 *    half a paisa up; tax = amount − taxable. So taxable + tax is the line's amount exactly, and the lines add
 *    up to the amount paid to the paisa (the total's tax is the sum of the lines' taxes, not recomputed).
 * 3. Same state (the buyer's delivery state is the seller's): the tax is split CGST + SGST in halves, the odd
 *    paisa to CGST. Another state (place of supply = where the goods are delivered): all of it is IGST.
 */
import type { GstRate } from '@fatafat/contracts/invoices';
import type { TaxLine } from '../../db/schema/index';

export { GST_RATES } from '@fatafat/contracts/invoices';

/** Local delivery services: the fees of an order. */
export const DELIVERY_SAC = '996813';
export const FEE_RATE: GstRate = 18;

/** round(amount × 100 / (100 + rate)), half a paisa up, in integers (no floating point). */
export function taxableOf(amount: number, rate: number): number {
  const d = 100 + rate;
  return Math.floor((amount * 200 + d) / (2 * d));
}

/** One line's split: taxable value and CGST + SGST (odd paisa to CGST) or IGST. */
export function splitLine(
  amount: number,
  rate: number,
  interState: boolean,
): Pick<TaxLine, 'taxable' | 'cgst' | 'sgst' | 'igst'> {
  const taxable = taxableOf(amount, rate);
  const tax = amount - taxable;
  if (interState) return { taxable, cgst: 0, sgst: 0, igst: tax };
  const cgst = Math.ceil(tax / 2);
  return { taxable, cgst, sgst: tax - cgst, igst: 0 };
}

/**
 * Shares `total` among `weights` in proportion (largest remainder): the shares add up to `total` exactly,
 * and none exceeds its weight when total ≤ the sum of weights. All zero weights: everything to the first.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0) return [];
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  // BigInt: total × weight can pass 2^53 for large orders.
  const big = weights.map((w) => BigInt(total) * BigInt(w));
  const shares = big.map((b) => Number(b / BigInt(sum)));
  const rest = big.map((b, i) => ({ i, r: Number(b % BigInt(sum)) }));
  let left = total - shares.reduce((s, x) => s + x, 0);
  rest.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of rest) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}

export interface GoodsIn {
  description: string;
  hsn: string | null;
  rate: number;
  quantity: number;
  /** Paise, tax included, before the coupon: price × quantity. */
  amount: number;
  variantId?: string;
}

export interface FeeIn {
  description: string;
  amount: number;
}

export interface InvoiceIn {
  goods: GoodsIn[];
  fees: FeeIn[];
  tip: number;
  discount: number;
  interState: boolean;
}

export interface TaxTotals {
  amount: number;
  taxable: number;
  cgst: number;
  sgst: number;
  igst: number;
}

export function totalsOf(lines: readonly TaxLine[]): TaxTotals {
  const t: TaxTotals = { amount: 0, taxable: 0, cgst: 0, sgst: 0, igst: 0 };
  for (const l of lines) {
    t.amount += l.amount;
    t.taxable += l.taxable;
    t.cgst += l.cgst;
    t.sgst += l.sgst;
    t.igst += l.igst;
  }
  return t;
}

/** The invoice's lines: they add up to goods + fees + tip − discount, the amount paid. */
export function invoiceLines(input: InvoiceIn): TaxLine[] {
  const goodsTotal = input.goods.reduce((s, g) => s + g.amount, 0);
  const feeTotal = input.fees.reduce((s, f) => s + f.amount, 0);
  const offGoods = Math.min(input.discount, goodsTotal);
  const offFees = Math.min(input.discount - offGoods, feeTotal);
  const goodsOff = allocate(
    offGoods,
    input.goods.map((g) => g.amount),
  );
  const feesOff = allocate(
    offFees,
    input.fees.map((f) => f.amount),
  );
  const lines: TaxLine[] = [];
  input.goods.forEach((g, i) => {
    const amount = g.amount - goodsOff[i]!;
    lines.push({
      kind: 'goods',
      description: g.description,
      code: g.hsn ?? '',
      quantity: g.quantity,
      rate: g.rate,
      amount,
      ...splitLine(amount, g.rate, input.interState),
      ...(g.variantId ? { variantId: g.variantId } : {}),
    });
  });
  input.fees.forEach((f, i) => {
    const amount = f.amount - feesOff[i]!;
    lines.push({
      kind: 'service',
      description: f.description,
      code: DELIVERY_SAC,
      quantity: 1,
      rate: FEE_RATE,
      amount,
      ...splitLine(amount, FEE_RATE, input.interState),
    });
  });
  if (input.tip > 0) {
    lines.push({
      kind: 'tip',
      description: 'Rider tip (not a supply, no GST)',
      code: '',
      quantity: 1,
      rate: 0,
      amount: input.tip,
      taxable: input.tip,
      cgst: 0,
      sgst: 0,
      igst: 0,
    });
  }
  return lines;
}

/**
 * A credit note's lines for a refund of `amount`: the refunded lines at their invoice line's rate (a line's
 * share of its invoice line, by quantity), then whatever of the amount is left over (fees, a whole-order
 * refund) shared among the invoice lines in proportion to what is left of them. The lines add up to `amount`.
 */
export function creditNoteLines(
  invoice: readonly TaxLine[],
  amount: number,
  refunded: ReadonlyArray<{ variantId: string; quantity: number; amount: number }>,
  interState: boolean,
): TaxLine[] {
  const remaining = invoice.map((l) => l.amount);
  const out: TaxLine[] = [];
  const credit = (l: TaxLine, lineAmount: number, quantity: number) => {
    if (lineAmount <= 0) return;
    const base = {
      kind: l.kind,
      description: l.description,
      code: l.code,
      quantity,
      rate: l.rate,
      amount: lineAmount,
    };
    const split =
      l.kind === 'tip'
        ? { taxable: lineAmount, cgst: 0, sgst: 0, igst: 0 }
        : splitLine(lineAmount, l.rate, interState);
    out.push({ ...base, ...split, ...(l.variantId ? { variantId: l.variantId } : {}) });
  };
  let left = amount;
  for (const r of refunded) {
    const i = invoice.findIndex((l) => l.variantId === r.variantId);
    const take = Math.min(r.amount, left, i >= 0 ? remaining[i]! : r.amount);
    if (i < 0) {
      credit(
        {
          kind: 'goods',
          description: 'Item',
          code: '',
          quantity: r.quantity,
          rate: 18,
          amount: 0,
          taxable: 0,
          cgst: 0,
          sgst: 0,
          igst: 0,
        },
        take,
        r.quantity,
      );
    } else {
      credit(invoice[i]!, take, r.quantity);
      remaining[i]! -= take;
    }
    left -= take;
  }
  if (left > 0) {
    const shares = allocate(left, remaining);
    invoice.forEach((l, i) => credit(l, shares[i]!, l.quantity));
  }
  return out;
}
