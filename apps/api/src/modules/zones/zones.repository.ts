/**
 * Every database call of zones, hours, store state, the order cap and delivery slots.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Closure, HoursRange, StoreState, ZoneGeometry } from '@fatafat/contracts/zones';
import { rowsOf, type DbOrTx } from '../../db/client';
import { preparedQuery, preparedStatement } from '../../db/prepared';
import { deliverySlots, orders, storeOrderWindows, stores, storeVersions } from '../../db/schema/index';
import { shortLived } from '../../lib/short-lived';

/** A store as serviceability needs it. */
export interface ZoneStoreRow {
  id: string;
  name: string;
  slug: string;
  lat: number;
  lng: number;
  radiusKm: number;
  pincodes: string[];
  prepMinutes: number;
  isActive: boolean;
  zone: ZoneGeometry | null;
  timeZone: string;
  weeklyHours: HoursRange[];
  closures: Closure[];
  state: StoreState;
  stateReason: string | null;
  stateUntil: Date | null;
  ordersPerWindow: number | null;
  slotCapacity: number;
}

const columns = {
  id: stores.id,
  name: stores.name,
  slug: stores.slug,
  lat: stores.lat,
  lng: stores.lng,
  radiusKm: stores.radiusKm,
  pincodes: stores.pincodes,
  prepMinutes: stores.prepMinutes,
  isActive: stores.isActive,
  zone: stores.zone,
  timeZone: stores.timeZone,
  weeklyHours: stores.weeklyHours,
  closures: stores.closures,
  state: stores.state,
  stateReason: stores.stateReason,
  stateUntil: stores.stateUntil,
  ordersPerWindow: stores.ordersPerWindow,
  slotCapacity: stores.slotCapacity,
};

const versionQuery = preparedQuery((db) =>
  db.select({ version: storeVersions.version }).from(storeVersions).where(eq(storeVersions.id, 1)).prepare('store_version'),
);

/** The counter every write to stores bumps (a statement trigger). */
export async function storeVersion(db: DbOrTx): Promise<number> {
  const [row] = await versionQuery(db).execute();
  return Number(row?.version ?? 0);
}

/** Every store, active or not, with the version they were read at (same snapshot: one statement). */
export async function allStores(db: DbOrTx): Promise<{ version: number; rows: ZoneStoreRow[] }> {
  const rows = await db
    .select({ ...columns, version: sql<string>`(select version from ${storeVersions} where id = 1)` })
    .from(stores)
    .orderBy(asc(stores.name), asc(stores.id));
  return { version: Number(rows[0]?.version ?? 0), rows: rows.map(({ version: _v, ...r }) => r) };
}

export async function storeRow(db: DbOrTx, id: string): Promise<ZoneStoreRow | undefined> {
  const [row] = await db.select(columns).from(stores).where(eq(stores.id, id));
  return row;
}

export type StorePatch = Partial<
  Pick<ZoneStoreRow, 'zone' | 'timeZone' | 'weeklyHours' | 'closures' | 'state' | 'stateReason' | 'stateUntil' | 'ordersPerWindow' | 'slotCapacity'>
>;

export async function updateStore(db: DbOrTx, id: string, patch: StorePatch): Promise<boolean> {
  const rows = await db
    .update(stores)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(stores.id, id))
    .returning({ id: stores.id });
  return rows.length > 0;
}

// ── load ──────────────────────────────────────────────────────────────────────────────────────────────

export interface StoreLoad {
  /** Orders the store is working on (confirmed, packing, packed). */
  openOrders: number;
  /** Orders taken in the current 10-minute window (the cap's counter). */
  windowOrders: number;
  /** Riders attached to the store and able to work. */
  riders: number;
}

const loadsStatement = preparedStatement(
  'store_loads',
  sql`select s.id as "storeId",
    coalesce(o.n, 0)::int as "openOrders",
    coalesce(w.orders, 0)::int as "windowOrders",
    coalesce(r.n, 0)::int as "riders"
  from ${stores} s
  left join (select o.store_id, count(*) as n from ${orders} o
     where o.status in ('confirmed', 'packing', 'packed') group by o.store_id) o on o.store_id = s.id
  left join ${storeOrderWindows} w on w.store_id = s.id and w.window_start = ${sql.placeholder('windowStart')}::timestamptz
  left join (select u.store_id, count(*) as n from users u
     where u.store_id is not null and u.role = 'rider' and u.blocked_at is null group by u.store_id) r on r.store_id = s.id`,
);

/** How old a store's load may be: an estimate for ETAs and "busy", read at most once a second. */
export const LOAD_TTL_MS = 1000;

const NO_LOAD: StoreLoad = { openOrders: 0, windowOrders: 0, riders: 0 };

/**
 * Every store's load in one read, remembered for LOAD_TTL_MS per 10-minute window: with traffic
 * spread over many stores a read per store would be a query on nearly every request.
 */
const storeLoads = shortLived(LOAD_TTL_MS, async (db: DbOrTx, windowStartMs: number): Promise<Map<string, StoreLoad>> => {
  const rows = rowsOf<StoreLoad & { storeId: string }>(await loadsStatement(db).execute({ windowStart: new Date(windowStartMs).toISOString() }));
  return new Map(rows.map(({ storeId, ...load }) => [storeId, load]));
});

export async function storeLoad(db: DbOrTx, storeId: string, windowStart: Date): Promise<StoreLoad> {
  return (await storeLoads(db, windowStart.getTime())).get(storeId) ?? NO_LOAD;
}

// ── the cap ───────────────────────────────────────────────────────────────────────────────────────────

const claimWindowStatement = preparedStatement(
  'claim_order_window',
  sql`insert into ${storeOrderWindows} as w (store_id, window_start, orders)
      values (${sql.placeholder('storeId')}::uuid, ${sql.placeholder('windowStart')}::timestamptz, 1)
      on conflict (store_id, window_start) do update set orders = w.orders + 1
      where w.orders < ${sql.placeholder('cap')}::int
      returning w.orders`,
);

/**
 * Takes one of the window's `cap` places: true when taken, false when the window is full. The upsert's
 * row lock makes it exact under any concurrency (READ COMMITTED re-checks the condition on the newest row).
 */
export async function claimWindowPlace(db: DbOrTx, storeId: string, windowStart: Date, cap: number): Promise<boolean> {
  const rows = rowsOf(await claimWindowStatement(db).execute({ storeId, windowStart: windowStart.toISOString(), cap }));
  return rows.length > 0;
}

/** Counters of windows that ended before `before` are no use to anyone. */
export async function deleteOldWindows(db: DbOrTx, before: Date): Promise<void> {
  await db.delete(storeOrderWindows).where(lte(storeOrderWindows.windowStart, before));
}

// ── slots ─────────────────────────────────────────────────────────────────────────────────────────────

const claimSlotStatement = preparedStatement(
  'claim_slot',
  sql`insert into ${deliverySlots} as d (store_id, starts_at, capacity, taken)
      values (${sql.placeholder('storeId')}::uuid, ${sql.placeholder('startsAt')}::timestamptz, ${sql.placeholder('capacity')}::int, 1)
      on conflict (store_id, starts_at) do update set taken = d.taken + 1
      where d.taken < d.capacity
      returning d.taken`,
);

/** Takes a place in the slot (capacity fixed when the slot is first booked): false when it is full. */
export async function claimSlot(db: DbOrTx, storeId: string, startsAt: Date, capacity: number): Promise<boolean> {
  if (capacity <= 0) return false;
  const rows = rowsOf(await claimSlotStatement(db).execute({ storeId, startsAt: startsAt.toISOString(), capacity }));
  return rows.length > 0;
}

/** Gives a place back (a slotted order was cancelled or its payment never came). */
export async function releaseSlot(db: DbOrTx, storeId: string, startsAt: Date): Promise<void> {
  await db
    .update(deliverySlots)
    .set({ taken: sql`greatest(${deliverySlots.taken} - 1, 0)` })
    .where(and(eq(deliverySlots.storeId, storeId), eq(deliverySlots.startsAt, startsAt)));
}

/** Places taken per slot start (ms) for the store's slots from `from` on. */
export async function slotsTaken(db: DbOrTx, storeId: string, from: Date): Promise<Map<number, { taken: number; capacity: number }>> {
  const rows = await db
    .select({ startsAt: deliverySlots.startsAt, taken: deliverySlots.taken, capacity: deliverySlots.capacity })
    .from(deliverySlots)
    .where(and(eq(deliverySlots.storeId, storeId), sql`${deliverySlots.startsAt} >= ${from.toISOString()}::timestamptz`));
  return new Map(rows.map((r) => [r.startsAt.getTime(), { taken: r.taken, capacity: r.capacity }]));
}

/** Scheduled orders whose release time has come (slot start minus the lead time at or before `dueBy`). */
export async function findDueScheduled(db: DbOrTx, dueBy: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, 'scheduled'), lte(orders.slotStartsAt, dueBy)))
    .orderBy(asc(orders.slotStartsAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
