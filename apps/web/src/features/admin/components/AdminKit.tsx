import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { FiChevronLeft, FiChevronRight, FiSearch } from 'react-icons/fi';
import { Button } from '@/components/ui/Button';
import { FormError } from '@/components/ui/FormError';
import { cn } from '@/lib/cn';

/** Small building blocks of the console: quieter and denser than the shop's. */

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-[22px] font-bold tracking-tight text-ink">{title}</h1>
        {subtitle && <p className="mt-0.5 text-[13px] text-muted">{subtitle}</p>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}

export function Card({ title, actions, className, children }: { title?: ReactNode; actions?: ReactNode; className?: string; children: ReactNode }) {
  return (
    <section className={cn('rounded-[var(--radius-card)] border border-line bg-white', className)}>
      {(title || actions) && (
        <header className="flex items-center justify-between gap-2 border-b border-line px-4 py-3">
          {title && <h2 className="text-[14px] font-semibold text-ink">{title}</h2>}
          {actions}
        </header>
      )}
      <div className="p-4">{children}</div>
    </section>
  );
}

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  error?: string | undefined;
  hideLabel?: boolean;
}

export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { label, error, hideLabel, className, id, children, ...rest },
  ref,
) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <label htmlFor={selectId} className={cn('text-[13px] font-semibold text-ink', hideLabel && 'sr-only')}>
        {label}
      </label>
      <select
        ref={ref}
        id={selectId}
        aria-invalid={error ? true : undefined}
        className={cn(
          'h-10 rounded-[var(--radius-control)] border bg-white px-2.5 text-[14px] outline-none focus:border-action',
          error ? 'border-danger' : 'border-line',
        )}
        {...rest}
      >
        {children}
      </select>
      {error && <p className="text-[12px] font-medium text-danger">{error}</p>}
    </div>
  );
});

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  error?: string | undefined;
}

export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaFieldProps>(function TextAreaField(
  { label, error, className, id, ...rest },
  ref,
) {
  const generated = useId();
  const areaId = id ?? generated;
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <label htmlFor={areaId} className="text-[13px] font-semibold text-ink">
        {label}
      </label>
      <textarea
        ref={ref}
        id={areaId}
        aria-invalid={error ? true : undefined}
        className={cn(
          'min-h-24 rounded-[var(--radius-control)] border bg-white px-3 py-2 text-[14px] outline-none focus:border-action',
          error ? 'border-danger' : 'border-line',
        )}
        {...rest}
      />
      {error && <p className="text-[12px] font-medium text-danger">{error}</p>}
    </div>
  );
});

/** A compact input for filter bars and table cells. */
export const MiniInput = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement> & { label: string }>(
  function MiniInput({ label, className, ...rest }, ref) {
    return (
      <input
        ref={ref}
        aria-label={label}
        className={cn(
          'h-9 rounded-[var(--radius-control)] border border-line bg-white px-2.5 text-[14px] outline-none focus:border-action',
          className,
        )}
        {...rest}
      />
    );
  },
);

/** The search box above an admin table: the label is for screen readers, the placeholder says what matches. */
export function SearchField({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="relative">
      <span className="sr-only">{label}</span>
      <FiSearch className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-muted" aria-hidden />
      <input
        type="search"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        className="h-9 w-72 rounded-[var(--radius-control)] border border-line bg-white pr-3 pl-8 text-[14px] outline-none focus:border-action"
      />
    </label>
  );
}

export function Pager({
  page,
  pageSize,
  total,
  onPage,
  onPageSize,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize?: (size: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-line px-4 py-2.5 text-[13px] text-muted">
      <span>
        {from}–{to} of {total}
      </span>
      <div className="flex items-center gap-2">
        {onPageSize && (
          <select
            aria-label="Rows per page"
            value={pageSize}
            onChange={(e) => onPageSize(Number(e.target.value))}
            className="h-8 rounded-md border border-line bg-white px-1.5 text-[13px]"
          >
            {[10, 25, 50, 100].map((n) => (
              <option key={n} value={n}>
                {n} / page
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          aria-label="Previous page"
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
          className="grid size-8 place-items-center rounded-md border border-line bg-white disabled:opacity-40"
        >
          <FiChevronLeft />
        </button>
        <span className="tabular-nums text-ink">
          {page} / {pages}
        </span>
        <button
          type="button"
          aria-label="Next page"
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
          className="grid size-8 place-items-center rounded-md border border-line bg-white disabled:opacity-40"
        >
          <FiChevronRight />
        </button>
      </div>
    </div>
  );
}

/** Table classes shared by every list: 42 px rows, sticky header, hairline separators. */
export const table = {
  wrap: 'max-h-[calc(100dvh-220px)] overflow-auto',
  table: 'w-full border-collapse text-left text-[13.5px]',
  th: 'sticky top-0 z-10 h-10 border-b border-line bg-[#FAFBFA] px-3 text-[12px] font-semibold uppercase tracking-wide text-muted whitespace-nowrap',
  tr: 'h-[42px] border-b border-line last:border-b-0 hover:bg-surface/70',
  td: 'px-3 py-1 align-middle',
};

export function Badge({ tone = 'grey', children }: { tone?: 'green' | 'grey' | 'red' | 'yellow' | 'blue'; children: ReactNode }) {
  const tones = {
    green: 'bg-action-soft text-action-dark',
    grey: 'bg-surface text-muted',
    red: 'bg-danger-soft text-danger',
    yellow: 'bg-brand-soft text-[#8a6400]',
    blue: 'bg-[#EAF1FE] text-offer',
  };
  return <span className={cn('inline-flex h-6 items-center rounded-full px-2.5 text-[12px] font-semibold', tones[tone])}>{children}</span>;
}

export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-10 text-center text-[14px] text-muted">
        {children}
      </td>
    </tr>
  );
}

/** Suggestions for a text input (`list={id}`): the user may pick one or type their own. */
export function Suggestions({ id, values }: { id: string; values: readonly string[] }) {
  return (
    <datalist id={id}>
      {values.map((v) => (
        <option key={v} value={v} />
      ))}
    </datalist>
  );
}

/** The end of a card's form: its own error (not a field's), then the submit button on the right. */
export function FormFooter({ error, saving, label }: { error: string | undefined; saving: boolean; label: string }) {
  return (
    <>
      <FormError message={error} />
      <div className="flex justify-end">
        <Button type="submit" loading={saving}>
          {label}
        </Button>
      </div>
    </>
  );
}
