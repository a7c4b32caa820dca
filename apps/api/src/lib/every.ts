import type { AppDeps } from '../deps';

/** Runs `fn` every `ms` (never overlapping itself) until the deps close. */
export function every(deps: AppDeps, name: string, ms: number, fn: () => Promise<unknown>): void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    fn()
      .catch((err: unknown) => deps.logger.warn({ err }, `${name} failed`))
      .finally(() => {
        running = false;
      });
  }, ms);
  timer.unref();
  deps.onClose(() => clearInterval(timer));
}
