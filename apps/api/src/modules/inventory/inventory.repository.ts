import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/client';
import { stock, stockMovements, stores, variants } from '../../db/schema/index';
import { isUuid } from '../catalog/catalog.errors';

export async function storeExists(db: DbOrTx, id: string): Promise<boolean> {
  return (await db.select({ id: stores.id }).from(stores).where(eq(stores.id, id))).length > 0;
}
export async function variantExists(db: DbOrTx, id: string): Promise<boolean> {
  return (await db.select({ id: variants.id }).from(variants).where(eq(variants.id, id))).length > 0;
}

export async function storesByIdOrSlug(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db.select({ id: stores.id, slug: stores.slug }).from(stores);
  const map = new Map<string, string>();
  for (const r of rows) {
    map.set(r.id, r.id);
    map.set(r.slug, r.id);
  }
  return map;
}

export async function variantIdsBySku(db: DbOrTx, skus: string[]): Promise<Map<string, string>> {
  if (skus.length === 0) return new Map();
  const rows = rowsOf<{ id: string; sku: string }>(
    await db.execute(sql`select id, sku from variants where sku in (${sql.join(skus.map((s) => sql`${s}`), sql`, `)})`),
  );
  return new Map(rows.map((r) => [r.sku, r.id]));
}

/** The stock row, locked until the transaction ends so concurrent changes queue up. */
export async function lockStock(db: DbOrTx, storeId: string, variantId: string) {
  const [row] = rowsOf<{ on_hand: number; reserved: number }>(
    await db.execute(
      sql`select on_hand, reserved from stock where store_id = ${storeId} and variant_id = ${variantId} for update`,
    ),
  );
  return row;
}

export async function writeStock(db: DbOrTx, storeId: string, variantId: string, onHand: number, exists: boolean) {
  if (exists) {
    await db
      .update(stock)
      .set({ onHand, updatedAt: new Date() })
      .where(and(eq(stock.storeId, storeId), eq(stock.variantId, variantId)));
  } else {
    await db.insert(stock).values({ storeId, variantId, onHand, reserved: 0 });
  }
}

export async function recordMovement(
  db: DbOrTx,
  m: { storeId: string; variantId: string; deltaOnHand: number; reason: string; actorId: string | null },
): Promise<void> {
  await db.insert(stockMovements).values(m);
}

export interface StockLineRow {
  store_id: string;
  variant_id: string;
  product_id: string;
  product_name: string;
  label: string;
  sku: string;
  on_hand: number;
  reserved: number;
  bin: string | null;
  updated_at: string | Date | null;
}

export interface StockListArgs {
  storeId?: string;
  q?: string;
  lowStockAtMost?: number;
  offset: number;
  limit: number;
}

function stockFrom(a: StockListArgs): SQL {
  const conds: SQL[] = [sql`true`];
  if (a.q) {
    const like = `%${a.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`(lower(p.name) like ${like} or lower(v.sku) like ${like} or lower(p.brand) like ${like})`);
  }
  if (a.lowStockAtMost !== undefined)
    conds.push(sql`coalesce(s.on_hand - s.reserved, 0) <= ${a.lowStockAtMost}`);
  // With a store, every variant is listed (missing rows read as zero) so staff can stock new products.
  const join = a.storeId
    ? sql`from variants v join products p on p.id = v.product_id
          cross join (select ${a.storeId}::uuid as id) st
          left join stock s on s.variant_id = v.id and s.store_id = st.id`
    : sql`from stock s join variants v on v.id = s.variant_id join products p on p.id = v.product_id
          join stores st on st.id = s.store_id`;
  return sql`${join} where ${sql.join(conds, sql` and `)}`;
}

export async function listStock(db: DbOrTx, a: StockListArgs): Promise<StockLineRow[]> {
  return rowsOf<StockLineRow>(
    await db.execute(sql`
      select st.id as store_id, v.id as variant_id, p.id as product_id, p.name as product_name, v.label, v.sku,
        coalesce(s.on_hand, 0) as on_hand, coalesce(s.reserved, 0) as reserved, s.bin, s.updated_at
      ${stockFrom(a)}
      order by lower(p.name), v.sort_order, v.id, st.id
      limit ${a.limit} offset ${a.offset}`),
  );
}

export async function countStock(db: DbOrTx, a: StockListArgs): Promise<number> {
  const [r] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n ${stockFrom(a)}`));
  return r?.n ?? 0;
}

export async function stockLine(db: DbOrTx, storeId: string, variantId: string): Promise<StockLineRow | undefined> {
  const [row] = rowsOf<StockLineRow>(
    await db.execute(sql`
      select ${storeId}::uuid as store_id, v.id as variant_id, p.id as product_id, p.name as product_name, v.label, v.sku,
        coalesce(s.on_hand, 0) as on_hand, coalesce(s.reserved, 0) as reserved, s.bin, s.updated_at
      from variants v join products p on p.id = v.product_id
      left join stock s on s.variant_id = v.id and s.store_id = ${storeId}
      where v.id = ${variantId}`),
  );
  return row;
}

export async function listMovements(
  db: DbOrTx,
  a: { storeId?: string; variantId?: string; offset: number; limit: number },
) {
  const conds: SQL[] = [];
  if (a.storeId && isUuid(a.storeId)) conds.push(eq(stockMovements.storeId, a.storeId));
  if (a.variantId && isUuid(a.variantId)) conds.push(eq(stockMovements.variantId, a.variantId));
  const where = conds.length ? and(...conds) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(stockMovements)
      .where(where)
      .orderBy(desc(stockMovements.createdAt), desc(stockMovements.id))
      .limit(a.limit)
      .offset(a.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(stockMovements).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Puts a line on a bin (or off it), creating the stock row at zero when the store never stocked it. */
export async function writeBin(db: DbOrTx, storeId: string, variantId: string, bin: string | null): Promise<void> {
  await db
    .insert(stock)
    .values({ storeId, variantId, onHand: 0, reserved: 0, bin })
    .onConflictDoUpdate({ target: [stock.storeId, stock.variantId], set: { bin, updatedAt: new Date() } });
}
