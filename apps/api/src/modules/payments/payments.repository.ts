/** Drizzle calls of the payments module. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { payments, webhookEvents } from '../../db/schema/index';

/** True when this event id is new; false for a duplicate (the unique key decides, not a prior read). */
export async function recordWebhookEvent(tx: DbOrTx, e: { id: string; provider: string; type: string }): Promise<boolean> {
  const rows = await tx.insert(webhookEvents).values(e).onConflictDoNothing().returning({ id: webhookEvents.id });
  return rows.length > 0;
}

export async function upsertPayment(
  tx: DbOrTx,
  p: { orderId: string; providerRef: string; amount: number; currency: string; status: string },
): Promise<void> {
  await tx
    .insert(payments)
    .values({ provider: 'stripe', ...p })
    .onConflictDoUpdate({
      target: [payments.provider, payments.providerRef],
      set: { status: p.status, amount: p.amount, updatedAt: sql`now()` },
    });
}

export async function insertPaymentIfAbsent(
  tx: DbOrTx,
  p: { orderId: string; providerRef: string; amount: number; currency: string; status: string },
): Promise<void> {
  await tx.insert(payments).values({ provider: 'stripe', ...p }).onConflictDoNothing();
}

export async function orderIdOfIntent(db: DbOrTx, intentId: string): Promise<string | null> {
  const [row] = await db
    .select({ orderId: payments.orderId })
    .from(payments)
    .where(and(eq(payments.provider, 'stripe'), eq(payments.providerRef, intentId)));
  return row?.orderId ?? null;
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
export async function markAttemptFailed(tx: DbOrTx, p: { orderId: string; providerRef: string; amount: number; currency: string }): Promise<void> {
  await tx
    .insert(payments)
    .values({ provider: 'stripe', ...p, status: 'failed' })
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
export async function markCapturedIfOpen(
  tx: DbOrTx,
  p: { orderId: string; providerRef: string; amount: number; currency: string },
): Promise<boolean> {
  const rows = await tx
    .insert(payments)
    .values({ provider: 'stripe', ...p, status: 'succeeded' })
    .onConflictDoUpdate({
      target: [payments.provider, payments.providerRef],
      set: { status: 'succeeded', amount: p.amount, updatedAt: sql`now()` },
      setWhere: sql`${payments.status} in ('requires_payment', 'failed', 'canceled')`,
    })
    .returning({ id: payments.id });
  return rows.length > 0;
}
