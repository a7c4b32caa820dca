/**
 * Who gets an order: pure rules over what the dispatcher read, so they are table-tested on their own.
 *
 * - A second order can join a rider's first (a batch of at most MAX_RIDER_TASKS) when the rider has not left
 *   the store yet, both are packed, the two drops are within the batch distance, and the second order's
 *   promise still holds with the detour (store → first drop → second drop).
 * - Otherwise the best free rider: nearest to the store by last position (riders with no position last),
 *   then the fewest deliveries this shift, then the longest on duty.
 * Riders who already let this order go (declined, or let the offer lapse) are not asked again.
 */
import { MAX_RIDER_TASKS } from '@fatafat/contracts/dispatch';
import { haversineKm, travelMinutes } from '../stores/stores.service';

export interface Point {
  lat: number;
  lng: number;
}

export interface Candidate {
  riderId: string;
  shiftId: string;
  startedAt: Date;
  hasOpenOffer: boolean;
  deliveriesThisShift: number;
  position: Point | null;
  held: Array<{ orderId: string; state: string; status: string; dropLat: number | null; dropLng: number | null }>;
}

export interface Waiting {
  orderId: string;
  status: string;
  drop: Point | null;
  promisedAt: Date;
  refusedBy: readonly string[];
}

export interface Choice {
  riderId: string;
  shiftId: string;
  batch: boolean;
}

const km = (a: Point, b: Point) => haversineKm(a.lat, a.lng, b.lat, b.lng);
const pointOf = (lat: number | null, lng: number | null): Point | null => (lat === null || lng === null ? null : { lat, lng });

/** Minutes from leaving the store to the second drop by way of the first. */
export function batchedRideMinutes(store: Point, first: Point, second: Point): number {
  return travelMinutes(km(store, first)) + travelMinutes(km(first, second));
}

export function batchPartner(order: Waiting, riders: readonly Candidate[], store: Point, now: Date, batchKm: number): Choice | null {
  if (order.status !== 'packed' || !order.drop || batchKm <= 0) return null;
  let best: { choice: Choice; km: number } | null = null;
  for (const r of riders) {
    if (r.hasOpenOffer || order.refusedBy.includes(r.riderId)) continue;
    if (r.held.length === 0 || r.held.length >= MAX_RIDER_TASKS) continue;
    // Still at the store with packed bags only: a rider already on the road does not come back.
    if (!r.held.every((h) => h.state === 'assigned' && h.status === 'packed')) continue;
    const first = r.held[0]!;
    const firstDrop = pointOf(first.dropLat, first.dropLng);
    if (!firstDrop) continue;
    const apart = km(firstDrop, order.drop);
    if (apart > batchKm) continue;
    const arrives = now.getTime() + batchedRideMinutes(store, firstDrop, order.drop) * 60_000;
    if (arrives > order.promisedAt.getTime()) continue;
    if (!best || apart < best.km) best = { choice: { riderId: r.riderId, shiftId: r.shiftId, batch: true }, km: apart };
  }
  return best?.choice ?? null;
}

export function bestFreeRider(order: Waiting, riders: readonly Candidate[], store: Point): Choice | null {
  const free = riders.filter((r) => !r.hasOpenOffer && r.held.length === 0 && !order.refusedBy.includes(r.riderId));
  const distance = (r: Candidate) => (r.position ? km(r.position, store) : Number.POSITIVE_INFINITY);
  free.sort(
    (a, b) =>
      distance(a) - distance(b) ||
      a.deliveriesThisShift - b.deliveriesThisShift ||
      a.startedAt.getTime() - b.startedAt.getTime() ||
      (a.riderId < b.riderId ? -1 : 1),
  );
  const r = free[0];
  return r ? { riderId: r.riderId, shiftId: r.shiftId, batch: false } : null;
}

/** The rider to offer this order to now, if any: a batch partner first, else the best free rider. */
export function chooseRider(order: Waiting, riders: readonly Candidate[], store: Point, now: Date, batchKm: number): Choice | null {
  return batchPartner(order, riders, store, now, batchKm) ?? bestFreeRider(order, riders, store);
}
