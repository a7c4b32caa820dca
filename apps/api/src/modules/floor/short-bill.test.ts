import { describe, expect, it } from 'vitest';
import { computeBill, DEFAULT_PRICING_RULES } from '../pricing/pricing';
import { testCoupon } from '../pricing/pricing.factories';
import { lineRefunds, paidForUnits } from '../pricing/refund-amounts';
import { shortBill, type PackedLine, type SentSubstitute } from './short-bill';

/** A small deterministic generator, so a failure names a seed that reproduces it. */
function random(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
}

const NOW = new Date('2026-06-01T10:00:00Z');

const coupon = (kind: 'flat' | 'percent', value: number, maxDiscount: number | null) => testCoupon({ code: 'SAVE', kind, value, maxDiscount });

describe('the bill of an order packed short', () => {
  it('when 5,000 random orders are packed short, then the total falls by what the short units were paid, the parts add up, and refunding every sent unit by line stays within the new bill', () => {
    for (let seed = 1; seed <= 5000; seed++) {
      const r = random(seed);
      const ordered = Array.from({ length: 1 + r(6) }, (_, i) => {
        const price = 1 + r(r(4) === 0 ? 300 : 60_000);
        return { variantId: `v${i}`, price, mrp: price + r(5000), quantity: 1 + r(6) };
      });
      const terms = r(4) === 0 ? null : r(2) ? coupon('flat', 1 + r(40_000), null) : coupon('percent', 1 + r(99), r(2) ? null : 1 + r(20_000));
      const bill = computeBill(ordered, DEFAULT_PRICING_RULES, { tip: r(3) ? 0 : r(10_000), coupon: terms, storeBusy: r(5) === 0, now: NOW });
      const order = { ...bill, billLines: bill.lines };
      // At least one line short; sometimes whole lines, sometimes all but one unit of the order.
      const packed: PackedLine[] = ordered.map((l) => ({ ...l, ordered: l.quantity, sent: r(2) ? l.quantity : r(l.quantity + 1) }));
      const firstShort = r(packed.length);
      packed[firstShort]!.sent = r(packed[firstShort]!.ordered);
      const next = shortBill(order, packed);
      const at = `seed ${seed}`;

      const shortPaidByLedger = packed.reduce((s, l) => s + paidForUnits(order, l.price, l.ordered) - paidForUnits(order, l.price, l.sent), 0);
      expect(next.shortPaid, at).toBeGreaterThanOrEqual(shortPaidByLedger);
      expect(next.total, at).toBe(order.total - next.shortPaid);
      expect(next.total, at).toBe(next.itemTotal + order.fees + order.tip - next.discount);
      expect(next.discount, at).toBeGreaterThanOrEqual(0);
      expect(next.discount, at).toBeLessThanOrEqual(order.discount);
      expect(next.discount, at).toBeLessThanOrEqual(next.itemTotal);
      expect(next.lines.reduce((s, l) => s + l.amount, 0), at).toBe(next.shortPaid);
      expect(next.billLines.reduce((s, b) => s + b.amount, 0), at).toBe(next.total);

      // A fresh bill for the sent lines: the same items, and fees never below the original's (so capping
      // them at the original's is keeping them), unless nothing at all was sent.
      const sent = packed.map((l) => ({ price: l.price, mrp: l.mrp, quantity: l.sent }));
      const fresh = computeBill(sent, DEFAULT_PRICING_RULES, { tip: order.tip, coupon: null, storeBusy: order.surgeFee > 0, now: NOW });
      expect(next.itemTotal, at).toBe(fresh.itemTotal);
      expect(next.mrpTotal, at).toBe(fresh.mrpTotal);
      if (fresh.itemTotal > 0) expect(Math.min(fresh.fees, order.fees), at).toBe(order.fees);

      // Refunding every sent unit afterwards, by line, against the corrected bill: exactly what the ledger
      // says those units were paid, never more than the items' part of the new bill, and short of it by
      // under a paisa a line (the rounding the remainder refund gives back with the fees).
      const result = lineRefunds(next, packed.map((l) => ({ variantId: l.variantId, price: l.price, quantity: l.sent })), packed.filter((l) => l.sent > 0).map((l) => ({ variantId: l.variantId, quantity: l.sent })), new Map());
      if ('refusal' in result) throw new Error(`${at}: refused ${JSON.stringify(result.refusal)}`);
      const given = result.lines.reduce((s, l) => s + l.amount, 0);
      expect(given, at).toBe(packed.reduce((s, l) => s + paidForUnits(next, l.price, l.sent), 0));
      expect(given, at).toBeLessThanOrEqual(next.itemTotal - next.discount);
      expect(next.itemTotal - next.discount - given, at).toBeLessThan(Math.max(1, packed.length));
      if (next.discount === 0) expect(given, at).toBe(next.itemTotal);
    }
  });

  it('when 5,000 random short orders send accepted substitutes, then the items billed are a fresh bill of what was sent, the total never rises, and the coupon stays for the replaced units', () => {
    for (let seed = 1; seed <= 5000; seed++) {
      const r = random(seed * 7919);
      const ordered = Array.from({ length: 1 + r(5) }, (_, i) => {
        const price = 100 + r(50_000);
        return { variantId: `v${i}`, price, mrp: price + r(5000), quantity: 1 + r(5) };
      });
      const terms = r(3) === 0 ? null : coupon('flat', 1 + r(20_000), null);
      const bill = computeBill(ordered, DEFAULT_PRICING_RULES, { tip: 0, coupon: terms, storeBusy: false, now: NOW });
      const order = { ...bill, billLines: bill.lines };
      const packed: PackedLine[] = ordered.map((l) => ({ ...l, ordered: l.quantity, sent: r(2) ? l.quantity : r(l.quantity) }));
      packed[0]!.sent = r(packed[0]!.ordered);
      // Some short lines get a substitute for some or all of their missing units, at up to 10 % dearer
      // on the shelf, charged at the lower of the two prices.
      const substitutes: SentSubstitute[] = packed.flatMap((l) => {
        const missing = l.ordered - l.sent;
        if (!missing || r(3) === 0) return [];
        const shelf = Math.max(1, Math.floor(l.price * (0.5 + r(61) / 100)));
        return [{ forVariantId: l.variantId, price: Math.min(l.price, shelf), mrp: shelf + r(500), quantity: 1 + r(missing), originalPrice: l.price, originalMrp: l.mrp }];
      });
      const next = shortBill(order, packed, substitutes);
      const at = `seed ${seed}`;

      const sent = [
        ...packed.map((l) => ({ price: l.price, mrp: l.mrp, quantity: l.sent })),
        ...substitutes.map((s) => ({ price: s.price, mrp: s.mrp, quantity: s.quantity })),
      ];
      const fresh = computeBill(sent, DEFAULT_PRICING_RULES, { tip: 0, coupon: null, storeBusy: false, now: NOW });
      expect(next.itemTotal, at).toBe(fresh.itemTotal);
      expect(next.mrpTotal, at).toBe(fresh.mrpTotal);
      expect(next.total, at).toBeLessThanOrEqual(order.total);
      expect(next.total, at).toBe(order.total - next.shortPaid);
      expect(next.total, at).toBe(next.itemTotal + order.fees + order.tip - next.discount);
      expect(next.lines.reduce((s, l) => s + l.amount, 0), at).toBe(next.shortPaid);
      // Without substitutes the same short lines would take at least as much of the coupon away.
      expect(next.discount, at).toBeGreaterThanOrEqual(shortBill(order, packed).discount);
    }
  });

  it('when one of two units at ₹100 is short with a ₹50 coupon on ₹400 of items, then ₹87.50 goes back and the coupon shrinks by ₹12.50', () => {
    const order = {
      itemTotal: 40_000,
      mrpTotal: 44_000,
      fees: 900,
      tip: 0,
      discount: 5000,
      total: 35_900,
      billLines: [
        { code: 'item_total', label: 'Item total', amount: 40_000 },
        { code: 'delivery_fee', label: 'Delivery fee', amount: 0 },
        { code: 'handling_fee', label: 'Handling charge', amount: 900 },
        { code: 'coupon', label: 'Coupon SAVE', amount: -5000 },
      ],
    };
    const next = shortBill(order, [
      { variantId: 'a', price: 10_000, mrp: 11_000, ordered: 2, sent: 1 },
      { variantId: 'b', price: 20_000, mrp: 22_000, ordered: 1, sent: 1 },
    ]);
    expect(next).toMatchObject({ itemTotal: 30_000, mrpTotal: 33_000, discount: 3750, total: 27_150, shortGross: 10_000, shortPaid: 8750 });
    expect(next.lines).toEqual([{ variantId: 'a', quantity: 1, amount: 8750 }]);
    expect(next.billLines).toEqual([
      { code: 'item_total', label: 'Item total', amount: 30_000 },
      { code: 'delivery_fee', label: 'Delivery fee', amount: 0 },
      { code: 'handling_fee', label: 'Handling charge', amount: 900 },
      { code: 'coupon', label: 'Coupon SAVE', amount: -3750 },
    ]);
  });
});
