import { z } from 'zod';
import { Id } from './common';

export const PaymentProvider = z.enum(['stripe', 'razorpay']);
export type PaymentProvider = z.infer<typeof PaymentProvider>;

export const PaymentsConfigResponse = z.object({
  /** Stripe's card payment is offered (kept for clients that know only Stripe). */
  cardEnabled: z.boolean(),
  publishableKey: z.string().nullable(),
  /** The ways to pay offered, following which keys are set; cash on delivery always. */
  providers: z.array(z.enum(['stripe', 'razorpay', 'cod'])),
  /** The public key Razorpay Checkout opens with, when Razorpay is offered. */
  razorpayKeyId: z.string().nullable(),
});
export type PaymentsConfigResponse = z.infer<typeof PaymentsConfigResponse>;

/** What checkout returns beside a card order so the web app can mount the Payment Element. */
export const CardPayment = z.object({
  provider: z.literal('stripe'),
  intentId: z.string(),
  clientSecret: z.string(),
  publishableKey: z.string().nullable(),
});
export type CardPayment = z.infer<typeof CardPayment>;

/** What checkout returns beside a Razorpay order so the web app can open Razorpay Checkout. */
export const RazorpayPayment = z.object({
  provider: z.literal('razorpay'),
  keyId: z.string(),
  /** The Razorpay order (order_…), not ours. */
  orderId: z.string(),
  /** Paise: what is left to pay after Fatafat Cash. */
  amount: z.number().int(),
  currency: z.literal('INR'),
});
export type RazorpayPayment = z.infer<typeof RazorpayPayment>;

export const ProviderPayment = z.discriminatedUnion('provider', [CardPayment, RazorpayPayment]);
export type ProviderPayment = z.infer<typeof ProviderPayment>;

/** Razorpay Checkout's success callback, passed on: the signature proves the payment was made for that order. */
export const RazorpayVerifyBody = z
  .object({
    /** Our order id. */
    orderId: Id,
    razorpayOrderId: z.string().min(1).max(100),
    razorpayPaymentId: z.string().min(1).max(100),
    razorpaySignature: z.string().min(1).max(200),
  })
  .strict();
export type RazorpayVerifyBody = z.infer<typeof RazorpayVerifyBody>;

export const RazorpayVerifyResponse = z.object({
  verified: z.literal(true),
  orderId: Id,
  /** The order's status after the payment was applied (confirmed, or unchanged when it could not be). */
  status: z.string(),
});
export type RazorpayVerifyResponse = z.infer<typeof RazorpayVerifyResponse>;

export const WebhookResponse = z.object({ received: z.literal(true), duplicate: z.boolean().optional() });
export type WebhookResponse = z.infer<typeof WebhookResponse>;

/** A refund or PaymentIntent cancellation the shop owes the provider and has failed to do several times. */
export const PaymentTask = z.object({
  id: z.string().uuid(),
  orderId: z.string().uuid(),
  kind: z.enum(['refund', 'cancel_intents', 'send_refunds']),
  reason: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().datetime(),
  createdAt: z.string().datetime(),
});
export const FailingPaymentTasksResponse = z.object({ items: z.array(PaymentTask) });
export type FailingPaymentTasksResponse = z.infer<typeof FailingPaymentTasksResponse>;
