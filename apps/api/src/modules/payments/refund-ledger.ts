/**
 * The refund ledger's core: what an order was paid by each way, the rows that give it back, and sending
 * the card ones to the provider. Admin refunds (modules/refunds) and the order effects (a cancelled or
 * refunded paid order, a capture that came too late) both write rows here, so "how much went back, how and
 * why" is one table however it happened.
 *
 * A 'source' row is its own provider job: it is sent with the key `refund-<row id>` until the provider has
 * answered, so a retry after a crash gives the money back once. A 'wallet' row is settled as it is written.
 */
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { orders, payments, refunds, type PaymentProvider, type RefundLine } from '../../db/schema/index';
import type { AppDeps } from '../../deps';
import { issueCreditNote } from '../invoices/invoices.repository';
import { creditWallet } from '../wallet/wallet.repository';

type Deps = Pick<AppDeps, 'db' | 'payments' | 'razorpay' | 'logger'>;
type OrderRow = typeof orders.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

/** Payment rows that captured money (whatever has since been refunded of it). */
const CAPTURED = ['succeeded', 'refund_requested', 'refunded'];

export interface PaidSoFar {
  /** Captured by the card or UPI provider. */
  source: number;
  /** Taken from Fatafat Cash at checkout. */
  wallet: number;
  /** Collected at the door: a cash order's due amount once delivered. */
  cash: number;
  /** Non-failed refunds: in all, to the source, and whether one already gave the fees back. */
  refunded: number;
  refundedToSource: number;
  feesRefunded: boolean;
  prior: RefundRow[];
}

/** Everything a refund decision needs, read inside the caller's transaction (the order row locked by it). */
export async function paidSoFar(tx: DbOrTx, order: OrderRow): Promise<PaidSoFar> {
  const [captured, prior] = await Promise.all([
    tx
      .select({ amount: payments.amount })
      .from(payments)
      .where(and(eq(payments.orderId, order.id), inArray(payments.status, CAPTURED))),
    tx.select().from(refunds).where(eq(refunds.orderId, order.id)).orderBy(refunds.createdAt, refunds.id),
  ]);
  const live = prior.filter((r) => r.status !== 'failed');
  // A short pick's wallet refund lowered wallet_paid by as much: counting it as given back too would be twice.
  const givenBack = live.filter((r) => !(r.shortPick && r.method === 'wallet'));
  const due = order.total - order.walletPaid;
  return {
    source: captured.reduce((s, p) => s + p.amount, 0),
    wallet: order.walletPaid,
    // A cash order is refundable only once paid at the door (an admin refund of it comes after delivery).
    cash: order.paymentMethod === 'cod' && (order.paymentStatus === 'paid' || order.paymentStatus === 'refunded') ? due : 0,
    refunded: givenBack.reduce((s, r) => s + r.amount, 0),
    refundedToSource: live.filter((r) => r.method === 'source').reduce((s, r) => s + r.amount, 0),
    feesRefunded: live.some((r) => r.includesFees),
    prior,
  };
}

export interface NewRefund {
  order: OrderRow;
  amount: number;
  method: 'source' | 'wallet';
  reason: string;
  lines?: RefundLine[];
  includesFees?: boolean;
  actorId?: string | null;
  /** Settles a short pick (see refunds.shortPick). */
  shortPick?: boolean;
}

/**
 * Writes a ledger row; a wallet refund is credited in the same transaction, and a refund of an invoiced
 * order gets its credit note there too (the next number of the store's credit-note series).
 */
export async function writeRefund(tx: Tx, r: NewRefund): Promise<RefundRow> {
  const [row] = await tx
    .insert(refunds)
    .values({
      orderId: r.order.id,
      amount: r.amount,
      lines: r.lines ?? [],
      includesFees: r.includesFees ?? false,
      reason: r.reason,
      method: r.method,
      status: r.method === 'wallet' ? 'succeeded' : 'requested',
      settledAt: r.method === 'wallet' ? new Date() : null,
      actorId: r.actorId ?? null,
      shortPick: r.shortPick ?? false,
    })
    .returning();
  if (r.method === 'wallet') {
    await creditWallet(tx, { userId: r.order.userId, amount: r.amount, kind: 'refund', reason: r.reason, orderId: r.order.id, refundId: row!.id, actorId: r.actorId });
  }
  await issueCreditNote(tx, row!);
  await tx.update(orders).set({ updatedAt: new Date() }).where(eq(orders.id, r.order.id));
  return row!;
}

/**
 * Gives back everything of the order not yet given back: the card's share to the card, the rest (wallet
 * spend, cash collected) to the wallet, with the fees if no refund took them. Run again it finds nothing
 * left, so the payment task may repeat it safely.
 */
export async function refundRemainder(tx: Tx, orderId: string, reason: string): Promise<RefundRow[]> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!order) return [];
  const paid = await paidSoFar(tx, order);
  const owed = paid.source + paid.wallet + paid.cash - paid.refunded;
  if (owed <= 0) return [];
  const toSource = Math.min(owed, Math.max(0, paid.source - paid.refundedToSource));
  const rows: RefundRow[] = [];
  const includesFees = !paid.feesRefunded && order.fees + order.tip > 0;
  if (toSource > 0) rows.push(await writeRefund(tx, { order, amount: toSource, method: 'source', reason, includesFees }));
  if (owed - toSource > 0) {
    rows.push(await writeRefund(tx, { order, amount: owed - toSource, method: 'wallet', reason, includesFees: includesFees && toSource === 0 }));
  }
  return rows;
}

/**
 * Sends the order's card refunds the provider has not answered yet. Throws when the provider could not be
 * asked, so the payment task retries (the same row, the same key).
 */
export async function sendUnsentRefunds(deps: Deps, orderId: string): Promise<number> {
  const unsent = await deps.db
    .select()
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), eq(refunds.method, 'source'), eq(refunds.status, 'requested'), isNull(refunds.providerRefundId)));
  if (!unsent.length) return 0;
  const capturedRows = await deps.db
    .select({ provider: payments.provider, ref: payments.providerRef, paymentRef: payments.providerPaymentRef, amount: payments.amount })
    .from(payments)
    .where(and(eq(payments.orderId, orderId), inArray(payments.status, CAPTURED)));
  const captured = capturedRows[0];
  if (!captured) throw new Error(`order ${orderId} has card refunds to send but no captured payment`);
  for (const row of unsent) {
    const outcome = await sendToProvider(deps, captured, row.amount, `refund-${row.id}`);
    await deps.db
      .update(refunds)
      .set({
        providerRefundId: outcome.id,
        status: outcome.status === 'pending' ? 'requested' : outcome.status,
        settledAt: outcome.status === 'pending' ? null : new Date(),
      })
      .where(eq(refunds.id, row.id));
    deps.logger.info({ orderId, refundId: row.id, amount: row.amount, status: outcome.status }, `refund sent to ${captured.provider}`);
  }
  // Once everything the card captured is on its way back, the payment row says so.
  const [given] = await deps.db
    .select({ amount: sql<number>`coalesce(sum(${refunds.amount}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), eq(refunds.method, 'source'), ne(refunds.status, 'failed')));
  if ((given?.amount ?? 0) >= capturedRows.reduce((n, p) => n + p.amount, 0)) {
    await deps.db.update(payments).set({ status: 'refund_requested', updatedAt: sql`now()` }).where(and(eq(payments.orderId, orderId), eq(payments.status, 'succeeded')));
  }
  return unsent.length;
}

/** A refund goes back the way the money came: Stripe names the PaymentIntent, Razorpay the payment. */
function sendToProvider(
  deps: Deps,
  captured: { provider: PaymentProvider; ref: string; paymentRef: string | null },
  amount: number,
  idempotencyKey: string,
) {
  if (captured.provider === 'stripe') return deps.payments.refund({ paymentIntentId: captured.ref, amount, idempotencyKey });
  if (!captured.paymentRef) throw new Error(`Razorpay order ${captured.ref} captured but no payment id was recorded`);
  return deps.razorpay.refund({ paymentId: captured.paymentRef, amount, idempotencyKey });
}

/** A provider webhook settled these refunds (by the provider's ids). */
export async function settleRefunds(tx: DbOrTx, providerRefundIds: string[], status: 'succeeded' | 'failed'): Promise<void> {
  if (!providerRefundIds.length) return;
  await tx
    .update(refunds)
    .set({ status, settledAt: new Date() })
    .where(and(inArray(refunds.providerRefundId, providerRefundIds), eq(refunds.status, 'requested')));
}
