/**
 * The bill, computed in one pure function: no I/O, no clock, no database. The cart shows it, checkout
 * charges it, and the table-driven tests pin every rule. All amounts are integer paise.
 */
import { formatRupees } from '@fatafat/contracts/common';
import { MAX_TIP, type Bill, type BillLine, type CouponRejection } from '@fatafat/contracts/pricing';

export interface PricingRules {
  /** Charged when the item total is below freeDeliveryThreshold. */
  deliveryFee: number;
  freeDeliveryThreshold: number;
  handlingFee: number;
  /** Charged when the item total is below smallCartThreshold. */
  smallCartFee: number;
  smallCartThreshold: number;
  /** Charged when the serving store is busy (see isStoreBusy). */
  surgeFee: number;
  surgeOpenOrders: number;
  maxTip: number;
}

export const DEFAULT_PRICING_RULES: Readonly<PricingRules> = Object.freeze({
  deliveryFee: 3000,
  freeDeliveryThreshold: 19_900,
  handlingFee: 900,
  smallCartFee: 2000,
  smallCartThreshold: 9900,
  surgeFee: 1500,
  surgeOpenOrders: 20,
  maxTip: MAX_TIP,
});

export interface PricedLine {
  price: number;
  mrp: number;
  quantity: number;
}

/** What pricing needs to know about a coupon; usage numbers are read by the caller. */
export interface CouponTerms {
  code: string;
  kind: 'flat' | 'percent';
  /** Paise for flat, whole percent for percent. */
  value: number;
  minOrder: number;
  maxDiscount: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  isActive: boolean;
  firstOrderOnly: boolean;
  usageLimit: number | null;
  usedCount: number;
  perUserLimit: number | null;
  /** Redemptions by the customer being billed. */
  userRedemptions: number;
}

export interface CouponOutcome {
  code: string;
  applied: boolean;
  discount: number;
  reason?: CouponRejection;
  message?: string;
  /** Paise still needed to reach the minimum order (reason min_order). */
  missing?: number;
}

export interface BillOptions {
  tip?: number;
  coupon?: CouponTerms | null;
  storeBusy?: boolean;
  isFirstOrder?: boolean;
  now: Date;
}

export interface ComputedBill extends Bill {
  coupon: CouponOutcome | null;
}

export function isStoreBusy(openOrders: number, rules: PricingRules = DEFAULT_PRICING_RULES): boolean {
  return openOrders >= rules.surgeOpenOrders;
}

/** Why a coupon gives nothing, in the words customers read: the one place these messages are written. */
const REFUSALS: Readonly<Record<CouponRejection, (code: string, missing: number) => string>> = {
  unknown: (code) => `${code} no longer exists`,
  inactive: (code) => `${code} is no longer available`,
  not_started: (code) => `${code} is not valid yet`,
  expired: (code) => `${code} has expired`,
  used_up: (code) => `${code} has been fully redeemed`,
  user_limit: (code) => `You have already used ${code} the maximum number of times`,
  first_order_only: (code) => `${code} is for your first order only`,
  min_order: (code, missing) => `Add items worth ${formatRupees(missing)} more to use ${code}`,
};

/** The outcome of a coupon that gives nothing, with its message; `missing` (paise) comes with min_order. */
export function couponRefusal(code: string, reason: CouponRejection, missing?: number): CouponOutcome {
  return {
    code,
    applied: false,
    discount: 0,
    reason,
    message: REFUSALS[reason](code, missing ?? 0),
    ...(missing === undefined ? {} : { missing }),
  };
}

/**
 * The discount a coupon gives on an item total, or why it gives none. Percent discounts round down
 * (floor) so the customer is never promised a paisa the formula does not give; a cap and the item total
 * bound every discount, so a coupon never pays for fees or makes the total negative.
 */
export function evaluateCoupon(
  terms: CouponTerms,
  ctx: { itemTotal: number; isFirstOrder: boolean; now: Date },
): CouponOutcome {
  const reject = (reason: CouponRejection, missing?: number) => couponRefusal(terms.code, reason, missing);
  if (!terms.isActive) return reject('inactive');
  if (terms.startsAt && ctx.now < terms.startsAt) return reject('not_started');
  if (terms.endsAt && ctx.now >= terms.endsAt) return reject('expired');
  if (terms.usageLimit !== null && terms.usedCount >= terms.usageLimit) return reject('used_up');
  if (terms.perUserLimit !== null && terms.userRedemptions >= terms.perUserLimit) return reject('user_limit');
  if (terms.firstOrderOnly && !ctx.isFirstOrder) return reject('first_order_only');
  if (ctx.itemTotal < terms.minOrder) return reject('min_order', terms.minOrder - ctx.itemTotal);
  let discount = terms.kind === 'flat' ? terms.value : Math.floor((ctx.itemTotal * terms.value) / 100);
  if (terms.maxDiscount !== null) discount = Math.min(discount, terms.maxDiscount);
  discount = Math.max(0, Math.min(discount, ctx.itemTotal));
  return { code: terms.code, applied: true, discount };
}

export function computeBill(
  lines: readonly PricedLine[],
  rules: PricingRules = DEFAULT_PRICING_RULES,
  options: BillOptions,
): ComputedBill {
  let itemTotal = 0;
  let mrpTotal = 0;
  for (const l of lines) {
    itemTotal += l.price * l.quantity;
    mrpTotal += l.mrp * l.quantity;
  }
  const empty = itemTotal === 0;
  // An empty cart owes nothing: fees only make sense with something to deliver.
  const deliveryFee = empty || itemTotal >= rules.freeDeliveryThreshold ? 0 : rules.deliveryFee;
  const handlingFee = empty ? 0 : rules.handlingFee;
  const smallCartFee = empty || itemTotal >= rules.smallCartThreshold ? 0 : rules.smallCartFee;
  const surgeFee = !empty && options.storeBusy ? rules.surgeFee : 0;
  const tip = empty ? 0 : Math.max(0, Math.min(Math.round(options.tip ?? 0), rules.maxTip));
  const coupon = options.coupon
    ? evaluateCoupon(options.coupon, { itemTotal, isFirstOrder: options.isFirstOrder ?? false, now: options.now })
    : null;
  const discount = coupon?.discount ?? 0;
  const fees = deliveryFee + handlingFee + smallCartFee + surgeFee;
  const total = itemTotal + fees + tip - discount;

  const billLines: BillLine[] = [{ code: 'item_total', label: 'Item total', amount: itemTotal }];
  if (!empty) {
    billLines.push({ code: 'delivery_fee', label: 'Delivery fee', amount: deliveryFee });
    billLines.push({ code: 'handling_fee', label: 'Handling charge', amount: handlingFee });
  }
  if (smallCartFee) billLines.push({ code: 'small_cart_fee', label: 'Small cart fee', amount: smallCartFee });
  if (surgeFee) billLines.push({ code: 'surge_fee', label: 'Surge fee', amount: surgeFee });
  if (tip) billLines.push({ code: 'tip', label: 'Rider tip', amount: tip });
  if (discount) billLines.push({ code: 'coupon', label: `Coupon ${coupon?.code ?? ''}`.trim(), amount: -discount });

  return {
    lines: billLines,
    itemTotal,
    mrpTotal,
    savings: mrpTotal - itemTotal,
    deliveryFee,
    handlingFee,
    smallCartFee,
    surgeFee,
    tip,
    discount,
    fees,
    total,
    freeDeliveryThreshold: rules.freeDeliveryThreshold,
    amountToFreeDelivery: empty ? rules.freeDeliveryThreshold : Math.max(0, rules.freeDeliveryThreshold - itemTotal),
    minOrderForNoSmallCartFee: rules.smallCartThreshold,
    coupon,
  };
}
