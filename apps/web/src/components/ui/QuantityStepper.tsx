import { FiMinus, FiPlus } from 'react-icons/fi';
import { cn } from '@/lib/cn';

interface QuantityStepperProps {
  quantity: number;
  max: number;
  name: string;
  onChange: (quantity: number) => void;
  size?: 'sm' | 'md';
  className?: string;
}

/** Solid green − qty + control that replaces ADD once something is in the cart. */
export function QuantityStepper({
  quantity,
  max,
  name,
  onChange,
  size = 'sm',
  className,
}: QuantityStepperProps) {
  const atMax = quantity >= max;
  return (
    <div
      role="group"
      aria-label={`Quantity of ${name}`}
      className={cn(
        'inline-flex items-center justify-between rounded-[var(--radius-control)] bg-action font-bold text-white',
        size === 'sm' ? 'h-8 w-[72px] text-[13px]' : 'h-10 w-28 text-[15px]',
        className,
      )}
    >
      <button
        type="button"
        aria-label={`Remove one ${name}`}
        className="grid h-full flex-1 place-items-center rounded-l-[var(--radius-control)] hover:bg-action-dark"
        onClick={() => onChange(quantity - 1)}
      >
        <FiMinus aria-hidden="true" className="size-3.5" strokeWidth={3} />
      </button>
      <span aria-live="polite" className="min-w-5 text-center tabular">
        {quantity}
      </span>
      <button
        type="button"
        aria-label={`Add one more ${name}`}
        disabled={atMax}
        title={atMax ? `Max ${max} per order` : undefined}
        className="grid h-full flex-1 place-items-center rounded-r-[var(--radius-control)] hover:bg-action-dark disabled:opacity-50"
        onClick={() => onChange(quantity + 1)}
      >
        <FiPlus aria-hidden="true" className="size-3.5" strokeWidth={3} />
      </button>
    </div>
  );
}
