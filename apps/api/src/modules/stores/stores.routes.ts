import { ServiceabilityQuery, ServiceabilityResponse, StoreListResponse } from '@fatafat/contracts/stores';
import type { AppDeps } from '../../deps';
import type { ApiRouter } from '../../http/api-router';
import { listStores, serviceability } from '../zones/zones.service';

export function registerStoreRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'get',
      path: '/stores',
      summary: 'Active dark stores with their service area',
      tag: 'stores',
      auth: 'public',
      response: StoreListResponse,
    },
    async ({ res }) => {
      // openNow changes with the clock, so only a short shared cache.
      res.setHeader('Cache-Control', 'public, max-age=60');
      return listStores(deps);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/serviceability',
      summary: 'Whether a location is served, by which store, and the delivery estimate',
      tag: 'stores',
      auth: 'public',
      query: ServiceabilityQuery,
      response: ServiceabilityResponse,
    },
    async ({ query, res }) => {
      res.setHeader('Cache-Control', 'no-store');
      return serviceability(deps, query);
    },
  );
}
