/** Tests of card money: the app wired to a local fake of Stripe's API, and webhooks signed as Stripe signs them. */
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { startTestApp, type TestApp } from '../../test/harness';
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
  const t = await startTestApp({
    STRIPE_SECRET_KEY: 'sk_test_fatafat',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_fatafat',
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_BASE: fake.url,
    ...env,
  });
  return {
    t,
    fake,
    webhookSecret,
    close: async () => {
      await t.close();
      await fake.close();
    },
  };
}

/** A Stripe-Signature header for this payload, as Stripe computes it. */
export const signStripe = (payload: string, secret: string) => signer.webhooks.generateTestHeaderString({ payload, secret });
