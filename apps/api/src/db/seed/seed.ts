/**
 * Loads the demo catalogue: categories, subcategories, products with variants, Gurugram dark stores and
 * their stock, plus locally drawn images. Idempotent: rows are upserted by slug / SKU, stock lines only
 * created when missing (existing levels and reservations are left alone), images drawn only when absent.
 */
import path from 'node:path';
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Db } from '../client';
import { categories, productSubcategories, products, stock, stockMovements, stores, subcategories, variants } from '../schema/index';
import { refreshProductDerived } from '../../modules/catalog/catalog.derived';
import { demoCatalogue, type SeedProduct } from './catalogue';
import { demoBarcodes, demoBins, demoTemperature } from './floor.data';
import {
  BANNER_HEIGHT,
  BANNER_WIDTH,
  PRODUCT_SIZE,
  TILE_SIZE,
  bannerDefs,
  bannerSvg,
  productSvg,
  renderImages,
  tileSvg,
  type ImageJob,
} from './images';
import { prng } from './prng';
import { demoTax } from './gst.data';
import { demoStores } from './stores.data';

export interface SeedDeps {
  db: Db;
  config: Pick<Config, 'dataDir'>;
}

export type SeedPhase = 'categories' | 'products' | 'stores' | 'stock' | 'images' | 'derived' | 'done';

export interface SeedProgress {
  phase: SeedPhase;
  done: number;
  total: number;
}

export interface SeedOptions {
  onProgress?: (p: SeedProgress) => void;
  /** Redraw every image even when the file exists (after changing the drawings). */
  redrawImages?: boolean;
  /** Images rendered at once. */
  imageConcurrency?: number;
}

export interface SeedResult {
  categories: number;
  subcategories: number;
  products: number;
  variants: number;
  stores: number;
  stockLinesCreated: number;
  imagesRendered: number;
  imagesSkipped: number;
  ms: number;
}

const PRODUCT_BATCH = 150;
const STOCK_BATCH = 1000;

export const productImagePath = (slug: string) => `seed/products/${slug}-${PRODUCT_SIZE}.webp`;
export const categoryImagePath = (slug: string) => `seed/categories/${slug}-${TILE_SIZE}.webp`;
export const subcategoryImagePath = (slug: string) => `seed/subcategories/${slug}-${TILE_SIZE}.webp`;
export const bannerImagePath = (id: string) => `seed/banners/${id}-${BANNER_WIDTH}x${BANNER_HEIGHT}.webp`;

/** Set-clause value taking the row proposed for insertion, for upserts. */
const excluded = (column: string): SQL => sql.raw(`excluded.${column}`);

/** Units on hand at a store for a line: about 5% sold out, otherwise 5–60, fixed per store and SKU. */
export function demoStockLevel(storeSlug: string, sku: string): number {
  const r = prng(`stock:${storeSlug}:${sku}`);
  if (r() < 0.05) return 0;
  return 5 + Math.floor(r() * 56);
}

function imageJobs(): ImageJob[] {
  const cat = demoCatalogue();
  return [
    ...cat.categories.map((c) => ({
      file: categoryImagePath(c.slug),
      svg: () => tileSvg({ key: c.slug, name: c.name, glyph: c.glyph, palette: c.palette }),
    })),
    ...cat.subcategories.map((s) => ({
      file: subcategoryImagePath(s.slug),
      svg: () => tileSvg({ key: s.slug, name: s.name, glyph: s.glyph, palette: s.palette }),
    })),
    ...bannerDefs.map((b) => ({ file: bannerImagePath(b.id), svg: () => bannerSvg(b) })),
    ...cat.products.map((p) => ({
      file: productImagePath(p.slug),
      svg: () => productSvg({ ...p, pack: p.variants[0]?.label ?? '' }),
    })),
  ];
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function seedDemo(deps: SeedDeps, opts: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const { db } = deps;
  const report = opts.onProgress ?? (() => undefined);
  const cat = demoCatalogue();
  const uploadsDir = path.join(deps.config.dataDir, 'uploads');

  // Drawing runs on sharp's threads while the database work runs here, so the two overlap.
  const jobs = imageJobs();
  const images = renderImages(uploadsDir, jobs, {
    concurrency: opts.imageConcurrency ?? 4,
    force: opts.redrawImages ?? false,
    onProgress: (done, total) => {
      if (done === total || done % 100 === 0) report({ phase: 'images', done, total });
    },
  });
  // Keep a rejection from going unhandled while the database work is still running.
  images.catch(() => undefined);

  report({ phase: 'categories', done: 0, total: cat.categories.length + cat.subcategories.length });
  const { categoryIds, subcategoryIds } = await db.transaction(async (tx) => {
    const catRows = await tx
      .insert(categories)
      .values(
        cat.categories.map((c) => ({
          name: c.name,
          slug: c.slug,
          sortOrder: c.sortOrder,
          imageUrl: `/uploads/${categoryImagePath(c.slug)}`,
        })),
      )
      .onConflictDoUpdate({
        target: categories.slug,
        set: { name: excluded('name'), sortOrder: excluded('sort_order'), imageUrl: excluded('image_url'), updatedAt: sql`now()` },
      })
      .returning({ id: categories.id, slug: categories.slug });
    const categoryIds = new Map(catRows.map((r) => [r.slug, r.id]));
    const subRows = await tx
      .insert(subcategories)
      .values(
        cat.subcategories.map((s) => ({
          categoryId: must(categoryIds.get(s.categorySlug), s.categorySlug),
          name: s.name,
          slug: s.slug,
          sortOrder: s.sortOrder,
          imageUrl: `/uploads/${subcategoryImagePath(s.slug)}`,
          temperature: demoTemperature(s.slug),
        })),
      )
      .onConflictDoUpdate({
        target: subcategories.slug,
        set: {
          categoryId: excluded('category_id'),
          name: excluded('name'),
          sortOrder: excluded('sort_order'),
          temperature: excluded('temperature'),
          imageUrl: excluded('image_url'),
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: subcategories.id, slug: subcategories.slug });
    return { categoryIds, subcategoryIds: new Map(subRows.map((r) => [r.slug, r.id])) };
  });
  report({ phase: 'categories', done: categoryIds.size + subcategoryIds.size, total: cat.categories.length + cat.subcategories.length });

  const barcodes = demoBarcodes(cat.products.flatMap((p) => p.variants.map((v) => v.sku)));
  const variantIds: Array<{ id: string; sku: string }> = [];
  const productIds: string[] = [];
  let productsDone = 0;
  for (const batch of chunks(cat.products, PRODUCT_BATCH)) {
    await db.transaction(async (tx) => {
      const rows = await tx
        .insert(products)
        .values(
          batch.map((p: SeedProduct) => ({
            categoryId: must(categoryIds.get(p.categorySlug), p.categorySlug),
            name: p.name,
            slug: p.slug,
            brand: p.brand,
            description: p.description,
            details: p.details,
            images: [{ url: `/uploads/${productImagePath(p.slug)}`, width: PRODUCT_SIZE, height: PRODUCT_SIZE, alt: p.name }],
            tags: p.tags,
            isActive: true,
          })),
        )
        .onConflictDoUpdate({
          target: products.slug,
          set: {
            categoryId: excluded('category_id'),
            name: excluded('name'),
            brand: excluded('brand'),
            description: excluded('description'),
            details: excluded('details'),
            images: excluded('images'),
            tags: excluded('tags'),
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: products.id, slug: products.slug });
      const idBySlug = new Map(rows.map((r) => [r.slug, r.id]));
      const ids = rows.map((r) => r.id);
      productIds.push(...ids);
      await tx.delete(productSubcategories).where(inArray(productSubcategories.productId, ids));
      await tx.insert(productSubcategories).values(
        batch.flatMap((p) =>
          p.subcategorySlugs.map((s) => ({
            productId: must(idBySlug.get(p.slug), p.slug),
            subcategoryId: must(subcategoryIds.get(s), s),
          })),
        ),
      );
      const vRows = await tx
        .insert(variants)
        .values(
          batch.flatMap((p) =>
            p.variants.map((v) => ({
              productId: must(idBySlug.get(p.slug), p.slug),
              label: v.label,
              sku: v.sku,
              barcode: barcodes.get(v.sku)!,
              mrp: v.mrp,
              price: v.price,
              maxPerOrder: v.maxPerOrder,
              sortOrder: v.sortOrder,
              hsn: demoTax(p.subcategorySlugs).hsn,
              gstRate: demoTax(p.subcategorySlugs).rate,
            })),
          ),
        )
        .onConflictDoUpdate({
          target: variants.sku,
          set: {
            productId: excluded('product_id'),
            label: excluded('label'),
            mrp: excluded('mrp'),
            price: excluded('price'),
            maxPerOrder: excluded('max_per_order'),
            sortOrder: excluded('sort_order'),
            // A barcode an admin typed in stays; a variant without one gets the demo's.
            barcode: sql`coalesce(${variants.barcode}, excluded.barcode)`,
            // A classification an admin set stays (an HSN set means someone chose the rate with it).
            gstRate: sql`case when ${variants.hsn} is null then excluded.gst_rate else ${variants.gstRate} end`,
            hsn: sql`coalesce(${variants.hsn}, excluded.hsn)`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: variants.id, sku: variants.sku });
      variantIds.push(...vRows);
    });
    productsDone += batch.length;
    report({ phase: 'products', done: productsDone, total: cat.products.length });
  }

  report({ phase: 'stores', done: 0, total: demoStores.length });
  const storeRows = await db
    .insert(stores)
    .values(demoStores)
    .onConflictDoUpdate({
      target: stores.slug,
      set: {
        name: excluded('name'),
        address: excluded('address'),
        lat: excluded('lat'),
        lng: excluded('lng'),
        radiusKm: excluded('radius_km'),
        pincodes: excluded('pincodes'),
        prepMinutes: excluded('prep_minutes'),
        // A registration an admin set stays.
        gstin: sql`coalesce(${stores.gstin}, excluded.gstin)`,
        legalName: sql`coalesce(nullif(${stores.legalName}, ''), excluded.legal_name)`,
        gstState: sql`coalesce(nullif(${stores.gstState}, ''), excluded.gst_state)`,
        invoiceCode: sql`coalesce(${stores.invoiceCode}, excluded.invoice_code)`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ id: stores.id, slug: stores.slug });
  report({ phase: 'stores', done: storeRows.length, total: demoStores.length });

  const lines = storeRows.flatMap((s) => {
    const bins = demoBins(s.slug, cat.products);
    return variantIds.map((v) => ({ storeId: s.id, variantId: v.id, onHand: demoStockLevel(s.slug, v.sku), bin: bins.get(v.sku) ?? null }));
  });
  let stockDone = 0;
  let stockLinesCreated = 0;
  for (const batch of chunks(lines, STOCK_BATCH)) {
    await db.transaction(async (tx) => {
      // Existing lines keep their levels and reservations: a rerun must not undo real orders.
      const created = await tx
        .insert(stock)
        .values(batch)
        .onConflictDoNothing()
        .returning({ storeId: stock.storeId, variantId: stock.variantId, onHand: stock.onHand });
      stockLinesCreated += created.length;
      // Lines stocked before bins existed are placed now; a bin set by the store stays.
      await tx.execute(sql`
        update stock s set bin = v.bin
        from (values ${sql.join(
          batch.filter((l) => l.bin).map((l) => sql`(${l.storeId}::uuid, ${l.variantId}::uuid, ${l.bin})`),
          sql`, `,
        )}) as v(store_id, variant_id, bin)
        where s.store_id = v.store_id and s.variant_id = v.variant_id and s.bin is null`);
      const moved = created.filter((c) => c.onHand > 0);
      if (moved.length > 0) {
        await tx
          .insert(stockMovements)
          .values(moved.map((c) => ({ storeId: c.storeId, variantId: c.variantId, deltaOnHand: c.onHand, reason: 'seed' })));
      }
    });
    stockDone += batch.length;
    report({ phase: 'stock', done: stockDone, total: lines.length });
  }

  report({ phase: 'derived', done: 0, total: productIds.length });
  await refreshProductDerived(db);
  report({ phase: 'derived', done: productIds.length, total: productIds.length });
  // Fresh statistics for the tables just filled: without them the planner guesses row counts for a bulk
  // load (e.g. 18 products in a category instead of 75) until autovacuum gets round to it.
  await db.execute(sql`analyze categories, subcategories, products, product_subcategories, variants, stores, stock`);

  const drawn = await images;
  const result: SeedResult = {
    categories: categoryIds.size,
    subcategories: subcategoryIds.size,
    products: productIds.length,
    variants: variantIds.length,
    stores: storeRows.length,
    stockLinesCreated,
    imagesRendered: drawn.rendered,
    imagesSkipped: drawn.skipped,
    ms: Math.round(performance.now() - started),
  };
  report({ phase: 'done', done: 1, total: 1 });
  return result;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`seed: unknown reference ${what}`);
  return value;
}
