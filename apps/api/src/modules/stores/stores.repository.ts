import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { shortLived } from '../../lib/short-lived';
import { orders, stores } from '../../db/schema/index';

export interface StoreRow {
  id: string;
  name: string;
  slug: string;
  lat: number;
  lng: number;
  radiusKm: number;
  pincodes: string[];
  opensAt: string;
  closesAt: string;
  prepMinutes: number;
}

const columns = {
  id: stores.id,
  name: stores.name,
  slug: stores.slug,
  lat: stores.lat,
  lng: stores.lng,
  radiusKm: stores.radiusKm,
  pincodes: stores.pincodes,
  opensAt: stores.opensAt,
  closesAt: stores.closesAt,
  prepMinutes: stores.prepMinutes,
};

const active = preparedQuery((db) =>
  db.select(columns).from(stores).where(eq(stores.isActive, true)).orderBy(asc(stores.name), asc(stores.id)).prepare('active_stores'),
);

/**
 * The same list as one JSON value, for a query that wants the stores in its own round trip (checkout
 * reads them with the buyer and the address).
 */
export const activeStoresJson = sql<StoreRow[]>`(
  select coalesce(json_agg(json_build_object(
    'id', s.id, 'name', s.name, 'slug', s.slug, 'lat', s.lat, 'lng', s.lng, 'radiusKm', s.radius_km,
    'pincodes', s.pincodes, 'opensAt', s.opens_at, 'closesAt', s.closes_at, 'prepMinutes', s.prep_minutes
  ) order by s.name, s.id), '[]'::json)
  from ${stores} s where s.is_active
)`;

export async function activeStores(db: DbOrTx): Promise<StoreRow[]> {
  return active(db).execute();
}

export async function storeById(db: DbOrTx, id: string): Promise<StoreRow | undefined> {
  const [row] = await db.select(columns).from(stores).where(eq(stores.id, id));
  return row;
}

/** How old a store's open-order count may be. */
export const OPEN_ORDERS_TTL_MS = 1000;

const openOrders = preparedQuery((db) =>
  db
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.storeId, sql.placeholder('storeId')), inArray(orders.status, ['confirmed', 'packing'])))
    .prepare('open_order_count'),
);

/**
 * Orders the store is still working on, which slow down the next one. An estimate read at most once a
 * second per store and process (see shortLived): checkout, the cart and ETAs all ask for it.
 */
export const openOrderCount = shortLived(OPEN_ORDERS_TTL_MS, async (db: DbOrTx, storeId: string): Promise<number> => {
  const [row] = await openOrders(db).execute({ storeId });
  return row?.n ?? 0;
});
