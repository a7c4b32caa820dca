import { cn } from '@/lib/cn';
import { useNow } from '@/hooks/use-now';

/** The order's promise as a ticking m:ss; red once late, amber in the last two minutes. */
export function Countdown({ to, className }: { to: string; className?: string }) {
  const left = Math.round((Date.parse(to) - useNow(true)) / 1000);
  const abs = Math.abs(left);
  const text = `${left < 0 ? '−' : ''}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
  return (
    <span
      className={cn('font-mono text-[15px] font-bold tabular-nums', left < 0 ? 'text-danger' : left < 120 ? 'text-amber-600' : 'text-action', className)}
      aria-label={left < 0 ? `${text} late` : `${text} left`}
    >
      {text}
    </span>
  );
}
