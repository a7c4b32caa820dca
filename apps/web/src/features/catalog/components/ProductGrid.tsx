import { useDeferredValue } from 'react';
import { preload } from 'react-dom';
import { useInfiniteScroll } from 'react-infinite-scroll-component';
import { ProductCardSkeleton } from '@/components/ui/Skeleton';
import { Spinner } from '@/components/ui/Spinner';
import { ProductCard } from './ProductCard';
import type { ProductSummary } from '../types';

interface ProductGridProps {
  products: ProductSummary[];
  isLoading: boolean;
  hasMore: boolean;
  isFetchingMore: boolean;
  onLoadMore: () => void;
  columns?: string;
}

const defaultColumns = 'grid-cols-2 sm:grid-cols-3 lg:grid-cols-5';
/** Cards whose images load at once (above the fold on a phone); the rest load as they scroll near. */
const EAGER = 4;

/** Product grid that asks for the next page as its end scrolls into view. */
export function ProductGrid({
  products,
  isLoading,
  hasMore,
  isFetchingMore,
  onLoadMore,
  columns,
}: ProductGridProps) {
  const { sentinelRef } = useInfiniteScroll({
    next: onLoadMore,
    hasMore: hasMore && !isFetchingMore,
    dataLength: products.length,
    scrollThreshold: '600px',
  });

  // A page is two dozen cards: they render in a deferred (interruptible) pass rather than in the store's
  // synchronous update, so a phone is never stuck in one long task while a page of results arrives.
  const shown = useDeferredValue(products);
  // The first row's images are the page's largest paint: start fetching them as soon as the list arrives,
  // not when the deferred render of the cards commits.
  for (const product of products.slice(0, EAGER)) {
    if (product.imageUrl) preload(product.imageUrl, { as: 'image', fetchPriority: 'high' });
  }

  if (isLoading || (shown.length === 0 && products.length > 0)) {
    return (
      <div
        className={`grid gap-2.5 md:gap-3 ${columns ?? defaultColumns}`}
        aria-busy="true"
        aria-label="Loading products"
      >
        {Array.from({ length: 10 }, (_, i) => (
          <ProductCardSkeleton key={i} />
        ))}
      </div>
    );
  }

  return (
    <>
      <ul className={`grid gap-2.5 md:gap-3 ${columns ?? defaultColumns}`}>
        {shown.map((product, index) => (
          <li key={product.id} className="flex">
            <ProductCard product={product} eager={index < EAGER} className="w-full" headingLevel={2} />
          </li>
        ))}
      </ul>
      <div ref={sentinelRef} aria-hidden="true" />
      {isFetchingMore && (
        <div className="flex justify-center py-6 text-action">
          <Spinner className="size-6" label="Loading more products" />
        </div>
      )}
    </>
  );
}
