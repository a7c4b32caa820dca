import { formatOpensAt } from '@/lib/format';
import type { DeliveryLocation, Serviceability } from './types';

/**
 * A serviceability answer as the header keeps it. `serviceable` there means "a store covers this place":
 * a closed or paused store still shows its shelves (and takes orders for a slot), so only an address
 * outside every zone is not served.
 */
export function toLocation(label: string, result: Serviceability, extra: Partial<DeliveryLocation>): DeliveryLocation {
  const covered = result.reason !== 'not_in_zone' && (result.serviceable || !!result.store);
  return {
    label,
    serviceable: covered,
    storeId: result.store?.id,
    storeName: result.store?.name,
    etaMinutes: result.etaMinutes,
    unavailable: result.reason === 'store_closed' || result.reason === 'store_paused' ? result.reason : undefined,
    opensAt: result.opensAt,
    timeZone: result.store?.timeZone,
    stateReason: result.store?.stateReason,
    busy: result.state === 'busy',
    ...extra,
  };
}

/** Where to ask about a location again (a saved address by its point, else its pincode). */
export function whereOf(location: DeliveryLocation | null): { lat: number; lng: number } | { pincode: string } | null {
  if (!location) return null;
  if (location.lat != null && location.lng != null) return { lat: location.lat, lng: location.lng };
  return location.pincode ? { pincode: location.pincode } : null;
}

/** The header's line: the promise, or why there is none right now. */
export function promiseLine(location: DeliveryLocation | null): { text: string; tone: 'ok' | 'warn' | 'bad' } {
  if (!location) return { text: 'Delivery in minutes', tone: 'ok' };
  if (!location.serviceable) return { text: 'Not delivering here yet', tone: 'bad' };
  if (location.unavailable === 'store_closed') {
    return { text: location.opensAt ? `Closed · opens at ${formatOpensAt(location.opensAt, location.timeZone)}` : 'Closed for now', tone: 'warn' };
  }
  if (location.unavailable === 'store_paused') {
    const back = location.opensAt ? ` · back at ${formatOpensAt(location.opensAt, location.timeZone)}` : '';
    return { text: `Paused${location.stateReason ? ` · ${location.stateReason}` : ''}${back}`, tone: 'warn' };
  }
  return { text: location.etaMinutes ? `Delivery in ${location.etaMinutes} minutes` : 'Delivery in minutes', tone: 'ok' };
}
