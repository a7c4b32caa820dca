import type { HTMLAttributes } from 'react';
import { cn } from '@/lib/cn';

/** A form's own error (not a field's): announced to screen readers, nothing rendered when there is none. */
export function FormError({
  message,
  className,
  ...rest
}: { message: string | null | undefined } & Omit<HTMLAttributes<HTMLParagraphElement>, 'children'>) {
  if (!message) return null;
  return (
    <p
      role="alert"
      className={cn('rounded-lg bg-danger-soft px-3 py-2 text-sm font-medium text-danger', className)}
      {...rest}
    >
      {message}
    </p>
  );
}
