import { describe, expect, it } from 'vitest';
import { computeBill, DEFAULT_PRICING_RULES, evaluateCoupon, isStoreBusy, type CouponTerms, type PricingRules } from './pricing';
import { testCoupon } from './pricing.factories';

const now = new Date('2026-01-15T10:00:00Z');
const rules: PricingRules = { ...DEFAULT_PRICING_RULES };

const coupon = testCoupon;

/** One line at `price` paise (MRP 10 % higher) so tests read in item totals. */
const cart = (itemTotal: number, mrp = Math.round(itemTotal * 1.1)) => [{ price: itemTotal, mrp, quantity: 1 }];

describe('computeBill: fee rules', () => {
  const cases: Array<{
    name: string;
    itemTotal: number;
    opts?: { tip?: number; storeBusy?: boolean };
    delivery: number;
    handling: number;
    small: number;
    surge: number;
    tip: number;
    total: number;
  }> = [
    { name: 'an empty cart owes nothing', itemTotal: 0, delivery: 0, handling: 0, small: 0, surge: 0, tip: 0, total: 0 },
    { name: 'a tiny cart pays delivery, handling and small-cart fee', itemTotal: 5000, delivery: 3000, handling: 900, small: 2000, surge: 0, tip: 0, total: 10_900 },
    { name: 'one paisa below the small-cart minimum still pays it', itemTotal: 9899, delivery: 3000, handling: 900, small: 2000, surge: 0, tip: 0, total: 15_799 },
    { name: 'at the small-cart minimum the fee goes', itemTotal: 9900, delivery: 3000, handling: 900, small: 0, surge: 0, tip: 0, total: 13_800 },
    { name: 'one paisa below free delivery pays delivery', itemTotal: 19_899, delivery: 3000, handling: 900, small: 0, surge: 0, tip: 0, total: 23_799 },
    { name: 'at the free-delivery threshold delivery is free', itemTotal: 19_900, delivery: 0, handling: 900, small: 0, surge: 0, tip: 0, total: 20_800 },
    { name: 'a busy store adds the surge fee', itemTotal: 50_000, opts: { storeBusy: true }, delivery: 0, handling: 900, small: 0, surge: 1500, tip: 0, total: 52_400 },
    { name: 'a tip is added as chosen', itemTotal: 50_000, opts: { tip: 3000 }, delivery: 0, handling: 900, small: 0, surge: 0, tip: 3000, total: 53_900 },
    { name: 'a tip above the maximum is capped', itemTotal: 50_000, opts: { tip: 999_999 }, delivery: 0, handling: 900, small: 0, surge: 0, tip: 20_000, total: 70_900 },
    { name: 'a negative tip counts as none', itemTotal: 50_000, opts: { tip: -500 }, delivery: 0, handling: 900, small: 0, surge: 0, tip: 0, total: 50_900 },
    { name: 'a tip on an empty cart is dropped', itemTotal: 0, opts: { tip: 2000 }, delivery: 0, handling: 0, small: 0, surge: 0, tip: 0, total: 0 },
    { name: 'a surge on an empty cart is dropped', itemTotal: 0, opts: { storeBusy: true }, delivery: 0, handling: 0, small: 0, surge: 0, tip: 0, total: 0 },
    { name: 'every fee at once on a small busy cart with a tip', itemTotal: 4000, opts: { storeBusy: true, tip: 1000 }, delivery: 3000, handling: 900, small: 2000, surge: 1500, tip: 1000, total: 12_400 },
  ];
  for (const c of cases) {
    it(`when ${c.name}, then the bill says so`, () => {
      const bill = computeBill(c.itemTotal ? cart(c.itemTotal) : [], rules, { now, ...c.opts });
      expect(bill).toMatchObject({
        itemTotal: c.itemTotal,
        deliveryFee: c.delivery,
        handlingFee: c.handling,
        smallCartFee: c.small,
        surgeFee: c.surge,
        tip: c.tip,
        fees: c.delivery + c.handling + c.small + c.surge,
        total: c.total,
      });
      expect(bill.lines.reduce((s, l) => s + l.amount, 0) - bill.itemTotal).toBe(bill.total - bill.itemTotal);
    });
  }
});

describe('computeBill: lines, savings and hints', () => {
  it('when several lines are billed, then totals multiply price and MRP by quantity', () => {
    const bill = computeBill(
      [
        { price: 4500, mrp: 5000, quantity: 2 },
        { price: 2000, mrp: 2000, quantity: 3 },
      ],
      rules,
      { now },
    );
    expect(bill.itemTotal).toBe(15_000);
    expect(bill.mrpTotal).toBe(16_000);
    expect(bill.savings).toBe(1000);
    expect(bill.amountToFreeDelivery).toBe(4900);
    expect(bill.freeDeliveryThreshold).toBe(19_900);
    expect(bill.minOrderForNoSmallCartFee).toBe(9900);
  });

  it('when every rule fires, then each line is labelled as the UI shows it and lines sum to the total', () => {
    const bill = computeBill(cart(6000), rules, { now, tip: 2000, storeBusy: true, coupon: coupon({ value: 1000 }) });
    expect(bill.lines).toEqual([
      { code: 'item_total', label: 'Item total', amount: 6000 },
      { code: 'delivery_fee', label: 'Delivery fee', amount: 3000 },
      { code: 'handling_fee', label: 'Handling charge', amount: 900 },
      { code: 'small_cart_fee', label: 'Small cart fee', amount: 2000 },
      { code: 'surge_fee', label: 'Surge fee', amount: 1500 },
      { code: 'tip', label: 'Rider tip', amount: 2000 },
      { code: 'coupon', label: 'Coupon SAVE50', amount: -1000 },
    ]);
    expect(bill.lines.reduce((s, l) => s + l.amount, 0)).toBe(bill.total);
    expect(bill.total).toBe(bill.itemTotal + bill.fees + bill.tip - bill.discount);
  });

  it('when rules are configured differently, then the bill follows them', () => {
    const custom: PricingRules = { ...rules, deliveryFee: 1000, freeDeliveryThreshold: 50_000, handlingFee: 0, smallCartFee: 0 };
    const bill = computeBill(cart(20_000), custom, { now });
    expect(bill).toMatchObject({ deliveryFee: 1000, handlingFee: 0, smallCartFee: 0, total: 21_000, amountToFreeDelivery: 30_000 });
  });

  it('when the store has as many open orders as the surge rule names, then it is busy', () => {
    expect(isStoreBusy(rules.surgeOpenOrders - 1, rules)).toBe(false);
    expect(isStoreBusy(rules.surgeOpenOrders, rules)).toBe(true);
  });
});

describe('evaluateCoupon and coupon discounts', () => {
  const cases: Array<{ name: string; itemTotal: number; terms: Partial<CouponTerms>; first?: boolean; discount: number; reason?: string; missing?: number }> = [
    { name: 'a flat coupon', itemTotal: 30_000, terms: {}, discount: 5000 },
    { name: 'a flat coupon larger than the items', itemTotal: 3000, terms: {}, discount: 3000 },
    { name: 'a percent coupon', itemTotal: 30_000, terms: { kind: 'percent', value: 10 }, discount: 3000 },
    { name: 'a percent coupon with a fractional result rounds down', itemTotal: 12_345, terms: { kind: 'percent', value: 15 }, discount: 1851 },
    { name: 'a percent coupon of 33 % on 999 paise rounds down', itemTotal: 999, terms: { kind: 'percent', value: 33 }, discount: 329 },
    { name: 'a percent coupon over its cap', itemTotal: 100_000, terms: { kind: 'percent', value: 50, maxDiscount: 10_000 }, discount: 10_000 },
    { name: 'a percent coupon under its cap', itemTotal: 10_000, terms: { kind: 'percent', value: 50, maxDiscount: 10_000 }, discount: 5000 },
    { name: 'a flat coupon with a lower cap', itemTotal: 30_000, terms: { maxDiscount: 2000 }, discount: 2000 },
    { name: 'a 100 % coupon', itemTotal: 30_000, terms: { kind: 'percent', value: 100 }, discount: 30_000 },
    { name: 'the minimum order exactly met', itemTotal: 20_000, terms: { minOrder: 20_000 }, discount: 5000 },
    { name: 'the minimum order missed', itemTotal: 15_050, terms: { minOrder: 20_000 }, discount: 0, reason: 'min_order', missing: 4950 },
    { name: 'an inactive coupon', itemTotal: 30_000, terms: { isActive: false }, discount: 0, reason: 'inactive' },
    { name: 'a coupon that starts later', itemTotal: 30_000, terms: { startsAt: new Date(now.getTime() + 1000) }, discount: 0, reason: 'not_started' },
    { name: 'a coupon that started now', itemTotal: 30_000, terms: { startsAt: now }, discount: 5000 },
    { name: 'a coupon that ended', itemTotal: 30_000, terms: { endsAt: now }, discount: 0, reason: 'expired' },
    { name: 'a coupon that ends later', itemTotal: 30_000, terms: { endsAt: new Date(now.getTime() + 1) }, discount: 5000 },
    { name: 'a coupon used up', itemTotal: 30_000, terms: { usageLimit: 5, usedCount: 5 }, discount: 0, reason: 'used_up' },
    { name: 'a coupon with uses left', itemTotal: 30_000, terms: { usageLimit: 5, usedCount: 4 }, discount: 5000 },
    { name: 'a coupon the customer used up', itemTotal: 30_000, terms: { perUserLimit: 1, userRedemptions: 1 }, discount: 0, reason: 'user_limit' },
    { name: 'a first-order coupon on a later order', itemTotal: 30_000, terms: { firstOrderOnly: true }, first: false, discount: 0, reason: 'first_order_only' },
    { name: 'a first-order coupon on the first order', itemTotal: 30_000, terms: { firstOrderOnly: true }, first: true, discount: 5000 },
  ];
  for (const c of cases) {
    it(`when ${c.name}, then the discount is ${c.discount}${c.reason ? ` (${c.reason})` : ''}`, () => {
      const out = evaluateCoupon(coupon(c.terms), { itemTotal: c.itemTotal, isFirstOrder: c.first ?? false, now });
      expect(out.discount).toBe(c.discount);
      expect(out.applied).toBe(!c.reason);
      expect(out.reason).toBe(c.reason);
      if (c.reason) expect(out.message).toMatch(/SAVE50/);
      if (c.missing !== undefined) {
        expect(out.missing).toBe(c.missing);
        expect(out.message).toContain('₹49.50');
      }
    });
  }

  it('when a coupon does not apply, then the bill keeps full price and reports why', () => {
    const bill = computeBill(cart(10_000), rules, { now, coupon: coupon({ minOrder: 20_000 }) });
    expect(bill.discount).toBe(0);
    expect(bill.coupon).toMatchObject({ applied: false, reason: 'min_order', missing: 10_000 });
    expect(bill.lines.find((l) => l.code === 'coupon')).toBeUndefined();
  });

  it('when a coupon is bigger than the items, then fees and tip are still paid and the total stays positive', () => {
    const bill = computeBill(cart(3000), rules, { now, tip: 1000, coupon: coupon({ value: 10_000 }) });
    expect(bill.discount).toBe(3000);
    expect(bill.total).toBe(3000 + 900 + 2000 + 1000);
  });

  it('when a capped percent coupon combines with free delivery and a surge, then each part is right', () => {
    const bill = computeBill([{ price: 12_345, mrp: 15_000, quantity: 2 }], rules, {
      now,
      storeBusy: true,
      tip: 500,
      coupon: coupon({ code: 'TENPC', kind: 'percent', value: 10, maxDiscount: 2000 }),
    });
    expect(bill).toMatchObject({ itemTotal: 24_690, deliveryFee: 0, surgeFee: 1500, discount: 2000, total: 24_690 + 900 + 1500 + 500 - 2000 });
    expect(bill.lines.at(-1)).toEqual({ code: 'coupon', label: 'Coupon TENPC', amount: -2000 });
  });
});
