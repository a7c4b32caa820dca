/**
 * Work done once when a server starts, after migrations: the first admin and the demo catalogue outside
 * production, background timers (reservation sweeper, payment task worker, delivery simulator, dispatcher, simulated riders, substitution expiry). Modules add their task here.
 */
import type { AppDeps } from './deps';
import { ensureAdmin } from './modules/users/admin-accounts';
import { startOrderJobs } from './modules/orders/order.jobs';
import { startPaymentTasks } from './modules/payments/payment-tasks';
import { startZoneJobs } from './modules/zones/zones.jobs';
import { startDispatchJobs } from './modules/dispatch/dispatch.jobs';
import { startFloorJobs } from './modules/floor/floor.jobs';
import { seedDemoIfEmpty } from './db/seed/seed.start';
import { seedDemoPeople } from './modules/floor/people.seed';

export interface StartOptions {
  /**
   * One-time work (first admin, demo data) runs once per deployment start. A cluster's primary does it
   * before forking, so workers skip it and only start their background jobs.
   */
  oneTime?: boolean;
  jobs?: boolean;
}

export async function onStartTasks(deps: AppDeps, options: StartOptions = {}): Promise<void> {
  if (options.oneTime ?? true) {
    await ensureAdmin(deps);
    await seedDemoIfEmpty(deps);
    if (deps.config.seedDemo) await seedDemoPeople(deps);
  }
  if (options.jobs ?? true) {
    startOrderJobs(deps);
    startPaymentTasks(deps);
    startZoneJobs(deps);
    startDispatchJobs(deps);
    startFloorJobs(deps);
  }
}
