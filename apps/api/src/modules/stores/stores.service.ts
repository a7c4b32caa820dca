/**
 * Which dark store serves a point, and how long delivery takes from it. The orders module calls
 * resolveServingStore and estimateEtaMinutes at checkout; the storefront calls them via /serviceability.
 */
import type { DbOrTx } from '../../db/client';
import { activeStores, openOrderCount, storeById, type StoreRow } from './stores.repository';

export type { StoreRow } from './stores.repository';

export interface ServingStore extends StoreRow {
  /** Distance from the point, or null when only a pincode was given. */
  distanceKm: number | null;
}

export interface Location {
  lat?: number | null;
  lng?: number | null;
  pincode?: string | null;
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
export function distanceFrom(store: Pick<StoreRow, 'lat' | 'lng'>, where: Pick<Location, 'lat' | 'lng'>): number | null {
  return typeof where.lat === 'number' && typeof where.lng === 'number'
    ? haversineKm(where.lat, where.lng, store.lat, store.lng)
    : null;
}

/** Opening hours are local time in Asia/Kolkata (UTC+05:30, no daylight saving). */
export function isOpenAt(store: Pick<StoreRow, 'opensAt' | 'closesAt'>, at: Date = new Date()): boolean {
  const minutes = (at.getUTCHours() * 60 + at.getUTCMinutes() + 330) % 1440;
  const toMin = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  };
  const open = toMin(store.opensAt);
  const close = toMin(store.closesAt);
  if (open === close) return true;
  return open < close ? minutes >= open && minutes < close : minutes >= open || minutes < close;
}

/** Picks the serving store among candidates: nearest covering store, else the first serving the pincode. */
export function pickServingStore(candidates: StoreRow[], where: Location): ServingStore | null {
  let best: ServingStore | null = null;
  for (const s of candidates) {
    const distanceKm = distanceFrom(s, where);
    const byRadius = distanceKm !== null && distanceKm <= s.radiusKm;
    const byPincode = !!where.pincode && s.pincodes.includes(where.pincode);
    if (!byRadius && !byPincode) continue;
    if (!best || (distanceKm !== null && best.distanceKm !== null && distanceKm < best.distanceKm)) {
      best = { ...s, distanceKm };
    }
  }
  return best;
}

/** The nearest active store whose radius (haversine) or pincodes cover the point, or null. */
export async function resolveServingStore(db: DbOrTx, where: Location): Promise<ServingStore | null> {
  const hasPoint = typeof where.lat === 'number' && typeof where.lng === 'number';
  if (!hasPoint && !where.pincode) return null;
  return pickServingStore(await activeStores(db), where);
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

/** Prep time adjusted for the store's open orders plus travel at 20 km/h (2 km when only a pincode is known). */
export async function estimateEtaMinutes(
  db: DbOrTx,
  store: Pick<StoreRow, 'id' | 'lat' | 'lng' | 'prepMinutes'>,
  where: Pick<Location, 'lat' | 'lng'> = {},
): Promise<number> {
  const openOrders = await openOrderCount(db, store.id);
  return etaMinutes({ prepMinutes: store.prepMinutes, openOrders, distanceKm: distanceFrom(store, where) });
}

export async function listStores(db: DbOrTx) {
  const rows = await activeStores(db);
  return {
    items: rows.map((s) => ({
      id: s.id,
      name: s.name,
      lat: s.lat,
      lng: s.lng,
      radiusKm: s.radiusKm,
      pincodes: s.pincodes,
      openNow: isOpenAt(s),
    })),
  };
}

export async function serviceability(db: DbOrTx, where: Location) {
  const store = await resolveServingStore(db, where);
  if (!store) return { serviceable: false };
  return {
    serviceable: true,
    store: { id: store.id, name: store.name, openNow: isOpenAt(store) },
    etaMinutes: await estimateEtaMinutes(db, store, where),
  };
}

export { storeById };
