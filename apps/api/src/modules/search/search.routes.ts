import { SuggestQuery, SuggestResponse } from '@fatafat/contracts/catalog';
import type { AppDeps } from '../../deps';
import type { ApiRouter } from '../../http/api-router';
import { catalogCache, sendCached } from '../catalog/catalog.cache';
import { suggest } from './search.service';

const SUGGEST_TTL_MS = 30_000;

export function registerSearchRoutes(api: ApiRouter, deps: AppDeps): void {
  const cache = catalogCache(deps);
  api.route(
    {
      method: 'get',
      path: '/search/suggest',
      summary: 'Typeahead: up to 8 products and 4 categories, typo tolerant',
      tag: 'search',
      auth: 'public',
      query: SuggestQuery,
      response: SuggestResponse,
    },
    ({ query, req, res }) =>
      sendCached(cache, req, res, { key: `suggest|${query.q.toLowerCase()}`, ttlMs: SUGGEST_TTL_MS, scope: 'public' }, () =>
        suggest(deps, query.q),
      ),
  );
}
