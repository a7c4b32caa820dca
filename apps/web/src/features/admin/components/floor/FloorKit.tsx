import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

/** Seconds as the floor reads them: "42s", "2m 05s", "1h 04m". */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
}

const clocks = new Map<string, Intl.DateTimeFormat>();
/** "12:10 pm" in the store's time zone (the board is read where the store is, whatever the device says). */
export function formatClock(iso: string | number, timeZone: string, seconds = false): string {
  const key = `${timeZone}|${seconds}`;
  let f = clocks.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-IN', { hour: 'numeric', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), timeZone });
    clocks.set(key, f);
  }
  return f.format(typeof iso === 'number' ? iso : new Date(iso));
}

export function formatPercent(rate: number): string {
  return `${(rate * 100).toLocaleString('en-IN', { maximumFractionDigits: 1 })}%`;
}

/** A figure at the top of the board. */
export function Tile({ label, value, hint, tone = 'plain', testId }: { label: string; value: ReactNode; hint?: ReactNode; tone?: 'plain' | 'alert'; testId?: string }) {
  return (
    <div
      data-testid={testId}
      className={cn(
        'rounded-[var(--radius-card)] border bg-white px-4 py-3',
        tone === 'alert' ? 'border-danger/40 bg-danger-soft' : 'border-line',
      )}
    >
      <div className={cn('text-[12px] font-semibold uppercase tracking-wide', tone === 'alert' ? 'text-danger' : 'text-muted')}>{label}</div>
      <div className={cn('mt-1 text-[24px] font-bold tabular-nums tracking-tight', tone === 'alert' ? 'text-danger' : 'text-ink')}>{value}</div>
      {hint && <div className="mt-0.5 text-[12px] text-muted">{hint}</div>}
    </div>
  );
}

/**
 * One horizontal bar with its label and figure above it, and an optional marker (a budget) drawn as a thin
 * line across it: CSS widths instead of a chart library, readable at any width.
 */
export function HBar({
  label,
  sub,
  value,
  max,
  text,
  marker,
  tone = 'green',
  second,
}: {
  label: ReactNode;
  sub?: ReactNode;
  value: number;
  max: number;
  text: ReactNode;
  marker?: number | undefined;
  tone?: 'green' | 'red' | 'yellow';
  /** A second, thinner and lighter bar under the first on the same scale (p90 under p50). */
  second?: { value: number; text: ReactNode } | undefined;
}) {
  const share = (n: number) => `${Math.min(100, (Math.max(0, n) / Math.max(max, 1e-9)) * 100)}%`;
  const fill = { green: 'bg-action', red: 'bg-danger', yellow: 'bg-brand' }[tone];
  return (
    <div className="grid gap-1">
      <div className="flex items-end justify-between gap-3">
        <div className="min-w-0">
          <div className="truncate text-[13px] font-semibold text-ink">{label}</div>
          {sub && <div className="truncate text-[12px] text-muted">{sub}</div>}
        </div>
        <div className="shrink-0 text-right text-[12.5px] tabular-nums">
          <span className="font-semibold text-ink">{text}</span>
          {second?.text && <span className="ml-1.5 text-muted">{second.text}</span>}
        </div>
      </div>
      <div className="relative grid gap-0.5">
        <div className="h-2.5 rounded-full bg-surface">
          <div className={cn('h-2.5 rounded-full', fill)} style={{ width: share(value) }} />
        </div>
        {second && (
          <div className="h-1.5 rounded-full bg-surface">
            <div className={cn('h-1.5 rounded-full opacity-45', fill)} style={{ width: share(second.value) }} />
          </div>
        )}
        {marker !== undefined && (
          <div className="pointer-events-none absolute -top-0.5 -bottom-0.5 w-0.5 rounded bg-ink/70" style={{ left: share(marker) }} aria-hidden />
        )}
      </div>
    </div>
  );
}

export function LiveDot({ state }: { state: 'connecting' | 'live' | 'offline' }) {
  const text = { live: 'Live', connecting: 'Connecting…', offline: 'Reconnecting · refreshing every 10 s' }[state];
  return (
    <span className="inline-flex items-center gap-1.5 text-[12.5px] font-semibold text-muted" role="status">
      <span className={cn('size-2 rounded-full', state === 'live' ? 'bg-action' : state === 'offline' ? 'bg-danger' : 'bg-brand')} aria-hidden />
      {text}
    </span>
  );
}
