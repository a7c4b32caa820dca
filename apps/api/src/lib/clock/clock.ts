/**
 * The app's idea of "now". In production it is the system clock, always. Outside production a test or
 * a demo can move it (TEST_CLOCK at start, `PUT /api/dev/clock` later) to see a store at 3 in the morning;
 * the moved clock keeps running from there. The offset lives in the process: dev-only, one process.
 */
export interface Clock {
  now(): Date;
  /** Moves the clock so that now() reads `at` (null: back to the system clock). Refused in production. */
  set(at: Date | null): void;
  /** Whether the clock is moved. */
  readonly moved: boolean;
}

export function createClock(opts: { production: boolean; start?: Date }): Clock {
  let offsetMs = opts.start && !opts.production ? opts.start.getTime() - Date.now() : 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    set(at) {
      if (opts.production) throw new Error('the clock cannot be moved in production');
      offsetMs = at ? at.getTime() - Date.now() : 0;
    },
    get moved() {
      return offsetMs !== 0;
    },
  };
}
