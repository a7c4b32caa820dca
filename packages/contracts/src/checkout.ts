import { z } from 'zod';
import { Id, Instant } from './common';
import { OrderView, PaymentMethod } from './orders';
import { PaymentProvider, ProviderPayment } from './payments';
import { Tip } from './pricing';

export const CheckoutBody = z
  .object({
    addressId: Id,
    paymentMethod: PaymentMethod,
    /**
     * For paymentMethod 'card': Stripe (cards) or Razorpay (UPI, cards, netbanking, wallets through Razorpay
     * Checkout). Default: Stripe when it is offered, else Razorpay (GET /api/payments/config lists them).
     */
    provider: PaymentProvider.optional(),
    /**
     * Pay what Fatafat Cash can of the total (GET /api/wallet); the card or cash at the door pays the rest.
     * When the balance covers everything, nothing else is charged. 409 wallet_balance_changed if another
     * checkout spent the balance first.
     */
    useWallet: z.boolean().optional(),
    /** Overrides the cart's tip. */
    tip: Tip.optional(),
    /** Overrides the cart's coupon; an explicit code that does not apply is a 422. */
    couponCode: z.string().trim().min(1).max(40).optional(),
    /**
     * Deliver in this 30-minute slot (a `startsAt` from GET /api/slots) instead of now: the order waits as
     * `scheduled` and enters the pick queue shortly before. Required when the store is closed or paused.
     */
    slotStartsAt: Instant.optional(),
    /** Buy these instead of the cart (the cart is then left alone). */
    items: z
      .array(z.object({ variantId: Id, quantity: z.number().int().min(1).max(100) }).strict())
      .min(1)
      .max(100)
      .optional(),
  })
  .strict();
export type CheckoutBody = z.infer<typeof CheckoutBody>;

export const CheckoutResponse = z.object({
  order: OrderView,
  /** Card orders: what the web app needs to mount Stripe's Payment Element, or to open Razorpay Checkout. */
  payment: ProviderPayment.optional(),
});
export type CheckoutResponse = z.infer<typeof CheckoutResponse>;

/** details of a 409 out_of_stock: the lines that cannot be filled and what is left. */
export const OutOfStockLine = z.object({ variantId: Id, name: z.string(), requested: z.number().int(), available: z.number().int() });
