/**
 * Background work of zones, safe with several processes:
 *
 * - Slot release: a scheduled order enters the pick queue (→ confirmed) SLOT_LEAD_MINUTES before its
 *   window. Each order moves in its own transaction through the state machine (`for update skip locked`,
 *   status re-checked), so two processes never release the same order twice. The order row is the
 *   durable record: a process that dies mid-pass leaves the rest for the next pass of any process.
 * - Old counters of the 10-minute cap are deleted.
 */
import type { AppDeps } from '../../deps';
import { every } from '../../lib/every';
import { afterTransition, SYSTEM_ACTOR, transitionOrderTx } from '../orders/order-state';
import { deleteOldWindows, findDueScheduled } from './zones.repository';

type Deps = Pick<AppDeps, 'db' | 'events' | 'mail' | 'logger' | 'config' | 'clock' | 'payments' | 'razorpay'>;

export const RELEASE_INTERVAL_MS = 30_000;
const BATCH = 100;

/** Releases the scheduled orders due as of the clock's now. Answers how many it released. */
export async function releaseDueSlots(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const dueBy = new Date(now.getTime() + deps.config.slotLeadMinutes * 60_000);
  let released = 0;
  for (const id of await findDueScheduled(deps.db, dueBy, BATCH)) {
    const result = await deps.db.transaction((tx) =>
      transitionOrderTx(tx, id, 'confirmed', SYSTEM_ACTOR, 'Delivery slot is near: sent to the pick queue', {
        skipLocked: true,
        expectFrom: 'scheduled',
      }),
    );
    if (!result) continue;
    await afterTransition(deps, result);
    released += 1;
  }
  await deleteOldWindows(deps.db, new Date(now.getTime() - 60 * 60_000));
  if (released) deps.logger.info({ released }, 'released scheduled orders to the pick queue');
  return released;
}

export function startZoneJobs(deps: AppDeps): void {
  every(deps, 'slot release', RELEASE_INTERVAL_MS, () => releaseDueSlots(deps));
}
