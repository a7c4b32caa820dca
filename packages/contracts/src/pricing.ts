import { z } from 'zod';
import { Paise } from './common';

/** One line of the bill exactly as the UI shows it; discounts are negative so the lines sum to the total. */
export const BillLine = z.object({
  code: z.string(),
  label: z.string(),
  amount: z.number().int(),
});
export type BillLine = z.infer<typeof BillLine>;

export const Bill = z.object({
  lines: z.array(BillLine),
  itemTotal: Paise,
  mrpTotal: Paise,
  savings: Paise,
  deliveryFee: Paise,
  handlingFee: Paise,
  smallCartFee: Paise,
  surgeFee: Paise,
  tip: Paise,
  discount: Paise,
  fees: Paise,
  total: Paise,
  freeDeliveryThreshold: Paise,
  amountToFreeDelivery: Paise,
  minOrderForNoSmallCartFee: Paise,
});
export type Bill = z.infer<typeof Bill>;

/** Why a coupon does not apply; `missing` (paise) is set for min_order. */
export const CouponRejection = z.enum([
  'unknown',
  'inactive',
  'not_started',
  'expired',
  'min_order',
  'used_up',
  'user_limit',
  'first_order_only',
]);
export type CouponRejection = z.infer<typeof CouponRejection>;

export const MAX_TIP = 20_000;
export const Tip = z.number().int().min(0).max(MAX_TIP);
