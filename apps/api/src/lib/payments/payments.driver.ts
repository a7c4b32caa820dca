/**
 * Card payments behind a small driver. Stripe when STRIPE_SECRET_KEY is set; otherwise a disabled driver,
 * and the web app simply does not offer card payment. Webhook verification works whenever
 * STRIPE_WEBHOOK_SECRET is set, since it needs no API key.
 */
import Stripe from 'stripe';
import type { Config } from '../../config';

export interface CreateIntentInput {
  orderId: string;
  orderNumber: string;
  /** Paise. */
  amount: number;
  /** The same key for a retried checkout gives back the same PaymentIntent. */
  idempotencyKey: string;
}

export interface RefundInput {
  paymentIntentId: string;
  /** Paise to give back; the whole captured amount when absent. */
  amount?: number;
  /** The same key for a retried request gives back the same refund: money goes back once. */
  idempotencyKey: string;
}

export interface RefundOutcome {
  id: string;
  /** 'pending' until the provider's webhook (or a later answer) settles it. */
  status: 'succeeded' | 'pending' | 'failed';
}

export interface PaymentIntentRef {
  id: string;
  clientSecret: string;
}

/** The part of a provider event the webhook handler reads; no provider types leak past the driver. */
export interface PaymentEvent {
  id: string;
  type: string;
  data: { object: Record<string, unknown> };
}

export class InvalidSignatureError extends Error {}

export interface PaymentsDriver {
  readonly name: 'stripe' | 'disabled';
  /** Card payment can be offered (a secret key is configured). */
  readonly enabled: boolean;
  readonly publishableKey: string | null;
  /** Webhooks can be verified (a webhook secret is configured). */
  readonly webhooksEnabled: boolean;
  createIntent(input: CreateIntentInput): Promise<PaymentIntentRef>;
  /** Refunds the amount (or the whole PaymentIntent); resolves with the provider's refund id and whether it is settled. */
  refund(input: RefundInput): Promise<RefundOutcome>;
  /**
   * Cancels a PaymentIntent that has not captured. 'not_cancellable' when the provider refuses for good (it
   * already succeeded or was cancelled); throws when the provider could not be reached (worth a retry).
   */
  cancelIntent(paymentIntentId: string): Promise<'canceled' | 'not_cancellable'>;
  /** Verifies the signature over the exact raw bytes; throws InvalidSignatureError otherwise. */
  constructEvent(rawBody: Buffer, signature: string | undefined): PaymentEvent;
}

export class DisabledPaymentsDriver implements PaymentsDriver {
  readonly name = 'disabled' as const;
  readonly enabled = false;
  readonly publishableKey = null;
  readonly webhooksEnabled = false;
  async createIntent(): Promise<PaymentIntentRef> {
    throw new Error('card payments are not configured');
  }
  async refund(): Promise<RefundOutcome> {
    throw new Error('card payments are not configured');
  }
  async cancelIntent(): Promise<'canceled' | 'not_cancellable'> {
    throw new Error('card payments are not configured');
  }
  constructEvent(): PaymentEvent {
    throw new InvalidSignatureError('webhooks are not configured');
  }
}

export class StripePaymentsDriver implements PaymentsDriver {
  readonly name = 'stripe' as const;
  readonly enabled: boolean;
  readonly publishableKey: string | null;
  readonly webhooksEnabled: boolean;
  private readonly stripe: Stripe;

  constructor(private readonly cfg: Config['stripe']) {
    this.enabled = Boolean(cfg.secretKey);
    this.publishableKey = cfg.publishableKey ?? null;
    this.webhooksEnabled = Boolean(cfg.webhookSecret);
    const base = cfg.apiBase ? new URL(cfg.apiBase) : null;
    // Without a secret key the client only verifies webhooks, which never calls the API.
    this.stripe = new Stripe(cfg.secretKey ?? 'sk_unset', {
      maxNetworkRetries: 2,
      timeout: 15_000,
      telemetry: false,
      ...(base
        ? {
            host: base.hostname,
            port: base.port || (base.protocol === 'https:' ? 443 : 80),
            protocol: base.protocol === 'http:' ? 'http' : 'https',
          }
        : {}),
    });
  }

  async createIntent(input: CreateIntentInput): Promise<PaymentIntentRef> {
    if (!this.enabled) throw new Error('card payments are not configured');
    const intent = await this.stripe.paymentIntents.create(
      {
        amount: input.amount,
        currency: 'inr',
        automatic_payment_methods: { enabled: true },
        description: `Fatafat order ${input.orderNumber}`,
        metadata: { orderId: input.orderId, orderNumber: input.orderNumber },
      },
      { idempotencyKey: input.idempotencyKey },
    );
    if (!intent.client_secret) throw new Error('payment intent came back without a client secret');
    return { id: intent.id, clientSecret: intent.client_secret };
  }

  async refund(input: RefundInput): Promise<RefundOutcome> {
    if (!this.enabled) throw new Error('card payments are not configured');
    const refund = await this.stripe.refunds.create(
      { payment_intent: input.paymentIntentId, ...(input.amount !== undefined ? { amount: input.amount } : {}) },
      { idempotencyKey: input.idempotencyKey },
    );
    const status = refund.status === 'succeeded' ? 'succeeded' : refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'pending';
    return { id: refund.id, status };
  }

  async cancelIntent(paymentIntentId: string): Promise<'canceled' | 'not_cancellable'> {
    if (!this.enabled) throw new Error('card payments are not configured');
    try {
      await this.stripe.paymentIntents.cancel(paymentIntentId, { cancellation_reason: 'abandoned' });
      return 'canceled';
    } catch (err) {
      // A 4xx from Stripe (e.g. the intent already succeeded) will not change on retry.
      if (err instanceof Stripe.errors.StripeInvalidRequestError) return 'not_cancellable';
      throw err;
    }
  }

  constructEvent(rawBody: Buffer, signature: string | undefined): PaymentEvent {
    if (!this.cfg.webhookSecret) throw new InvalidSignatureError('webhooks are not configured');
    if (!signature) throw new InvalidSignatureError('missing Stripe-Signature header');
    try {
      const event = this.stripe.webhooks.constructEvent(rawBody, signature, this.cfg.webhookSecret);
      return { id: event.id, type: event.type, data: { object: event.data.object as unknown as Record<string, unknown> } };
    } catch (err) {
      throw new InvalidSignatureError((err as Error).message);
    }
  }
}

export function createPaymentsDriver(config: Config): PaymentsDriver {
  const s = config.stripe;
  return s.secretKey || s.webhookSecret ? new StripePaymentsDriver(s) : new DisabledPaymentsDriver();
}
