import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { FiSearch } from 'react-icons/fi';
import { useAppSelector } from '@/app/hooks';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { plural } from '@/lib/format';
import { useGetProductPagesInfiniteQuery } from '@/features/catalog/api/products.api';
import { listQuery } from '@/features/catalog/category-query';
import { ProductGrid } from '@/features/catalog/components/ProductGrid';
import { SortAndFilters, readFilters } from '@/features/catalog/components/SortAndFilters';
import { useUpdateSearchParams } from '@/features/catalog/hooks';
import { selectStoreId } from '@/features/location/location.slice';

export function Component() {
  const [params] = useSearchParams();
  const updateParams = useUpdateSearchParams();
  const q = (params.get('q') ?? '').trim();
  const filters = readFilters(params);
  const store = useAppSelector(selectStoreId);
  useDocumentTitle(q ? `Results for "${q}"` : 'Search');

  const pages = useGetProductPagesInfiniteQuery(listQuery({ q }, params, store), { skip: !q });
  const products = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const first = pages.data?.pages[0];
  const brands = useMemo(() => {
    const found = new Set(products.map((p) => p.brand).filter((b): b is string => !!b));
    if (filters.brand) found.add(filters.brand);
    return [...found].sort();
  }, [products, filters.brand]);

  if (!q) {
    return (
      <EmptyState
        title="What are you looking for?"
        message='Try "milk", "atta", "chips" or your favourite brand.'
        illustration={<FiSearch className="size-14 text-muted" aria-hidden="true" />}
      />
    );
  }

  return (
    <div className="mx-auto max-w-[1280px] px-3 pt-4 pb-8 md:px-4">
      <div className="mb-3">
        {first?.didYouMean ? (
          <>
            <h1 className="text-lg font-extrabold tracking-tight md:text-2xl" data-testid="did-you-mean">
              Showing results for "{first.didYouMean}"
            </h1>
            <p className="mt-0.5 text-[13px] text-muted">
              No exact matches for "{q}". Search instead for{' '}
              <Link
                to={`/s?q=${encodeURIComponent(first.didYouMean)}`}
                className="font-semibold text-action hover:underline"
              >
                {first.didYouMean}
              </Link>
              ?
            </p>
          </>
        ) : (
          <h1 className="text-lg font-extrabold tracking-tight md:text-2xl">Results for "{q}"</h1>
        )}
        {first && <p className="mt-1 text-[12px] text-muted">{plural(first.total, 'product')}</p>}
      </div>
      <div className="mb-3">
        <SortAndFilters filters={filters} brands={brands} onChange={updateParams} />
      </div>
      {pages.isError ? (
        <ErrorState onRetry={() => pages.refetch()} />
      ) : !pages.isLoading && products.length === 0 ? (
        <EmptyState
          title={`No results for "${q}"`}
          message="Check the spelling or try a more general word."
          action={
            <Link
              to="/"
              className="inline-flex h-11 items-center rounded-[var(--radius-control)] bg-action px-5 font-semibold text-white"
            >
              Browse categories
            </Link>
          }
        />
      ) : (
        <ProductGrid
          products={products}
          isLoading={pages.isLoading}
          hasMore={!!pages.hasNextPage}
          isFetchingMore={pages.isFetchingNextPage}
          onLoadMore={() => void pages.fetchNextPage()}
          columns="grid-cols-2 sm:grid-cols-3 md:grid-cols-4 lg:grid-cols-6"
        />
      )}
    </div>
  );
}
