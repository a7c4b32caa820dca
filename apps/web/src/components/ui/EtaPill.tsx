import { FiClock } from 'react-icons/fi';
import { cn } from '@/lib/cn';

export function EtaPill({ minutes, className }: { minutes: number; className?: string }) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 rounded-md bg-surface px-1.5 py-0.5 text-[10px] font-bold tracking-wide text-ink uppercase',
        className,
      )}
    >
      <FiClock className="size-2.5" aria-hidden="true" />
      {minutes} mins
    </span>
  );
}
