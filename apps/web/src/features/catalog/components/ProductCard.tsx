import { memo } from 'react';
import { Link } from 'react-router';
import { useAppSelector } from '@/app/hooks';
import { EtaPill } from '@/components/ui/EtaPill';
import { ProductImage } from '@/components/ui/ProductImage';
import { cn } from '@/lib/cn';
import { discountPercent, formatMoney } from '@/lib/format';
import { AddToCart } from '@/features/cart/components/AddToCart';
import { selectLocation } from '@/features/location/location.slice';
import type { ProductSummary, Variant } from '../types';

/** The variant a card leads with: the cheapest one in stock, else the cheapest. */
export function leadVariant(variants: Variant[]): Variant | undefined {
  const byPrice = [...variants].sort((a, b) => a.price - b.price);
  return byPrice.find((variant) => variant.available) ?? byPrice[0];
}

interface ProductCardProps {
  product: ProductSummary;
  /** The first few cards on a page load eagerly; the rest wait until scrolled near. */
  eager?: boolean;
  className?: string;
  /** h3 under a section heading (rails); h2 straight under the page's h1 (grids), so no level is skipped. */
  headingLevel?: 2 | 3;
}

/**
 * Memoised: grids hold dozens of cards and their page re-renders on every query update; a card only needs
 * to redraw when its own product (a stable object from the RTK Query cache) or the cart changes.
 */
export const ProductCard = memo(function ProductCard({
  product,
  eager = false,
  className,
  headingLevel = 3,
}: ProductCardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const eta = useAppSelector(selectLocation)?.etaMinutes;
  const variant = leadVariant(product.variants);
  if (!variant) return null;
  const outOfStock = !product.variants.some((v) => v.available);
  const off = discountPercent(variant.price, variant.mrp);

  return (
    <article
      aria-label={product.name}
      data-testid="product-card"
      className={cn(
        'relative flex flex-col rounded-[var(--radius-card)] border border-line bg-white p-2.5 pb-3.5 transition-shadow duration-150 hover:shadow-[0_2px_12px_rgb(0_0_0/0.06)]',
        className,
      )}
    >
      <div className="relative overflow-hidden rounded-lg bg-surface/60">
        <ProductImage
          src={product.imageUrl}
          alt=""
          eager={eager}
          className={cn('p-2 transition-opacity', outOfStock && 'opacity-45 grayscale')}
        />
        {off > 0 && !outOfStock && (
          <span className="absolute top-0 left-2 rounded-b-md bg-offer px-1.5 pt-0.5 pb-1 text-center text-[10px] leading-[1.1] font-extrabold text-white">
            {off}%
            <br />
            OFF
          </span>
        )}
        {outOfStock && (
          <span className="absolute inset-x-0 bottom-2 mx-auto w-fit rounded-md bg-ink/80 px-2 py-0.5 text-[11px] font-semibold text-white">
            Out of stock
          </span>
        )}
      </div>
      <div className={cn('mt-2 flex flex-1 flex-col', outOfStock && 'opacity-60')}>
        {eta !== undefined && <EtaPill minutes={eta} className="w-fit" />}
        <Heading className="mt-1.5 line-clamp-2 min-h-[2.6em] text-[13px] leading-[1.3] font-semibold">
          {/* One link per card (its ::after covers the whole card): fewer router links to render in big grids. */}
          <Link
            to={`/p/${product.slug}`}
            className="after:absolute after:inset-0 after:rounded-[var(--radius-card)] hover:underline"
          >
            {product.name}
          </Link>
        </Heading>
        <p className="mt-0.5 truncate text-[12px] text-muted">
          {variant.label}
          {variant.fewLeft && variant.available && (
            <span className="font-semibold text-danger"> · Few left</span>
          )}
        </p>
        <div className="mt-auto flex items-end justify-between gap-1 pt-2.5">
          <p className="flex flex-col leading-tight">
            <span className="text-[13px] font-bold tabular">{formatMoney(variant.price)}</span>
            {variant.mrp > variant.price && (
              <span className="text-[11px] text-muted line-through tabular">
                <span className="sr-only">MRP </span>
                {formatMoney(variant.mrp)}
              </span>
            )}
          </p>
          <div className="relative z-10">
            <AddToCart product={product} />
          </div>
        </div>
      </div>
    </article>
  );
});
