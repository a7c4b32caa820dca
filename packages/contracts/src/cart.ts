import { z } from 'zod';
import { UnservedReason } from './zones';
import { Id, Paise } from './common';
import { WHEN_SHORT } from './floor-rules';
import { Bill, CouponRejection, Tip } from './pricing';

export const CartItem = z.object({
  variantId: Id,
  productId: Id,
  name: z.string(),
  slug: z.string(),
  label: z.string(),
  imageUrl: z.string().nullable(),
  price: Paise,
  mrp: Paise,
  quantity: z.number().int().positive(),
  maxPerOrder: z.number().int().positive(),
  /** In stock (for this quantity) at the store serving the chosen address, and still on sale. */
  available: z.boolean(),
  /** Should the store run out of it: a similar item, a call, or a refund (the profile's default until chosen). */
  whenShort: z.enum(WHEN_SHORT),
});
export type CartItem = z.infer<typeof CartItem>;

export const CartCoupon = z.object({
  code: z.string(),
  applied: z.boolean(),
  reason: CouponRejection.optional(),
  message: z.string().optional(),
  missing: Paise.optional(),
});

export const Cart = z.object({
  items: z.array(CartItem),
  bill: Bill,
  coupon: CartCoupon.nullable(),
  tip: Paise,
  store: z.object({ id: Id, name: z.string() }).nullable(),
  etaMinutes: z.number().int().nullable(),
  /** False when the chosen address has no serving store (or the user has no address yet: store is null). */
  serviceable: z.boolean(),
  /**
   * Why the cart cannot be delivered now, in the customer's words: outside every zone, or the store closed
   * (opensAt) or paused. A closed or paused store can still take the order for a delivery slot.
   */
  unserved: z.object({ reason: UnservedReason, message: z.string(), opensAt: z.string().optional() }).nullable(),
  /** The store is busy: the ETA is longer and a surge fee applies. */
  busy: z.boolean(),
  addressId: Id.nullable(),
});
export type Cart = z.infer<typeof Cart>;

export const CartQuery = z.object({ addressId: Id.optional() });

const Quantity = z.number().int().min(1).max(100);

export const AddCartItemBody = z.object({ variantId: Id, quantity: Quantity.default(1) }).strict();
export type AddCartItemBody = z.infer<typeof AddCartItemBody>;

export const SetCartItemBody = z.object({ quantity: z.number().int().min(0).max(100) }).strict();
export const CartItemParams = z.object({ variantId: Id }).strict();
export const SetWhenShortBody = z.object({ whenShort: z.enum(WHEN_SHORT) }).strict();
export type SetWhenShortBody = z.infer<typeof SetWhenShortBody>;

export const MergeCartBody = z
  .object({ items: z.array(z.object({ variantId: Id, quantity: Quantity }).strict()).max(100) })
  .strict();
export type MergeCartBody = z.infer<typeof MergeCartBody>;

export const ApplyCouponBody = z.object({ code: z.string().trim().min(1).max(40) }).strict();
export const SetTipBody = z.object({ tip: Tip }).strict();
