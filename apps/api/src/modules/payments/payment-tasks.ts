/**
 * The payment task outbox: refunds and PaymentIntent cancellations that an order move owes the provider.
 * A task is written in the same transaction as the move (or the webhook that found money to give back), so
 * it survives a crash right after the commit. The worker leases due tasks (SKIP LOCKED, so several
 * processes share the work and never run one task twice at once), calls the provider with the order's
 * idempotency key, and on failure retries with doubling delays. Tasks that keep failing stay visible to
 * admins (`GET /api/admin/payment-tasks`).
 */
import { and, asc, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { paymentTasks } from '../../db/schema/index';
import type { AppDeps } from '../../deps';
import { every } from '../../lib/every';
import { cancelOpenIntents, refundCapturedPayment } from './payment-effects';
import { sendUnsentRefunds } from './refund-ledger';

/** 'refund': give back the whole order; 'send_refunds': send ledger rows already written; 'cancel_intents'. */
export type PaymentTaskKind = 'refund' | 'cancel_intents' | 'send_refunds';
type Deps = Pick<AppDeps, 'db' | 'payments' | 'razorpay' | 'logger'>;

/** A leased task is not offered again for this long: a worker that died mid-call is retried after it. */
const LEASE_MS = 60_000;
const FIRST_RETRY_MS = 10_000;
const MAX_RETRY_MS = 3_600_000;
/** After this many failed attempts a task is listed as failing for admins (it keeps being retried). */
export const FAILING_AFTER_ATTEMPTS = 3;

export const retryDelayMs = (attempts: number) => Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));

/**
 * Owes the provider this work for the order. Asking again while it is pending changes nothing; asking
 * after it was done runs it again, which is safe: it acts only on payments still in need (a refund asks
 * only for captured payments not yet refunded, with one idempotency key per payment).
 */
export async function enqueuePaymentTask(tx: DbOrTx, orderId: string, kind: PaymentTaskKind, reason: string): Promise<void> {
  await tx
    .insert(paymentTasks)
    .values({ orderId, kind, reason })
    .onConflictDoUpdate({
      target: [paymentTasks.orderId, paymentTasks.kind],
      set: { reason, doneAt: null, attempts: 0, runAt: sql`now()`, lastError: null },
      setWhere: sql`${paymentTasks.doneAt} is not null`,
    });
}

async function leaseDue(db: DbOrTx, now: Date, limit: number, orderId?: string) {
  const due = and(isNull(paymentTasks.doneAt), lte(paymentTasks.runAt, now), orderId ? eq(paymentTasks.orderId, orderId) : undefined);
  return db
    .update(paymentTasks)
    .set({ runAt: new Date(now.getTime() + LEASE_MS), attempts: sql`${paymentTasks.attempts} + 1` })
    .where(
      sql`${paymentTasks.id} in (select ${paymentTasks.id} from ${paymentTasks} where ${due} order by ${paymentTasks.runAt} limit ${limit} for update skip locked)`,
    )
    .returning();
}

async function perform(deps: Deps, task: { orderId: string; kind: PaymentTaskKind; reason: string }): Promise<void> {
  if (task.kind === 'refund') await refundCapturedPayment(deps, task.orderId, task.reason);
  else if (task.kind === 'send_refunds') await sendUnsentRefunds(deps, task.orderId);
  else await cancelOpenIntents(deps, task.orderId);
}

/** Runs the due tasks (of one order, when given). Answers how many succeeded. */
export async function runDuePaymentTasks(deps: Deps, opts: { now?: Date; orderId?: string; limit?: number } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  let done = 0;
  for (const task of await leaseDue(deps.db, now, opts.limit ?? 20, opts.orderId)) {
    try {
      await perform(deps, task);
      await deps.db.update(paymentTasks).set({ doneAt: new Date(), lastError: null }).where(eq(paymentTasks.id, task.id));
      done++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const runAt = new Date(Date.now() + retryDelayMs(task.attempts));
      await deps.db.update(paymentTasks).set({ lastError: message.slice(0, 500), runAt }).where(eq(paymentTasks.id, task.id));
      const log = task.attempts >= FAILING_AFTER_ATTEMPTS ? deps.logger.error.bind(deps.logger) : deps.logger.warn.bind(deps.logger);
      log({ err, orderId: task.orderId, kind: task.kind, attempts: task.attempts, retryAt: runAt }, 'payment task failed; will retry');
    }
  }
  return done;
}

/** Tasks that have failed at least FAILING_AFTER_ATTEMPTS times and are not done, most tried first. */
export function failingPaymentTasks(db: DbOrTx) {
  return db
    .select()
    .from(paymentTasks)
    .where(and(isNull(paymentTasks.doneAt), gte(paymentTasks.attempts, FAILING_AFTER_ATTEMPTS)))
    .orderBy(desc(paymentTasks.attempts), asc(paymentTasks.createdAt))
    .limit(100);
}

const WORKER_INTERVAL_MS = 5_000;

/** Every process runs the worker; SKIP LOCKED leases keep them from running one task twice at once. */
export function startPaymentTasks(deps: AppDeps): void {
  every(deps, 'payment task worker', WORKER_INTERVAL_MS, () => runDuePaymentTasks(deps));
}
