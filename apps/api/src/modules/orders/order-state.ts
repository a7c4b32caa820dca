/**
 * The order state machine: the ONE place an order's status changes. Every move is checked against the
 * table below (and the actor's role), runs in one transaction with the order row locked, writes an
 * order_events row, moves stock where it must, and after commit publishes the change and sends email.
 *
 *   pending_payment → confirmed → packing → out_for_delivery → delivered
 *          │               └──────────┴───────────┴─→ cancelled (customer: before packing; staff: before delivery)
 *          ├─→ payment_failed · expired · cancelled
 *   delivered / cancelled / confirmed… (paid) → refunded
 */
import type { OrderStatus } from '../../db/schema/index';
import type { Tx } from '../../db/client';
import type { AppDeps } from '../../deps';
import { AppError, notFound } from '../../http/errors';
import type { Role } from '../../http/auth-context';
import { riderPromise } from './order-eta';
import { sendOrderEmail } from './order.emails';
import { publishOrderUpdated } from './order.publish';
import {
  insertOrderEvent,
  itemsOfOrder,
  lockOrder,
  moveStockForOrder,
  updateOrderStatus,
  type OrderRow,
  type PaymentStatus,
} from './orders.repository';

export type ActorRole = Role | 'system';
export interface Actor {
  id: string | null;
  role: ActorRole;
  storeId: string | null;
}
export const SYSTEM_ACTOR: Actor = { id: null, role: 'system', storeId: null };

/** Every move the machine allows, whoever asks. Role limits are applied on top (see allowedFor). */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['confirmed', 'cancelled', 'payment_failed', 'expired'],
  confirmed: ['packing', 'cancelled', 'refunded'],
  packing: ['out_for_delivery', 'cancelled', 'refunded'],
  out_for_delivery: ['delivered', 'cancelled', 'refunded'],
  delivered: ['refunded'],
  cancelled: ['refunded'],
  payment_failed: [],
  expired: [],
  refunded: [],
};

/** Statuses in which the order's units sit in stock.reserved. */
const HOLDS_STOCK: ReadonlySet<OrderStatus> = new Set(['pending_payment', 'confirmed', 'packing', 'out_for_delivery']);

/**
 * Role limits: customers may only cancel before packing; staff run the store floor (packing, dispatch,
 * delivery, cancel before delivery); payment outcomes and expiry belong to the system (webhooks, sweeper);
 * refunds to admins and the payment provider.
 */
function roleAllows(role: ActorRole, from: OrderStatus, to: OrderStatus): boolean {
  switch (role) {
    case 'system':
      return true;
    case 'customer':
      return to === 'cancelled' && (from === 'pending_payment' || from === 'confirmed');
    case 'staff':
      return ['packing', 'out_for_delivery', 'delivered', 'cancelled'].includes(to);
    case 'admin':
      return ['packing', 'out_for_delivery', 'delivered', 'cancelled', 'refunded'].includes(to);
    case 'picker':
    case 'rider':
      return false;
  }
}

export function canTransition(from: OrderStatus, to: OrderStatus, role: ActorRole = 'system'): boolean {
  return TRANSITIONS[from].includes(to) && roleAllows(role, from, to);
}

export function invalidTransition(from: OrderStatus, to: OrderStatus): AppError {
  return new AppError(409, 'invalid_transition', `An order that is ${from} cannot become ${to}`, { from, to });
}

function nextPaymentStatus(order: OrderRow, to: OrderStatus): PaymentStatus {
  switch (to) {
    case 'confirmed':
      return order.paymentMethod === 'card' ? 'paid' : order.paymentStatus;
    case 'payment_failed':
    case 'expired':
      return 'failed';
    case 'refunded':
      return 'refunded';
    case 'delivered':
      // Cash is collected at the door.
      return order.paymentMethod === 'cod' ? 'paid' : order.paymentStatus;
    default:
      return order.paymentStatus;
  }
}

export interface TransitionResult {
  order: OrderRow;
  from: OrderStatus;
  to: OrderStatus;
  note: string | null;
}

export interface TransitionOptions {
  /** Answer null instead of waiting when another process holds the order (background jobs). */
  skipLocked?: boolean;
  /** Only move when the order is still in this status; otherwise answer null (background jobs). */
  expectFrom?: OrderStatus;
  /** Staff may act only on orders of their store; anything else is hidden as 404. */
  enforceStore?: boolean;
  /** Extra writes that must commit with the move (the payments row of a webhook). */
  alsoInTx?: (tx: Tx, order: OrderRow) => Promise<void>;
}

/**
 * The move itself, inside a transaction the caller owns (webhooks record their event id in the same one).
 * Answers null when a background option made it step aside. Call afterTransition() once committed.
 */
export async function transitionOrderTx(
  tx: Tx,
  orderId: string,
  to: OrderStatus,
  actor: Actor,
  note: string | null = null,
  opts: TransitionOptions = {},
): Promise<TransitionResult | null> {
  const current = await lockOrder(tx, orderId, { skipLocked: opts.skipLocked ?? false });
  if (!current) {
    if (opts.skipLocked) return null;
    throw notFound('Order');
  }
  if (opts.enforceStore && actor.role === 'staff' && current.storeId !== actor.storeId) throw notFound('Order');
  if (opts.expectFrom && current.status !== opts.expectFrom) return null;
  const from = current.status;
  if (!canTransition(from, to, actor.role)) throw invalidTransition(from, to);

  const lines = HOLDS_STOCK.has(from) && (to === 'delivered' || !HOLDS_STOCK.has(to)) ? await itemsOfOrder(tx, orderId) : [];
  if (lines.length) {
    await moveStockForOrder(tx, { orderId, storeId: current.storeId, actorId: actor.id }, lines, to === 'delivered' ? 'consume' : 'release');
  }
  const order = await updateOrderStatus(tx, orderId, {
    // The rider leaves now: the promise becomes the ride from the store to the door.
    ...(to === 'out_for_delivery' ? { promise: await riderPromise(tx, current, new Date()) } : {}),
    status: to,
    paymentStatus: nextPaymentStatus(current, to),
    reservationCleared: from === 'pending_payment',
  });
  await insertOrderEvent(tx, { orderId, status: to, actorId: actor.id, actorRole: actor.role, note });
  if (opts.alsoInTx) await opts.alsoInTx(tx, order);
  return { order, from, to, note };
}

type SideEffectDeps = Pick<AppDeps, 'db' | 'events' | 'mail' | 'logger' | 'config'>;

/** After commit: tell every process (SSE streams) and the customer. Failures are logged, never thrown. */
export async function afterTransition(deps: SideEffectDeps, result: TransitionResult): Promise<void> {
  const { order } = result;
  await publishOrderUpdated(deps, order);
  if (result.to === 'delivered' || result.to === 'cancelled') {
    await sendOrderEmail(deps, order.id, result.to, result.note).catch((err: unknown) =>
      deps.logger.warn({ err, orderId: order.id }, 'order email failed'),
    );
  }
}

/** Moves an order to `to` in one transaction, then publishes and emails. Throws 409 invalid_transition. */
export async function transitionOrder(
  deps: SideEffectDeps,
  orderId: string,
  to: OrderStatus,
  actor: Actor,
  note?: string | null,
  opts: TransitionOptions = {},
): Promise<TransitionResult | null> {
  const result = await deps.db.transaction((tx) => transitionOrderTx(tx, orderId, to, actor, note ?? null, opts));
  if (result) await afterTransition(deps, result);
  return result;
}
