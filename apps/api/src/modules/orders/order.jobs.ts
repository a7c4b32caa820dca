/**
 * Background work on orders, safe with several processes: each order is moved in its own transaction
 * that takes the row with `for update skip locked` and re-checks its status, so two processes never move
 * the same order twice and never wait on each other.
 *
 * - Reservation sweeper: card orders whose payment window ended are expired and their stock returned.
 * - Delivery simulator (demo): simulated pickers claim, pick (by barcode) and pack confirmed orders through the
 *   floor services (modules/floor/picker.simulator.ts); simulated riders take them from there through the
 *   rider services (modules/dispatch/rider.simulator.ts). No status is moved behind the floor's back.
 */
import type { OrderStatus } from '../../db/schema/index';
import type { AppDeps } from '../../deps';
import { every } from '../../lib/every';
import { runPickerSimulatorOnce } from '../floor/picker.simulator';
import { afterTransition, SYSTEM_ACTOR, transitionOrderTx } from './order-state';
import { findExpiredReservations } from './orders.repository';

type Deps = Pick<AppDeps, 'db' | 'events' | 'mail' | 'logger' | 'config' | 'payments' | 'razorpay'>;

export const SWEEP_INTERVAL_MS = 30_000;
export const SIMULATOR_INTERVAL_MS = 5_000;
const BATCH = 100;

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

/**
 * One pass of the delivery simulator as of `now`: the simulated pickers' steps (a claim at ~20 s, the lines
 * by ~40 s, the bags sealed at ~45 s). Answers how many steps they took.
 */
export function runDeliverySimulatorOnce(deps: Deps, now: Date = new Date()): Promise<number> {
  return runPickerSimulatorOnce(deps, now);
}

export function startOrderJobs(deps: AppDeps): void {
  every(deps, 'reservation sweeper', SWEEP_INTERVAL_MS, () => sweepExpiredReservations(deps));
  if (deps.config.deliverySimulator) {
    every(deps, 'delivery simulator', SIMULATOR_INTERVAL_MS, () => runDeliverySimulatorOnce(deps));
  }
}
