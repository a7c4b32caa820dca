import { api } from '@/lib/api';
import type { ProductDetail, ProductPage, ProductQuery, ProductSummary } from '../types';

/** Drops empty filters so equal queries share one cache entry and the URL stays short. */
export function toSearchParams(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  return params.toString();
}

/** Product lists and product pages: injected by the rails and pages that show products. */
export const productsApi = api.injectEndpoints({
  endpoints: (build) => ({
    getProducts: build.query<ProductPage, ProductQuery>({
      query: (query) => `/product?${toSearchParams(query)}`,
      providesTags: ['Product'],
    }),
    // Category and search grids page with the API's opaque cursor; RTK Query keeps every page in one entry.
    getProductPages: build.infiniteQuery<ProductPage, ProductQuery, string | null>({
      infiniteQueryOptions: {
        initialPageParam: null,
        getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
        maxPages: 40,
      },
      query: ({ queryArg, pageParam }) =>
        `/product?${toSearchParams({ ...queryArg, cursor: pageParam ?? undefined })}`,
      providesTags: ['Product'],
    }),
    getProduct: build.query<
      { product: ProductDetail; similar: ProductSummary[] },
      { slug: string; store?: string }
    >({
      query: ({ slug, store }) => `/product/${encodeURIComponent(slug)}${store ? `?store=${store}` : ''}`,
      providesTags: (_result, _error, { slug }) => [{ type: 'Product', id: slug }],
    }),
  }),
});

export const { useGetProductsQuery, useGetProductPagesInfiniteQuery, useGetProductQuery } = productsApi;
