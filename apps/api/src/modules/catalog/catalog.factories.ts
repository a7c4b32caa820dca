/**
 * Catalogue test data through the real tables: categories, products with variants, stores and stock.
 * Exported for other modules' tests (cart, checkout, orders). Every write bumps the catalogue version,
 * as the admin API does, so cached pages and the search vocabulary see the new data at once.
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  categories,
  productSubcategories,
  products,
  stock,
  stores,
  subcategories,
  variants,
  type ProductDetail,
  type ProductImage,
} from '../../db/schema/index';
import type { TestApp } from '../../test/harness';
import { catalogCache } from './catalog.cache';
import { refreshProductDerived } from './catalog.derived';

const uniq = () => randomBytes(4).toString('hex');

export interface TestCategory {
  id: string;
  name: string;
  slug: string;
}
export interface TestSubcategory extends TestCategory {
  categoryId: string;
}
export interface TestVariant {
  id: string;
  label: string;
  sku: string;
  price: number;
  mrp: number;
  maxPerOrder: number;
}
export interface TestProduct {
  id: string;
  name: string;
  slug: string;
  brand: string;
  categoryId: string;
  variants: TestVariant[];
}
export interface TestStore {
  id: string;
  name: string;
  slug: string;
  lat: number;
  lng: number;
  radiusKm: number;
  pincodes: string[];
  prepMinutes: number;
}

export async function createCategory(t: TestApp, o: { name?: string; slug?: string; sortOrder?: number } = {}): Promise<TestCategory> {
  const name = o.name ?? `Category ${uniq()}`;
  const [row] = await t.deps.db
    .insert(categories)
    .values({ name, slug: o.slug ?? `cat-${uniq()}`, sortOrder: o.sortOrder ?? 0 })
    .returning({ id: categories.id, name: categories.name, slug: categories.slug });
  await catalogCache(t.deps).bump();
  return row!;
}

export async function createSubcategory(
  t: TestApp,
  categoryId: string,
  o: { name?: string; slug?: string; sortOrder?: number } = {},
): Promise<TestSubcategory> {
  const [row] = await t.deps.db
    .insert(subcategories)
    .values({ categoryId, name: o.name ?? `Sub ${uniq()}`, slug: o.slug ?? `sub-${uniq()}`, sortOrder: o.sortOrder ?? 0 })
    .returning({ id: subcategories.id, name: subcategories.name, slug: subcategories.slug, categoryId: subcategories.categoryId });
  await catalogCache(t.deps).bump();
  return row!;
}

export interface ProductOverrides {
  name?: string;
  slug?: string;
  brand?: string;
  description?: string;
  /** Defaults to a fresh category. */
  categoryId?: string;
  subcategoryIds?: string[];
  isActive?: boolean;
  archived?: boolean;
  createdAt?: Date;
  images?: ProductImage[];
  details?: ProductDetail[];
  /** Defaults to one variant "1 pc" at ₹50 (MRP ₹60). */
  variants?: Array<{ label?: string; price: number; mrp?: number; maxPerOrder?: number; sku?: string; isActive?: boolean }>;
}

export async function createProduct(t: TestApp, o: ProductOverrides = {}): Promise<TestProduct> {
  const db = t.deps.db;
  const categoryId = o.categoryId ?? (await createCategory(t)).id;
  const name = o.name ?? `Product ${uniq()}`;
  const result = await db.transaction(async (tx) => {
    const [p] = await tx
      .insert(products)
      .values({
        categoryId,
        name,
        slug: o.slug ?? `p-${uniq()}`,
        brand: o.brand ?? 'Testbrand',
        description: o.description ?? '',
        isActive: o.isActive ?? true,
        archivedAt: o.archived ? new Date() : null,
        images: o.images ?? [],
        details: o.details ?? [],
        ...(o.createdAt ? { createdAt: o.createdAt } : {}),
      })
      .returning({ id: products.id, name: products.name, slug: products.slug, brand: products.brand });
    if (o.subcategoryIds?.length)
      await tx.insert(productSubcategories).values(o.subcategoryIds.map((subcategoryId) => ({ productId: p!.id, subcategoryId })));
    const specs = o.variants ?? [{ label: '1 pc', price: 5000, mrp: 6000 }];
    const vs = await tx
      .insert(variants)
      .values(
        specs.map((v, i) => ({
          productId: p!.id,
          label: v.label ?? `${i + 1} pc`,
          sku: v.sku ?? `SKU-${uniq()}-${i}`,
          price: v.price,
          mrp: v.mrp ?? v.price,
          maxPerOrder: v.maxPerOrder ?? 10,
          sortOrder: i,
          isActive: v.isActive ?? true,
        })),
      )
      .returning({
        id: variants.id,
        label: variants.label,
        sku: variants.sku,
        price: variants.price,
        mrp: variants.mrp,
        maxPerOrder: variants.maxPerOrder,
      });
    await refreshProductDerived(tx, [p!.id]);
    return { ...p!, categoryId, variants: vs };
  });
  await catalogCache(t.deps).bump();
  return result;
}

export async function createStore(
  t: TestApp,
  o: Partial<Omit<TestStore, 'id'>> & {
    isActive?: boolean;
  } & Partial<Pick<typeof stores.$inferInsert, 'zone' | 'timeZone' | 'weeklyHours' | 'closures' | 'state' | 'stateReason' | 'stateUntil' | 'ordersPerWindow' | 'slotCapacity'>> = {},
): Promise<TestStore> {
  const [row] = await t.deps.db
    .insert(stores)
    .values({
      name: o.name ?? `Store ${uniq()}`,
      slug: o.slug ?? `store-${uniq()}`,
      lat: o.lat ?? 12.9716,
      lng: o.lng ?? 77.5946,
      radiusKm: o.radiusKm ?? 3,
      pincodes: o.pincodes ?? [],
      prepMinutes: o.prepMinutes ?? 3,
      isActive: o.isActive ?? true,
      zone: o.zone ?? null,
      timeZone: o.timeZone ?? 'Asia/Kolkata',
      weeklyHours: o.weeklyHours ?? [],
      closures: o.closures ?? [],
      state: o.state ?? 'open',
      stateReason: o.stateReason ?? null,
      stateUntil: o.stateUntil ?? null,
      ordersPerWindow: o.ordersPerWindow ?? null,
      slotCapacity: o.slotCapacity ?? 10,
    })
    .returning({
      id: stores.id,
      name: stores.name,
      slug: stores.slug,
      lat: stores.lat,
      lng: stores.lng,
      radiusKm: stores.radiusKm,
      pincodes: stores.pincodes,
      prepMinutes: stores.prepMinutes,
    });
  return row!;
}

/** Sets on_hand (and optionally reserved) directly, without an audit row: test setup, not a stock change. */
export async function setStock(t: TestApp, storeId: string, variantId: string, onHand: number, reserved = 0): Promise<void> {
  await t.deps.db
    .insert(stock)
    .values({ storeId, variantId, onHand, reserved })
    .onConflictDoUpdate({ target: [stock.storeId, stock.variantId], set: { onHand, reserved } });
  await catalogCache(t.deps).bump();
}

export async function getStock(t: TestApp, storeId: string, variantId: string) {
  const [row] = await t.deps.db
    .select({ onHand: stock.onHand, reserved: stock.reserved })
    .from(stock)
    .where(and(eq(stock.storeId, storeId), eq(stock.variantId, variantId)));
  return row;
}
