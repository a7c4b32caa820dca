import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../test/harness';
import type { Database } from '../../db/client';
import { rowsOf } from '../../db/client';
import { categories, productSubcategories, products, subcategories, variants } from '../../db/schema/index';
import { refreshProductDerived } from './catalog.derived';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await database.close();
  await drop();
});

describe('refreshProductDerived', () => {
  it('when variants and subcategories change, then price, discount and search columns follow', async () => {
    const { db } = database;
    const [cat] = await db.insert(categories).values({ name: 'Dairy, Bread & Eggs', slug: 'dairy' }).returning();
    const [sub] = await db.insert(subcategories).values({ categoryId: cat!.id, name: 'Milk', slug: 'milk' }).returning();
    const [p] = await db
      .insert(products)
      .values({ categoryId: cat!.id, name: 'Amul Taaza Toned Milk', slug: 'amul-taaza', brand: 'Amul' })
      .returning();
    await db.insert(productSubcategories).values({ productId: p!.id, subcategoryId: sub!.id });
    await db.insert(variants).values([
      { productId: p!.id, label: '500 ml', sku: 'A1', mrp: 2900, price: 2700 },
      { productId: p!.id, label: '1 L', sku: 'A2', mrp: 6000, price: 4500 },
    ]);
    await refreshProductDerived(db, [p!.id]);
    const rows = rowsOf<{ min_price: number; max_discount: number; search_text: string; hit: boolean }>(
      await db.execute(sql`select min_price, max_discount, search_text,
        search_vector @@ websearch_to_tsquery('english', 'milk') as hit from products where id = ${p!.id}`),
    );
    expect(rows[0]).toMatchObject({ min_price: 2700, max_discount: 25, hit: true });
    expect(rows[0]!.search_text).toContain('amul');
  });
});
