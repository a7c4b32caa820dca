import type { ServiceabilityResponse } from '@fatafat/contracts/stores';

export type Serviceability = ServiceabilityResponse;

/** Where the customer wants things delivered; chosen in the header and remembered on this device. */
export interface DeliveryLocation {
  /** Short line shown under the delivery promise, e.g. "Home · Sector 14, Gurugram" or "122001". */
  label: string;
  pincode?: string;
  lat?: number;
  lng?: number;
  addressId?: string;
  serviceable: boolean;
  storeId?: string;
  storeName?: string;
  etaMinutes?: number;
}
