import type { AppDeps } from '../deps';

/**
 * Runs `fn` every `ms` (never overlapping itself) until the deps stop their work. Stopping waits for a
 * pass in flight: the database closes right after, and a pass left running would fail on a closed pool
 * ("Cannot use a pool after calling end on the pool") and log it on every shutdown.
 */
export function every(deps: AppDeps, name: string, ms: number, fn: () => Promise<unknown>): void {
  let running: Promise<void> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = fn()
      .then(
        () => undefined,
        (err: unknown) => deps.logger.warn({ err }, `${name} failed`),
      )
      .finally(() => {
        running = null;
      });
  }, ms);
  timer.unref();
  deps.onClose(async () => {
    stopped = true;
    clearInterval(timer);
    // A pass stuck on an unanswering database ends at the statement timeout (db/client.ts).
    await running;
  });
}
