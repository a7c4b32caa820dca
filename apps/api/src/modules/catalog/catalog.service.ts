/**
 * Catalogue use cases: the storefront's reads (with keyset paging and search) and the admin's writes.
 * Every write runs in one transaction that ends with refreshProductDerived, then bumps the cache version.
 */
import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type {
  AdminProduct,
  AdminProductListQuery,
  AdminProductListResponse,
  CategoryInput,
  CategoryListResponse,
  CategoryPatch,
  ProductCard,
  ProductCreate,
  ProductDetailResponse,
  ProductListQuery,
  ProductListResponse,
  ProductPatch,
  ProductReplace,
  SubcategoryInput,
  SubcategoryPatch,
  VariantCard,
  VariantInput,
  VariantSave,
  VariantPatch,
} from '@fatafat/contracts/catalog';
import type { DbOrTx } from '../../db/client';
import type { AppDeps } from '../../deps';
import type { AuthUser } from '../../http/auth-context';
import { AppError, badRequest, conflict, notFound } from '../../http/errors';
import { trgmThreshold, tsQuery } from '../search/search.repository';
import { plan } from '../search/search.service';
import { resolveServing } from '../zones/serving';
import { catalogCache } from './catalog.cache';
import { refreshProductDerived } from './catalog.derived';
import { CHECK_VIOLATION, FK_VIOLATION, pgError, UNIQUE_VIOLATION } from '../../db/errors';
import { isUuid, slugify } from './catalog.errors';
import * as repo from './catalog.repository';

export const FEW_LEFT = 3;

export const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
export const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));

/** Runs a catalogue write in one transaction, maps constraint violations to 409s and bumps the cache. */
export async function catalogWrite<T>(deps: AppDeps, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await deps.db.transaction(fn);
  } catch (err) {
    const pg = pgError(err);
    if (pg?.code === UNIQUE_VIOLATION) {
      const what = pg.constraint?.includes('sku')
        ? 'SKU'
        : pg.constraint?.includes('barcode')
          ? 'barcode'
          : pg.constraint?.includes('slug')
            ? 'slug'
            : 'value';
      throw conflict(`That ${what} is already in use`, { constraint: pg.constraint });
    }
    if (pg?.code === FK_VIOLATION) throw conflict('It is still referenced elsewhere', { constraint: pg.constraint });
    if (pg?.code === CHECK_VIOLATION) throw conflict('The change breaks a catalogue rule', { constraint: pg.constraint });
    throw err;
  }
  await catalogCache(deps).bump();
  return result;
}

// ---------- categories (public) ----------

export async function listCategories(db: DbOrTx): Promise<CategoryListResponse> {
  const [cats, subs] = await Promise.all([repo.allCategories(db), repo.allSubcategories(db)]);
  return {
    items: cats.map((c) => ({
      id: c.id,
      name: c.name,
      slug: c.slug,
      imageUrl: c.imageUrl,
      subcategories: subs
        .filter((s) => s.categoryId === c.id)
        .map((s) => ({ id: s.id, name: s.name, slug: s.slug, imageUrl: s.imageUrl, temperature: s.temperature })),
    })),
  };
}

// ---------- product list ----------

/** The store whose stock decides availability: the query's, else the customer's default address's. */
export async function availabilityStore(deps: AppDeps, store: string | undefined, user: AuthUser | null) {
  if (store) return store;
  if (!user) return null;
  const address = await repo.defaultAddress(deps.db, user.id);
  if (!address) return null;
  const { chosen } = await resolveServing(deps.db, address, deps.clock.now());
  return chosen?.store.id ?? null;
}

export async function toCards(db: DbOrTx, rows: Array<Omit<repo.ListRow, 'sort_key'>>, storeId: string | null): Promise<ProductCard[]> {
  const variantRows = await repo.variantCards(
    db,
    rows.map((r) => r.id),
    storeId,
  );
  const byProduct = new Map<string, VariantCard[]>();
  for (const v of variantRows) {
    const list = byProduct.get(v.product_id) ?? [];
    list.push({
      id: v.id,
      label: v.label,
      price: v.price,
      mrp: v.mrp,
      discountPercent: Math.floor(((v.mrp - v.price) * 100) / v.mrp),
      maxPerOrder: v.max_per_order,
      available: v.qty > 0,
      fewLeft: storeId !== null && v.qty > 0 && v.qty <= FEW_LEFT,
    });
    byProduct.set(v.product_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    slug: r.slug,
    brand: r.brand,
    imageUrl: r.image_url,
    variants: byProduct.get(r.id) ?? [],
  }));
}

interface Cursor {
  /** Sort and search mode the cursor belongs to. */
  s: string;
  k: string;
  i: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string, mode: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof c.s === 'string' && typeof c.k === 'string' && typeof c.i === 'string' && isUuid(c.i)) {
      if (c.s !== mode) throw badRequest('cursor: belongs to another sort or search; start again without it');
      return c as Cursor;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
  }
  throw badRequest('cursor: is not valid');
}

/** The sort and search mode a cursor was issued for, or null when it cannot be read. */
function decodeCursorMode(raw: string): string | null {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
    return typeof c.s === 'string' ? c.s : null;
  } catch {
    return null;
  }
}

/**
 * True when a cursor's key reads as the sort's type. The key goes into the page query as `$1::<cast>`, so
 * a forged one that does not fit (a word for a price, an impossible date, a NUL byte) would fail there.
 */
function keyFits(cast: repo.SortSpec['cast'], key: string): boolean {
  if (key.includes('\u0000')) return false;
  switch (cast) {
    case 'text':
      return true;
    case 'int':
      return /^-?\d{1,10}$/.test(key) && Math.abs(Number(key)) <= 2_147_483_647;
    case 'numeric':
      return /^-?\d{1,30}(\.\d{1,30})?$/.test(key);
    case 'timestamptz': {
      // PostgreSQL's text form (DateStyle ISO), e.g. 2026-01-05 09:30:00.123456+00; the date must exist.
      const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-]\d{2}(:\d{2}){0,2})?$/.exec(key);
      if (!m) return false;
      const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
      const at = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
      return (
        y >= 1 &&
        at.getUTCFullYear() === y &&
        at.getUTCMonth() === mo - 1 &&
        at.getUTCDate() === d &&
        at.getUTCHours() === h &&
        at.getUTCMinutes() === mi
      );
    }
  }
}

function parsePriceParam(price: string | undefined): { min?: number; max?: number } {
  if (!price) return {};
  if (!price.includes('-')) return { max: Number(price) };
  const [a, b] = price.split('-');
  return { ...(a ? { min: Number(a) } : {}), ...(b ? { max: Number(b) } : {}) };
}

export async function listProducts(
  deps: AppDeps,
  query: ProductListQuery,
  storeId: string | null,
): Promise<ProductListResponse> {
  const db = deps.db;
  const filter: repo.ProductFilter = {};
  if (query.category) {
    const c = await repo.findCategory(db, query.category);
    if (!c) throw notFound('Category');
    filter.categoryId = c.id;
  }
  if (query.subcategory) {
    const s = await repo.findSubcategory(db, query.subcategory);
    if (!s) throw notFound('Subcategory');
    filter.subcategoryId = s.id;
  }
  const price = parsePriceParam(query.price);
  const minPrice = query.minPrice ?? price.min;
  const maxPrice = query.maxPrice ?? price.max;
  if (minPrice !== undefined) filter.minPrice = minPrice;
  if (maxPrice !== undefined) filter.maxPrice = maxPrice;
  if (query.brand) {
    filter.brands = query.brand
      .split(',')
      .map((b) => b.trim().toLowerCase())
      .filter(Boolean);
  }

  const sortName = query.sort ?? 'relevance';
  const sortFor = (rank: SQL | undefined): repo.SortSpec => {
    switch (sortName) {
      case 'price_asc':
        return { key: sql`p.min_price`, cast: 'int', dir: 'asc', idDir: 'asc' };
      case 'price_desc':
        return { key: sql`p.min_price`, cast: 'int', dir: 'desc', idDir: 'desc' };
      case 'discount':
        return { key: sql`p.max_discount`, cast: 'int', dir: 'desc', idDir: 'desc' };
      case 'newest':
        return { key: sql`p.created_at`, cast: 'timestamptz', dir: 'desc', idDir: 'desc' };
      default:
        return rank
          ? { key: rank, cast: 'numeric', dir: 'desc', idDir: 'asc' }
          : { key: sql`p.name`, cast: 'text', dir: 'asc', idDir: 'asc' };
    }
  };
  // Count and page run together (in parallel on a server pool); the cursor names the sort and search mode.
  const fetchPage = async (mode: string, rank: SQL | undefined) => {
    const cursorMode = `${sortName}:${mode}`;
    const after = query.cursor ? decodeCursor(query.cursor, cursorMode) : null;
    const sort = sortFor(rank);
    if (after && !keyFits(sort.cast, after.k)) throw badRequest('cursor: is not valid');
    const [total, rows] = await Promise.all([
      repo.countProducts(db, filter),
      repo.listProducts(db, filter, sort, after ? { key: after.k, id: after.i } : null, query.limit + 1),
    ]);
    return { total, rows, cursorMode };
  };

  const q = query.q?.trim();
  const searchPlan = q ? await plan(deps, q) : undefined;
  let result: Awaited<ReturnType<typeof fetchPage>>;
  let didYouMean: string | undefined;
  if (searchPlan && searchPlan.tokens.length > 0) {
    const tsq = tsQuery(searchPlan.tokens);
    const fts = { match: sql`p.search_vector @@ ${tsq}`, rank: sql`round(ts_rank(p.search_vector, ${tsq})::numeric, 6)` };
    // Nothing matched word for word: fall back to trigram similarity on the raw text.
    const trgm = {
      match: sql`word_similarity(${searchPlan.text}, p.search_text) >= ${trgmThreshold(searchPlan.text)}`,
      rank: sql`round(word_similarity(${searchPlan.text}, p.search_text)::numeric, 6)`,
    };
    const continuingTrgm = query.cursor !== undefined && decodeCursorMode(query.cursor) === `${sortName}:trgm`;
    filter.match = continuingTrgm ? trgm.match : fts.match;
    result = await fetchPage(continuingTrgm ? 'trgm' : 'fts', continuingTrgm ? trgm.rank : fts.rank);
    if (!continuingTrgm && result.total === 0 && searchPlan.text.length >= 3 && !query.cursor) {
      filter.match = trgm.match;
      result = await fetchPage('trgm', trgm.rank);
    }
    didYouMean = searchPlan.didYouMean;
  } else {
    result = await fetchPage('none', undefined);
  }
  const { total, rows, cursorMode } = result;
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > query.limit && last ? encodeCursor({ s: cursorMode, k: last.sort_key, i: last.id }) : null;
  return {
    items: await toCards(db, page, storeId),
    nextCursor,
    total,
    ...(didYouMean ? { didYouMean } : {}),
  };
}

// ---------- product detail ----------

const SIMILAR = 8;

export async function productDetail(deps: AppDeps, idOrSlug: string, storeId: string | null): Promise<ProductDetailResponse> {
  const db = deps.db;
  const p = await repo.findProduct(db, idOrSlug);
  if (!p || !p.isActive || p.archivedAt) throw notFound('Product');
  const [category, subs, similarRows] = await Promise.all([
    repo.categoryOf(db, p.categoryId),
    repo.subcategoriesOf(db, p.id),
    repo.similarProducts(db, p, SIMILAR),
  ]);
  const [card] = await toCards(db, [{ id: p.id, name: p.name, slug: p.slug, brand: p.brand, image_url: p.images[0]?.url ?? null }], storeId);
  return {
    product: {
      ...card!,
      description: p.description,
      details: p.details,
      images: p.images,
      tags: p.tags,
      category: category!,
      subcategories: subs,
    },
    similar: await toCards(db, similarRows, storeId),
  };
}

// ---------- admin: products ----------

async function resolveCategoryAndSubs(
  db: DbOrTx,
  category: string,
  subs: string[] | undefined,
): Promise<{ categoryId: string; subcategoryIds: string[] | undefined }> {
  const c = await repo.findCategory(db, category);
  if (!c) throw badRequest(`category: "${category}" does not exist`);
  if (!subs) return { categoryId: c.id, subcategoryIds: undefined };
  const ids: string[] = [];
  for (const s of subs) {
    const row = await repo.findSubcategory(db, s);
    if (!row) throw badRequest(`subcategories: "${s}" does not exist`);
    if (row.categoryId !== c.id) throw badRequest(`subcategories: "${s}" belongs to another category`);
    if (!ids.includes(row.id)) ids.push(row.id);
  }
  return { categoryId: c.id, subcategoryIds: ids };
}

async function uniqueSlug(db: DbOrTx, wanted: string | undefined, name: string): Promise<string> {
  if (wanted) return wanted;
  const base = slugify(name);
  if (!(await repo.slugTaken(db, base))) return base;
  return `${base}-${randomBytes(3).toString('hex')}`;
}

function skuFor(slug: string, label: string): string {
  return `${slug}-${slugify(label)}`.toUpperCase().slice(0, 56) + '-' + randomBytes(2).toString('hex').toUpperCase();
}

export async function adminProduct(db: DbOrTx, id: string): Promise<AdminProduct> {
  const p = isUuid(id) ? await repo.findProduct(db, id) : undefined;
  if (!p) throw notFound('Product');
  const [category, subs, vs] = await Promise.all([
    repo.categoryOf(db, p.categoryId),
    repo.subcategoriesOf(db, p.id),
    repo.variantsOf(db, [p.id]),
  ]);
  return {
    id: p.id,
    name: p.name,
    slug: p.slug,
    brand: p.brand,
    description: p.description,
    details: p.details,
    images: p.images,
    tags: p.tags,
    isActive: p.isActive,
    archivedAt: isoOrNull(p.archivedAt),
    category: category!,
    subcategories: subs,
    minPrice: p.minPrice,
    maxDiscount: p.maxDiscount,
    variants: vs.map((v) => ({
      id: v.id,
      label: v.label,
      sku: v.sku,
      barcode: v.barcode,
      mrp: v.mrp,
      price: v.price,
      discountPercent: Math.floor(((v.mrp - v.price) * 100) / v.mrp),
      maxPerOrder: v.maxPerOrder,
      sortOrder: v.sortOrder,
      isActive: v.isActive,
      hsn: v.hsn,
      gstRate: v.gstRate,
    })),
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

function variantValues(productId: string, slug: string, v: VariantInput, i: number): repo.NewVariantRow {
  return {
    productId,
    label: v.label,
    sku: v.sku ?? skuFor(slug, v.label),
    barcode: v.barcode ?? null,
    mrp: v.mrp,
    price: v.price,
    maxPerOrder: v.maxPerOrder,
    sortOrder: v.sortOrder ?? i,
    isActive: v.isActive,
    // Left out: unchanged on an existing variant, the column default on a new one.
    ...(v.hsn !== undefined ? { hsn: v.hsn } : {}),
    ...(v.gstRate !== undefined ? { gstRate: v.gstRate } : {}),
  };
}

export async function createProduct(deps: AppDeps, input: ProductCreate): Promise<AdminProduct> {
  const id = await catalogWrite(deps, async (tx) => {
    const { categoryId, subcategoryIds } = await resolveCategoryAndSubs(tx, input.category, input.subcategories);
    const slug = await uniqueSlug(tx, input.slug, input.name);
    const productId = await repo.insertProduct(tx, {
      categoryId,
      name: input.name,
      slug,
      brand: input.brand,
      description: input.description,
      details: input.details,
      images: input.images,
      tags: input.tags,
      isActive: input.isActive,
    });
    await repo.setProductSubcategories(tx, productId, subcategoryIds ?? []);
    await repo.insertVariants(
      tx,
      input.variants.map((v, i) => variantValues(productId, slug, v, i)),
    );
    await refreshProductDerived(tx, [productId]);
    return productId;
  });
  return adminProduct(deps.db, id);
}

export async function updateProduct(deps: AppDeps, id: string, input: ProductPatch | ProductReplace): Promise<AdminProduct> {
  if (!isUuid(id)) throw notFound('Product');
  await catalogWrite(deps, async (tx) => {
    const current = await repo.findProduct(tx, id);
    if (!current) throw notFound('Product');
    const { category, subcategories, ...fields } = input;
    let categoryId = current.categoryId;
    let subcategoryIds: string[] | undefined;
    if (category !== undefined || subcategories !== undefined) {
      const wantedSubs = subcategories ?? (category !== undefined ? [] : undefined);
      const resolved = await resolveCategoryAndSubs(tx, category ?? current.categoryId, wantedSubs);
      categoryId = resolved.categoryId;
      subcategoryIds = resolved.subcategoryIds;
    }
    const { variants: wanted, ...productOnly } = fields as typeof fields & { variants?: VariantSave[] };
    await repo.updateProduct(tx, id, { ...productOnly, categoryId });
    if (subcategoryIds) await repo.setProductSubcategories(tx, id, subcategoryIds);
    if (wanted) await replaceVariants(tx, current, wanted);
    await refreshProductDerived(tx, [id]);
  });
  return adminProduct(deps.db, id);
}

/**
 * The editor's pack sizes, saved inside the product's transaction: listed ids change, new entries are
 * added, the rest are removed (deactivated when orders refer to them). Nothing is half-saved: any refusal
 * rolls back the product fields too.
 */
async function replaceVariants(tx: DbOrTx, product: { id: string; slug: string }, wanted: VariantSave[]): Promise<void> {
  const existing = await repo.variantsOf(tx, [product.id]);
  const mine = new Set(existing.map((v) => v.id));
  const listed = new Set<string>();
  for (const [i, v] of wanted.entries()) {
    if (!v.id) continue;
    if (!mine.has(v.id)) throw badRequest(`variants.${i}.id: is not a variant of this product`);
    if (listed.has(v.id)) throw badRequest(`variants.${i}.id: is listed twice`);
    listed.add(v.id);
  }
  if (!wanted.some((v) => v.isActive)) throw badRequest('variants: at least one must be active');
  for (const old of existing) {
    if (listed.has(old.id)) continue;
    if (await repo.orderedVariant(tx, old.id)) await repo.updateVariant(tx, old.id, { isActive: false });
    else await repo.deleteVariant(tx, old.id);
  }
  const added: repo.NewVariantRow[] = [];
  for (const [i, { id, ...v }] of wanted.entries()) {
    const values = variantValues(product.id, product.slug, v, i);
    if (id) await repo.updateVariant(tx, id, { ...values, sku: v.sku ?? existing.find((e) => e.id === id)!.sku });
    else added.push(values);
  }
  await repo.insertVariants(tx, added);
}

export async function removeProduct(deps: AppDeps, id: string): Promise<{ result: 'deleted' | 'archived' }> {
  if (!isUuid(id)) throw notFound('Product');
  return catalogWrite(deps, async (tx) => {
    const current = await repo.findProduct(tx, id);
    if (!current) throw notFound('Product');
    if (await repo.orderedProduct(tx, id)) {
      // Orders keep their snapshot, but reports and reorders still point here: keep the row, hide it.
      await repo.updateProduct(tx, id, { isActive: false, archivedAt: current.archivedAt ?? new Date() });
      return { result: 'archived' as const };
    }
    await repo.deleteProduct(tx, id);
    return { result: 'deleted' as const };
  });
}

export async function bulkSetActive(deps: AppDeps, ids: string[], active: boolean): Promise<{ updated: number }> {
  return catalogWrite(deps, async (tx) => ({ updated: await repo.setActive(tx, ids, active) }));
}

export async function listAdminProducts(db: DbOrTx, q: AdminProductListQuery): Promise<AdminProductListResponse> {
  let categoryId: string | undefined;
  if (q.category) {
    const c = await repo.findCategory(db, q.category);
    if (!c) throw notFound('Category');
    categoryId = c.id;
  }
  const args: repo.AdminListArgs = {
    ...(q.q ? { q: q.q } : {}),
    ...(categoryId ? { categoryId } : {}),
    ...(q.brand ? { brand: q.brand } : {}),
    status: q.status,
    sort: q.sort,
    order: q.order,
    offset: (q.page - 1) * q.pageSize,
    limit: q.pageSize,
  };
  const [rows, total] = await Promise.all([repo.adminListProducts(db, args), repo.adminCountProducts(db, args)]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      slug: r.slug,
      brand: r.brand,
      imageUrl: r.image_url,
      category: { id: r.category_id, name: r.category_name, slug: r.category_slug },
      isActive: r.is_active,
      archivedAt: isoOrNull(r.archived_at),
      minPrice: r.min_price,
      maxDiscount: r.max_discount,
      variantCount: r.variant_count,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ---------- admin: variants ----------

export async function addVariant(deps: AppDeps, productId: string, input: VariantInput): Promise<AdminProduct> {
  if (!isUuid(productId)) throw notFound('Product');
  await catalogWrite(deps, async (tx) => {
    const p = await repo.findProduct(tx, productId);
    if (!p) throw notFound('Product');
    const existing = await repo.variantsOf(tx, [productId]);
    await repo.insertVariants(tx, [variantValues(productId, p.slug, input, existing.length)]);
    await refreshProductDerived(tx, [productId]);
  });
  return adminProduct(deps.db, productId);
}

export async function patchVariant(deps: AppDeps, variantId: string, input: VariantPatch): Promise<AdminProduct> {
  if (!isUuid(variantId)) throw notFound('Variant');
  const productId = await catalogWrite(deps, async (tx) => {
    const v = await repo.findVariant(tx, variantId);
    if (!v) throw notFound('Variant');
    const mrp = input.mrp ?? v.mrp;
    const price = input.price ?? v.price;
    if (price > mrp) throw badRequest('price: must not exceed mrp');
    await repo.updateVariant(tx, variantId, input);
    await refreshProductDerived(tx, [v.productId]);
    return v.productId;
  });
  return adminProduct(deps.db, productId);
}

export async function removeVariant(deps: AppDeps, variantId: string): Promise<{ result: 'deleted' | 'archived' }> {
  if (!isUuid(variantId)) throw notFound('Variant');
  return catalogWrite(deps, async (tx) => {
    const v = await repo.findVariant(tx, variantId);
    if (!v) throw notFound('Variant');
    const siblings = (await repo.variantsOf(tx, [v.productId])).filter((s) => s.id !== v.id && s.isActive);
    if (siblings.length === 0) throw conflict('A product needs at least one active variant; archive the product instead');
    let result: 'deleted' | 'archived';
    if (await repo.orderedVariant(tx, variantId)) {
      await repo.updateVariant(tx, variantId, { isActive: false });
      result = 'archived';
    } else {
      await repo.deleteVariant(tx, variantId);
      result = 'deleted';
    }
    await refreshProductDerived(tx, [v.productId]);
    return { result };
  });
}

// ---------- admin: categories ----------

const catOut = (c: repo.CategoryRow | repo.SubcategoryRow) => ({
  id: c.id,
  name: c.name,
  slug: c.slug,
  imageUrl: c.imageUrl,
  sortOrder: c.sortOrder,
  ...('categoryId' in c ? { categoryId: c.categoryId, temperature: c.temperature } : {}),
});

export async function createCategory(deps: AppDeps, input: CategoryInput) {
  const row = await catalogWrite(deps, (tx) =>
    repo.insertCategory(tx, {
      name: input.name,
      slug: input.slug ?? slugify(input.name),
      imageUrl: input.imageUrl ?? null,
      sortOrder: input.sortOrder,
    }),
  );
  return catOut(row);
}

export async function patchCategory(deps: AppDeps, id: string, input: CategoryPatch) {
  if (!isUuid(id)) throw notFound('Category');
  const row = await catalogWrite(deps, async (tx) => {
    const updated = await repo.updateCategory(tx, id, input);
    if (!updated) throw notFound('Category');
    if (input.name !== undefined) await refreshProductDerived(tx, await repo.productIdsInCategory(tx, 'category', id));
    return updated;
  });
  return catOut(row);
}

export async function removeCategory(deps: AppDeps, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound('Category');
  await catalogWrite(deps, async (tx) => {
    const usage = await repo.countUsage(tx, 'category', id);
    if (usage.products || usage.subcategories)
      throw conflict(
        `The category still has ${usage.products} product(s) and ${usage.subcategories} subcategorie(s); move or delete them first`,
        usage,
      );
    if (!(await repo.deleteCategory(tx, id))) throw notFound('Category');
  });
}

export async function createSubcategory(deps: AppDeps, input: SubcategoryInput) {
  const row = await catalogWrite(deps, async (tx) => {
    const c = await repo.findCategory(tx, input.categoryId);
    if (!c) throw badRequest('categoryId: category does not exist');
    return repo.insertSubcategory(tx, {
      categoryId: c.id,
      name: input.name,
      slug: input.slug ?? slugify(input.name),
      imageUrl: input.imageUrl ?? null,
      sortOrder: input.sortOrder,
      temperature: input.temperature,
    });
  });
  return catOut(row);
}

export async function patchSubcategory(deps: AppDeps, id: string, input: SubcategoryPatch) {
  if (!isUuid(id)) throw notFound('Subcategory');
  const row = await catalogWrite(deps, async (tx) => {
    const current = await repo.findSubcategory(tx, id);
    if (!current) throw notFound('Subcategory');
    if (input.categoryId && input.categoryId !== current.categoryId) {
      const usage = await repo.countUsage(tx, 'subcategory', id);
      if (usage.products) throw conflict('Products use this subcategory; it cannot move to another category', usage);
      if (!(await repo.findCategory(tx, input.categoryId))) throw badRequest('categoryId: category does not exist');
    }
    const updated = await repo.updateSubcategory(tx, id, input);
    if (input.name !== undefined) await refreshProductDerived(tx, await repo.productIdsInCategory(tx, 'subcategory', id));
    return updated!;
  });
  return catOut(row);
}

export async function removeSubcategory(deps: AppDeps, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound('Subcategory');
  await catalogWrite(deps, async (tx) => {
    const usage = await repo.countUsage(tx, 'subcategory', id);
    if (usage.products) throw conflict(`${usage.products} product(s) still use this subcategory`, usage);
    if (!(await repo.deleteSubcategory(tx, id))) throw notFound('Subcategory');
  });
}
