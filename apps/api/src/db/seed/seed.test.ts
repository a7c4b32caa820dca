import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '../client';
import { openTestDatabase } from '../../test/harness';
import { isEan13 } from '@fatafat/contracts/floor-rules';
import { Gstin } from '@fatafat/contracts/invoices';
import { demoCatalogue } from './catalogue';
import { classifiedSubcategories, demoTax } from './gst.data';
import { demoBanners } from './images';
import { seedDemo, type SeedResult } from './seed';
import { seedDemoIfEmpty } from './seed.start';
import { loadConfig } from '../../config';
import { createDeps } from '../../deps';
import { createLogger } from '../../lib/logger';

let database: Database;
let drop: () => Promise<void>;
let dataDir: string;
let first: SeedResult;

const q = async <T>(query: ReturnType<typeof sql>): Promise<T[]> => rowsOf<T>(await database.db.execute(query));
const count = async (table: string) =>
  Number((await q<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n ?? -1);

async function counts() {
  return {
    categories: await count('categories'),
    subcategories: await count('subcategories'),
    products: await count('products'),
    variants: await count('variants'),
    links: await count('product_subcategories'),
    stores: await count('stores'),
    stock: await count('stock'),
    movements: await count('stock_movements'),
  };
}

beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'fatafat-seed-'));
  first = await seedDemo({ db: database.db, config: { dataDir } });
}, 240_000);

afterAll(async () => {
  await database.close();
  await drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('seedDemo', () => {
  it('when the demo catalogue is seeded, then it has the promised size', async () => {
    const c = await counts();
    expect(c.categories).toBeGreaterThanOrEqual(12);
    expect(c.subcategories).toBeGreaterThanOrEqual(60);
    expect(c.products).toBeGreaterThanOrEqual(600);
    expect(c.stores).toBe(3);
    expect(c.stock).toBe(c.variants * 3);
    expect(first).toMatchObject({ categories: c.categories, products: c.products, variants: c.variants, stores: 3 });
    const perCategory = await q<{ subs: number }>(
      sql`select count(*)::int as subs from subcategories group by category_id order by 1 limit 1`,
    );
    expect(perCategory[0]?.subs).toBeGreaterThanOrEqual(4);
    const multi = await q<{ n: number }>(
      sql`select count(*)::int as n from (select product_id from variants group by product_id having count(*) between 2 and 3) m`,
    );
    expect(multi[0]!.n / c.products).toBeGreaterThan(0.15);
  });

  it('when variants are priced, then every price is positive and at most the MRP, within 25% of it', async () => {
    const bad = await q<{ sku: string }>(
      sql`select sku from variants where price <= 0 or price > mrp or mrp > price * 1.25 + 100`,
    );
    expect(bad).toEqual([]);
    const equal = await q<{ n: number }>(sql`select count(*)::int as n from variants where price = mrp`);
    expect(equal[0]!.n).toBeGreaterThan(0);
  });

  it('when products are linked, then each is in one or two subcategories of its own category', async () => {
    const wrong = await q<{ slug: string }>(sql`
      select p.slug from products p
      left join product_subcategories ps on ps.product_id = p.id
      left join subcategories s on s.id = ps.subcategory_id
      group by p.id, p.slug, p.category_id
      having count(s.id) not between 1 and 2 or bool_or(s.category_id <> p.category_id)`);
    expect(wrong).toEqual([]);
  });

  it('when images are drawn, then every product, category and banner points at a real WebP of the stated size', async () => {
    const rows = await q<{ slug: string; images: Array<{ url: string; width: number; height: number }> }>(
      sql`select slug, images from products`,
    );
    for (const r of rows) {
      expect(r.images, r.slug).toHaveLength(1);
      const img = r.images[0]!;
      expect(img.url).toMatch(/^\/uploads\/seed\/products\/.+-400\.webp$/);
      const meta = await sharp(path.join(dataDir, img.url)).metadata();
      expect(meta.format, img.url).toBe('webp');
      expect([meta.width, meta.height]).toEqual([img.width, img.height]);
    }
    const tiles = await q<{ image_url: string | null }>(
      sql`select image_url from categories union all select image_url from subcategories`,
    );
    for (const t of tiles) {
      expect(t.image_url).toMatch(/^\/uploads\/seed\/(sub)?categories\/.+-200\.webp$/);
      const meta = await sharp(path.join(dataDir, t.image_url!)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', 200, 200]);
    }
    for (const b of demoBanners) {
      const meta = await sharp(path.join(dataDir, b.url)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', b.width, b.height]);
    }
  });

  it('when stock is laid down, then each store has different levels and a few lines sold out', async () => {
    const perStore = await q<{ slug: string; zero: number; total: number; avg: number }>(sql`
      select s.slug, count(*) filter (where st.on_hand = 0)::int as zero, count(*)::int as total,
        avg(st.on_hand)::float as avg
      from stock st join stores s on s.id = st.store_id group by s.slug`);
    expect(perStore).toHaveLength(3);
    for (const s of perStore) {
      expect(s.zero, s.slug).toBeGreaterThan(0);
      expect(s.zero / s.total, s.slug).toBeLessThan(0.12);
      expect(s.avg, s.slug).toBeGreaterThan(20);
    }
    const differing = await q<{ n: number }>(sql`
      select count(*)::int as n from (select variant_id from stock group by variant_id having count(distinct on_hand) > 1) d`);
    expect(differing[0]!.n).toBeGreaterThan(0);
    const stores = await q<{ pincodes: string[] }>(sql`select pincodes from stores`);
    expect(new Set(stores.flatMap((s) => s.pincodes))).toEqual(
      new Set(['122001', '122002', '122003', '122008', '122009', '122011', '122017', '122018']),
    );
  });

  it('when the floor is laid out, then every variant has a unique valid EAN-13 and every stock line a bin, per store', async () => {
    const codes = await q<{ barcode: string | null }>(sql`select barcode from variants`);
    expect(codes.every((c) => c.barcode !== null && isEan13(c.barcode))).toBe(true);
    expect(new Set(codes.map((c) => c.barcode)).size).toBe(codes.length);
    const unplaced = await q<{ n: number }>(sql`select count(*)::int as n from stock where bin is null`);
    expect(unplaced[0]!.n).toBe(0);
    // Stores lay their floors out differently, and the cold rooms hold the cold subcategories.
    const differs = await q<{ n: number }>(sql`
      select count(*)::int as n from (select variant_id from stock group by variant_id having count(distinct bin) > 1) d`);
    expect(differs[0]!.n).toBeGreaterThan(0);
    const cold = await q<{ temperature: string; zone: string }>(sql`
      select distinct sc.temperature, split_part(s.bin, '-', 1) as zone
      from stock s join variants v on v.id = s.variant_id join product_subcategories ps on ps.product_id = v.product_id
      join subcategories sc on sc.id = ps.subcategory_id where sc.slug in ('milk', 'ice-creams')`);
    expect(cold.sort((a, b) => a.zone.localeCompare(b.zone))).toEqual([
      { temperature: 'frozen', zone: 'F' },
      { temperature: 'chilled', zone: 'R' },
    ]);
  });

  it('when seeding finishes, then the search and price columns are filled for every product', async () => {
    const missing = await q<{ slug: string }>(
      sql`select slug from products where min_price <= 0 or search_vector is null or search_text = ''`,
    );
    expect(missing).toEqual([]);
    const hits = await q<{ slug: string }>(
      sql`select slug from products where search_vector @@ websearch_to_tsquery('english', 'paneer')`,
    );
    expect(hits.length).toBeGreaterThan(3);
  });

  it('when seeded, then every store has a valid GSTIN and its own invoice code, and every variant the HSN and GST rate of its subcategory', async () => {
    const shops = await q<{ gstin: string; gst_state: string; invoice_code: string; legal_name: string }>(
      sql`select gstin, gst_state, invoice_code, legal_name from stores`,
    );
    for (const s of shops) {
      expect(Gstin.safeParse(s.gstin).success).toBe(true);
      expect(s).toMatchObject({ gst_state: 'Haryana', legal_name: expect.stringMatching(/Private Limited$/) });
    }
    expect(new Set(shops.map((s) => s.invoice_code)).size).toBe(shops.length);
    const subs = await q<{ slug: string }>(sql`select slug from subcategories`);
    expect(subs.map((s) => s.slug).filter((slug) => !classifiedSubcategories().includes(slug))).toEqual([]);
    const rows = await q<{ slug: string; hsn: string; gst_rate: number }>(
      sql`select p.slug, v.hsn, v.gst_rate from variants v join products p on p.id = v.product_id`,
    );
    const expected = new Map(demoCatalogue().products.map((p) => [p.slug, demoTax(p.subcategorySlugs)]));
    expect(rows.filter((r) => expected.get(r.slug)?.hsn !== r.hsn || expected.get(r.slug)?.rate !== r.gst_rate)).toEqual([]);
    // The demo spans every rate: milk 0, atta 5, ghee 12, biscuits 18, aerated drinks 28.
    expect(new Set(rows.map((r) => r.gst_rate))).toEqual(new Set([0, 5, 12, 18, 28]));
  });

  it('when seeded again, then nothing is duplicated, stock levels are kept and no image is redrawn', async () => {
    const before = await counts();
    await database.db.execute(sql`update stock set on_hand = 7 where variant_id = (select id from variants order by sku limit 1)`);
    const again = await seedDemo({ db: database.db, config: { dataDir } });
    expect(await counts()).toEqual(before);
    expect(again).toMatchObject({ products: first.products, variants: first.variants, stockLinesCreated: 0, imagesRendered: 0 });
    expect(again.imagesSkipped).toBe(first.imagesRendered);
    const kept = await q<{ on_hand: number }>(
      sql`select on_hand from stock where variant_id = (select id from variants order by sku limit 1)`,
    );
    expect(kept.map((k) => k.on_hand)).toEqual([7, 7, 7]);
    expect(existsSync(path.join(dataDir, 'uploads', 'seed', 'products'))).toBe(true);
  }, 120_000);

  it('when the catalogue already has products, then the start task leaves it as it is', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'on' });
    const deps = await createDeps(config, database, createLogger('silent'));
    try {
      await database.db.execute(sql`delete from stock where variant_id = (select id from variants order by sku desc limit 1)`);
      const before = await counts();
      await seedDemoIfEmpty(deps);
      // A seed run would have recreated the deleted stock lines.
      expect(await counts()).toEqual(before);
    } finally {
      await deps.close();
    }
  });
});
