import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAppSelector } from '@/app/hooks';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { Skeleton } from '@/components/ui/Skeleton';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { plural } from '@/lib/format';
import { useGetCategoriesQuery } from '@/features/catalog/api/catalog.api';
import { useGetProductPagesInfiniteQuery } from '@/features/catalog/api/products.api';
import { ProductGrid } from '@/features/catalog/components/ProductGrid';
import { SortAndFilters, readFilters } from '@/features/catalog/components/SortAndFilters';
import { SubcategoryRail } from '@/features/catalog/components/SubcategoryRail';
import { useUpdateSearchParams } from '@/features/catalog/hooks';
import { categoryQuery } from '@/features/catalog/category-query';
import { selectStoreId } from '@/features/location/location.slice';
import NotFound from './not-found-view';

export function Component() {
  const { category: categorySlug = '', subcategory } = useParams();
  const [params] = useSearchParams();
  const updateParams = useUpdateSearchParams();
  const store = useAppSelector(selectStoreId);
  const filters = readFilters(params);
  const { data: categories, isLoading: categoriesLoading } = useGetCategoriesQuery();
  const category = categories?.find((c) => c.slug === categorySlug);
  const sub = category?.subcategories.find((s) => s.slug === subcategory);
  useDocumentTitle(sub?.name ?? category?.name);

  const query = categoryQuery(categorySlug, subcategory, params, store);
  // Asked for alongside the category list rather than after it; only a slug that turns out not to exist
  // (the list has arrived without it) stops the request.
  const pages = useGetProductPagesInfiniteQuery(query, { skip: !!categories && !category });
  const products = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const total = pages.data?.pages[0]?.total;
  // Brand choices come from the products already loaded (no extra request); the chosen one always stays.
  const brands = useMemo(() => {
    const found = new Set(products.map((p) => p.brand).filter((b): b is string => !!b));
    if (filters.brand) found.add(filters.brand);
    return [...found].sort();
  }, [products, filters.brand]);

  if (!categoriesLoading && categories && !category) return <NotFound />;

  return (
    <div className="mx-auto flex max-w-[1280px] md:px-4 md:pt-4">
      <aside className="sticky top-[var(--header-h,113px)] h-[calc(100dvh-var(--header-h,113px))] w-[84px] shrink-0 overflow-y-auto border-r border-line bg-white md:w-[240px]">
        {category ? (
          <SubcategoryRail category={category} active={subcategory} />
        ) : (
          <div className="flex flex-col gap-3 p-2">
            {Array.from({ length: 8 }, (_, i) => (
              <Skeleton key={i} className="h-16 w-full" />
            ))}
          </div>
        )}
      </aside>
      <section
        className="min-w-0 flex-1 bg-surface/50 px-3 pb-8 md:bg-white md:px-5"
        aria-labelledby="category-title"
      >
        <div className="sticky top-[var(--header-h,113px)] z-10 -mx-3 bg-white px-3 pt-3 pb-2.5 md:static md:mx-0 md:px-0">
          <nav aria-label="Breadcrumb" className="hidden text-[12px] text-muted md:block">
            <Link to="/" className="hover:text-ink">
              Home
            </Link>{' '}
            /{' '}
            {sub ? (
              <Link to={`/c/${categorySlug}`} className="hover:text-ink">
                {category?.name}
              </Link>
            ) : (
              category?.name
            )}
            {sub && ` / ${sub.name}`}
          </nav>
          <div className="mb-2.5 flex items-baseline justify-between gap-2 md:mt-1">
            <h1
              id="category-title"
              className="truncate text-[17px] font-extrabold tracking-tight md:text-2xl"
            >
              {sub?.name ?? category?.name ?? <Skeleton className="h-6 w-40" />}
            </h1>
            {total !== undefined && (
              <span className="shrink-0 text-[12px] text-muted">{plural(total, 'item')}</span>
            )}
          </div>
          <SortAndFilters filters={filters} brands={brands} onChange={updateParams} />
        </div>
        <div className="pt-2">
          {pages.isError ? (
            <ErrorState onRetry={() => pages.refetch()} />
          ) : !pages.isLoading && products.length === 0 && category ? (
            <EmptyState
              title="Nothing here right now"
              message="No products match these filters. Try clearing them or pick another aisle."
              action={
                <button
                  type="button"
                  onClick={() => updateParams({ minPrice: undefined, maxPrice: undefined, brand: undefined })}
                  className="h-10 rounded-[var(--radius-control)] border border-action px-4 text-sm font-semibold text-action"
                >
                  Clear filters
                </button>
              }
            />
          ) : (
            <ProductGrid
              products={products}
              isLoading={pages.isLoading || !category}
              hasMore={!!pages.hasNextPage}
              isFetchingMore={pages.isFetchingNextPage}
              onLoadMore={() => void pages.fetchNextPage()}
              columns="grid-cols-2 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-5"
            />
          )}
        </div>
      </section>
    </div>
  );
}
