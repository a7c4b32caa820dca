import { Sheet } from '@/components/ui/Sheet';
import { QuantityStepper } from '@/components/ui/QuantityStepper';
import { ProductImage } from '@/components/ui/ProductImage';
import { cn } from '@/lib/cn';
import { discountPercent, formatMoney } from '@/lib/format';
import { useCartLines, useSetQuantity } from '../hooks/use-cart';
import { snapshotOf, type PurchasableProduct, type PurchasableVariant } from '../purchasable';

interface VariantChooserProps {
  product: PurchasableProduct;
  variants: PurchasableVariant[];
  onClose: () => void;
}

/** Bottom sheet listing every pack size with its own ADD / stepper. */
export default function VariantChooser({ product, variants, onClose }: VariantChooserProps) {
  const lines = useCartLines();
  const setQuantity = useSetQuantity();
  const quantityOf = (id: string) => lines.find((line) => line.variantId === id)?.quantity ?? 0;
  return (
    <Sheet open onClose={onClose} title={product.name} placement="bottom">
      <div className="flex items-center gap-3 px-4 pt-3 text-sm text-muted">Choose a pack size</div>
      <ul className="flex flex-col gap-2.5 p-4">
        {variants.map((variant) => {
          const quantity = quantityOf(variant.id);
          const off = discountPercent(variant.price, variant.mrp);
          const snapshot = snapshotOf(product, variant);
          return (
            <li
              key={variant.id}
              className={cn(
                'flex items-center gap-3 rounded-[var(--radius-card)] border border-line p-2.5',
                !variant.available && 'opacity-60',
              )}
            >
              <div className="size-14 shrink-0 overflow-hidden rounded-lg bg-surface">
                <ProductImage src={product.imageUrl} alt="" size={56} />
              </div>
              <div className="min-w-0 flex-1">
                <p className="text-sm font-semibold">{variant.label}</p>
                <p className="mt-0.5 flex items-baseline gap-1.5 text-sm">
                  <span className="font-bold">{formatMoney(variant.price)}</span>
                  {variant.mrp > variant.price && (
                    <span className="text-xs text-muted line-through">{formatMoney(variant.mrp)}</span>
                  )}
                  {off > 0 && <span className="text-xs font-bold text-offer">{off}% OFF</span>}
                </p>
              </div>
              {!variant.available ? (
                <span className="text-xs font-semibold text-muted">Out of stock</span>
              ) : quantity > 0 ? (
                <QuantityStepper
                  quantity={quantity}
                  max={variant.maxPerOrder || 99}
                  name={`${product.name} ${variant.label}`}
                  onChange={(next) => setQuantity(snapshot, next)}
                />
              ) : (
                <button
                  type="button"
                  aria-label={`Add ${product.name} ${variant.label} to cart`}
                  onClick={() => setQuantity(snapshot, 1)}
                  className="h-8 w-[72px] rounded-[var(--radius-control)] border border-action bg-white text-[13px] font-bold text-action hover:bg-action-soft"
                >
                  ADD
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </Sheet>
  );
}
