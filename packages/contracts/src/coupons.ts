import { z } from 'zod';
import { Id, INT4_MAX, Instant, Paise } from './common';

/** A positive amount or limit, within what the 32-bit columns hold. */
const Positive = z.number().int().min(1).max(INT4_MAX);

const Code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{3,30}$/, 'must be 3–30 letters, digits, - or _')
  .transform((s) => s.toUpperCase());

const CouponFields = z.object({
  code: Code,
  description: z.string().max(300).default(''),
  kind: z.enum(['flat', 'percent']),
  /** Paise for flat, whole percent (1–100) for percent. */
  value: Positive,
  minOrder: Paise.default(0),
  maxDiscount: Paise.nullable().default(null),
  startsAt: Instant.nullable().default(null),
  endsAt: Instant.nullable().default(null),
  usageLimit: Positive.nullable().default(null),
  perUserLimit: Positive.nullable().default(null),
  firstOrderOnly: z.boolean().default(false),
  isActive: z.boolean().default(true),
});

function checkCoupon(c: { kind?: string; value?: number; startsAt?: string | null; endsAt?: string | null }, ctx: z.RefinementCtx) {
  if (c.kind === 'percent' && c.value !== undefined && c.value > 100) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'a percent coupon is at most 100' });
  }
  if (c.startsAt && c.endsAt && new Date(c.endsAt) <= new Date(c.startsAt)) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  }
}

export const CreateCouponBody = CouponFields.strict().superRefine(checkCoupon);
export type CreateCouponBody = z.infer<typeof CreateCouponBody>;

/** PUT and PATCH both take any subset of the fields; PUT is kept for clients that prefer it. */
export const UpdateCouponBody = z
  .object({
    code: Code.optional(),
    description: z.string().max(300).optional(),
    kind: z.enum(['flat', 'percent']).optional(),
    value: Positive.optional(),
    minOrder: Paise.optional(),
    maxDiscount: Paise.nullable().optional(),
    startsAt: Instant.nullable().optional(),
    endsAt: Instant.nullable().optional(),
    usageLimit: Positive.nullable().optional(),
    perUserLimit: Positive.nullable().optional(),
    firstOrderOnly: z.boolean().optional(),
    isActive: z.boolean().optional(),
  })
  .strict()
  .superRefine(checkCoupon);
export type UpdateCouponBody = z.infer<typeof UpdateCouponBody>;

export const Coupon = z.object({
  id: Id,
  code: z.string(),
  description: z.string(),
  kind: z.enum(['flat', 'percent']),
  value: z.number().int(),
  minOrder: Paise,
  maxDiscount: Paise.nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  usageLimit: z.number().int().nullable(),
  perUserLimit: z.number().int().nullable(),
  firstOrderOnly: z.boolean(),
  isActive: z.boolean(),
  usedCount: z.number().int(),
  /** Rows in coupon_redemptions (equals usedCount unless an order was refunded and released it). */
  redemptions: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Coupon = z.infer<typeof Coupon>;

export const CouponList = z.object({ items: z.array(Coupon) });

export const CouponListQuery = z.object({
  q: z.string().trim().max(40).optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const CouponUsage = z.object({
  coupon: Coupon,
  redemptions: z.array(
    z.object({ orderId: Id, orderNumber: z.string().nullable(), userId: Id, discount: Paise.nullable(), at: z.string() }),
  ),
});
export type CouponUsage = z.infer<typeof CouponUsage>;
