/** Test data for pricing: coupon terms as the database would hand them to the bill. */
import type { CouponTerms } from './pricing';

/** A live flat ₹50 coupon with no limits, changed by `over`. */
export function testCoupon(over: Partial<CouponTerms> = {}): CouponTerms {
  return {
    code: 'SAVE50',
    kind: 'flat',
    value: 5000,
    minOrder: 0,
    maxDiscount: null,
    startsAt: null,
    endsAt: null,
    isActive: true,
    firstOrderOnly: false,
    usageLimit: null,
    usedCount: 0,
    perUserLimit: null,
    userRedemptions: 0,
    ...over,
  };
}
