import { cn } from '@/lib/cn';
import { discountPercent, formatMoney } from '@/lib/format';
import type { Variant } from '../types';

/** Pack sizes as cards with their price; the chosen one is outlined in green. */
export function VariantSelector({
  variants,
  value,
  onChange,
}: {
  variants: Variant[];
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-bold">Select unit</legend>
      <div className="flex flex-wrap gap-2.5" role="radiogroup">
        {variants.map((variant) => {
          const selected = variant.id === value;
          const off = discountPercent(variant.price, variant.mrp);
          return (
            <button
              key={variant.id}
              type="button"
              role="radio"
              aria-checked={selected}
              onClick={() => onChange(variant.id)}
              className={cn(
                'relative flex min-w-[104px] flex-col items-center rounded-[var(--radius-card)] border-2 px-3 pt-3 pb-2 text-center transition-colors',
                selected ? 'border-action bg-action-soft/40' : 'border-line hover:border-ink/30',
                !variant.available && 'opacity-60',
              )}
            >
              {off > 0 && (
                <span className="absolute -top-2.5 rounded bg-offer px-1.5 py-0.5 text-[10px] font-extrabold text-white">
                  {off}% OFF
                </span>
              )}
              <span className="text-[13px] font-semibold">{variant.label}</span>
              <span className="mt-0.5 text-[13px] font-bold tabular">{formatMoney(variant.price)}</span>
              {variant.mrp > variant.price && (
                <span className="text-[11px] text-muted line-through tabular">
                  {formatMoney(variant.mrp)}
                </span>
              )}
              {!variant.available && (
                <span className="text-[10px] font-semibold text-danger">Out of stock</span>
              )}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
