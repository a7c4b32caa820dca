/**
 * What happens after an order moves, in one table: each row names an effect, the moves it answers, and
 * what it does. The state machine runs every matching row after the move commits (`afterTransition`), so
 * "what happens when an order becomes X" is answered here and nowhere else. Effects log their failures and
 * never throw: the move has already happened.
 *
 * Rows are keyed by the move (from → to) and the order's payment method; payment rows then ask the payment
 * records what was really captured, which is what decides whether money goes back.
 *
 * A row with `inTx` writes its work in the move's own transaction (the payment task outbox), so a process
 * killed right after the commit still does it; `afterCommit` then tries it at once.
 */
import type { OrderStatus } from '../../db/schema/index';
import type { AppDeps } from '../../deps';
import type { Tx } from '../../db/client';
import { issueInvoice } from '../invoices/invoices.repository';
import { enqueuePaymentTask, runDuePaymentTasks } from '../payments/payment-tasks';
import { sendOrderEmail } from './order.emails';
import { publishOrderUpdated } from './order.publish';
import type { OrderRow } from './orders.repository';

export type OrderEffectDeps = Pick<AppDeps, 'db' | 'events' | 'mail' | 'logger' | 'config' | 'payments' | 'razorpay'>;

export interface OrderMove {
  order: OrderRow;
  from: OrderStatus;
  to: OrderStatus;
  note: string | null;
}

export interface OrderEffect {
  name: string;
  when(move: OrderMove): boolean;
  /** Durable part: written with the move, in its transaction. */
  inTx?(tx: Tx, move: OrderMove): Promise<unknown>;
  /** After the commit; failures are logged. */
  afterCommit(deps: OrderEffectDeps, move: OrderMove): Promise<unknown>;
}

const runPaymentTasksOf = (deps: OrderEffectDeps, m: OrderMove) => runDuePaymentTasks(deps, { orderId: m.order.id });

const isCard = (m: OrderMove) => m.order.paymentMethod === 'card';
/** Moves after which the order can never be paid for. */
const UNPAYABLE: ReadonlySet<OrderStatus> = new Set(['cancelled', 'expired', 'payment_failed']);

export const ORDER_EFFECTS: readonly OrderEffect[] = [
  {
    name: 'publish the change to every open screen (SSE, all processes)',
    when: () => true,
    afterCommit: (deps, m) => publishOrderUpdated(deps, m.order),
  },
  {
    name: 'email the customer that the order was delivered or cancelled',
    when: (m) => m.to === 'delivered' || m.to === 'cancelled',
    afterCommit: (deps, m) => sendOrderEmail(deps, m.order.id, m.to as 'delivered' | 'cancelled', m.note),
  },
  {
    name: 'cancel at the provider the PaymentIntent of a card order that can no longer be paid',
    when: (m) => isCard(m) && m.from === 'pending_payment' && UNPAYABLE.has(m.to),
    inTx: (tx, m) => enqueuePaymentTask(tx, m.order.id, 'cancel_intents', `order ${m.to}`),
    afterCommit: runPaymentTasksOf,
  },
  {
    name: 'give back all that was paid of an order cancelled, expired, failed or refunded: the card share to the card, wallet spend and cash to the wallet',
    when: (m) =>
      ((m.to === 'cancelled' || m.to === 'refunded') && isCard(m) && m.from !== 'pending_payment') ||
      ((UNPAYABLE.has(m.to) || m.to === 'refunded') && m.order.walletPaid > 0) ||
      (m.to === 'refunded' && m.order.paymentMethod === 'cod'),
    inTx: (tx, m) => enqueuePaymentTask(tx, m.order.id, 'refund', `order ${m.to}`),
    afterCommit: runPaymentTasksOf,
  },
  {
    name: 'issue the GST tax invoice of a delivered order: the next number of its store and financial year',
    when: (m) => m.to === 'delivered',
    // In the move's transaction: the number is taken with the delivery or not at all (no gaps, no duplicates).
    inTx: (tx, m) => issueInvoice(tx, m.order),
    afterCommit: () => Promise.resolve(),
  },
];

/** The effects a move sets off, in table order (exported for the table's tests). */
export const effectsOf = (move: OrderMove): OrderEffect[] => ORDER_EFFECTS.filter((e) => e.when(move));

/** Inside the move's transaction: writes the durable part of every effect of the move. */
export async function writeOrderEffects(tx: Tx, move: OrderMove): Promise<void> {
  for (const effect of effectsOf(move)) if (effect.inTx) await effect.inTx(tx, move);
}

/** After commit: runs every effect of the move. Failures are logged, never thrown. */
export async function runOrderEffects(deps: OrderEffectDeps, move: OrderMove): Promise<void> {
  for (const effect of effectsOf(move)) {
    await Promise.resolve()
      .then(() => effect.afterCommit(deps, move))
      .catch((err: unknown) => deps.logger.warn({ err, orderId: move.order.id, effect: effect.name }, 'order effect failed'));
  }
}
