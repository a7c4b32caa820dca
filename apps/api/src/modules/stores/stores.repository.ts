import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
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

export async function activeStores(db: DbOrTx): Promise<StoreRow[]> {
  return db.select(columns).from(stores).where(eq(stores.isActive, true)).orderBy(asc(stores.name), asc(stores.id));
}

export async function storeById(db: DbOrTx, id: string): Promise<StoreRow | undefined> {
  const [row] = await db.select(columns).from(stores).where(eq(stores.id, id));
  return row;
}

/** Orders the store is still working on, which slow down the next one. */
export async function openOrderCount(db: DbOrTx, storeId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.storeId, storeId), inArray(orders.status, ['confirmed', 'packing'])));
  return row?.n ?? 0;
}
