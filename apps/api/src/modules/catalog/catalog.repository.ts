/** Every catalogue query. Raw SQL where keyset paging and search need exact control over ordering. */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/client';
import {
  addresses,
  categories,
  orderItems,
  productSubcategories,
  products,
  subcategories,
  variants,
  type ProductDetail,
  type ProductImage,
} from '../../db/schema/index';
import type { Temperature } from '@fatafat/contracts/floor-rules';
import { isUuid } from './catalog.errors';

export const uuidList = (ids: string[]): SQL => sql`(${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`;

// ---------- categories ----------

export interface CategoryRow {
  id: string;
  name: string;
  slug: string;
  imageUrl: string | null;
  sortOrder: number;
}
export interface SubcategoryRow extends CategoryRow {
  categoryId: string;
  temperature: Temperature;
}

const categoryCols = {
  id: categories.id,
  name: categories.name,
  slug: categories.slug,
  imageUrl: categories.imageUrl,
  sortOrder: categories.sortOrder,
};
const subcategoryCols = {
  id: subcategories.id,
  name: subcategories.name,
  slug: subcategories.slug,
  imageUrl: subcategories.imageUrl,
  sortOrder: subcategories.sortOrder,
  categoryId: subcategories.categoryId,
  temperature: subcategories.temperature,
};

export async function findCategory(db: DbOrTx, idOrSlug: string): Promise<CategoryRow | undefined> {
  const [row] = await db
    .select(categoryCols)
    .from(categories)
    .where(isUuid(idOrSlug) ? eq(categories.id, idOrSlug) : eq(categories.slug, idOrSlug));
  return row;
}

export async function findSubcategory(db: DbOrTx, idOrSlug: string): Promise<SubcategoryRow | undefined> {
  const [row] = await db
    .select(subcategoryCols)
    .from(subcategories)
    .where(isUuid(idOrSlug) ? eq(subcategories.id, idOrSlug) : eq(subcategories.slug, idOrSlug));
  return row;
}

export async function allCategories(db: DbOrTx): Promise<CategoryRow[]> {
  return db.select(categoryCols).from(categories).orderBy(asc(categories.sortOrder), asc(categories.name));
}
export async function allSubcategories(db: DbOrTx): Promise<SubcategoryRow[]> {
  return db.select(subcategoryCols).from(subcategories).orderBy(asc(subcategories.sortOrder), asc(subcategories.name));
}

export async function insertCategory(db: DbOrTx, v: Omit<CategoryRow, 'id'>): Promise<CategoryRow> {
  const [row] = await db.insert(categories).values(v).returning(categoryCols);
  return row!;
}
export async function updateCategory(db: DbOrTx, id: string, v: Partial<Omit<CategoryRow, 'id'>>): Promise<CategoryRow | undefined> {
  const [row] = await db
    .update(categories)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(categories.id, id))
    .returning(categoryCols);
  return row;
}
export async function deleteCategory(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.delete(categories).where(eq(categories.id, id)).returning({ id: categories.id });
  return rows.length > 0;
}
export async function insertSubcategory(db: DbOrTx, v: Omit<SubcategoryRow, 'id'>): Promise<SubcategoryRow> {
  const [row] = await db.insert(subcategories).values(v).returning(subcategoryCols);
  return row!;
}
export async function updateSubcategory(
  db: DbOrTx,
  id: string,
  v: Partial<Omit<SubcategoryRow, 'id'>>,
): Promise<SubcategoryRow | undefined> {
  const [row] = await db
    .update(subcategories)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(subcategories.id, id))
    .returning(subcategoryCols);
  return row;
}
export async function deleteSubcategory(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.delete(subcategories).where(eq(subcategories.id, id)).returning({ id: subcategories.id });
  return rows.length > 0;
}

export async function countUsage(db: DbOrTx, kind: 'category' | 'subcategory', id: string) {
  if (kind === 'category') {
    const [r] = rowsOf<{ products: number; subs: number }>(
      await db.execute(sql`select
        (select count(*)::int from products where category_id = ${id}) as products,
        (select count(*)::int from subcategories where category_id = ${id}) as subs`),
    );
    return { products: r?.products ?? 0, subcategories: r?.subs ?? 0 };
  }
  const [r] = rowsOf<{ products: number }>(
    await db.execute(sql`select count(*)::int as products from product_subcategories where subcategory_id = ${id}`),
  );
  return { products: r?.products ?? 0, subcategories: 0 };
}

export async function productIdsInCategory(db: DbOrTx, kind: 'category' | 'subcategory', id: string): Promise<string[]> {
  const rows =
    kind === 'category'
      ? await db.select({ id: products.id }).from(products).where(eq(products.categoryId, id))
      : await db
          .select({ id: productSubcategories.productId })
          .from(productSubcategories)
          .where(eq(productSubcategories.subcategoryId, id));
  return rows.map((r) => r.id);
}

// ---------- public product list ----------

export interface ProductFilter {
  categoryId?: string;
  subcategoryId?: string;
  minPrice?: number;
  maxPrice?: number;
  brands?: string[];
  /** Search condition (full-text or trigram). */
  match?: SQL;
}

export function filterSql(f: ProductFilter): SQL {
  const parts: SQL[] = [sql`p.is_active`, sql`p.archived_at is null`];
  if (f.categoryId) parts.push(sql`p.category_id = ${f.categoryId}`);
  if (f.subcategoryId)
    parts.push(
      sql`exists (select 1 from product_subcategories ps where ps.product_id = p.id and ps.subcategory_id = ${f.subcategoryId})`,
    );
  if (f.minPrice !== undefined) parts.push(sql`p.min_price >= ${f.minPrice}`);
  if (f.maxPrice !== undefined) parts.push(sql`p.min_price <= ${f.maxPrice}`);
  if (f.brands?.length)
    parts.push(sql`lower(p.brand) in (${sql.join(f.brands.map((b) => sql`${b}`), sql`, `)})`);
  if (f.match) parts.push(f.match);
  return sql.join(parts, sql` and `);
}

export interface SortSpec {
  /** The ordering expression; its text form is the cursor's key. */
  key: SQL;
  /** Cast applied to the cursor's key when comparing. */
  cast: 'int' | 'numeric' | 'timestamptz' | 'text';
  dir: 'asc' | 'desc';
  idDir: 'asc' | 'desc';
}

export interface ListRow {
  id: string;
  name: string;
  slug: string;
  brand: string;
  image_url: string | null;
  sort_key: string;
}

export async function listProducts(
  db: DbOrTx,
  filter: ProductFilter,
  sort: SortSpec,
  after: { key: string; id: string } | null,
  limit: number,
): Promise<ListRow[]> {
  const dir = sql.raw(sort.dir);
  const idDir = sql.raw(sort.idDir);
  let seek = sql`true`;
  if (after) {
    const k = sql`${after.key}::${sql.raw(sort.cast)}`;
    const op = sql.raw(sort.dir === 'asc' ? '>' : '<');
    const idOp = sql.raw(sort.idDir === 'asc' ? '>' : '<');
    seek = sql`((${sort.key}) ${op} ${k} or ((${sort.key}) = ${k} and p.id ${idOp} ${after.id}::uuid))`;
  }
  return rowsOf<ListRow>(
    await db.execute(sql`
      select p.id, p.name, p.slug, p.brand, p.images->0->>'url' as image_url, (${sort.key})::text as sort_key
      from products p
      where ${filterSql(filter)} and ${seek}
      order by (${sort.key}) ${dir}, p.id ${idDir}
      limit ${limit}`),
  );
}

export async function countProducts(db: DbOrTx, filter: ProductFilter): Promise<number> {
  const [r] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from products p where ${filterSql(filter)}`),
  );
  return r?.n ?? 0;
}

export interface VariantCardRow {
  id: string;
  product_id: string;
  label: string;
  price: number;
  mrp: number;
  max_per_order: number;
  qty: number;
}

/** Active variants of the products with the quantity free to sell at the store (or across all stores). */
export async function variantCards(db: DbOrTx, productIds: string[], storeId: string | null): Promise<VariantCardRow[]> {
  if (productIds.length === 0) return [];
  // A correlated lookup per variant walks the stock indexes instead of hashing the whole stock table,
  // which keeps a page's cost flat as stores and stock rows grow.
  const storeCond = storeId ? sql`and s.store_id = ${storeId}` : sql``;
  return rowsOf<VariantCardRow>(
    await db.execute(sql`
      select v.id, v.product_id, v.label, v.price, v.mrp, v.max_per_order,
        coalesce((select sum(greatest(s.on_hand - s.reserved, 0)) from stock s
          where s.variant_id = v.id ${storeCond}), 0)::int as qty
      from variants v
      where v.product_id in ${uuidList(productIds)} and v.is_active
      order by v.product_id, v.sort_order, v.price, v.id`),
  );
}

// ---------- product detail ----------

export interface ProductRow {
  id: string;
  categoryId: string;
  name: string;
  slug: string;
  brand: string;
  description: string;
  details: ProductDetail[];
  images: ProductImage[];
  tags: string[];
  isActive: boolean;
  archivedAt: Date | null;
  minPrice: number;
  maxDiscount: number;
  createdAt: Date;
  updatedAt: Date;
}

const productCols = {
  id: products.id,
  categoryId: products.categoryId,
  name: products.name,
  slug: products.slug,
  brand: products.brand,
  description: products.description,
  details: products.details,
  images: products.images,
  tags: products.tags,
  isActive: products.isActive,
  archivedAt: products.archivedAt,
  minPrice: products.minPrice,
  maxDiscount: products.maxDiscount,
  createdAt: products.createdAt,
  updatedAt: products.updatedAt,
};

export async function findProduct(db: DbOrTx, idOrSlug: string): Promise<ProductRow | undefined> {
  const [row] = await db
    .select(productCols)
    .from(products)
    .where(isUuid(idOrSlug) ? eq(products.id, idOrSlug) : eq(products.slug, idOrSlug));
  return row;
}

export async function categoryOf(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: categories.id, name: categories.name, slug: categories.slug })
    .from(categories)
    .where(eq(categories.id, id));
  return row;
}

export async function subcategoriesOf(db: DbOrTx, productId: string) {
  return db
    .select({ id: subcategories.id, name: subcategories.name, slug: subcategories.slug })
    .from(productSubcategories)
    .innerJoin(subcategories, eq(subcategories.id, productSubcategories.subcategoryId))
    .where(eq(productSubcategories.productId, productId))
    .orderBy(asc(subcategories.sortOrder), asc(subcategories.name));
}

/** Products sharing a subcategory first, then the rest of the category; best discounts first. */
export async function similarProducts(db: DbOrTx, product: { id: string; categoryId: string }, limit: number) {
  return rowsOf<Omit<ListRow, 'sort_key'>>(
    await db.execute(sql`
      select p.id, p.name, p.slug, p.brand, p.images->0->>'url' as image_url
      from products p
      where p.category_id = ${product.categoryId} and p.id <> ${product.id}
        and p.is_active and p.archived_at is null
      order by exists (
          select 1 from product_subcategories a join product_subcategories b on a.subcategory_id = b.subcategory_id
          where a.product_id = ${product.id} and b.product_id = p.id) desc,
        p.max_discount desc, p.id
      limit ${limit}`),
  );
}

export async function defaultAddress(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ lat: addresses.lat, lng: addresses.lng, pincode: addresses.pincode })
    .from(addresses)
    .where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true)));
  return row;
}

// ---------- admin writes ----------

export type ProductValues = Omit<ProductRow, 'id' | 'archivedAt' | 'minPrice' | 'maxDiscount' | 'createdAt' | 'updatedAt'>;

export async function slugTaken(db: DbOrTx, slug: string): Promise<boolean> {
  const rows = await db.select({ id: products.id }).from(products).where(eq(products.slug, slug));
  return rows.length > 0;
}

export async function insertProduct(db: DbOrTx, v: ProductValues): Promise<string> {
  const [row] = await db.insert(products).values(v).returning({ id: products.id });
  return row!.id;
}

export async function updateProduct(
  db: DbOrTx,
  id: string,
  v: Partial<ProductValues> & { archivedAt?: Date | null },
): Promise<boolean> {
  const rows = await db
    .update(products)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(products.id, id))
    .returning({ id: products.id });
  return rows.length > 0;
}

export async function deleteProduct(db: DbOrTx, id: string): Promise<void> {
  await db.delete(products).where(eq(products.id, id));
}

export async function setProductSubcategories(db: DbOrTx, productId: string, subcategoryIds: string[]): Promise<void> {
  await db.delete(productSubcategories).where(eq(productSubcategories.productId, productId));
  if (subcategoryIds.length)
    await db.insert(productSubcategories).values(subcategoryIds.map((subcategoryId) => ({ productId, subcategoryId })));
}

export async function productSubcategoryIds(db: DbOrTx, productId: string): Promise<string[]> {
  const rows = await db
    .select({ id: productSubcategories.subcategoryId })
    .from(productSubcategories)
    .where(eq(productSubcategories.productId, productId));
  return rows.map((r) => r.id);
}

export async function orderedProduct(db: DbOrTx, productId: string): Promise<boolean> {
  const rows = await db.select({ id: orderItems.id }).from(orderItems).where(eq(orderItems.productId, productId)).limit(1);
  return rows.length > 0;
}
export async function orderedVariant(db: DbOrTx, variantId: string): Promise<boolean> {
  const rows = await db.select({ id: orderItems.id }).from(orderItems).where(eq(orderItems.variantId, variantId)).limit(1);
  return rows.length > 0;
}

export interface VariantRow {
  id: string;
  productId: string;
  label: string;
  sku: string;
  barcode: string | null;
  mrp: number;
  price: number;
  maxPerOrder: number;
  sortOrder: number;
  isActive: boolean;
  hsn: string | null;
  gstRate: number;
}
const variantCols = {
  id: variants.id,
  productId: variants.productId,
  label: variants.label,
  sku: variants.sku,
  barcode: variants.barcode,
  mrp: variants.mrp,
  price: variants.price,
  maxPerOrder: variants.maxPerOrder,
  sortOrder: variants.sortOrder,
  isActive: variants.isActive,
  hsn: variants.hsn,
  gstRate: variants.gstRate,
};

export async function variantsOf(db: DbOrTx, productIds: string[]): Promise<VariantRow[]> {
  if (productIds.length === 0) return [];
  return db
    .select(variantCols)
    .from(variants)
    .where(inArray(variants.productId, productIds))
    .orderBy(asc(variants.sortOrder), asc(variants.price), asc(variants.id));
}
export async function findVariant(db: DbOrTx, id: string): Promise<VariantRow | undefined> {
  const [row] = await db.select(variantCols).from(variants).where(eq(variants.id, id));
  return row;
}
export async function findVariantsBySku(db: DbOrTx, skus: string[]): Promise<VariantRow[]> {
  if (skus.length === 0) return [];
  return db.select(variantCols).from(variants).where(inArray(variants.sku, skus));
}
/** A variant to write: its GST classification may be left to the column defaults (or as it is). */
export type NewVariantRow = Omit<VariantRow, 'id' | 'hsn' | 'gstRate'> & Partial<Pick<VariantRow, 'hsn' | 'gstRate'>>;
export async function insertVariants(db: DbOrTx, rows: NewVariantRow[]): Promise<VariantRow[]> {
  if (rows.length === 0) return [];
  return db.insert(variants).values(rows).returning(variantCols);
}
export async function updateVariant(db: DbOrTx, id: string, v: Partial<NewVariantRow>): Promise<VariantRow | undefined> {
  const [row] = await db
    .update(variants)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(variants.id, id))
    .returning(variantCols);
  return row;
}
export async function deleteVariant(db: DbOrTx, id: string): Promise<void> {
  await db.delete(variants).where(eq(variants.id, id));
}

export async function setActive(db: DbOrTx, ids: string[], isActive: boolean): Promise<number> {
  const rows = await db
    .update(products)
    .set({ isActive, updatedAt: new Date() })
    .where(and(inArray(products.id, ids), sql`${products.archivedAt} is null`))
    .returning({ id: products.id });
  return rows.length;
}

// ---------- admin list ----------

export interface AdminListArgs {
  q?: string;
  categoryId?: string;
  status: 'active' | 'inactive' | 'archived' | 'all';
  brand?: string;
  sort: 'name' | 'brand' | 'minPrice' | 'createdAt' | 'updatedAt';
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export interface AdminListRow {
  id: string;
  name: string;
  slug: string;
  brand: string;
  image_url: string | null;
  category_id: string;
  category_name: string;
  category_slug: string;
  is_active: boolean;
  archived_at: string | null;
  min_price: number;
  max_discount: number;
  variant_count: number;
  created_at: string;
  updated_at: string;
}

function adminWhere(a: AdminListArgs): SQL {
  const conds: SQL[] = [sql`true`];
  if (a.q) {
    const like = `%${a.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`(lower(p.name) like ${like} or lower(p.brand) like ${like} or lower(p.slug) like ${like}
      or exists (select 1 from variants v where v.product_id = p.id and lower(v.sku) like ${like}))`);
  }
  if (a.categoryId) conds.push(sql`p.category_id = ${a.categoryId}`);
  if (a.brand) conds.push(sql`lower(p.brand) = ${a.brand.toLowerCase()}`);
  if (a.status === 'active') conds.push(sql`p.is_active and p.archived_at is null`);
  if (a.status === 'inactive') conds.push(sql`not p.is_active and p.archived_at is null`);
  if (a.status === 'archived') conds.push(sql`p.archived_at is not null`);
  return sql.join(conds, sql` and `);
}

export async function adminListProducts(db: DbOrTx, a: AdminListArgs): Promise<AdminListRow[]> {
  const col = {
    name: sql`lower(p.name)`,
    brand: sql`lower(p.brand)`,
    minPrice: sql`p.min_price`,
    createdAt: sql`p.created_at`,
    updatedAt: sql`p.updated_at`,
  }[a.sort];
  const dir = sql.raw(a.order);
  return rowsOf<AdminListRow>(
    await db.execute(sql`
      select p.id, p.name, p.slug, p.brand, p.images->0->>'url' as image_url,
        c.id as category_id, c.name as category_name, c.slug as category_slug,
        p.is_active, p.archived_at, p.min_price, p.max_discount,
        (select count(*)::int from variants v where v.product_id = p.id) as variant_count,
        p.created_at, p.updated_at
      from products p join categories c on c.id = p.category_id
      where ${adminWhere(a)}
      order by ${col} ${dir}, p.id ${dir}
      limit ${a.limit} offset ${a.offset}`),
  );
}

export async function adminCountProducts(db: DbOrTx, a: AdminListArgs): Promise<number> {
  const [r] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from products p where ${adminWhere(a)}`),
  );
  return r?.n ?? 0;
}
