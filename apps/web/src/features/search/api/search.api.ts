import { api } from '@/lib/api';
import type { SuggestResponse } from '@fatafat/contracts/catalog';

export type SuggestResult = SuggestResponse;

export const searchApi = api.injectEndpoints({
  endpoints: (build) => ({
    suggest: build.query<SuggestResult, { q: string; store?: string }>({
      query: ({ q, store }) => `/search/suggest?q=${encodeURIComponent(q)}${store ? `&store=${store}` : ''}`,
      extraOptions: { quiet: true },
      keepUnusedDataFor: 60,
    }),
  }),
});

export const { useSuggestQuery } = searchApi;
