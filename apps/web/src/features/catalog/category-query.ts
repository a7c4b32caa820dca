import { readFilters } from './components/SortAndFilters';
import type { ProductQuery } from './types';

/**
 * The product-list request a category page makes for its address and filters. One function, so the page
 * and the early request made on landing (app/router.tsx) share one cache entry.
 */
export function categoryQuery(
  category: string,
  subcategory: string | undefined,
  params: URLSearchParams,
  store: string | undefined,
): ProductQuery {
  return listQuery({ category, subcategory }, params, store);
}

/** A product list (category, subcategory or search) with the sort and filters the URL holds. */
export function listQuery(
  scope: Pick<ProductQuery, 'category' | 'subcategory' | 'q'>,
  params: URLSearchParams,
  store: string | undefined,
): ProductQuery {
  const filters = readFilters(params);
  return {
    ...scope,
    sort: filters.sort === 'relevance' ? undefined : filters.sort,
    minPrice: filters.minPrice,
    maxPrice: filters.maxPrice,
    brand: filters.brand,
    limit: 24,
    store,
  };
}
