import { forwardRef, useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { cn } from '@/lib/cn';

interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string;
  hint?: ReactNode;
  prefix?: string;
}

/** Labelled input with its validation message wired to aria-describedby. */
export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, error, hint, prefix, className, id, ...rest },
  ref,
) {
  const generated = useId();
  const inputId = id ?? generated;
  const messageId = `${inputId}-message`;
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <label htmlFor={inputId} className="text-[13px] font-semibold text-ink">
        {label}
      </label>
      <div
        className={cn(
          'flex h-11 items-center rounded-[var(--radius-control)] border bg-white focus-within:border-action',
          error ? 'border-danger' : 'border-line',
        )}
      >
        {prefix && <span className="pl-3 text-[15px] font-medium text-muted">{prefix}</span>}
        <input
          ref={ref}
          id={inputId}
          aria-invalid={error ? true : undefined}
          aria-describedby={error || hint ? messageId : undefined}
          className="h-full w-full min-w-0 rounded-[var(--radius-control)] bg-transparent px-3 text-[15px] outline-none placeholder:text-muted/70"
          {...rest}
        />
      </div>
      {error ? (
        <p id={messageId} className="text-[12px] font-medium text-danger">
          {error}
        </p>
      ) : hint ? (
        <p id={messageId} className="text-[12px] text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
});
