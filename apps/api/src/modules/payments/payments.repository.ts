/** Drizzle calls of the payments module. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { payments, webhookEvents, type PaymentProvider } from '../../db/schema/index';

/** A payment row as the webhook paths write it; the provider is Stripe unless named. */
export interface PaymentAttempt {
  provider?: PaymentProvider;
  orderId: string;
  providerRef: string;
  /** Razorpay's pay_… id, once a payment names it. */
  providerPaymentRef?: string | null;
  amount: number;
  currency: string;
}

const rowOf = ({ provider = 'stripe', providerPaymentRef, ...p }: PaymentAttempt) => ({
  provider,
  ...p,
  ...(providerPaymentRef ? { providerPaymentRef } : {}),
});

/** True when this event id is new; false for a duplicate (the unique key decides, not a prior read). */
export async function recordWebhookEvent(tx: DbOrTx, e: { id: string; provider: string; type: string }): Promise<boolean> {
  const rows = await tx.insert(webhookEvents).values(e).onConflictDoNothing().returning({ id: webhookEvents.id });
  return rows.length > 0;
}

export async function upsertPayment(tx: DbOrTx, p: PaymentAttempt & { status: string }): Promise<void> {
  const { status, ...attempt } = p;
  const row = rowOf(attempt);
  await tx
    .insert(payments)
    .values({ ...row, status })
    .onConflictDoUpdate({
      target: [payments.provider, payments.providerRef],
      set: { status, amount: p.amount, ...(row.providerPaymentRef ? { providerPaymentRef: row.providerPaymentRef } : {}), updatedAt: sql`now()` },
    });
}

export async function insertPaymentIfAbsent(tx: DbOrTx, p: PaymentAttempt & { status: string }): Promise<void> {
  const { status, ...attempt } = p;
  await tx.insert(payments).values({ ...rowOf(attempt), status }).onConflictDoNothing();
}

export async function orderIdOfIntent(db: DbOrTx, intentId: string, provider: PaymentProvider = 'stripe'): Promise<string | null> {
  const [row] = await db
    .select({ orderId: payments.orderId })
    .from(payments)
    .where(and(eq(payments.provider, provider), eq(payments.providerRef, intentId)));
  return row?.orderId ?? null;
}

/** The order's first payment row at this provider (what checkout created for it), if any. */
export async function firstPaymentOf(db: DbOrTx, orderId: string, provider: PaymentProvider) {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.provider, provider)))
    .orderBy(payments.createdAt, payments.id)
    .limit(1);
  return row ?? null;
}

export async function paymentByRef(db: DbOrTx, provider: PaymentProvider, providerRef: string) {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.provider, provider), eq(payments.providerRef, providerRef)));
  return row ?? null;
}

export async function setPaymentStatus(db: DbOrTx, intentId: string, status: string): Promise<void> {
  await db
    .update(payments)
    .set({ status, updatedAt: sql`now()` })
    .where(and(eq(payments.provider, 'stripe'), eq(payments.providerRef, intentId)));
}

/** The order's PaymentIntents that have captured nothing yet (still payable, or last attempt declined). */
export async function openIntentsOf(db: DbOrTx, orderId: string): Promise<string[]> {
  const rows = await db
    .select({ providerRef: payments.providerRef })
    .from(payments)
    .where(and(eq(payments.provider, 'stripe'), eq(payments.orderId, orderId), inArray(payments.status, ['requires_payment', 'failed'])));
  return rows.map((r) => r.providerRef);
}

/** Records a declined attempt, unless the intent has already captured (a failure can arrive after the success). */
export async function markAttemptFailed(tx: DbOrTx, p: PaymentAttempt): Promise<void> {
  await tx
    .insert(payments)
    .values({ ...rowOf(p), status: 'failed' })
    .onConflictDoUpdate({
      target: [payments.provider, payments.providerRef],
      set: { status: 'failed', updatedAt: sql`now()` },
      setWhere: sql`${payments.status} = 'requires_payment'`,
    });
}

/**
 * Records that an intent captured money, if it had not already: answers true when this call is the one that
 * recorded it (so the caller acts on the capture once, however many times the provider reports it).
 */
export async function markCapturedIfOpen(tx: DbOrTx, p: PaymentAttempt): Promise<boolean> {
  const row = rowOf(p);
  const rows = await tx
    .insert(payments)
    .values({ ...row, status: 'succeeded' })
    .onConflictDoUpdate({
      target: [payments.provider, payments.providerRef],
      set: { status: 'succeeded', amount: p.amount, ...(row.providerPaymentRef ? { providerPaymentRef: row.providerPaymentRef } : {}), updatedAt: sql`now()` },
      setWhere: sql`${payments.status} in ('requires_payment', 'failed', 'canceled')`,
    })
    .returning({ id: payments.id });
  return rows.length > 0;
}
