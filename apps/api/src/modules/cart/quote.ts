/**
 * One quote for the cart and for checkout: the facts pricing needs that live in the database (how busy the
 * serving store is, the coupon as it stands for this customer), read together, then the pure bill. The cart
 * shows exactly what checkout would charge because both ask here.
 */
import type { DbOrTx } from '../../db/client';
import { loadCouponFor, type LoadedCoupon } from '../coupons/coupons.service';
import { computeBill, DEFAULT_PRICING_RULES, isStoreBusy, type ComputedBill, type PricedLine } from '../pricing/pricing';
import { openOrderCount } from '../stores/stores.repository';

export interface QuoteInputs {
  /** Open orders at the serving store (0 without one): the surge fee and the ETA both read it. */
  openOrders: number;
  /** The coupon asked for, or null when none was asked for or no such code exists. */
  coupon: LoadedCoupon | null;
}

export async function readQuoteInputs(
  db: DbOrTx,
  ask: { storeId: string | null; couponCode: string | null; userId: string },
): Promise<QuoteInputs> {
  const [openOrders, coupon] = await Promise.all([
    ask.storeId ? openOrderCount(db, ask.storeId) : 0,
    ask.couponCode ? loadCouponFor(db, ask.couponCode, ask.userId) : null,
  ]);
  return { openOrders, coupon };
}

/** The bill for these lines. Pass `{ ...inputs, coupon: null }` to price without the coupon. */
export function quote(lines: readonly PricedLine[], inputs: QuoteInputs, opts: { tip: number; now: Date }): ComputedBill {
  return computeBill(lines, DEFAULT_PRICING_RULES, {
    tip: opts.tip,
    coupon: inputs.coupon?.terms ?? null,
    isFirstOrder: inputs.coupon?.isFirstOrder ?? false,
    storeBusy: isStoreBusy(inputs.openOrders),
    now: opts.now,
  });
}
