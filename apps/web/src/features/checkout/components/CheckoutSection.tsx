import type { ReactNode } from 'react';
import { FiCheck } from 'react-icons/fi';
import { cn } from '@/lib/cn';

interface CheckoutSectionProps {
  step: number;
  title: string;
  done?: boolean;
  summary?: ReactNode;
  action?: ReactNode;
  children?: ReactNode;
}

/** A numbered checkout step; collapses to a one-line summary once done. */
export function CheckoutSection({ step, title, done, summary, action, children }: CheckoutSectionProps) {
  return (
    <section
      aria-labelledby={`step-${step}`}
      className="rounded-[var(--radius-card)] border border-line bg-white p-4 md:p-5"
    >
      <div className="flex items-center gap-3">
        <span
          className={cn(
            'grid size-7 shrink-0 place-items-center rounded-full text-[13px] font-bold',
            done ? 'bg-action text-white' : 'bg-ink text-white',
          )}
          aria-hidden="true"
        >
          {done ? <FiCheck /> : step}
        </span>
        <div className="min-w-0 flex-1">
          <h2 id={`step-${step}`} className="text-base font-bold">
            {title}
          </h2>
          {done && summary && <div className="truncate text-[13px] text-muted">{summary}</div>}
        </div>
        {action}
      </div>
      {children && <div className="mt-4">{children}</div>}
    </section>
  );
}
