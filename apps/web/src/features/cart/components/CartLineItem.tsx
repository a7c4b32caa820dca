import { Link } from 'react-router';
import { ProductImage } from '@/components/ui/ProductImage';
import { QuantityStepper } from '@/components/ui/QuantityStepper';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/format';
import { useSetQuantity } from '../hooks/use-cart';
import type { CartLine } from '../types';

export function CartLineItem({ line, onNavigate }: { line: CartLine; onNavigate?: () => void }) {
  const setQuantity = useSetQuantity();
  const snapshot = { ...line, slug: line.slug ?? '' };
  return (
    <li className="flex gap-3 py-3" data-testid="cart-line">
      <div
        className={cn(
          'size-[68px] shrink-0 overflow-hidden rounded-lg border border-line bg-surface/60 p-1',
          !line.available && 'opacity-50 grayscale',
        )}
      >
        <ProductImage src={line.imageUrl} alt="" size={68} />
      </div>
      <div className="min-w-0 flex-1">
        {line.slug ? (
          <Link
            to={`/p/${line.slug}`}
            onClick={onNavigate}
            className="line-clamp-2 text-[13px] leading-snug font-semibold hover:underline"
          >
            {line.name}
          </Link>
        ) : (
          <p className="line-clamp-2 text-[13px] leading-snug font-semibold">{line.name}</p>
        )}
        <p className="mt-0.5 text-[12px] text-muted">{line.label}</p>
        {line.available ? (
          <p className="mt-1 flex items-baseline gap-1.5 text-[13px]">
            <span className="font-bold tabular">{formatMoney(line.price)}</span>
            {line.mrp > line.price && (
              <span className="text-[11px] text-muted line-through tabular">{formatMoney(line.mrp)}</span>
            )}
          </p>
        ) : (
          <p className="mt-1 text-[12px] font-semibold text-danger" data-testid="unavailable-line">
            Out of stock at your store
          </p>
        )}
      </div>
      <div className="flex flex-col items-end justify-center">
        {line.available ? (
          <QuantityStepper
            quantity={line.quantity}
            max={line.maxPerOrder || 99}
            name={`${line.name} ${line.label}`}
            onChange={(quantity) => setQuantity(snapshot, quantity)}
          />
        ) : (
          <button
            type="button"
            onClick={() => setQuantity(snapshot, 0)}
            className="h-8 rounded-[var(--radius-control)] border border-danger px-3 text-[12px] font-bold text-danger hover:bg-danger-soft"
          >
            Remove
          </button>
        )}
      </div>
    </li>
  );
}
