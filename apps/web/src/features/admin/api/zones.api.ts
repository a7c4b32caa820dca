/** The admin console's stores: zones, hours and closures, the live state, caps, and the point test. */
import type { PointTestResponse } from '@fatafat/contracts/stores';
import type { CapacityBody, HoursBody, StateBody, StoreSettings, StoreSettingsList, ZoneGeometry } from '@fatafat/contracts/zones';
import type { z } from 'zod';
import { api } from '@/lib/api';

const zonesApi = api.enhanceEndpoints({ addTagTypes: ['AdminStores'] }).injectEndpoints({
  endpoints: (build) => ({
    storeSettings: build.query<StoreSettingsList, void>({
      query: () => '/admin/stores',
      providesTags: ['AdminStores'],
    }),
    mapAttribution: build.query<string, void>({
      query: () => '/settings/map',
      transformResponse: (r: { attribution: string }) => r.attribution,
      extraOptions: { quiet: true },
    }),
    setZone: build.mutation<StoreSettings, { id: string; zone: ZoneGeometry | null }>({
      query: ({ id, zone }) => ({ url: `/admin/stores/${id}/zone`, method: 'PUT', body: { zone } }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminStores'],
    }),
    setHours: build.mutation<StoreSettings, { id: string; body: z.input<typeof HoursBody> }>({
      query: ({ id, body }) => ({ url: `/admin/stores/${id}/hours`, method: 'PUT', body }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminStores'],
    }),
    setState: build.mutation<StoreSettings, { id: string; body: StateBody }>({
      query: ({ id, body }) => ({ url: `/admin/stores/${id}/state`, method: 'PUT', body }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminStores'],
    }),
    setCapacity: build.mutation<StoreSettings, { id: string; body: CapacityBody }>({
      query: ({ id, body }) => ({ url: `/admin/stores/${id}/capacity`, method: 'PUT', body }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminStores'],
    }),
    testPoint: build.query<PointTestResponse, { lat: number; lng: number }>({
      query: (params) => ({ url: '/admin/serviceability', params }),
      keepUnusedDataFor: 0,
    }),
  }),
});

export const {
  useStoreSettingsQuery,
  useMapAttributionQuery,
  useSetZoneMutation,
  useSetHoursMutation,
  useSetStateMutation,
  useSetCapacityMutation,
  useLazyTestPointQuery,
} = zonesApi;
