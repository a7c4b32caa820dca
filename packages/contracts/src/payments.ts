import { z } from 'zod';

export const PaymentsConfigResponse = z.object({
  cardEnabled: z.boolean(),
  publishableKey: z.string().nullable(),
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
