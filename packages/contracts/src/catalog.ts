/** Catalogue: categories, subcategories, products with variants, search and the admin catalogue API. */
import { z } from 'zod';
import { Id, Paise } from './common';
import { TEMPERATURES, isEan13 } from './floor-rules';
import { GstRate, Hsn } from './invoices';

const Slug = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single dashes');
/** A category or subcategory referenced by id or by slug. */
const IdOrSlug = z.string().trim().min(1).max(120);
const Bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const ProductImage = z.object({
  url: z.string().min(1).max(2000),
  width: z.number().int().min(1).max(10_000),
  height: z.number().int().min(1).max(10_000),
  alt: z.string().max(300).optional(),
});
export type ProductImage = z.infer<typeof ProductImage>;

export const ProductDetail = z.object({ label: z.string().min(1).max(100), value: z.string().min(1).max(2000) });
export type ProductDetail = z.infer<typeof ProductDetail>;

// ---------- public reads ----------

export const SubcategorySummary = z.object({
  id: Id,
  name: z.string(),
  slug: z.string(),
  imageUrl: z.string().nullable(),
});
/** Subcategories say where their products are kept on the floor (the admin console edits it). */
export const SubcategoryListed = SubcategorySummary.extend({ temperature: z.enum(TEMPERATURES) });
export const CategoryWithSubs = SubcategorySummary.extend({ subcategories: z.array(SubcategoryListed) });
export const CategoryListResponse = z.object({ items: z.array(CategoryWithSubs) });
export type CategoryListResponse = z.infer<typeof CategoryListResponse>;

export const PRODUCT_SORTS = ['relevance', 'price_asc', 'price_desc', 'discount', 'newest'] as const;
export const ProductSort = z.enum(PRODUCT_SORTS);
export type ProductSort = z.infer<typeof ProductSort>;

export const ProductListQuery = z.object({
  category: IdOrSlug.optional(),
  subcategory: IdOrSlug.optional(),
  minPrice: z.coerce.number().int().min(0).max(2_000_000_000).optional(),
  maxPrice: z.coerce.number().int().min(0).max(2_000_000_000).optional(),
  /** The seed's price filter in paise: "min-max", "min-", "-max" or a bare maximum. */
  price: z
    .string()
    .regex(/^(\d{1,9})?(-(\d{1,9})?)?$/, 'must be "min-max" or a maximum, in paise')
    .optional(),
  brand: z.string().trim().min(1).max(200).optional(),
  q: z.string().trim().max(100).optional(),
  sort: ProductSort.optional(),
  /** Store whose stock decides availability; defaults to the customer's saved location. */
  store: Id.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(24),
});
export type ProductListQuery = z.infer<typeof ProductListQuery>;

export const VariantCard = z.object({
  id: Id,
  label: z.string(),
  price: Paise,
  mrp: Paise,
  discountPercent: z.number().int().min(0).max(100),
  maxPerOrder: z.number().int(),
  available: z.boolean(),
  /** A handful left at the chosen store. */
  fewLeft: z.boolean(),
});
export type VariantCard = z.infer<typeof VariantCard>;

export const ProductCard = z.object({
  id: Id,
  name: z.string(),
  slug: z.string(),
  brand: z.string(),
  imageUrl: z.string().nullable(),
  variants: z.array(VariantCard),
});
export type ProductCard = z.infer<typeof ProductCard>;

export const ProductListResponse = z.object({
  items: z.array(ProductCard),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
  /** The corrected query when the search fixed a typo. */
  didYouMean: z.string().optional(),
});
export type ProductListResponse = z.infer<typeof ProductListResponse>;

export const ProductDetailResponse = z.object({
  product: ProductCard.extend({
    description: z.string(),
    details: z.array(ProductDetail),
    images: z.array(ProductImage),
    tags: z.array(z.string()),
    category: z.object({ id: Id, name: z.string(), slug: z.string() }),
    subcategories: z.array(z.object({ id: Id, name: z.string(), slug: z.string() })),
  }),
  similar: z.array(ProductCard),
});
export type ProductDetailResponse = z.infer<typeof ProductDetailResponse>;

export const ProductParams = z.object({ idOrSlug: z.string().trim().min(1).max(200) });

export const SuggestQuery = z.object({ q: z.string().trim().max(100).default('') });
export const SuggestResponse = z.object({
  products: z.array(
    z.object({ id: Id, name: z.string(), slug: z.string(), brand: z.string(), imageUrl: z.string().nullable(), price: Paise }),
  ),
  categories: z.array(
    z.object({
      id: Id,
      name: z.string(),
      slug: z.string(),
      kind: z.enum(['category', 'subcategory']),
      /** The parent category's slug, for subcategory links. */
      categorySlug: z.string(),
    }),
  ),
  didYouMean: z.string().optional(),
});
export type SuggestResponse = z.infer<typeof SuggestResponse>;

// ---------- admin writes ----------

/**
 * A shelf price in paise. Capped at ₹1,00,000 so that line totals (price × up to 100 units) and order
 * sums stay well inside PostgreSQL's integer columns.
 */
export const ShelfPrice = z
  .number()
  .int()
  .min(1, 'must be more than 0')
  .max(10_000_000, 'must be at most 10000000 paise (₹1,00,000)');

/** A pack's EAN-13: thirteen digits with a valid check digit. */
export const Ean13 = z
  .string()
  .trim()
  .refine(isEan13, 'must be an EAN-13: 13 digits with a valid check digit');

export const Temperature = z.enum(TEMPERATURES);

export const VariantInput = z
  .object({
    label: z.string().trim().min(1).max(60),
    sku: z.string().trim().min(1).max(64).optional(),
    barcode: Ean13.nullable().optional(),
    mrp: ShelfPrice,
    price: ShelfPrice,
    maxPerOrder: z.number().int().min(1).max(100).default(10),
    sortOrder: z.number().int().min(0).max(10_000).optional(),
    isActive: z.boolean().default(true),
    /** GST classification; left out, an existing variant keeps its own and a new one gets the standard 18 %. */
    hsn: Hsn.nullable().optional(),
    gstRate: GstRate.optional(),
  })
  .strict()
  .refine((v) => v.price <= v.mrp, { message: 'price must not exceed mrp', path: ['price'] });
export type VariantInput = z.infer<typeof VariantInput>;

export const VariantPatch = z
  .object({
    label: z.string().trim().min(1).max(60),
    sku: z.string().trim().min(1).max(64),
    barcode: Ean13.nullable(),
    mrp: ShelfPrice,
    price: ShelfPrice,
    maxPerOrder: z.number().int().min(1).max(100),
    sortOrder: z.number().int().min(0).max(10_000),
    isActive: z.boolean(),
    hsn: Hsn.nullable(),
    gstRate: GstRate,
  })
  .partial()
  .strict();
export type VariantPatch = z.infer<typeof VariantPatch>;

const productFields = {
  /** Category id or slug. */
  category: IdOrSlug,
  name: z.string().trim().min(1).max(200),
  slug: Slug.optional(),
  brand: z.string().trim().max(100).default(''),
  description: z.string().max(5000).default(''),
  details: z.array(ProductDetail).max(30).default([]),
  images: z.array(ProductImage).max(12).default([]),
  tags: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
  isActive: z.boolean().default(true),
  /** Subcategory ids or slugs; each must belong to the product's category. */
  subcategories: z.array(IdOrSlug).max(10).default([]),
};

export const ProductCreate = z
  .object({ ...productFields, variants: z.array(VariantInput).min(1).max(20) })
  .strict();
export type ProductCreate = z.infer<typeof ProductCreate>;

/** A variant as the product editor saves it: with the id of the one it changes, without for a new one. */
export const VariantSave = z
  .object({ id: Id.optional(), ...VariantInput.shape })
  .strict()
  .refine((v) => v.price <= v.mrp, { message: 'price must not exceed mrp', path: ['price'] });
export type VariantSave = z.infer<typeof VariantSave>;

/**
 * PUT replaces every product field. With `variants` it also replaces the pack sizes, all in one
 * transaction: listed ids are changed, entries without an id are added, and variants left out are removed
 * (deactivated when orders refer to them). Without `variants` the pack sizes are left as they are.
 */
export const ProductReplace = z
  .object({ ...productFields, variants: z.array(VariantSave).min(1).max(20).optional() })
  .strict();
export type ProductReplace = z.infer<typeof ProductReplace>;

export const ProductPatch = z
  .object({
    category: IdOrSlug,
    name: z.string().trim().min(1).max(200),
    slug: Slug,
    brand: z.string().trim().max(100),
    description: z.string().max(5000),
    details: z.array(ProductDetail).max(30),
    images: z.array(ProductImage).max(12),
    tags: z.array(z.string().trim().min(1).max(40)).max(30),
    isActive: z.boolean(),
    subcategories: z.array(IdOrSlug).max(10),
  })
  .partial()
  .strict();
export type ProductPatch = z.infer<typeof ProductPatch>;

export const AdminVariant = z.object({
  id: Id,
  label: z.string(),
  sku: z.string(),
  barcode: z.string().nullable(),
  mrp: Paise,
  price: Paise,
  discountPercent: z.number().int(),
  maxPerOrder: z.number().int(),
  sortOrder: z.number().int(),
  isActive: z.boolean(),
  /** HSN code and GST percent printed on the tax invoice. */
  hsn: z.string().nullable(),
  gstRate: z.number().int(),
});
export type AdminVariant = z.infer<typeof AdminVariant>;

export const AdminProduct = z.object({
  id: Id,
  name: z.string(),
  slug: z.string(),
  brand: z.string(),
  description: z.string(),
  details: z.array(ProductDetail),
  images: z.array(ProductImage),
  tags: z.array(z.string()),
  isActive: z.boolean(),
  archivedAt: z.string().nullable(),
  category: z.object({ id: Id, name: z.string(), slug: z.string() }),
  subcategories: z.array(z.object({ id: Id, name: z.string(), slug: z.string() })),
  minPrice: Paise,
  maxDiscount: z.number().int(),
  variants: z.array(AdminVariant),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AdminProduct = z.infer<typeof AdminProduct>;

export const ADMIN_PRODUCT_SORTS = ['name', 'brand', 'minPrice', 'createdAt', 'updatedAt'] as const;
export const AdminProductListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  category: IdOrSlug.optional(),
  status: z.enum(['active', 'inactive', 'archived', 'all']).default('all'),
  brand: z.string().trim().max(100).optional(),
  sort: z.enum(ADMIN_PRODUCT_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type AdminProductListQuery = z.infer<typeof AdminProductListQuery>;

export const AdminProductRow = z.object({
  id: Id,
  name: z.string(),
  slug: z.string(),
  brand: z.string(),
  imageUrl: z.string().nullable(),
  category: z.object({ id: Id, name: z.string(), slug: z.string() }),
  isActive: z.boolean(),
  archivedAt: z.string().nullable(),
  minPrice: Paise,
  maxDiscount: z.number().int(),
  variantCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const AdminProductListResponse = z.object({
  items: z.array(AdminProductRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AdminProductListResponse = z.infer<typeof AdminProductListResponse>;

export const ProductDeleteResponse = z.object({ result: z.enum(['deleted', 'archived']) });

export const BulkProductAction = z
  .object({ ids: z.array(Id).min(1).max(500), action: z.enum(['activate', 'deactivate']) })
  .strict();
export const BulkProductResponse = z.object({ updated: z.number().int() });

export const CategoryInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    slug: Slug.optional(),
    imageUrl: z.string().max(2000).nullable().optional(),
    sortOrder: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();
export type CategoryInput = z.infer<typeof CategoryInput>;
export const CategoryPatch = z
  .object({
    name: z.string().trim().min(1).max(100),
    slug: Slug,
    imageUrl: z.string().max(2000).nullable(),
    sortOrder: z.number().int().min(0).max(10_000),
  })
  .partial()
  .strict();
export type CategoryPatch = z.infer<typeof CategoryPatch>;

export const SubcategoryInput = CategoryInput.extend({ categoryId: Id, temperature: Temperature.default('ambient') }).strict();
export type SubcategoryInput = z.infer<typeof SubcategoryInput>;
export const SubcategoryPatch = CategoryPatch.extend({ categoryId: Id, temperature: Temperature }).partial().strict();
export type SubcategoryPatch = z.infer<typeof SubcategoryPatch>;

export const AdminCategory = z.object({
  id: Id,
  name: z.string(),
  slug: z.string(),
  imageUrl: z.string().nullable(),
  sortOrder: z.number().int(),
  categoryId: Id.optional(),
  /** Subcategories only: where their products are kept (ambient, chilled, frozen). */
  temperature: Temperature.optional(),
});
export type AdminCategory = z.infer<typeof AdminCategory>;

/** Per-row report of a CSV import; nothing is written when any row fails. */
export const CsvImportResponse = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string().optional(), message: z.string() })),
});
export type CsvImportResponse = z.infer<typeof CsvImportResponse>;

export const BoolQuery = Bool;
