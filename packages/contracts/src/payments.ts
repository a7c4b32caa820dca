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
