/**
 * The demo's simulated riders: in every store, the second demo rider (`rider2.<store>@fatafat.local`) goes on
 * duty, accepts what the dispatcher offers, picks the bag up, rides from the store to the drop posting positions
 * on the way, and hands over with the customer's code (recording the cash of a cash-on-delivery order), all
 * through the same services the rider app's routes call. The first demo rider is left for a person to try.
 */
import { and, eq, like } from 'drizzle-orm';
import type { AppDeps } from '../../deps';
import type { AuthUser } from '../../http/auth-context';
import { deliveries, orders, stores, users } from '../../db/schema/index';
import { haversineKm } from '../stores/stores.service';
import { acceptOffer, deliver, listTasks, pickUp, ping, positionsOf, setDuty } from './dispatch.service';

export const RIDER_SIMULATOR_INTERVAL_MS = 5_000;
/** Demo riders ride fast (the demo should not take half an hour), under the jump filter's limit. */
const DEMO_KMPH = 60;
const MIN_RIDE_MS = 45_000;
const MAX_RIDE_MS = 4 * 60_000;

export const SIMULATED_RIDER_EMAIL = 'rider2.%@fatafat.local';

export function rideMs(km: number): number {
  return Math.min(MAX_RIDE_MS, Math.max(MIN_RIDE_MS, (km / DEMO_KMPH) * 3_600_000));
}

/** Where a rider is `elapsed` ms into a ride of `total` ms (a straight line: good enough for a demo). */
export function along(from: { lat: number; lng: number }, to: { lat: number; lng: number }, elapsed: number, total: number) {
  const f = Math.min(1, Math.max(0, elapsed / total));
  return { lat: from.lat + (to.lat - from.lat) * f, lng: from.lng + (to.lng - from.lng) * f, done: f >= 1 };
}

async function simulatedRiders(deps: Pick<AppDeps, 'db'>): Promise<AuthUser[]> {
  const rows = await deps.db
    .select({ id: users.id, storeId: users.storeId })
    .from(users)
    .where(and(eq(users.role, 'rider'), like(users.email, SIMULATED_RIDER_EMAIL)));
  return rows.filter((r) => r.storeId).map((r) => ({ id: r.id, role: 'rider' as const, storeId: r.storeId }));
}

/** An idle simulated rider rides back towards the store, so the next ride starts there without a jump. */
async function rideBack(deps: AppDeps, rider: AuthUser, now: Date): Promise<boolean> {
  const storeId = rider.storeId!;
  const [store] = await deps.db.select({ lat: stores.lat, lng: stores.lng }).from(stores).where(eq(stores.id, storeId));
  const last = (await positionsOf(deps).latest([{ riderId: rider.id, storeId }])).get(rider.id);
  if (!store || !last) return false;
  const km = haversineKm(last.lat, last.lng, store.lat, store.lng);
  if (km < 0.05) return false;
  const stepKm = (DEMO_KMPH * Math.max(1, now.getTime() - last.at.getTime())) / 3_600_000;
  const at = along(last, store, Math.min(stepKm, km), km);
  await ping(deps, rider, { lat: at.lat, lng: at.lng, accuracy: 8, at: now.toISOString() });
  return true;
}

/** One step of every simulated rider as of `now`. Answers how many steps (accept, pickup, move, deliver) were taken. */
export async function runRiderSimulatorOnce(deps: AppDeps, now = new Date()): Promise<number> {
  let steps = 0;
  for (const rider of await simulatedRiders(deps)) {
    const state = await listTasks(deps, rider);
    if (!state.onDuty) {
      await setDuty(deps, rider, true);
      steps++;
      continue;
    }
    if (!state.tasks.some((x) => x.state === 'assigned' || x.state === 'picked_up')) {
      if (await rideBack(deps, rider, now)) steps++;
    }
    for (const task of state.tasks) {
      try {
        if (task.state === 'offered') {
          await acceptOffer(deps, rider, task.orderId);
        } else if (task.state === 'assigned') {
          const [o] = await deps.db.select({ status: orders.status }).from(orders).where(eq(orders.id, task.orderId));
          if (o?.status !== 'packed') continue;
          await ping(deps, rider, { lat: task.store.lat, lng: task.store.lng, accuracy: 8, at: now.toISOString() });
          await pickUp(deps, rider, task.orderId, task.number);
        } else if (task.state === 'picked_up') {
          const [d] = await deps.db.select({ pickedUpAt: deliveries.pickedUpAt }).from(deliveries).where(eq(deliveries.orderId, task.orderId));
          const drop = task.drop.lat !== null && task.drop.lng !== null ? { lat: task.drop.lat, lng: task.drop.lng } : task.store;
          const total = rideMs(haversineKm(task.store.lat, task.store.lng, drop.lat, drop.lng));
          const at = along(task.store, drop, now.getTime() - (d?.pickedUpAt ?? now).getTime(), total);
          await ping(deps, rider, { lat: at.lat, lng: at.lng, accuracy: 8, heading: null, speed: null, at: now.toISOString() });
          if (at.done) {
            const [o] = await deps.db.select({ code: orders.deliveryCode }).from(orders).where(eq(orders.id, task.orderId));
            await deliver(deps, rider, task.orderId, {
              code: o!.code,
              ...(task.amountDue > 0 ? { collected: { method: 'cash' as const, amount: task.amountDue } } : {}),
            });
          }
        } else {
          continue;
        }
        steps++;
      } catch (err) {
        // Another process's simulator (or a person on the board) got there first: try again next pass.
        deps.logger.debug({ err, orderId: task.orderId }, 'simulated rider step skipped');
      }
    }
  }
  return steps;
}
