/**
 * Built on first use, then reused. Creating the first Intl formatter loads the locale's data, tens of
 * milliseconds on a phone: at module load that landed in the one long task that starts the app, even on
 * pages that print no price before the first paint.
 */
function lazily<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

// Money travels as integer paise. Whole rupees print without ".00"; anything else keeps two decimals.
const wholeRupees = lazily(
  () => new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', maximumFractionDigits: 0 }),
);
const exactRupees = lazily(
  () =>
    new Intl.NumberFormat('en-IN', {
      style: 'currency',
      currency: 'INR',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }),
);

export function formatMoney(paise: number): string {
  return paise % 100 === 0 ? wholeRupees().format(paise / 100) : exactRupees().format(paise / 100);
}

export function discountPercent(price: number, mrp: number): number {
  if (mrp <= 0 || price >= mrp) return 0;
  return Math.round(((mrp - price) / mrp) * 100);
}

const dateTime = lazily(
  () =>
    new Intl.DateTimeFormat('en-IN', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }),
);
const timeOnly = lazily(() => new Intl.DateTimeFormat('en-IN', { hour: 'numeric', minute: '2-digit' }));

export function formatDateTime(iso: string): string {
  return dateTime().format(new Date(iso));
}

export function formatTime(iso: string): string {
  return timeOnly().format(new Date(iso));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();
/** "6:00 AM" in `timeZone` (the store's), or in the device's when none is given. */
function clockIn(timeZone: string | undefined, withDay: boolean): Intl.DateTimeFormat {
  const key = `${timeZone ?? ''}|${withDay}`;
  let f = clockFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      hour: 'numeric',
      minute: '2-digit',
      ...(withDay ? { weekday: 'short' } : {}),
      ...(timeZone ? { timeZone } : {}),
    });
    clockFormats.set(key, f);
  }
  return f;
}

const dayKey = (d: Date, timeZone?: string) =>
  new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(d);

/** When a store opens, as its customers read it: "6:00 AM" today, "Tue 6:00 AM" on another day. */
export function formatOpensAt(iso: string, timeZone?: string, now: Date = new Date()): string {
  const at = new Date(iso);
  return clockIn(timeZone, dayKey(at, timeZone) !== dayKey(now, timeZone)).format(at);
}

/** A delivery window: "6:30 – 7:00 AM" today, "Thu 6:30 – 7:00 AM" on another day. */
export function formatSlot(slot: { startsAt: string; endsAt: string }, timeZone?: string, now: Date = new Date()): string {
  return `${formatOpensAt(slot.startsAt, timeZone, now)} – ${clockIn(timeZone, false).format(new Date(slot.endsAt))}`;
}
