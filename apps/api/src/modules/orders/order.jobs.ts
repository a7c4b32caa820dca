/**
 * Background work on orders, safe with several processes: each order is moved in its own transaction
 * that takes the row with `for update skip locked` and re-checks its status, so two processes never move
 * the same order twice and never wait on each other.
 *
 * - Reservation sweeper: card orders whose payment window ended are expired and their stock returned.
 * - Delivery simulator (demo): confirmed orders move to packing and packed; simulated riders take them from
 *   there through the rider services (modules/dispatch/rider.simulator.ts).
 */
import type { OrderStatus } from '../../db/schema/index';
import type { AppDeps } from '../../deps';
import { every } from '../../lib/every';
import { afterTransition, SYSTEM_ACTOR, transitionOrderTx } from './order-state';
import { findExpiredReservations, findOrdersInStatusSince } from './orders.repository';

type Deps = Pick<AppDeps, 'db' | 'events' | 'mail' | 'logger' | 'config' | 'payments' | 'razorpay'>;

export const SWEEP_INTERVAL_MS = 30_000;
export const SIMULATOR_INTERVAL_MS = 5_000;
const BATCH = 100;

/** Seconds after the previous change: packing at ~20 s, packed at ~45 s. A (simulated) rider does the rest. */
export const SIMULATED_STAGES: ReadonlyArray<{ from: OrderStatus; to: OrderStatus; afterMs: number; note: string }> = [
  { from: 'confirmed', to: 'packing', afterMs: 20_000, note: 'Picker started packing' },
  { from: 'packing', to: 'packed', afterMs: 25_000, note: 'Packed, waiting for the rider' },
];

async function moveIfStill(deps: Deps, orderId: string, from: OrderStatus, to: OrderStatus, note: string): Promise<boolean> {
  const result = await deps.db.transaction((tx) =>
    transitionOrderTx(tx, orderId, to, SYSTEM_ACTOR, note, { skipLocked: true, expectFrom: from }),
  );
  if (!result) return false;
  await afterTransition(deps, result);
  return true;
}

/** Expires pending card orders whose reservation ended before `now`. Answers how many it expired. */
export async function sweepExpiredReservations(deps: Deps, now: Date = new Date()): Promise<number> {
  let expired = 0;
  for (const id of await findExpiredReservations(deps.db, now, BATCH)) {
    if (await moveIfStill(deps, id, 'pending_payment', 'expired', 'Payment not completed in time')) expired++;
  }
  if (expired) deps.logger.info({ expired }, 'expired unpaid card orders and returned their stock');
  return expired;
}

/** One pass of the delivery simulator as of `now`. Answers how many orders it moved. */
export async function runDeliverySimulatorOnce(deps: Deps, now: Date = new Date()): Promise<number> {
  let moved = 0;
  // Later stages first, so one pass never moves an order two steps at once.
  for (const stage of [...SIMULATED_STAGES].reverse()) {
    const ids = await findOrdersInStatusSince(deps.db, stage.from, new Date(now.getTime() - stage.afterMs), BATCH);
    for (const id of ids) if (await moveIfStill(deps, id, stage.from, stage.to, stage.note)) moved++;
  }
  return moved;
}

export function startOrderJobs(deps: AppDeps): void {
  every(deps, 'reservation sweeper', SWEEP_INTERVAL_MS, () => sweepExpiredReservations(deps));
  if (deps.config.deliverySimulator) {
    every(deps, 'delivery simulator', SIMULATOR_INTERVAL_MS, () => runDeliverySimulatorOnce(deps));
  }
}
