/**
 * Work done once when a server starts, after migrations: the first admin and the demo catalogue outside
 * production, background timers (reservation sweeper, delivery simulator). Modules add their task here.
 */
import type { AppDeps } from './deps';

export async function onStartTasks(deps: AppDeps): Promise<void> {
  void deps;
}
