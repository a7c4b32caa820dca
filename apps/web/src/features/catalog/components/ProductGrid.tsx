import { useDeferredValue } from 'react';
import { preload } from 'react-dom';
import { ProductCardSkeleton } from '@/components/ui/Skeleton';
import { LoadMore } from '@/components/ui/LoadMore';
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
  // A page is two dozen cards: they render in a deferred (interruptible) pass rather than in the store's
  // synchronous update, so a phone is never stuck in one long task while a page of results arrives.
  const shown = useDeferredValue(products);
  // The first row's images are the page's largest paint: start fetching them as soon as the list arrives,
  // not when the deferred render of the cards commits.
  for (const product of products.slice(0, EAGER)) {
    if (product.imageUrl) preload(product.imageUrl, { as: 'image', fetchPriority: 'high' });
  }

  const loading = isLoading || (shown.length === 0 && products.length > 0);
  return (
    <>
      {loading ? (
        <div
          className={`grid gap-2.5 md:gap-3 ${columns ?? defaultColumns}`}
          aria-busy="true"
          aria-label="Loading products"
        >
          {Array.from({ length: 10 }, (_, i) => (
            <ProductCardSkeleton key={i} />
          ))}
        </div>
      ) : (
        <ul className={`grid gap-2.5 md:gap-3 ${columns ?? defaultColumns}`}>
          {shown.map((product, index) => (
            <li key={product.id} className="flex">
              <ProductCard product={product} eager={index < EAGER} className="w-full" headingLevel={2} />
            </li>
          ))}
        </ul>
      )}
      {!loading && (
        <LoadMore
          hasMore={hasMore}
          // Until the deferred render has drawn the new cards the end of the list is not where it will be.
          loading={isFetchingMore || shown !== products}
          onLoadMore={onLoadMore}
          what="products"
        />
      )}
    </>
  );
}
