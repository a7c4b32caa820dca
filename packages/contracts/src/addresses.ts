import { z } from 'zod';
import { Mobile, Pincode } from './common';

export const AddressLabel = z.enum(['home', 'work', 'other']);
export type AddressLabel = z.infer<typeof AddressLabel>;

const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const fields = {
  label: AddressLabel,
  /** The receiver, who may not be the account holder. */
  name: text(80),
  phone: Mobile,
  line1: text(200),
  line2: optionalText(200),
  landmark: optionalText(120),
  city: text(80),
  state: text(80),
  pincode: Pincode,
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  isDefault: z.boolean().optional(),
};

const coordinatesTogether = (b: { lat?: number | null; lng?: number | null }) =>
  (b.lat === undefined) === (b.lng === undefined) && (b.lat === null) === (b.lng === null);
const coordinatesMessage = { message: 'give lat and lng together', path: ['lat'] };

export const AddressBody = z.object(fields).strict().refine(coordinatesTogether, coordinatesMessage);
export type AddressBody = z.input<typeof AddressBody>;

/** PUT takes any subset of the fields; `{ isDefault: true }` alone makes the address the default. */
export const UpdateAddressBody = z
  .object(fields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'give at least one field')
  .refine(coordinatesTogether, coordinatesMessage);
export type UpdateAddressBody = z.input<typeof UpdateAddressBody>;

export const Address = z.object({
  id: z.string(),
  label: AddressLabel,
  name: z.string(),
  phone: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  landmark: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  pincode: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  isDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Address = z.infer<typeof Address>;

export const AddressResponse = z.object({ address: Address });
export type AddressResponse = z.infer<typeof AddressResponse>;

export const AddressListResponse = z.object({ addresses: Address.array() });
export type AddressListResponse = z.infer<typeof AddressListResponse>;

/** A user may keep this many addresses. */
export const MAX_ADDRESSES = 20;
