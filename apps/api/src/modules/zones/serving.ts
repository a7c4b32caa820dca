/**
 * "Do we deliver here, now, and how fast": the ONE place that picks the store serving a location.
 * Checkout, the cart, the catalogue's availability, /serviceability and the admin's point test all ask here.
 *
 *   1. which stores cover the point   a zone polygon when the store has one (holes excluded), else its
 *                                      radius; an address without coordinates goes by pincode
 *   2. what each can do now            hours (closed, opens at), the manager's state (paused, busy), the
 *                                      system's busy (load per rider, the 10-minute cap, open orders)
 *   3. the best of them                among stores taking orders the best ETA; when none is, the one that
 *                                      opens first, so the customer is told when
 *
 * The parsed stores (zones compiled with their bounding boxes) are cached per process under the stores
 * version, which a trigger bumps on every write to stores: a change shows on the next request everywhere.
 */
import type { StoreNow, StoreState, UnservedReason } from '@fatafat/contracts/zones';
import type { DbOrTx } from '../../db/client';
import { isStoreBusy } from '../pricing/pricing';
import { distanceFrom, etaMinutes } from '../stores/stores.service';
import { closesAt, isOpenAt, nextOpening, type Hours } from './store-hours';
import { compileZone, inBBox, radiusBBox, zoneContains, type BBox, type CompiledZone } from './zone-geometry';
import { allStores, storeLoad, storeVersion, type StoreLoad, type ZoneStoreRow } from './zones.repository';

export interface Location {
  lat?: number | null;
  lng?: number | null;
  pincode?: string | null;
}

export interface ServingStoreRow extends ZoneStoreRow {
  compiledZone: CompiledZone | null;
  /** The zone's box, or the radius's: the cheap first check. */
  area: BBox;
}

/** Extra minutes when a store is busy. */
export const BUSY_EXTRA_MINUTES = 10;
/** Busy when open orders per rider of the store pass this. */
export const ORDERS_PER_RIDER_BUSY = 5;
export const WINDOW_MINUTES = 10;
const WINDOW_MS = WINDOW_MINUTES * 60_000;

export const windowStartOf = (now: Date) => new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);

// ── the cache ─────────────────────────────────────────────────────────────────────────────────────────

interface Loaded {
  version: number;
  all: ServingStoreRow[];
  active: ServingStoreRow[];
}
const cache = new WeakMap<object, { loaded?: Loaded; loading?: Promise<Loaded> }>();

function compile(row: ZoneStoreRow): ServingStoreRow {
  const compiledZone = row.zone ? compileZone(row.zone) : null;
  return { ...row, compiledZone, area: compiledZone?.bbox ?? radiusBBox(row.lat, row.lng, row.radiusKm) };
}

async function load(db: DbOrTx): Promise<Loaded> {
  const { version, rows } = await allStores(db);
  const all = rows.map(compile);
  return { version, all, active: all.filter((s) => s.isActive) };
}

/** Every store, parsed, as of the current stores version (one tiny read when nothing changed). */
export async function servingStores(db: DbOrTx): Promise<Loaded> {
  let slot = cache.get(db);
  if (!slot) {
    slot = {};
    cache.set(db, slot);
  }
  const version = await storeVersion(db);
  if (slot.loaded && slot.loaded.version >= version) return slot.loaded;
  slot.loading ??= load(db).finally(() => {
    slot.loading = undefined;
  });
  const loaded = await slot.loading;
  if (!slot.loaded || loaded.version >= slot.loaded.version) slot.loaded = loaded;
  return loaded;
}

// ── 1. which stores cover the point ───────────────────────────────────────────────────────────────────

export type CoveredBy = 'zone' | 'radius' | 'pincode';

export interface Covering {
  store: ServingStoreRow;
  distanceKm: number | null;
  by: CoveredBy;
}

function hasPoint(where: Location): where is { lat: number; lng: number; pincode?: string | null } {
  return typeof where.lat === 'number' && typeof where.lng === 'number';
}

export function coveringStores(candidates: readonly ServingStoreRow[], where: Location): Covering[] {
  const out: Covering[] = [];
  const point = hasPoint(where);
  for (const s of candidates) {
    if (point && s.compiledZone) {
      // A drawn zone is the whole truth for a located address: its holes are not served, whatever the pincode.
      if (zoneContains(s.compiledZone, where.lng, where.lat)) out.push({ store: s, distanceKm: distanceFrom(s, where), by: 'zone' });
      continue;
    }
    if (point && inBBox(s.area, where.lng, where.lat)) {
      const distanceKm = distanceFrom(s, where)!;
      if (distanceKm <= s.radiusKm) {
        out.push({ store: s, distanceKm, by: 'radius' });
        continue;
      }
    }
    if (where.pincode && s.pincodes.includes(where.pincode)) out.push({ store: s, distanceKm: distanceFrom(s, where), by: 'pincode' });
  }
  return out;
}

// ── 2. what each can do now ───────────────────────────────────────────────────────────────────────────

export interface StoreStatus {
  openNow: boolean;
  /** As customers meet it: the manager's state (until it lapses), or busy by the system. */
  state: StoreState;
  stateReason: string | null;
  /** Whether it takes an order for delivery now. */
  takesOrders: boolean;
  reason?: Extract<UnservedReason, 'store_closed' | 'store_paused'>;
  /** Closed: when it opens. Paused: when the pause ends, when known. */
  opensAt: Date | null;
  closesAt: Date | null;
  /** The 10-minute cap is reached. */
  capReached: boolean;
  busy: boolean;
}

export const hoursOf = (s: ZoneStoreRow): Hours => ({ timeZone: s.timeZone, weeklyHours: s.weeklyHours, closures: s.closures });

/** The manager's state, or open once its until-time has passed. */
export function managerState(s: Pick<ZoneStoreRow, 'state' | 'stateUntil'>, now: Date): StoreState {
  return s.stateUntil && s.stateUntil <= now ? 'open' : s.state;
}

export function storeStatus(s: ZoneStoreRow, load: StoreLoad, now: Date): StoreStatus {
  const hours = hoursOf(s);
  const openNow = isOpenAt(hours, now);
  const manual = managerState(s, now);
  const capReached = s.ordersPerWindow !== null && load.windowOrders >= s.ordersPerWindow;
  const overloaded = isStoreBusy(load.openOrders) || (load.riders > 0 && load.openOrders / load.riders > ORDERS_PER_RIDER_BUSY);
  const busy = manual === 'busy' || (manual === 'open' && (capReached || overloaded));
  const state: StoreState = manual === 'paused' ? 'paused' : busy ? 'busy' : 'open';
  const stateReason = manual !== 'open' ? s.stateReason : capReached ? 'Too many orders right now' : overloaded ? 'Many orders right now' : null;
  const base = { openNow, state, stateReason, capReached, busy: state === 'busy' };
  const until = state === 'paused' && s.stateUntil && s.stateUntil > now ? s.stateUntil : null;
  if (!openNow) {
    const opens = nextOpening(hours, now);
    // Closed and paused past the next opening: it takes orders again only at the first open time after the pause (never, without an end).
    if (state === 'paused' && (!until || !opens || until > opens)) {
      const back = until ? (isOpenAt(hours, until) ? until : nextOpening(hours, until)) : null;
      return { ...base, takesOrders: false, reason: 'store_paused', opensAt: back, closesAt: null };
    }
    return { ...base, takesOrders: false, reason: 'store_closed', opensAt: opens, closesAt: null };
  }
  if (state === 'paused') return { ...base, takesOrders: false, reason: 'store_paused', opensAt: until, closesAt: null };
  return { ...base, takesOrders: true, opensAt: null, closesAt: closesAt(hours, now) };
}

export function etaFor(c: Covering, load: StoreLoad, status: Pick<StoreStatus, 'busy'>): number {
  const minutes = etaMinutes({ prepMinutes: c.store.prepMinutes, openOrders: load.openOrders, distanceKm: c.distanceKm });
  return minutes + (status.busy ? BUSY_EXTRA_MINUTES : 0);
}

export function loadOf(db: DbOrTx, storeId: string, now: Date): Promise<StoreLoad> {
  return storeLoad(db, storeId, windowStartOf(now));
}

// ── 3. the best of them ───────────────────────────────────────────────────────────────────────────────

export interface Judged extends Covering {
  load: StoreLoad;
  status: StoreStatus;
  etaMinutes: number;
}

const laterOrNever = (d: Date | null) => d?.getTime() ?? Number.POSITIVE_INFINITY;

/** The store to serve: best ETA among those taking orders; else the one that opens (or resumes) first. */
export function chooseServing(judged: readonly Judged[]): Judged | null {
  const takers = judged.filter((j) => j.status.takesOrders);
  const pool = takers.length ? takers : [...judged];
  return (
    pool.sort((a, b) =>
      takers.length
        ? a.etaMinutes - b.etaMinutes || (a.distanceKm ?? 0) - (b.distanceKm ?? 0) || a.store.name.localeCompare(b.store.name)
        : laterOrNever(a.status.opensAt) - laterOrNever(b.status.opensAt) || a.etaMinutes - b.etaMinutes,
    )[0] ?? null
  );
}

export interface Serving {
  /** Every store covering the location, judged (the admin's point test lists them). */
  covering: Judged[];
  chosen: Judged | null;
}

export async function judge(db: DbOrTx, covering: Covering[], now: Date): Promise<Judged[]> {
  return Promise.all(
    covering.map(async (c) => {
      const load = await loadOf(db, c.store.id, now);
      const status = storeStatus(c.store, load, now);
      return { ...c, load, status, etaMinutes: etaFor(c, load, status) };
    }),
  );
}

/** Who serves this location now, and how. */
export async function resolveServing(db: DbOrTx, where: Location, now: Date): Promise<Serving> {
  if (!hasPoint(where) && !where.pincode) return { covering: [], chosen: null };
  const { active } = await servingStores(db);
  const covering = await judge(db, coveringStores(active, where), now);
  return { covering, chosen: chooseServing(covering) };
}

// ── answers ───────────────────────────────────────────────────────────────────────────────────────────

export function storeNow(s: ZoneStoreRow, status: StoreStatus): StoreNow {
  return {
    id: s.id,
    name: s.name,
    openNow: status.openNow,
    state: status.state,
    ...(status.stateReason ? { stateReason: status.stateReason } : {}),
    ...(status.opensAt ? { opensAt: status.opensAt.toISOString() } : {}),
    timeZone: s.timeZone,
  };
}

export function serviceabilityOf(serving: Serving) {
  const chosen = serving.chosen;
  if (!chosen) return { serviceable: false, reason: 'not_in_zone' as const };
  const store = storeNow(chosen.store, chosen.status);
  if (!chosen.status.takesOrders) {
    return {
      serviceable: false,
      store,
      state: chosen.status.state,
      reason: chosen.status.reason!,
      ...(chosen.status.opensAt ? { opensAt: chosen.status.opensAt.toISOString() } : {}),
    };
  }
  return { serviceable: true, store, etaMinutes: chosen.etaMinutes, state: chosen.status.state };
}
