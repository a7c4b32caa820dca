import { Link } from 'react-router';
import { ProductImage } from '@/components/ui/ProductImage';
import { QuantityStepper } from '@/components/ui/QuantityStepper';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/format';
import { WHEN_SHORT, WHEN_SHORT_LABELS, type WhenShort } from '@fatafat/contracts/floor-rules';
import { useSetWhenShortMutation } from '../api/cart.api';
import { useCartAddressId, useSetQuantity } from '../hooks/use-cart';
import type { CartLine } from '../types';

/** "If it is out of stock": what the store does for this line (signed-in carts; guests get the default). */
function WhenShortChooser({ line }: { line: CartLine }) {
  const addressId = useCartAddressId();
  const [setWhenShort, { isLoading }] = useSetWhenShortMutation();
  const id = `when-short-${line.variantId}`;
  return (
    <p className="mt-1 flex items-center gap-1 text-[11px] text-muted">
      <label htmlFor={id}>If out of stock:</label>
      <select
        id={id}
        value={line.whenShort}
        disabled={isLoading}
        onChange={(e) => void setWhenShort({ addressId, variantId: line.variantId, whenShort: e.target.value as WhenShort })}
        className="rounded border-0 bg-transparent py-0 pr-5 pl-0 text-[11px] font-semibold text-ink focus:ring-1 focus:ring-action"
      >
        {WHEN_SHORT.map((w) => (
          <option key={w} value={w}>
            {WHEN_SHORT_LABELS[w]}
          </option>
        ))}
      </select>
    </p>
  );
}

export function CartLineItem({ line, onNavigate, signedIn = false }: { line: CartLine; onNavigate?: () => void; signedIn?: boolean }) {
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
        {signedIn && line.available && <WhenShortChooser line={line} />}
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
