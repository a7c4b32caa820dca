import { PaymentsConfigResponse, WebhookResponse } from '@fatafat/contracts/payments';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import { handleStripeWebhook, paymentsConfig } from './payments.service';

export function registerPaymentRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'get',
      path: '/payments/config',
      summary: 'Whether card payment is offered, and the publishable key for the Payment Element',
      tag: 'payments',
      auth: 'public',
      response: PaymentsConfigResponse,
    },
    () => paymentsConfig(deps),
  );

  api.route(
    {
      method: 'post',
      path: '/payments/stripe/webhook',
      summary: 'Stripe webhook (signature verified on the raw body; each event applied once)',
      tag: 'payments',
      auth: 'public',
      bodyContentType: 'application/json',
      response: WebhookResponse,
    },
    ({ req }) => {
      const signature = req.headers['stripe-signature'];
      return handleStripeWebhook(deps, req.rawBody, typeof signature === 'string' ? signature : undefined);
    },
  );
}
