/**
 * One quote for the cart and for checkout: the facts pricing needs that live in the database (whether the
 * serving store is busy, as zones/serving judged it; the coupon as it stands for this customer), then the
 * pure bill. The cart
 * shows exactly what checkout would charge because both ask here.
 */
import type { DbOrTx } from '../../db/client';
import { loadCouponFor, type LoadedCoupon } from '../coupons/coupons.service';
import { computeBill, DEFAULT_PRICING_RULES, type ComputedBill, type PricedLine } from '../pricing/pricing';

export interface QuoteInputs {
  /** The serving store is busy (its state, its load or its cap; see zones/serving): the surge fee applies. */
  storeBusy: boolean;
  /** The coupon asked for, or null when none was asked for or no such code exists. */
  coupon: LoadedCoupon | null;
}

export async function readQuoteInputs(
  db: DbOrTx,
  ask: { storeBusy: boolean; couponCode: string | null; userId: string },
): Promise<QuoteInputs> {
  const coupon = ask.couponCode ? await loadCouponFor(db, ask.couponCode, ask.userId) : null;
  return { storeBusy: ask.storeBusy, coupon };
}

/** The bill for these lines. Pass `{ ...inputs, coupon: null }` to price without the coupon. */
export function quote(lines: readonly PricedLine[], inputs: QuoteInputs, opts: { tip: number; now: Date }): ComputedBill {
  return computeBill(lines, DEFAULT_PRICING_RULES, {
    tip: opts.tip,
    coupon: inputs.coupon?.terms ?? null,
    isFirstOrder: inputs.coupon?.isFirstOrder ?? false,
    storeBusy: inputs.storeBusy,
    now: opts.now,
  });
}
