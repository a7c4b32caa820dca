import { sql } from 'drizzle-orm';
import { STORE_STATES, type Closure, type HoursRange, type ZoneGeometry } from '@fatafat/contracts/zones';
import {
  bigint,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { TEMPERATURES } from '@fatafat/contracts/floor-rules';
import { createdAt, id, tz, updatedAt } from './columns';

export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export interface ProductImage {
  url: string;
  width: number;
  height: number;
  alt?: string;
}
export interface ProductDetail {
  label: string;
  value: string;
}

export const categories = pgTable('categories', {
  id: id(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  imageUrl: text('image_url'),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const subcategories = pgTable(
  'subcategories',
  {
    id: id(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    imageUrl: text('image_url'),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Where its products are kept on the floor; the pick walk goes ambient → chilled → frozen. */
    temperature: text('temperature', { enum: TEMPERATURES }).notNull().default('ambient'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('subcategories_category_ix').on(t.categoryId),
    check('subcategories_temperature_ck', sql`${t.temperature} in ('ambient', 'chilled', 'frozen')`),
  ],
);

export const products = pgTable(
  'products',
  {
    id: id(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    brand: text('brand').notNull().default(''),
    description: text('description').notNull().default(''),
    details: jsonb('details').$type<ProductDetail[]>().notNull().default([]),
    images: jsonb('images').$type<ProductImage[]>().notNull().default([]),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    isActive: boolean('is_active').notNull().default(true),
    /** Set instead of deleting when orders refer to the product. */
    archivedAt: tz('archived_at'),
    /**
     * Weighted full-text document (name A, brand B, category/subcategory C, description D), written by the
     * catalogue service on every change because it draws on other tables.
     */
    searchVector: tsvector('search_vector'),
    /** Lower-cased "brand name category" text for pg_trgm similarity (typos, partial words). */
    searchText: text('search_text').notNull().default(''),
    /** Lowest active variant price, kept in step by the catalogue service so price sorts need no join. */
    minPrice: integer('min_price').notNull().default(0),
    /** Best discount percent across variants, for the "discount" sort. Derived, never edited directly. */
    maxDiscount: integer('max_discount').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('products_category_ix').on(t.categoryId),
    index('products_search_vector_ix').using('gin', t.searchVector),
    index('products_search_text_trgm_ix').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('products_min_price_ix').on(t.minPrice, t.id),
    index('products_created_ix').on(t.createdAt, t.id),
  ],
);

export const productSubcategories = pgTable(
  'product_subcategories',
  {
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    subcategoryId: uuid('subcategory_id')
      .notNull()
      .references(() => subcategories.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.subcategoryId] }),
    index('product_subcategories_sub_ix').on(t.subcategoryId),
  ],
);

export const variants = pgTable(
  'variants',
  {
    id: id(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    sku: text('sku').notNull().unique(),
    /** EAN-13 printed on the pack (valid check digit, unique); pickers scan it to confirm a line. */
    barcode: text('barcode'),
    /** Paise. */
    mrp: integer('mrp').notNull(),
    /** Paise. */
    price: integer('price').notNull(),
    maxPerOrder: integer('max_per_order').notNull().default(10),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    /** The HSN code printed on the tax invoice (4–8 digits). */
    hsn: text('hsn'),
    /** GST percent inside the shelf price; 18, the standard rate, until someone classifies the variant. */
    gstRate: integer('gst_rate').notNull().default(18),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('variants_product_ix').on(t.productId),
    check('variants_hsn_ck', sql`${t.hsn} is null or ${t.hsn} ~ '^[0-9]{4,8}$'`),
    check('variants_gst_rate_ck', sql`${t.gstRate} in (0, 5, 12, 18, 28)`),
    uniqueIndex('variants_barcode_uq').on(t.barcode),
    check('variants_barcode_ck', sql`${t.barcode} is null or ff_ean13_ok(${t.barcode})`),
    check('variants_price_ck', sql`${t.price} > 0 and ${t.price} <= ${t.mrp}`),
    check('variants_max_per_order_ck', sql`${t.maxPerOrder} between 1 and 100`),
  ],
);

export const stores = pgTable('stores', {
  id: id(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  address: text('address').notNull().default(''),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
  radiusKm: doublePrecision('radius_km').notNull().default(3),
  pincodes: text('pincodes').array().notNull().default(sql`'{}'::text[]`),
  prepMinutes: integer('prep_minutes').notNull().default(3),
  /** The number customers call about a delivery (never a rider's own number). */
  supportPhone: text('support_phone').notNull().default('+918040000000'),
  isActive: boolean('is_active').notNull().default(true),
  /** The delivery zone (GeoJSON Polygon or MultiPolygon, holes not served); null: the radius serves. */
  zone: jsonb('zone').$type<ZoneGeometry>(),
  /** IANA time zone the hours are read in. */
  timeZone: text('time_zone').notNull().default('Asia/Kolkata'),
  /** Opening ranges per weekday; none at all: open around the clock. */
  weeklyHours: jsonb('weekly_hours').$type<HoursRange[]>().notNull().default(sql`'[]'::jsonb`),
  closures: jsonb('closures').$type<Closure[]>().notNull().default(sql`'[]'::jsonb`),
  /** The manager's state; busy may also be the system's (load, cap), paused stops new orders. */
  state: text('state', { enum: STORE_STATES }).notNull().default('open'),
  stateReason: text('state_reason'),
  /** When the manager's state ends by itself (back to open). */
  stateUntil: tz('state_until'),
  /** Orders per 10-minute window before the store counts as busy; null: no cap. */
  ordersPerWindow: integer('orders_per_window'),
  /** Orders each delivery slot takes. */
  slotCapacity: integer('slot_capacity').notNull().default(10),
  /** The floor: may a picker hold several orders at once; the board's budgets (seconds). */
  pickBatching: boolean('pick_batching').notNull().default(false),
  claimBudgetS: integer('claim_budget_s').notNull().default(60),
  packBudgetS: integer('pack_budget_s').notNull().default(150),
  /** The board's budgets after packing (seconds): a sealed bag waiting for its rider, the ride to the door. */
  pickupBudgetS: integer('pickup_budget_s').notNull().default(120),
  deliverBudgetS: integer('deliver_budget_s').notNull().default(900),
  /** The seller on the tax invoice: GST registration, legal name and the state it is registered in. */
  gstin: text('gstin'),
  legalName: text('legal_name').notNull().default(''),
  gstState: text('gst_state').notNull().default(''),
  /** The store's part of its invoice numbers (GGN1/2026-27/000123); unique across stores. */
  invoiceCode: text('invoice_code').unique('stores_invoice_code_uq'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  check('stores_state_ck', sql`${t.state} in ('open', 'busy', 'paused')`),
  check('stores_orders_per_window_ck', sql`${t.ordersPerWindow} is null or ${t.ordersPerWindow} > 0`),
  check('stores_slot_capacity_ck', sql`${t.slotCapacity} >= 0`),
  check('stores_gstin_ck', sql`${t.gstin} is null or ${t.gstin} ~ '^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$'`),
  check('stores_invoice_code_ck', sql`${t.invoiceCode} is null or ${t.invoiceCode} ~ '^[A-Z0-9]{2,8}$'`),
  check('stores_floor_budgets_ck', sql`${t.claimBudgetS} between 5 and 3600 and ${t.packBudgetS} between 10 and 3600`),
  check('stores_dispatch_budgets_ck', sql`${t.pickupBudgetS} between 10 and 3600 and ${t.deliverBudgetS} between 60 and 7200`),
]);

/** Bumped by a statement trigger on every write to stores: the key of every process's store cache. */
export const storeVersions = pgTable(
  'store_versions',
  { id: integer('id').primaryKey().default(1), version: bigint('version', { mode: 'number' }).notNull().default(0) },
  (t) => [check('store_versions_one_row_ck', sql`${t.id} = 1`)],
);

/** Orders a store took in one 10-minute window (the cap's counter). */
export const storeOrderWindows = pgTable(
  'store_order_windows',
  {
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    windowStart: tz('window_start').notNull(),
    orders: integer('orders').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'store_order_windows_pk', columns: [t.storeId, t.windowStart] }),
    check('store_order_windows_orders_ck', sql`${t.orders} >= 0`),
  ],
);

/** A delivery slot someone booked: taken never passes capacity. */
export const deliverySlots = pgTable(
  'delivery_slots',
  {
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    startsAt: tz('starts_at').notNull(),
    capacity: integer('capacity').notNull(),
    taken: integer('taken').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'delivery_slots_pk', columns: [t.storeId, t.startsAt] }),
    check('delivery_slots_taken_ck', sql`${t.taken} >= 0 and ${t.taken} <= ${t.capacity}`),
  ],
);

export const stock = pgTable(
  'stock',
  {
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    /** Bin on this store's floor, `zone-aisle-rack-shelf` (e.g. D-03-B-2); null until placed. */
    bin: text('bin'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.variantId] }),
    index('stock_variant_ix').on(t.variantId),
    check('stock_on_hand_ck', sql`${t.onHand} >= 0`),
    check('stock_reserved_ck', sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`),
    check('stock_bin_ck', sql`${t.bin} is null or ${t.bin} ~ '^[A-Z]-[0-9]{2}-[A-Z]-[0-9]{1,2}$'`),
  ],
);

/** Audit trail of every stock change: who, when, how much, why. */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: id(),
    storeId: uuid('store_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    deltaOnHand: integer('delta_on_hand').notNull().default(0),
    deltaReserved: integer('delta_reserved').notNull().default(0),
    reason: text('reason').notNull(),
    actorId: uuid('actor_id'),
    orderId: uuid('order_id'),
    createdAt: createdAt(),
  },
  (t) => [index('stock_movements_line_ix').on(t.storeId, t.variantId, t.createdAt)],
);

export const uploads = pgTable('uploads', {
  id: id(),
  ownerId: uuid('owner_id'),
  kind: text('kind').notNull(),
  /** Sizes as stored: [{ url, width, height }]. */
  files: jsonb('files').$type<ProductImage[]>().notNull(),
  createdAt: createdAt(),
});

