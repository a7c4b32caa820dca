import { useDeferredValue } from 'react';
import { Link } from 'react-router';
import { FiChevronRight } from 'react-icons/fi';
import { ProductCardSkeleton } from '@/components/ui/Skeleton';
import { useAppSelector } from '@/app/hooks';
import { selectStoreId } from '@/features/location/location.slice';
import { useGetProductsQuery } from '../api/products.api';
import { ProductCard } from './ProductCard';
import type { Category } from '../types';

/** A category's title, "see all" and a horizontally scrolling row of its best-selling cards. */
export function ProductRail({ category }: { category: Category }) {
  const store = useAppSelector(selectStoreId);
  const { data: fetched, isError } = useGetProductsQuery({ category: category.slug, limit: 12, store });
  // A dozen cards at once: drawn in a deferred (interruptible) render, not in the store's synchronous one.
  const data = useDeferredValue(fetched);
  const isLoading = !data;
  const items = data?.items ?? [];
  if (isError || (!isLoading && items.length === 0)) return null;

  return (
    <section aria-labelledby={`rail-${category.slug}`} className="mt-7">
      <div className="mb-3 flex items-center justify-between">
        <h2 id={`rail-${category.slug}`} className="text-lg font-extrabold tracking-tight md:text-xl">
          {category.name}
        </h2>
        <Link
          to={`/c/${category.slug}`}
          className="inline-flex items-center gap-0.5 text-sm font-semibold text-action hover:text-action-dark"
          aria-label={`See all ${category.name}`}
        >
          see all <FiChevronRight aria-hidden="true" />
        </Link>
      </div>
      <ul className="scrollbar-none -mx-4 flex snap-x gap-3 overflow-x-auto px-4 pb-1 md:mx-0 md:px-0">
        {isLoading
          ? Array.from({ length: 6 }, (_, i) => (
              <li key={i} className="w-[152px] shrink-0 md:w-[180px]">
                <ProductCardSkeleton />
              </li>
            ))
          : items.map((product) => (
              <li key={product.id} className="w-[152px] shrink-0 snap-start md:w-[180px]">
                <ProductCard product={product} className="h-full" />
              </li>
            ))}
      </ul>
    </section>
  );
}
