import { api } from '@/lib/api';
import type { SlotsResponse } from '@fatafat/contracts/zones';
import type { Serviceability } from '../types';

type Where = { pincode: string } | { lat: number; lng: number };
const whereQuery = (where: Where) =>
  'pincode' in where ? `pincode=${encodeURIComponent(where.pincode)}` : `lat=${where.lat}&lng=${where.lng}`;

export const locationApi = api.injectEndpoints({
  endpoints: (build) => ({
    checkServiceability: build.query<Serviceability, Where>({
      query: (where) => `/serviceability?${whereQuery(where)}`,
      keepUnusedDataFor: 300,
    }),
    /** The serving store's delivery slots: places change with every booking, so never kept long. */
    getSlots: build.query<SlotsResponse, Where>({
      query: (where) => `/slots?${whereQuery(where)}`,
      keepUnusedDataFor: 30,
    }),
  }),
});

export const { useLazyCheckServiceabilityQuery, useCheckServiceabilityQuery, useGetSlotsQuery } = locationApi;
