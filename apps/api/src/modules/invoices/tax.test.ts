/** The GST arithmetic: exact sums over random baskets (seeded, so a failure replays), and the rounding rule. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GST_RATES,
  allocate,
  creditNoteLines,
  invoiceLines,
  splitLine,
  taxableOf,
  totalsOf,
  type InvoiceIn,
} from './tax';

const SEED = 20260401;

const basket: fc.Arbitrary<InvoiceIn> = fc
  .record({
    goods: fc.array(
      fc.record({
        price: fc.integer({ min: 1, max: 500_000 }),
        quantity: fc.integer({ min: 1, max: 100 }),
        rate: fc.constantFrom(...GST_RATES),
        variantId: fc.uuid(),
      }),
      { minLength: 1, maxLength: 25 },
    ),
    fees: fc.array(fc.integer({ min: 1, max: 10_000 }), { maxLength: 4 }),
    tip: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000 })),
    discountShare: fc.double({ min: 0, max: 1.2, noNaN: true }),
    interState: fc.boolean(),
  })
  .map((b) => {
    const goods = b.goods.map((g, i) => ({
      description: `Item ${i}`,
      hsn: '0401',
      rate: g.rate,
      quantity: g.quantity,
      amount: g.price * g.quantity,
      variantId: g.variantId,
    }));
    const goodsTotal = goods.reduce((s, g) => s + g.amount, 0);
    const fees = b.fees.map((amount, i) => ({ description: `Fee ${i}`, amount }));
    const feeTotal = fees.reduce((s, f) => s + f.amount, 0);
    // A coupon never takes more than the goods and fees (the order total is never negative).
    const discount = Math.min(Math.floor(goodsTotal * b.discountShare), goodsTotal + feeTotal);
    return { goods, fees, tip: b.tip, discount, interState: b.interState };
  });

const paid = (b: InvoiceIn) =>
  b.goods.reduce((s, g) => s + g.amount, 0) + b.fees.reduce((s, f) => s + f.amount, 0) + b.tip - b.discount;

describe('invoice tax lines', () => {
  it('when any basket is invoiced, then its lines add up to the amount paid to the paisa, each line splits exactly, and the tax is within half a paisa of the rate', () => {
    fc.assert(
      fc.property(basket, (b) => {
        const lines = invoiceLines(b);
        const t = totalsOf(lines);
        expect(t.amount).toBe(paid(b));
        expect(t.taxable + t.cgst + t.sgst + t.igst).toBe(paid(b));
        for (const l of lines) {
          expect(l.amount).toBeGreaterThanOrEqual(0);
          expect(l.taxable + l.cgst + l.sgst + l.igst).toBe(l.amount);
          if (b.interState) expect(l.cgst + l.sgst).toBe(0);
          else {
            expect(l.igst).toBe(0);
            expect(l.cgst - l.sgst).toBeGreaterThanOrEqual(0);
            expect(l.cgst - l.sgst).toBeLessThanOrEqual(1);
          }
          // taxable is the nearest paisa to amount / (1 + rate): |taxable × (100 + rate) − amount × 100| ≤ (100 + rate) / 2.
          expect(Math.abs(l.taxable * (100 + l.rate) - l.amount * 100)).toBeLessThanOrEqual(
            (100 + l.rate) / 2,
          );
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('when any refund of an invoiced basket is credited, then the credit note adds up to the refund and no line gives back more than was invoiced', () => {
    fc.assert(
      fc.property(basket, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (b, share, byLine) => {
        const invoice = invoiceLines(b);
        const total = totalsOf(invoice).amount;
        const first = invoice[0]!;
        const refunded =
          byLine && first.variantId
            ? [{ variantId: first.variantId, quantity: first.quantity, amount: first.amount }]
            : [];
        const amount = Math.max(
          refunded.reduce((s, r) => s + r.amount, 0),
          Math.floor(total * share),
        );
        const note = creditNoteLines(invoice, amount, refunded, b.interState);
        const t = totalsOf(note);
        expect(t.amount).toBe(amount);
        expect(t.taxable + t.cgst + t.sgst + t.igst).toBe(amount);
        const credited = new Map<string, number>();
        for (const l of note) credited.set(l.description, (credited.get(l.description) ?? 0) + l.amount);
        for (const l of invoice) expect(credited.get(l.description) ?? 0).toBeLessThanOrEqual(l.amount);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('when shares are allocated, then they add up to the total and the larger remainders get the odd paise', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [0, 0])).toEqual([10, 0]);
    expect(allocate(0, [5, 7])).toEqual([0, 0]);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2_000_000_000 }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (ws, s) => {
          const sum = ws.reduce((a, w) => a + w, 0);
          const total = Math.floor(sum * s);
          const shares = allocate(total, ws);
          expect(shares.reduce((a, x) => a + x, 0)).toBe(total);
          if (sum > 0) shares.forEach((x, i) => expect(x).toBeLessThanOrEqual(ws[i]!));
        },
      ),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('when a line is split, then half a paisa rounds up and the odd paisa of the tax goes to CGST', () => {
    // 105 paise at 5 %: exactly 100 taxable.
    expect(splitLine(105, 5, false)).toEqual({ taxable: 100, cgst: 3, sgst: 2, igst: 0 });
    // 118 paise at 18 %: 100 taxable, 18 IGST in another state.
    expect(splitLine(118, 18, true)).toEqual({ taxable: 100, cgst: 0, sgst: 0, igst: 18 });
    // 1 paisa at 0 %: no tax at all.
    expect(splitLine(1, 0, false)).toEqual({ taxable: 1, cgst: 0, sgst: 0, igst: 0 });
    // 59 × 100 / 118 = 50 exactly; 177 × 100 / 118 = 150; 1 × 100 / 112 = 0.89 → 1.
    expect([taxableOf(59, 18), taxableOf(177, 18), taxableOf(1, 12)]).toEqual([50, 150, 1]);
    // Exactly half a paisa rounds up: 14 × 100 / 112 = 12.5 → 13.
    expect(taxableOf(14, 12)).toBe(13);
  });

  it('when an order has a tip, then the tip is an untaxed line of its own', () => {
    const lines = invoiceLines({
      goods: [{ description: 'Milk', hsn: '0401', rate: 0, quantity: 2, amount: 6800 }],
      fees: [{ description: 'Delivery fee', amount: 2500 }],
      tip: 2000,
      discount: 0,
      interState: false,
    });
    expect(lines.map((l) => [l.kind, l.rate, l.taxable, l.cgst + l.sgst])).toEqual([
      ['goods', 0, 6800, 0],
      ['service', 18, 2119, 381],
      ['tip', 0, 2000, 0],
    ]);
  });
});
