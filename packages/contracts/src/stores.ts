/** Dark stores and serviceability. */
import { z } from 'zod';
import { Id, Pincode } from './common';

export const StoreSummary = z.object({
  id: Id,
  name: z.string(),
  lat: z.number(),
  lng: z.number(),
  radiusKm: z.number(),
  pincodes: z.array(z.string()),
  openNow: z.boolean(),
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

export const ServiceabilityResponse = z.object({
  serviceable: z.boolean(),
  store: z.object({ id: Id, name: z.string(), openNow: z.boolean() }).optional(),
  etaMinutes: z.number().int().optional(),
});
export type ServiceabilityResponse = z.infer<typeof ServiceabilityResponse>;
