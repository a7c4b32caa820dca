import { api } from '@/lib/api';

export interface MapSettings {
  tileUrl: string;
  attribution: string;
}

export const mapApi = api.injectEndpoints({
  endpoints: (build) => ({
    getMapSettings: build.query<MapSettings, void>({ query: () => '/settings/map', extraOptions: { quiet: true } }),
  }),
});

export const { useGetMapSettingsQuery } = mapApi;
