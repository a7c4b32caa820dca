import { FailingPaymentTasksResponse, PaymentsConfigResponse, WebhookResponse } from '@fatafat/contracts/payments';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import { failingPaymentTasks } from './payment-tasks';
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

  api.route(
    {
      method: 'get',
      path: '/admin/payment-tasks',
      summary: 'Refunds and PaymentIntent cancellations that keep failing at the provider (still being retried)',
      tag: 'payments',
      auth: 'admin',
      response: FailingPaymentTasksResponse,
    },
    async () => ({
      items: (await failingPaymentTasks(deps.db)).map((t) => ({
        id: t.id,
        orderId: t.orderId,
        kind: t.kind,
        reason: t.reason,
        attempts: t.attempts,
        lastError: t.lastError,
        nextAttemptAt: t.runAt.toISOString(),
        createdAt: t.createdAt.toISOString(),
      })),
    }),
  );
}
