import { lazy, Suspense, useState } from 'react';
import { FiChevronDown } from 'react-icons/fi';
import { QuantityStepper } from '@/components/ui/QuantityStepper';
import { cn } from '@/lib/cn';
import { useCartLines, useSetQuantity } from '../hooks/use-cart';
import { snapshotOf, type PurchasableProduct } from '../purchasable';

// The pack-size chooser (a bottom sheet) loads when first opened; most visits never open it.
const VariantChooser = lazy(() => import('./VariantChooser'));

interface AddToCartProps {
  product: PurchasableProduct;
  /** Pin one pack size (product page); otherwise several sizes open a chooser. */
  variantId?: string;
  size?: 'sm' | 'md';
}

/** ADD → − qty + for one pack size; "N options" opens a bottom sheet when the product has several. */
export function AddToCart({ product, variantId, size = 'sm' }: AddToCartProps) {
  const lines = useCartLines();
  const setQuantity = useSetQuantity();
  const [chooserOpen, setChooserOpen] = useState(false);

  const variants = variantId ? product.variants.filter((v) => v.id === variantId) : product.variants;
  const single = variants.length === 1 ? variants[0] : undefined;
  const quantityOf = (id: string) => lines.find((line) => line.variantId === id)?.quantity ?? 0;
  const anyAvailable = variants.some((variant) => variant.available);
  const buttonSize = size === 'sm' ? 'h-8 w-[72px] text-[13px]' : 'h-10 w-28 text-[15px]';

  if (!anyAvailable) {
    return (
      <span
        className={cn(
          'inline-grid place-items-center rounded-[var(--radius-control)] border border-line bg-surface font-semibold text-muted',
          buttonSize,
          size === 'sm' && 'text-[11px]',
        )}
      >
        Out of stock
      </span>
    );
  }

  if (single) {
    const quantity = quantityOf(single.id);
    const snapshot = snapshotOf(product, single);
    return quantity > 0 ? (
      <QuantityStepper
        quantity={quantity}
        max={single.maxPerOrder || 99}
        name={`${product.name} ${single.label}`}
        size={size}
        onChange={(next) => setQuantity(snapshot, next)}
      />
    ) : (
      <button
        type="button"
        aria-label={`Add ${product.name} ${single.label} to cart`}
        onClick={() => setQuantity(snapshot, 1)}
        className={cn(
          'rounded-[var(--radius-control)] border border-action bg-white font-bold text-action transition-colors duration-150 hover:bg-action-soft',
          buttonSize,
        )}
      >
        ADD
      </button>
    );
  }

  const inCart = variants.reduce((sum, variant) => sum + quantityOf(variant.id), 0);
  return (
    <div className="relative flex flex-col items-center">
      {inCart > 0 ? (
        <QuantityStepper
          quantity={inCart}
          max={Number.POSITIVE_INFINITY}
          name={product.name}
          size={size}
          onChange={() => setChooserOpen(true)}
        />
      ) : (
        <button
          type="button"
          aria-haspopup="dialog"
          aria-label={`Add ${product.name} to cart — choose from ${variants.length} pack sizes`}
          onClick={() => setChooserOpen(true)}
          className={cn(
            'rounded-[var(--radius-control)] border border-action bg-white font-bold text-action hover:bg-action-soft',
            buttonSize,
          )}
        >
          ADD
        </button>
      )}
      {/* Hangs below the button so ADD lines up with single-size cards next to it. */}
      <button
        type="button"
        onClick={() => setChooserOpen(true)}
        className="absolute top-full mt-px inline-flex items-center gap-0.5 text-[10px] leading-3 font-semibold whitespace-nowrap text-muted"
        tabIndex={-1}
        aria-hidden="true"
      >
        {variants.length} options <FiChevronDown className="size-3" />
      </button>
      {chooserOpen && (
        <Suspense fallback={null}>
          <VariantChooser product={product} variants={variants} onClose={() => setChooserOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
