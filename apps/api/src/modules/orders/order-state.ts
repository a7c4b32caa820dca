/**
 * The order state machine: the ONE place an order's status changes. Every move is checked against the
 * shared order rules (`@fatafat/contracts/order-rules`: the table, the caller's role, the refund guard),
 * runs in one transaction with the order row locked, writes an order_events row, moves stock where it
 * must, and after commit runs the move's effects (order-effects.ts: publish, email, payment).
 */
import { isStoreRole, type OrderStatus } from '../../db/schema/index';
import type { Tx } from '../../db/client';
import { AppError, notFound } from '../../http/errors';
import { HOLDS_STOCK, mayMove, type ActorRole } from '@fatafat/contracts/order-rules';
import { releaseSlot } from '../zones/zones.repository';
import { riderPromise } from './order-eta';
import { runOrderEffects, writeOrderEffects, type OrderEffectDeps } from './order-effects';
import {
  insertOrderEvent,
  heldUnitsOfOrder,
  lockOrder,
  moveStockForOrder,
  updateOrderStatus,
  type OrderRow,
  type PaymentStatus,
} from './orders.repository';

export interface Actor {
  id: string | null;
  role: ActorRole;
  storeId: string | null;
}
export const SYSTEM_ACTOR: Actor = { id: null, role: 'system', storeId: null };

export { canTransition, nextStatusesFor, type ActorRole } from '@fatafat/contracts/order-rules';

export function invalidTransition(from: OrderStatus, to: OrderStatus): AppError {
  return new AppError(409, 'invalid_transition', `An order that is ${from} cannot become ${to}`, { from, to });
}

function nextPaymentStatus(order: OrderRow, to: OrderStatus): PaymentStatus {
  switch (to) {
    case 'confirmed':
    case 'scheduled':
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
  /** Store people (managers, pickers, riders) may act only on orders of their store; others are hidden as 404. */
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
  asked: OrderStatus,
  actor: Actor,
  note: string | null = null,
  opts: TransitionOptions = {},
): Promise<TransitionResult | null> {
  const current = await lockOrder(tx, orderId, { skipLocked: opts.skipLocked ?? false });
  if (!current) {
    if (opts.skipLocked) return null;
    throw notFound('Order');
  }
  if (opts.enforceStore && isStoreRole(actor.role) && current.storeId !== actor.storeId) throw notFound('Order');
  if (opts.expectFrom && current.status !== opts.expectFrom) return null;
  const from = current.status;
  if (!mayMove(current, asked, actor.role)) throw invalidTransition(from, asked);
  // A slotted order that is paid waits for its slot; the slot release job moves it on (zones.jobs).
  const to: OrderStatus = asked === 'confirmed' && from === 'pending_payment' && current.slotStartsAt ? 'scheduled' : asked;

  const releases = HOLDS_STOCK.has(from) && (to === 'delivered' || !HOLDS_STOCK.has(to));
  const lines = releases ? await heldUnitsOfOrder(tx, orderId) : [];
  if (lines.length) {
    await moveStockForOrder(tx, { orderId, storeId: current.storeId, actorId: actor.id }, lines, to === 'delivered' ? 'consume' : 'release');
  }
  // The slot's place goes back with the stock when the order ends without delivery.
  if (releases && to !== 'delivered' && current.slotStartsAt) await releaseSlot(tx, current.storeId, current.slotStartsAt);
  const order = await updateOrderStatus(tx, orderId, {
    // The rider leaves now: the promise becomes the ride from the store to the door.
    ...(to === 'out_for_delivery' ? { promise: await riderPromise(tx, current, new Date()) } : {}),
    status: to,
    paymentStatus: nextPaymentStatus(current, to),
    reservationCleared: from === 'pending_payment',
  });
  await insertOrderEvent(tx, { orderId, status: to, actorId: actor.id, actorRole: actor.role, note });
  if (opts.alsoInTx) await opts.alsoInTx(tx, order);
  const result = { order, from, to, note };
  await writeOrderEffects(tx, result);
  return result;
}

type SideEffectDeps = OrderEffectDeps;

/** After commit: runs the move's effects (the table in order-effects.ts). Failures are logged, never thrown. */
export async function afterTransition(deps: SideEffectDeps, result: TransitionResult): Promise<void> {
  await runOrderEffects(deps, result);
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
