import { api } from '@/lib/api';
import type { Serviceability } from '../types';

export const locationApi = api.injectEndpoints({
  endpoints: (build) => ({
    checkServiceability: build.query<Serviceability, { pincode: string } | { lat: number; lng: number }>({
      query: (where) =>
        'pincode' in where
          ? `/serviceability?pincode=${encodeURIComponent(where.pincode)}`
          : `/serviceability?lat=${where.lat}&lng=${where.lng}`,
      keepUnusedDataFor: 300,
    }),
  }),
});

export const { useLazyCheckServiceabilityQuery, useCheckServiceabilityQuery } = locationApi;
