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

  if (isLoading) {
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
        {products.map((product, index) => (
          <li key={product.id} className="flex">
            <ProductCard product={product} eager={index < 4} className="w-full" headingLevel={2} />
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
