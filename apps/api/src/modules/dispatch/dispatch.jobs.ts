/**
 * Dispatch in the background, safe in every process: each store's pass runs under a transaction advisory lock
 * (another process dispatching the store makes this one step aside), and all state lives in the database, so
 * an offer's 30 s expiry survives any restart: the next pass, in whichever process, lets it lapse.
 *
 * - every DISPATCH_INTERVAL_MS: lapsed offers go to the next rider, waiting orders are offered;
 * - at once when an order is being packed or is packed (heard on the event bus), its store is dispatched;
 * - hourly: route trails older than RIDER_TRAIL_DAYS are pruned;
 * - in the demo, simulated riders work the stores (rider.simulator.ts).
 */
import type { AppDeps } from '../../deps';
import { every } from '../../lib/every';
import { pruneTrail } from './dispatch.repository';
import { dispatchStore, runDispatchOnce } from './dispatch.service';
import { runRiderSimulatorOnce, RIDER_SIMULATOR_INTERVAL_MS } from './rider.simulator';

export const DISPATCH_INTERVAL_MS = 2_000;
const PRUNE_INTERVAL_MS = 3_600_000;

export async function pruneTrails(deps: Pick<AppDeps, 'db' | 'config' | 'logger'>, now = new Date()): Promise<number> {
  const pruned = await pruneTrail(deps.db, new Date(now.getTime() - deps.config.dispatch.trailDays * 86_400_000));
  if (pruned) deps.logger.info({ pruned }, 'pruned old rider trail points');
  return pruned;
}

export function startDispatchJobs(deps: AppDeps): void {
  every(deps, 'dispatcher', DISPATCH_INTERVAL_MS, () => runDispatchOnce(deps));
  every(deps, 'rider trail pruning', PRUNE_INTERVAL_MS, () => pruneTrails(deps));
  const running = new Set<string>();
  const unsubscribe = deps.events.subscribe((event) => {
    if (event.status !== 'packing' && event.status !== 'packed') return;
    if (running.has(event.storeId)) return; // the interval pass will catch anything missed
    running.add(event.storeId);
    deps.background(
      dispatchStore(deps, event.storeId)
        .catch((err: unknown) => deps.logger.warn({ err, storeId: event.storeId }, 'dispatch failed'))
        .finally(() => running.delete(event.storeId)),
    );
  });
  deps.onClose(unsubscribe);
  if (deps.config.deliverySimulator) {
    every(deps, 'rider simulator', RIDER_SIMULATOR_INTERVAL_MS, () => runRiderSimulatorOnce(deps));
  }
}
