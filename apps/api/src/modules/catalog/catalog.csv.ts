/**
 * Products as CSV, one row per variant. Import upserts products by slug and variants by SKU; every row is
 * checked first and a file with any bad row changes nothing (the writes are one transaction).
 */
import { sql } from 'drizzle-orm';
import type { CsvImportResponse } from '@fatafat/contracts/catalog';
import { rowsOf, type DbOrTx } from '../../db/client';
import type { AppDeps } from '../../deps';
import { AppError } from '../../http/errors';
import { csvRecords, toCsv } from '../../lib/csv';
import { refreshProductDerived } from './catalog.derived';
import * as repo from './catalog.repository';
import { catalogWrite } from './catalog.service';

export const PRODUCT_CSV_COLUMNS = [
  'product_slug',
  'name',
  'brand',
  'category',
  'subcategories',
  'description',
  'tags',
  'is_active',
  'sku',
  'label',
  'mrp',
  'price',
  'max_per_order',
] as const;
const REQUIRED = ['product_slug', 'name', 'category', 'sku', 'label', 'mrp', 'price'];

export async function exportProductsCsv(db: DbOrTx): Promise<string> {
  const rows = rowsOf<{
    slug: string;
    name: string;
    brand: string;
    category: string;
    subs: string | null;
    description: string;
    tags: string[];
    is_active: boolean;
    sku: string;
    label: string;
    mrp: number;
    price: number;
    max_per_order: number;
  }>(
    await db.execute(sql`
      select p.slug, p.name, p.brand, c.slug as category,
        (select string_agg(s.slug, '|' order by s.slug) from product_subcategories ps
          join subcategories s on s.id = ps.subcategory_id where ps.product_id = p.id) as subs,
        p.description, p.tags, p.is_active, v.sku, v.label, v.mrp, v.price, v.max_per_order
      from products p join categories c on c.id = p.category_id join variants v on v.product_id = p.id
      where p.archived_at is null
      order by p.slug, v.sort_order, v.id`),
  );
  return toCsv([
    [...PRODUCT_CSV_COLUMNS],
    ...rows.map((r) => [
      r.slug,
      r.name,
      r.brand,
      r.category,
      r.subs ?? '',
      r.description,
      r.tags.join('|'),
      r.is_active ? 'true' : 'false',
      r.sku,
      r.label,
      r.mrp,
      r.price,
      r.max_per_order,
    ]),
  ]);
}

interface PlannedVariant {
  sku: string;
  label: string;
  mrp: number;
  price: number;
  maxPerOrder: number;
}
interface PlannedProduct {
  slug: string;
  name: string;
  brand: string;
  categoryId: string;
  subcategoryIds: string[] | undefined;
  description: string | undefined;
  tags: string[] | undefined;
  isActive: boolean;
  variants: PlannedVariant[];
}

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function importProductsCsv(deps: AppDeps, text: string): Promise<CsvImportResponse> {
  const { header, records } = csvRecords(text);
  const errors: CsvImportResponse['errors'] = [];
  for (const col of REQUIRED) if (!header.includes(col)) errors.push({ row: 1, column: col, message: `missing column "${col}"` });
  if (errors.length) throw new AppError(422, 'invalid_csv', 'The CSV header is incomplete; nothing was imported', { errors });
  if (records.length === 0) throw new AppError(422, 'invalid_csv', 'The CSV has no rows', { errors: [] });
  if (records.length > 20_000) throw new AppError(413, 'payload_too_large', 'At most 20,000 rows per import');

  const db = deps.db;
  const [cats, subs] = await Promise.all([repo.allCategories(db), repo.allSubcategories(db)]);
  const catBy = new Map(cats.flatMap((c) => [[c.id, c] as const, [c.slug, c] as const]));
  const subBy = new Map(subs.flatMap((s) => [[s.id, s] as const, [s.slug, s] as const]));
  const existingSkus = new Map(
    (await repo.findVariantsBySku(db, [...new Set(records.map((r) => r.values.sku ?? ''))].filter(Boolean))).map((v) => [
      v.sku,
      v,
    ]),
  );
  const products = new Map<string, PlannedProduct>();
  const skusInFile = new Set<string>();
  const has = (c: string) => header.includes(c);

  for (const { line, values: v } of records) {
    const err = (column: string, message: string) => errors.push({ row: line, column, message });
    const before = errors.length;
    const slug = v.product_slug ?? '';
    if (!SLUG_RE.test(slug) || slug.length > 120) err('product_slug', 'must be lower-case letters, digits and dashes');
    const name = v.name ?? '';
    if (!name || name.length > 200) err('name', 'is required (at most 200 characters)');
    const cat = catBy.get(v.category ?? '');
    if (!cat) err('category', `unknown category "${v.category ?? ''}"`);
    let subcategoryIds: string[] | undefined;
    if (has('subcategories')) {
      subcategoryIds = [];
      for (const s of (v.subcategories ?? '').split('|').map((x) => x.trim()).filter(Boolean)) {
        const sub = subBy.get(s);
        if (!sub) err('subcategories', `unknown subcategory "${s}"`);
        else if (cat && sub.categoryId !== cat.id) err('subcategories', `"${s}" belongs to another category`);
        else subcategoryIds.push(sub.id);
      }
    }
    const int = (col: string, min: number, max: number, def?: number): number => {
      const raw = v[col] ?? '';
      if (raw === '' && def !== undefined) return def;
      if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
        err(col, `must be a whole number from ${min} to ${max}`);
        return 0;
      }
      return Number(raw);
    };
    const mrp = int('mrp', 1, 10_000_000);
    const price = int('price', 1, 10_000_000);
    if (mrp && price && price > mrp) err('price', 'must not exceed mrp');
    const maxPerOrder = int('max_per_order', 1, 100, 10);
    const activeRaw = (v.is_active ?? '').toLowerCase();
    if (!['', 'true', 'false', '1', '0', 'yes', 'no'].includes(activeRaw)) err('is_active', 'must be true or false');
    const isActive = !['false', '0', 'no'].includes(activeRaw);
    const sku = v.sku ?? '';
    if (!sku || sku.length > 64) err('sku', 'is required (at most 64 characters)');
    else if (skusInFile.has(sku)) err('sku', `SKU "${sku}" appears twice in the file`);
    skusInFile.add(sku);
    const label = v.label ?? '';
    if (!label || label.length > 60) err('label', 'is required (at most 60 characters)');
    if (errors.length !== before || !cat) continue;

    const planned = products.get(slug);
    if (planned && (planned.name !== name || planned.categoryId !== cat.id)) {
      err('name', `rows of product "${slug}" disagree on name or category`);
      continue;
    }
    const product: PlannedProduct = planned ?? {
      slug,
      name,
      brand: v.brand ?? '',
      categoryId: cat.id,
      subcategoryIds,
      description: has('description') ? (v.description ?? '') : undefined,
      tags: has('tags') ? (v.tags ?? '').split('|').map((t) => t.trim()).filter(Boolean) : undefined,
      isActive,
      variants: [],
    };
    product.variants.push({ sku, label, mrp, price, maxPerOrder });
    products.set(slug, product);
  }

  // A SKU already in the catalogue must belong to the product of the same slug.
  const ownerSlugs = new Map<string, string>();
  const owners = [...new Set([...existingSkus.values()].map((v) => v.productId))];
  if (owners.length) {
    for (const r of rowsOf<{ id: string; slug: string }>(
      await db.execute(sql`select id, slug from products where id in ${repo.uuidList(owners)}`),
    ))
      ownerSlugs.set(r.id, r.slug);
  }
  for (const { line, values: v } of records) {
    const existing = existingSkus.get(v.sku ?? '');
    if (existing && ownerSlugs.get(existing.productId) !== v.product_slug)
      errors.push({ row: line, column: 'sku', message: `SKU "${v.sku}" belongs to product "${ownerSlugs.get(existing.productId)}"` });
  }
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    throw new AppError(422, 'invalid_csv', `${errors.length} problem(s) in the CSV; nothing was imported`, { errors });
  }

  let created = 0;
  let updated = 0;
  await catalogWrite(deps, async (tx) => {
    const touched: string[] = [];
    for (const p of products.values()) {
      const current = await repo.findProduct(tx, p.slug);
      let productId: string;
      const fields = {
        categoryId: p.categoryId,
        name: p.name,
        brand: p.brand,
        isActive: p.isActive,
        ...(p.description !== undefined ? { description: p.description } : {}),
        ...(p.tags !== undefined ? { tags: p.tags } : {}),
      };
      if (current) {
        productId = current.id;
        await repo.updateProduct(tx, productId, fields);
        updated++;
      } else {
        productId = await repo.insertProduct(tx, {
          slug: p.slug,
          description: '',
          details: [],
          images: [],
          tags: [],
          ...fields,
        });
        created++;
      }
      if (p.subcategoryIds !== undefined) await repo.setProductSubcategories(tx, productId, p.subcategoryIds);
      const inserts: repo.NewVariantRow[] = [];
      for (const [i, v] of p.variants.entries()) {
        const existing = existingSkus.get(v.sku);
        if (existing)
          await repo.updateVariant(tx, existing.id, {
            label: v.label,
            mrp: v.mrp,
            price: v.price,
            maxPerOrder: v.maxPerOrder,
            isActive: true,
          });
        else inserts.push({ productId, ...v, barcode: null, sortOrder: i, isActive: true });
      }
      await repo.insertVariants(tx, inserts);
      touched.push(productId);
    }
    await refreshProductDerived(tx, touched);
  });
  return { ok: true, rows: records.length, created, updated, errors: [] };
}
