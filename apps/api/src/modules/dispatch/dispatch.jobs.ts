/**
 * Dispatch in the background, safe in every process: each store's pass runs under a transaction advisory lock
 * (another process dispatching the store makes this one step aside), and all state lives in the database, so
 * an offer's 30 s expiry survives any restart: the next pass, in whichever process, lets it lapse.
 *
 * - every DISPATCH_INTERVAL_MS: lapsed offers go to the next rider, waiting orders are offered;
 * - within DISPATCH_COALESCE_MS of an order being packed or packed (heard on the event bus), its store is
 *   dispatched, one pass for the notices of that window;
 * - hourly: route trails older than RIDER_TRAIL_DAYS are pruned;
 * - in the demo, simulated riders work the stores (rider.simulator.ts).
 */
import type { AppDeps } from '../../deps';
import { every } from '../../lib/every';
import { pruneTrail } from './dispatch.repository';
import { dispatchStore, runDispatchOnce } from './dispatch.service';
import { runRiderSimulatorOnce, RIDER_SIMULATOR_INTERVAL_MS } from './rider.simulator';

export const DISPATCH_INTERVAL_MS = 2_000;
/** How long packing notices of one store are gathered before the pass they share. */
export const DISPATCH_COALESCE_MS = 200;
const PRUNE_INTERVAL_MS = 3_600_000;

export async function pruneTrails(deps: Pick<AppDeps, 'db' | 'config' | 'logger'>, now = new Date()): Promise<number> {
  const pruned = await pruneTrail(deps.db, new Date(now.getTime() - deps.config.dispatch.trailDays * 86_400_000));
  if (pruned) deps.logger.info({ pruned }, 'pruned old rider trail points');
  return pruned;
}

export function startDispatchJobs(deps: AppDeps): void {
  every(deps, 'dispatcher', DISPATCH_INTERVAL_MS, () => runDispatchOnce(deps));
  every(deps, 'rider trail pruning', PRUNE_INTERVAL_MS, () => pruneTrails(deps));
  // A busy floor packs several orders a second: their notices are gathered for DISPATCH_COALESCE_MS and
  // served by one pass per store (a notice during a pass brings one more pass after it), instead of a
  // pass per notice, each reading the store's whole waiting list.
  const pending = new Map<string, NodeJS.Timeout>();
  const running = new Set<string>();
  const again = new Set<string>();
  let closed = false;
  const schedule = (storeId: string): void => {
    if (closed || pending.has(storeId)) return;
    const timer = setTimeout(() => run(storeId), DISPATCH_COALESCE_MS);
    timer.unref();
    pending.set(storeId, timer);
  };
  const run = (storeId: string): void => {
    pending.delete(storeId);
    if (running.has(storeId)) {
      again.add(storeId);
      return;
    }
    running.add(storeId);
    deps.background(
      dispatchStore(deps, storeId)
        .catch((err: unknown) => deps.logger.warn({ err, storeId }, 'dispatch failed'))
        .finally(() => {
          running.delete(storeId);
          if (again.delete(storeId)) schedule(storeId);
        }),
    );
  };
  const unsubscribe = deps.events.subscribe((event) => {
    if (event.status === 'packing' || event.status === 'packed') schedule(event.storeId);
  });
  deps.onClose(() => {
    closed = true;
    unsubscribe();
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
    again.clear();
  });
  if (deps.config.deliverySimulator) {
    every(deps, 'rider simulator', RIDER_SIMULATOR_INTERVAL_MS, () => runRiderSimulatorOnce(deps));
  }
}
