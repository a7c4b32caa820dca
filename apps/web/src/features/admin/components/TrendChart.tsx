import { useId, useState } from 'react';
import { formatMoney } from '@/lib/format';

interface Day {
  date: string;
  orders: number;
  revenue: number;
}

const W = 720;
const H = 220;
const PAD = { top: 16, right: 48, bottom: 28, left: 44 };

/** A whole-number top for counts, so each of the four gridline steps is a whole number too. */
function countMax(value: number): number {
  const step = niceMax(Math.max(1, value) / 4);
  return Math.max(1, Math.ceil(step)) * 4;
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const steps = [1, 2, 2.5, 5, 10];
  return (steps.find((s) => s * power >= value) ?? 10) * power;
}

const dayLabel = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/**
 * Orders as bars and revenue as a line over the last days, drawn as inline SVG: a dozen lines of
 * geometry instead of a chart library in the console's bundle.
 */
export function TrendChart({ days }: { days: Day[] }) {
  const gradient = useId();
  const [hover, setHover] = useState<number | null>(null);
  const maxOrders = countMax(Math.max(...days.map((d) => d.orders), 0));
  const maxRevenue = niceMax(Math.max(...days.map((d) => d.revenue), 0));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = innerW / Math.max(days.length, 1);
  const x = (i: number) => PAD.left + step * i + step / 2;
  const yOrders = (n: number) => PAD.top + innerH - (n / maxOrders) * innerH;
  const yRevenue = (p: number) => PAD.top + innerH - (p / maxRevenue) * innerH;
  const line = days.map((d, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${yRevenue(d.revenue).toFixed(1)}`).join(' ');
  const area = days.length ? `${line} L${x(days.length - 1)},${PAD.top + innerH} L${x(0)},${PAD.top + innerH} Z` : '';
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const active = hover !== null ? days[hover] : undefined;

  return (
    <div className="relative">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label="Orders and revenue over the last 14 days">
        <defs>
          <linearGradient id={gradient} x1="0" x2="0" y1="0" y2="1">
            <stop offset="0%" stopColor="#0A8A4A" stopOpacity="0.18" />
            <stop offset="100%" stopColor="#0A8A4A" stopOpacity="0" />
          </linearGradient>
        </defs>
        {ticks.map((t) => {
          const y = PAD.top + innerH - t * innerH;
          return (
            <g key={t}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} stroke="#EEF0EF" />
              <text x={PAD.left - 8} y={y + 4} textAnchor="end" fontSize="11" fill="#8A8F8C">
                {Math.round(maxOrders * t)}
              </text>
              <text x={W - PAD.right + 8} y={y + 4} fontSize="11" fill="#8A8F8C">
                {t === 0 ? '0' : `₹${Math.round((maxRevenue * t) / 100).toLocaleString('en-IN', { notation: 'compact' })}`}
              </text>
            </g>
          );
        })}
        {days.map((d, i) => {
          const barW = Math.min(22, step * 0.55);
          const y = yOrders(d.orders);
          return (
            <g key={d.date}>
              <rect
                x={x(i) - barW / 2}
                y={y}
                width={barW}
                height={PAD.top + innerH - y}
                rx={3}
                fill={hover === i ? '#F2B705' : '#F9C22E'}
                opacity={hover === null || hover === i ? 1 : 0.55}
              />
              {(i % 2 === 0 || i === days.length - 1) && (
                <text x={x(i)} y={H - 8} textAnchor="middle" fontSize="11" fill="#8A8F8C">
                  {dayLabel.format(new Date(`${d.date}T00:00:00Z`))}
                </text>
              )}
            </g>
          );
        })}
        <path d={area} fill={`url(#${gradient})`} />
        <path d={line} fill="none" stroke="#0A8A4A" strokeWidth={2.25} strokeLinejoin="round" strokeLinecap="round" />
        {days.map((d, i) => (
          <circle key={d.date} cx={x(i)} cy={yRevenue(d.revenue)} r={hover === i ? 4.5 : 2.75} fill="#fff" stroke="#0A8A4A" strokeWidth={2} />
        ))}
        {days.map((d, i) => (
          <rect
            key={d.date}
            x={x(i) - step / 2}
            y={PAD.top}
            width={step}
            height={innerH}
            fill="transparent"
            onMouseEnter={() => setHover(i)}
            onMouseLeave={() => setHover(null)}
          />
        ))}
      </svg>
      {active && hover !== null && (
        <div
          className="pointer-events-none absolute top-2 rounded-lg border border-line bg-white px-3 py-2 text-[12px] shadow-[var(--shadow-float)]"
          style={{ left: `${(x(hover) / W) * 100}%`, transform: 'translateX(-50%)' }}
        >
          <div className="font-semibold text-ink">{dayLabel.format(new Date(`${active.date}T00:00:00Z`))}</div>
          <div className="text-muted">
            {active.orders} orders · {formatMoney(active.revenue)}
          </div>
        </div>
      )}
      <div className="mt-2 flex gap-4 text-[12px] text-muted">
        <span className="inline-flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm bg-brand" /> Orders
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="h-0.5 w-3 rounded bg-action" /> Revenue
        </span>
      </div>
    </div>
  );
}
