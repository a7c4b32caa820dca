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
