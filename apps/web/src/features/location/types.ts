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
  /** The covering store cannot deliver right now: closed (until opensAt) or paused (stateReason). */
  unavailable?: 'store_closed' | 'store_paused';
  opensAt?: string;
  /** The store's time zone, for "opens at 6:00 AM". */
  timeZone?: string;
  stateReason?: string;
  /** The store is busy: a longer wait and a surge fee. */
  busy?: boolean;
}
