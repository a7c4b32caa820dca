import {
  FailingPaymentTasksResponse,
  PaymentsConfigResponse,
  RazorpayVerifyBody,
  RazorpayVerifyResponse,
  WebhookResponse,
} from '@fatafat/contracts/payments';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import { failingPaymentTasks } from './payment-tasks';
import { handleStripeWebhook, paymentsConfig } from './payments.service';
import { handleRazorpayWebhook, verifyRazorpayPayment } from './razorpay.service';

const header = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

export function registerPaymentRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'get',
      path: '/payments/config',
      summary: 'The ways to pay offered (Stripe, Razorpay, cash on delivery) and the public keys their web parts need',
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
    ({ req }) => handleStripeWebhook(deps, req.rawBody, header(req.headers['stripe-signature'])),
  );

  api.route(
    {
      method: 'post',
      path: '/payments/razorpay/webhook',
      summary: 'Razorpay webhook (X-Razorpay-Signature verified on the raw body; each event id applied once)',
      tag: 'payments',
      auth: 'public',
      bodyContentType: 'application/json',
      response: WebhookResponse,
    },
    ({ req }) =>
      handleRazorpayWebhook(deps, req.rawBody, header(req.headers['x-razorpay-signature']), header(req.headers['x-razorpay-event-id'])),
  );

  api.route(
    {
      method: 'post',
      path: '/payments/razorpay/verify',
      summary: "Razorpay Checkout's success callback: the payment signature is verified and the order confirmed (once, whatever the webhook does)",
      tag: 'payments',
      auth: 'user',
      errors: [404],
      body: RazorpayVerifyBody,
      response: RazorpayVerifyResponse,
    },
    ({ user, body }) => verifyRazorpayPayment(deps, user, body),
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
