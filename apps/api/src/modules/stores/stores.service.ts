/**
 * How far and how long: distances and the delivery-time rule shared by serviceability (modules/zones),
 * checkout and the rider's pickup. Which store serves a point is modules/zones/serving.ts's.
 */
import type { StoreRow } from './stores.repository';

export interface Location {
  lat?: number | null;
  lng?: number | null;
}

const EARTH_RADIUS_KM = 6371;

export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Distance from the store to the point, or null when the point has no coordinates (a pincode only). */
export function distanceFrom(store: Pick<StoreRow, 'lat' | 'lng'>, where: Location): number | null {
  return typeof where.lat === 'number' && typeof where.lng === 'number'
    ? haversineKm(where.lat, where.lng, store.lat, store.lng)
    : null;
}

export const ASSUMED_DISTANCE_KM = 2;
export const RIDER_KMPH = 20;
export const MIN_ETA_MINUTES = 8;
/** One extra minute of prep per this many orders already being packed. */
export const ORDERS_PER_EXTRA_MINUTE = 3;

/** The ride from the store at RIDER_KMPH (ASSUMED_DISTANCE_KM when only a pincode is known), unrounded. */
const rideMinutes = (distanceKm: number | null) => ((distanceKm ?? ASSUMED_DISTANCE_KM) / RIDER_KMPH) * 60;

/** Whole minutes a rider needs from the store to the door (at least one). */
export function travelMinutes(distanceKm: number | null): number {
  return Math.max(1, Math.round(rideMinutes(distanceKm)));
}

export function etaMinutes(parts: { prepMinutes: number; openOrders: number; distanceKm: number | null }): number {
  const raw =
    parts.prepMinutes + Math.floor(parts.openOrders / ORDERS_PER_EXTRA_MINUTE) + rideMinutes(parts.distanceKm);
  return Math.max(MIN_ETA_MINUTES, Math.round(raw));
}

