/**
 * Zones, hours, state and slots as use cases: the admin's edits (each one a write to stores, which the
 * store version trigger turns into a fresh cache everywhere), the point test, the slot list and the
 * checks checkout makes before it writes.
 */
import type {
  CapacityBody,
  DeliverySlot,
  HoursBody,
  SlotsResponse,
  StateBody,
  StoreSettings,
  StoreSettingsList,
  UnservedReason,
} from '@fatafat/contracts/zones';
import type { ServiceabilityResponse } from '@fatafat/contracts/stores';
import { DateTime } from 'luxon';
import type { AppDeps } from '../../deps';
import { AppError, badRequest, notFound } from '../../http/errors';
import {
  chooseServing,
  coveringStores,
  hoursOf,
  judge,
  loadOf,
  resolveServing,
  serviceabilityOf,
  servingStores,
  storeNow,
  storeStatus,
  type Judged,
  type Location,
  type Serving,
} from './serving';
import { closureSpan, isKnownTimeZone, slotEnd, slotStarts } from './store-hours';
import { parseZone } from './zone-geometry';
import { slotsTaken, storeRow, updateStore, type ZoneStoreRow } from './zones.repository';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

export async function serviceability(deps: Deps, where: Location): Promise<ServiceabilityResponse> {
  return serviceabilityOf(await resolveServing(deps.db, where, deps.clock.now()));
}

const areaOf = (s: ZoneStoreRow) => ({ id: s.id, name: s.name, lat: s.lat, lng: s.lng, radiusKm: s.radiusKm, pincodes: s.pincodes });

export async function listStores(deps: Deps) {
  const now = deps.clock.now();
  const { active } = await servingStores(deps.db);
  return {
    items: await Promise.all(
      active.map(async (s) => {
        const status = storeStatus(s, await loadOf(deps.db, s.id, now), now);
        return {
          ...areaOf(s),
          openNow: status.openNow,
          state: status.state,
          hasZone: s.zone !== null,
        };
      }),
    ),
  };
}

/** "6:00 AM" today, "Tue 6:00 AM" on another day, in the store's time zone. */
export function localTime(at: Date, timeZone: string, now: Date): string {
  const when = DateTime.fromJSDate(at, { zone: timeZone });
  const sameDay = when.hasSame(DateTime.fromJSDate(now, { zone: timeZone }), 'day');
  return when.toFormat(sameDay ? 'h:mm a' : 'ccc h:mm a');
}

/** Why the location cannot be delivered to now, in the customer's words (null: it can). */
export function unservedOf(serving: Serving, now: Date = new Date()): { reason: UnservedReason; message: string; opensAt?: string } | null {
  const chosen = serving.chosen;
  if (!chosen) return { reason: 'not_in_zone', message: 'We do not deliver to this address yet' };
  const { status, store } = chosen;
  if (status.takesOrders) return null;
  const opensAt = status.opensAt ? { opensAt: status.opensAt.toISOString() } : {};
  const at = status.opensAt ? localTime(status.opensAt, store.timeZone, now) : null;
  if (status.reason === 'store_paused') {
    const why = status.stateReason ? ` (${status.stateReason})` : '';
    return { reason: 'store_paused', message: `Not taking orders right now${why}${at ? ` · back at ${at}` : ''}`, ...opensAt };
  }
  return { reason: 'store_closed', message: at ? `Closed · opens at ${at}` : 'Closed for now', ...opensAt };
}

// ── slots ─────────────────────────────────────────────────────────────────────────────────────────────

/** The slots a store offers from now: inside its hours, after the lead time and after a pause with an end. */
export async function slotsOf(deps: Deps, judged: Judged): Promise<DeliverySlot[]> {
  const now = deps.clock.now();
  const s = judged.store;
  // Paused with no end: the manager stopped orders; nothing to book until they say so.
  if (judged.status.state === 'paused' && !judged.status.opensAt) return [];
  const earliest = Math.max(now.getTime() + deps.config.slotLeadMinutes * 60_000, judged.status.state === 'paused' ? judged.status.opensAt!.getTime() : 0);
  const starts = slotStarts(hoursOf(s), new Date(earliest));
  const taken = await slotsTaken(deps.db, s.id, now);
  return starts.map((start) => {
    const t = taken.get(start.getTime());
    return {
      startsAt: start.toISOString(),
      endsAt: slotEnd(start).toISOString(),
      available: Math.max(0, (t?.capacity ?? s.slotCapacity) - (t?.taken ?? 0)),
    };
  });
}

export async function deliverySlots(deps: Deps, where: Location): Promise<SlotsResponse> {
  const { chosen } = await resolveServing(deps.db, where, deps.clock.now());
  if (!chosen) return { store: null, slots: [] };
  return { store: storeNow(chosen.store, chosen.status), slots: await slotsOf(deps, chosen) };
}

/** A slot checkout was asked for: one the store offers now, else 422 invalid_slot. */
export async function offeredSlot(deps: Deps, judged: Judged, startsAt: string): Promise<Date> {
  const wanted = new Date(startsAt).getTime();
  const slot = (await slotsOf(deps, judged)).find((s) => new Date(s.startsAt).getTime() === wanted);
  if (!slot) {
    throw new AppError(422, 'invalid_slot', 'That delivery slot is not offered; pick one of the listed slots', { slotStartsAt: startsAt });
  }
  if (slot.available <= 0) throw slotFull(startsAt);
  return new Date(wanted);
}

export const slotFull = (startsAt: string) =>
  new AppError(409, 'slot_full', 'That delivery slot has just filled up; pick another', { slotStartsAt: startsAt });

/** 409 for a store that cannot take an order now: closed (with opensAt) or paused (with its reason). */
export function storeUnavailable(judged: Judged): AppError {
  const { status, store } = judged;
  const opensAt = status.opensAt?.toISOString();
  if (status.reason === 'store_paused') {
    return new AppError(409, 'store_paused', `${store.name} is not taking orders right now${status.stateReason ? ` (${status.stateReason})` : ''}`, {
      storeId: store.id,
      reason: status.stateReason,
      ...(opensAt ? { opensAt } : {}),
    });
  }
  return new AppError(409, 'store_closed', `${store.name} is closed right now`, { storeId: store.id, ...(opensAt ? { opensAt } : {}) });
}

// ── admin ─────────────────────────────────────────────────────────────────────────────────────────────

function settingsOf(s: ZoneStoreRow, judged: { status: Judged['status'] }): StoreSettings {
  return {
    ...areaOf(s),
    zone: s.zone,
    timeZone: s.timeZone,
    weekly: s.weeklyHours,
    closures: s.closures,
    state: s.state,
    stateReason: s.stateReason,
    stateUntil: s.stateUntil?.toISOString() ?? null,
    ordersPer10Min: s.ordersPerWindow,
    slotCapacity: s.slotCapacity,
    now: storeNow(s, judged.status),
  };
}

async function settingsById(deps: Deps, id: string): Promise<StoreSettings> {
  const row = await storeRow(deps.db, id);
  if (!row) throw notFound('Store');
  const now = deps.clock.now();
  return settingsOf(row, { status: storeStatus(row, await loadOf(deps.db, id, now), now) });
}

export async function storeSettingsList(deps: Deps): Promise<StoreSettingsList> {
  const now = deps.clock.now();
  const { active } = await servingStores(deps.db);
  const items = await Promise.all(active.map(async (s) => settingsOf(s, { status: storeStatus(s, await loadOf(deps.db, s.id, now), now) })));
  return { items, tileUrl: deps.config.mapTileUrl };
}

async function write(deps: Deps, id: string, patch: Parameters<typeof updateStore>[2]): Promise<StoreSettings> {
  if (!(await updateStore(deps.db, id, patch))) throw notFound('Store');
  return settingsById(deps, id);
}

export function setZone(deps: Deps, id: string, zone: unknown): Promise<StoreSettings> {
  return write(deps, id, { zone: parseZone(zone) });
}

export function setHours(deps: Deps, id: string, body: HoursBody): Promise<StoreSettings> {
  if (!isKnownTimeZone(body.timeZone)) {
    throw badRequest(`timeZone: ${body.timeZone} is not a known IANA time zone`, [
      { path: 'body.timeZone', message: 'not a known IANA time zone (e.g. Asia/Kolkata)' },
    ]);
  }
  body.closures.forEach((c, i) => {
    const [from, to] = closureSpan(c, body.timeZone);
    if (!(to > from)) {
      throw badRequest(`closures.${i}: ends before it starts`, [{ path: `body.closures.${i}.to`, message: 'ends before it starts' }]);
    }
  });
  return write(deps, id, { timeZone: body.timeZone, weeklyHours: body.weekly, closures: body.closures });
}

export function setState(deps: Deps, id: string, body: StateBody): Promise<StoreSettings> {
  const until = body.until ? new Date(body.until) : null;
  if (until && until <= deps.clock.now()) {
    throw badRequest('until: must be in the future', [{ path: 'body.until', message: 'must be in the future' }]);
  }
  if (body.state === 'open' && until) {
    throw badRequest('until: only busy or paused end by themselves', [{ path: 'body.until', message: 'only for busy or paused' }]);
  }
  return write(deps, id, {
    state: body.state,
    stateReason: body.state === 'open' ? null : (body.reason ?? null),
    stateUntil: until,
  });
}

export function setCapacity(deps: Deps, id: string, body: CapacityBody): Promise<StoreSettings> {
  return write(deps, id, { ordersPerWindow: body.ordersPer10Min, slotCapacity: body.slotCapacity });
}

/** The admin's "would this address be served, by which store, in how long?", with every covering store. */
export async function testPoint(deps: Deps, lat: number, lng: number) {
  const now = deps.clock.now();
  const { active } = await servingStores(deps.db);
  const covering = await judge(deps.db, coveringStores(active, { lat, lng }), now);
  const answer = serviceabilityOf({ covering, chosen: chooseServing(covering) });
  return {
    ...answer,
    covering: covering.map((c) => ({
      store: storeNow(c.store, c.status),
      by: c.by,
      distanceKm: c.distanceKm === null ? null : Math.round(c.distanceKm * 100) / 100,
      etaMinutes: c.etaMinutes,
      takesOrders: c.status.takesOrders,
    })),
  };
}
