/** Every Drizzle call of the cart module (and the variant/address reads checkout shares). */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { WhenShort } from '@fatafat/contracts/floor-rules';
import type { DbOrTx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { addresses, cartItems, carts, products, stock, users, variants } from '../../db/schema/index';

export type AddressRow = typeof addresses.$inferSelect;

/** The chosen address when it is the user's, else null; without an id the default (or newest) address. */
export async function findAddressFor(db: DbOrTx, userId: string, addressId?: string): Promise<AddressRow | null> {
  if (addressId) {
    const [row] = await db
      .select()
      .from(addresses)
      .where(and(eq(addresses.id, addressId), eq(addresses.userId, userId)));
    return row ?? null;
  }
  const [row] = await db
    .select()
    .from(addresses)
    .where(eq(addresses.userId, userId))
    .orderBy(desc(addresses.isDefault), desc(addresses.createdAt))
    .limit(1);
  return row ?? null;
}

export interface VariantLine {
  variantId: string;
  productId: string;
  name: string;
  slug: string;
  label: string;
  imageUrl: string | null;
  price: number;
  mrp: number;
  maxPerOrder: number;
  /** Variant and product are on sale. */
  onSale: boolean;
  /** on_hand − reserved at the store asked about (0 without a stock row or without a store). */
  stockAvailable: number;
}

const imageUrl = sql<string | null>`${products.images} -> 0 ->> 'url'`;

const variantLines = preparedQuery((db) =>
  db
    .select({
      variantId: variants.id,
      productId: products.id,
      name: products.name,
      slug: products.slug,
      label: variants.label,
      imageUrl,
      price: variants.price,
      mrp: variants.mrp,
      maxPerOrder: variants.maxPerOrder,
      onSale: sql<boolean>`(${variants.isActive} and ${products.isActive} and ${products.archivedAt} is null)`,
      // A null store matches no stock row, so it reads 0.
      stockAvailable: sql<number>`coalesce(${stock.onHand} - ${stock.reserved}, 0)::int`,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .leftJoin(stock, and(eq(stock.variantId, variants.id), eq(stock.storeId, sql.placeholder('storeId'))))
    .where(sql`${variants.id} = any(${sql.placeholder('ids')}::uuid[])`)
    .prepare('variant_lines'),
);

/** Variants with their product and the stock free at storeId, in the order the ids were given. */
export async function findVariantLines(db: DbOrTx, variantIds: string[], storeId: string | null): Promise<VariantLine[]> {
  if (variantIds.length === 0) return [];
  const rows = await variantLines(db).execute({ ids: variantIds, storeId });
  const byId = new Map(rows.map((r) => [r.variantId, r]));
  return variantIds.flatMap((id) => byId.get(id) ?? []);
}

export async function findVariantCap(db: DbOrTx, variantId: string): Promise<{ maxPerOrder: number; onSale: boolean } | null> {
  const [row] = await db
    .select({
      maxPerOrder: variants.maxPerOrder,
      onSale: sql<boolean>`(${variants.isActive} and ${products.isActive} and ${products.archivedAt} is null)`,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(variants.id, variantId));
  return row ?? null;
}

/** The cart's lines, each with what to do should it come up short (the line's choice, else the profile's). */
export async function findCartItems(db: DbOrTx, userId: string): Promise<Array<{ variantId: string; quantity: number; whenShort: WhenShort }>> {
  return db
    .select({
      variantId: cartItems.variantId,
      quantity: cartItems.quantity,
      whenShort: sql<WhenShort>`coalesce(${cartItems.whenShort}, ${users.whenShort})`,
    })
    .from(cartItems)
    .innerJoin(users, eq(users.id, cartItems.userId))
    .where(eq(cartItems.userId, userId))
    .orderBy(cartItems.addedAt, cartItems.variantId);
}

export async function setLineWhenShort(db: DbOrTx, userId: string, variantId: string, whenShort: WhenShort): Promise<boolean> {
  const rows = await db
    .update(cartItems)
    .set({ whenShort })
    .where(and(eq(cartItems.userId, userId), eq(cartItems.variantId, variantId)))
    .returning({ variantId: cartItems.variantId });
  return rows.length > 0;
}

export async function findCartRow(db: DbOrTx, userId: string): Promise<{ couponCode: string | null; tip: number } | null> {
  const [row] = await db.select({ couponCode: carts.couponCode, tip: carts.tip }).from(carts).where(eq(carts.userId, userId));
  return row ?? null;
}

/** Adds to a line (or creates it), never above cap: one statement, so double-clicks cannot exceed it. */
export async function addToLine(db: DbOrTx, userId: string, variantId: string, quantity: number, cap: number): Promise<void> {
  await db
    .insert(cartItems)
    .values({ userId, variantId, quantity: Math.min(quantity, cap) })
    .onConflictDoUpdate({
      target: [cartItems.userId, cartItems.variantId],
      set: { quantity: sql`least(${cartItems.quantity} + ${quantity}, ${cap})` },
    });
}

export async function setLineQuantity(db: DbOrTx, userId: string, variantId: string, quantity: number): Promise<boolean> {
  const rows = await db
    .update(cartItems)
    .set({ quantity })
    .where(and(eq(cartItems.userId, userId), eq(cartItems.variantId, variantId)))
    .returning({ v: cartItems.variantId });
  return rows.length > 0;
}

export async function deleteLine(db: DbOrTx, userId: string, variantId: string): Promise<void> {
  await db.delete(cartItems).where(and(eq(cartItems.userId, userId), eq(cartItems.variantId, variantId)));
}

/** Empties the cart: lines, coupon and tip. */
export async function clearCart(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(cartItems).where(eq(cartItems.userId, userId));
  await db.update(carts).set({ couponCode: null, tip: 0, updatedAt: new Date() }).where(eq(carts.userId, userId));
}

export async function saveCartSettings(db: DbOrTx, userId: string, set: { couponCode?: string | null; tip?: number }): Promise<void> {
  await db
    .insert(carts)
    .values({ userId, couponCode: set.couponCode ?? null, tip: set.tip ?? 0 })
    .onConflictDoUpdate({ target: carts.userId, set: { ...set, updatedAt: new Date() } });
}

/** Variants that exist, with their cap, for merging a guest cart. */
export async function findCaps(db: DbOrTx, variantIds: string[]): Promise<Map<string, number>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db
    .select({ id: variants.id, maxPerOrder: variants.maxPerOrder })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(inArray(variants.id, variantIds), eq(variants.isActive, true), eq(products.isActive, true), isNull(products.archivedAt)));
  return new Map(rows.map((r) => [r.id, r.maxPerOrder]));
}
