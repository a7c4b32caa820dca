import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { shortLived } from '../../lib/short-lived';
import { orders, stores } from '../../db/schema/index';

export interface StoreRow {
  id: string;
  name: string;
  lat: number;
  lng: number;
  prepMinutes: number;
}

export async function storeById(db: DbOrTx, id: string): Promise<StoreRow | undefined> {
  const [row] = await db
    .select({ id: stores.id, name: stores.name, lat: stores.lat, lng: stores.lng, prepMinutes: stores.prepMinutes })
    .from(stores)
    .where(eq(stores.id, id));
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
