import { z } from 'zod';
import { Id, INT4_MAX, Paise } from './common';

/** One refunded line: the variant, how many, and the paise that gave back. */
export const RefundLineView = z.object({ variantId: Id, name: z.string(), quantity: z.number().int().positive(), amount: Paise });
export type RefundLineView = z.infer<typeof RefundLineView>;

export const RefundMethod = z.enum(['source', 'wallet']);
export type RefundMethod = z.infer<typeof RefundMethod>;

/** A row of the refund ledger, as the order shows it. */
export const RefundView = z.object({
  id: Id,
  amount: Paise,
  /** Empty for a refund of an amount or of the whole order. */
  lines: z.array(RefundLineView),
  /** The delivery fees and tip were given back with this refund (only ever once, with the rest of the order). */
  includesFees: z.boolean(),
  reason: z.string(),
  /** 'source': to the card or UPI that paid; 'wallet': to Fatafat Cash. */
  method: RefundMethod,
  status: z.enum(['requested', 'succeeded', 'failed']),
  /** Gave back units the store could not find at packing: they are no longer in the items' quantities. */
  shortPick: z.boolean(),
  createdAt: z.string(),
});
export type RefundView = z.infer<typeof RefundView>;

/** The largest single refund or wallet credit one request may ask for (₹1,00,000): a typo must not move a fortune. */
export const MAX_REFUND_PAISE = 10_000_000;

export const CreateRefundBody = z
  .object({
    /** Refund these lines (quantities of the order's variants); the amount is what was paid for them. */
    lines: z
      .array(z.object({ variantId: Id, quantity: z.number().int().min(1).max(100) }).strict())
      .min(1)
      .max(100)
      .optional(),
    /** Or refund an amount, in paise (goodwill for a late order, a damaged item not worth a line). */
    amount: z.number().int().min(1).max(MAX_REFUND_PAISE).optional(),
    reason: z.string().trim().min(3).max(500),
    /** 'source' gives the money back to the card or UPI that paid; 'wallet' to the customer's Fatafat Cash. */
    to: RefundMethod,
  })
  .strict()
  .refine((b) => (b.lines ? 1 : 0) + (b.amount !== undefined ? 1 : 0) === 1, {
    message: 'give either lines or an amount',
    path: ['lines'],
  });
export type CreateRefundBody = z.infer<typeof CreateRefundBody>;

export const WalletEntryView = z.object({
  id: Id,
  /** Paise: a credit is positive, a spend negative. */
  amount: z.number().int().min(-INT4_MAX).max(INT4_MAX),
  kind: z.enum(['refund', 'goodwill', 'checkout', 'checkout_reversal']),
  reason: z.string(),
  orderId: Id.nullable(),
  orderNumber: z.string().nullable(),
  createdAt: z.string(),
});
export type WalletEntryView = z.infer<typeof WalletEntryView>;

export const WalletResponse = z.object({ balance: Paise, entries: z.array(WalletEntryView) });
export type WalletResponse = z.infer<typeof WalletResponse>;

export const WalletCreditBody = z
  .object({ amount: z.number().int().min(1).max(MAX_REFUND_PAISE), reason: z.string().trim().min(3).max(500) })
  .strict();
export type WalletCreditBody = z.infer<typeof WalletCreditBody>;
