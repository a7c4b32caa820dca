import { api } from '@/lib/api';
import type { Category } from '../types';

/** The category list (home, category pages, footer). Product lists and pages live in products.api.ts. */
export const catalogApi = api.injectEndpoints({
  endpoints: (build) => ({
    getCategories: build.query<Category[], void>({
      query: () => '/category',
      transformResponse: (response: { items: Category[] }) => response.items,
      providesTags: ['Category'],
      keepUnusedDataFor: 600,
    }),
  }),
});

export const { useGetCategoriesQuery } = catalogApi;
