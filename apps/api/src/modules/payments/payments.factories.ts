/** Tests of card money: the app wired to local fakes of Stripe's and Razorpay's APIs, and webhooks signed as they sign them. */
import { createHmac, randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { startTestApp, type TestApp } from '../../test/harness';
import { startFakeRazorpay, type FakeRazorpay } from './razorpay.fake';
import { createCardPayment } from './payments.service';
import { startFakeStripe, type FakeStripe } from './stripe.fake';

const signer = new Stripe('sk_test_helper');

export interface CardShop {
  t: TestApp;
  fake: FakeStripe;
  webhookSecret: string;
  close(): Promise<void>;
}

export async function startCardShop(env: Record<string, string> = {}): Promise<CardShop> {
  const fake = await startFakeStripe();
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const app = await startAppBeside(fake, {
    STRIPE_SECRET_KEY: 'sk_test_fatafat',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_fatafat',
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_BASE: fake.url,
    ...env,
  });
  return { ...app, webhookSecret };
}

/** The app on its env, closed together with the provider fake it talks to. */
async function startAppBeside<F extends { close(): Promise<void> }>(fake: F, env: Record<string, string>) {
  const t = await startTestApp(env);
  return {
    t,
    fake,
    close: async () => {
      await t.close();
      await fake.close();
    },
  };
}

/** A Stripe-Signature header for this payload, as Stripe computes it. */
export const signStripe = (payload: string, secret: string) => signer.webhooks.generateTestHeaderString({ payload, secret });

export interface RazorpayShop {
  t: TestApp;
  fake: FakeRazorpay;
  webhookSecret: string;
  close(): Promise<void>;
}

/** The app wired to a local fake of Razorpay's API (and, unless env says otherwise, nothing of Stripe). */
export async function startRazorpayShop(env: Record<string, string> = {}): Promise<RazorpayShop> {
  const fake = await startFakeRazorpay();
  const webhookSecret = randomBytes(16).toString('hex');
  const app = await startAppBeside(fake, {
    RAZORPAY_KEY_ID: fake.keyId,
    RAZORPAY_KEY_SECRET: fake.keySecret,
    RAZORPAY_WEBHOOK_SECRET: webhookSecret,
    RAZORPAY_API_BASE: fake.url,
    ...env,
  });
  return { ...app, webhookSecret };
}

/** X-Razorpay-Signature as Razorpay computes it: hex HMAC-SHA256 of the exact body with the webhook secret. */
export const signRazorpayWebhook = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest('hex');

/** Checkout's razorpay_signature as Razorpay computes it: hex HMAC-SHA256 of `order_id|payment_id` with the key secret. */
export const signRazorpayPayment = (razorpayOrderId: string, paymentId: string, keySecret: string) =>
  createHmac('sha256', keySecret).update(`${razorpayOrderId}|${paymentId}`).digest('hex');

/**
 * Pays a pending card order the way a customer does: the PaymentIntent for what the wallet left to pay, then
 * Stripe's signed payment_intent.succeeded webhook. Answers the webhook's status (200 when applied).
 */
export async function payCardOrder(shop: CardShop, order: { id: string; number: string; total: number; walletPaid?: number }): Promise<number> {
  const card = await createCardPayment(shop.t.deps, order);
  const due = order.total - (order.walletPaid ?? 0);
  const payload = JSON.stringify({
    id: `evt_${randomBytes(6).toString('hex')}`,
    object: 'event',
    type: 'payment_intent.succeeded',
    data: { object: { id: card.intentId, object: 'payment_intent', amount: due, amount_received: due, currency: 'inr', metadata: { orderId: order.id } } },
  });
  const res = await fetch(`${shop.t.url}/api/payments/stripe/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(payload, shop.webhookSecret) },
    body: payload,
  });
  return res.status;
}
