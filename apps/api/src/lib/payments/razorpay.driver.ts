/**
 * UPI, cards, netbanking and wallets through Razorpay, beside Stripe. Payment is offered when
 * RAZORPAY_KEY_ID and RAZORPAY_KEY_SECRET are set; webhooks are verified when RAZORPAY_WEBHOOK_SECRET is.
 * No Razorpay types leak past this file.
 *
 * Razorpay takes no idempotency key (the SDK forwards no such header), so a refund carries its ledger key in
 * its notes, and before asking for one the driver looks among the payment's refunds for that key: a retry
 * after a crash finds the first refund instead of giving the money back twice.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import Razorpay from 'razorpay';
import type { Config } from '../../config';
import { InvalidSignatureError, type RefundOutcome } from './payments.driver';

export interface RazorpayOrderRef {
  id: string;
  /** Paise. */
  amount: number;
}

/** A verified webhook: the event id (for recording it once), its type, and its payload's entities. */
export interface RazorpayEvent {
  id: string;
  type: string;
  payload: Record<string, { entity?: Record<string, unknown> } | undefined>;
}

/** The note a refund carries its ledger key in (Razorpay notes are free-form strings). */
const LEDGER_NOTE = 'fatafat_refund';

/** Hex HMAC-SHA256 compared in constant time (the SDK's helpers compare with ===). */
function signatureMatches(message: string | Buffer, signature: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(message).digest();
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : null;
  return given !== null && timingSafeEqual(expected, given);
}

export class RazorpayDriver {
  /** Checkout can be offered (a key id and secret are configured). */
  readonly enabled: boolean;
  readonly keyId: string | null;
  readonly webhooksEnabled: boolean;
  private readonly client: Razorpay | null;

  constructor(private readonly cfg: Config['razorpay']) {
    this.enabled = Boolean(cfg.keyId && cfg.keySecret);
    this.keyId = this.enabled ? cfg.keyId! : null;
    this.webhooksEnabled = Boolean(cfg.webhookSecret);
    this.client = this.enabled ? new Razorpay({ key_id: cfg.keyId!, key_secret: cfg.keySecret! }) : null;
    if (this.client) {
      // The SDK fixes its host and sets no timeout; both live on its axios instance.
      const rq = (this.client.api as unknown as { rq: { defaults: { baseURL?: string; timeout?: number } } }).rq;
      if (cfg.apiBase) rq.defaults.baseURL = cfg.apiBase.replace(/\/$/, '');
      rq.defaults.timeout = 15_000;
    }
  }

  private api(): Razorpay {
    if (!this.client) throw new Error('Razorpay is not configured');
    return this.client;
  }

  /** A Razorpay order for the amount due; Checkout pays it, and its id ties the payment back to our order. */
  async createOrder(input: { orderId: string; orderNumber: string; amount: number }): Promise<RazorpayOrderRef> {
    const order = await this.api().orders.create({
      amount: input.amount,
      currency: 'INR',
      receipt: input.orderNumber,
      notes: { orderId: input.orderId, orderNumber: input.orderNumber },
    });
    return { id: order.id, amount: Number(order.amount) };
  }

  async refund(input: { paymentId: string; amount: number; idempotencyKey: string }): Promise<RefundOutcome> {
    const api = this.api();
    const earlier = await api.payments.fetchMultipleRefund(input.paymentId, { count: 100 });
    const found = earlier.items.find((r) => r.notes?.[LEDGER_NOTE] === input.idempotencyKey);
    const refund = found ?? (await api.payments.refund(input.paymentId, { amount: input.amount, notes: { [LEDGER_NOTE]: input.idempotencyKey } }));
    const status = refund.status === 'processed' ? 'succeeded' : refund.status === 'failed' ? 'failed' : 'pending';
    return { id: refund.id, status };
  }

  /** Checkout's callback: hex HMAC-SHA256 of `order_id|payment_id` with the key secret, as Razorpay signs it. */
  paymentSignatureValid(razorpayOrderId: string, razorpayPaymentId: string, signature: string): boolean {
    if (!this.cfg.keySecret) return false;
    return signatureMatches(`${razorpayOrderId}|${razorpayPaymentId}`, signature, this.cfg.keySecret);
  }

  /** Verifies X-Razorpay-Signature over the exact raw bytes; throws InvalidSignatureError otherwise. */
  constructEvent(rawBody: Buffer, signature: string | undefined, eventId: string | undefined): RazorpayEvent {
    if (!this.cfg.webhookSecret) throw new InvalidSignatureError('webhooks are not configured');
    if (!signature) throw new InvalidSignatureError('missing X-Razorpay-Signature header');
    if (!signatureMatches(rawBody, signature, this.cfg.webhookSecret)) throw new InvalidSignatureError('signature does not match');
    let body: { event?: unknown; payload?: unknown };
    try {
      body = JSON.parse(rawBody.toString('utf8')) as typeof body;
    } catch {
      throw new InvalidSignatureError('body is not JSON');
    }
    return {
      // Razorpay names each event in a header; a body with none is keyed by its digest, so a redelivery still dedupes.
      id: eventId || `sha256:${createHash('sha256').update(rawBody).digest('hex')}`,
      type: typeof body.event === 'string' ? body.event : '',
      payload: (body.payload && typeof body.payload === 'object' ? body.payload : {}) as RazorpayEvent['payload'],
    };
  }
}
