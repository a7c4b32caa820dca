/** Dark stores and serviceability. */
import { z } from 'zod';
import { Pincode } from './common';
import { StoreArea, StoreNow, StoreState, UnservedReason } from './zones';

export const StoreSummary = StoreArea.extend({
  openNow: z.boolean(),
  state: StoreState,
  hasZone: z.boolean(),
});
export type StoreSummary = z.infer<typeof StoreSummary>;

export const StoreListResponse = z.object({ items: z.array(StoreSummary) });
export type StoreListResponse = z.infer<typeof StoreListResponse>;

export const ServiceabilityQuery = z
  .object({
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
    pincode: Pincode.optional(),
  })
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), {
    message: 'lat and lng go together',
    path: ['lat'],
  })
  .refine((q) => q.lat !== undefined || q.pincode !== undefined, {
    message: 'give lat and lng, or a pincode',
    path: ['pincode'],
  });
export type ServiceabilityQuery = z.infer<typeof ServiceabilityQuery>;

/**
 * Whether we deliver here now and how fast. Not serviceable comes with the reason: outside every zone, or
 * the store that serves it is closed (`opensAt`) or paused (`store.stateReason`); `store` is then the store
 * that will serve it, so the storefront can say when.
 */
export const ServiceabilityResponse = z.object({
  serviceable: z.boolean(),
  store: StoreNow.optional(),
  etaMinutes: z.number().int().optional(),
  state: StoreState.optional(),
  reason: UnservedReason.optional(),
  opensAt: z.string().optional(),
});
export type ServiceabilityResponse = z.infer<typeof ServiceabilityResponse>;

/** The admin's point test: the answer a customer there would get, and every store whose area covers it. */
export const PointTestResponse = ServiceabilityResponse.extend({
  covering: z.array(
    z.object({
      store: StoreNow,
      by: z.enum(['zone', 'radius', 'pincode']),
      distanceKm: z.number().nullable(),
      etaMinutes: z.number().int(),
      takesOrders: z.boolean(),
    }),
  ),
});
export type PointTestResponse = z.infer<typeof PointTestResponse>;
