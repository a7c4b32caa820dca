/** Stock per (store, variant) and its audit trail. */
import { z } from 'zod';
import { Id } from './common';
import { BIN_PATTERN } from './floor-rules';

/** A bin on the store floor, `zone-aisle-rack-shelf`, e.g. D-03-B-2 (lower case is accepted and upper-cased). */
export const Bin = z
  .string()
  .trim()
  .toUpperCase()
  .regex(BIN_PATTERN, 'must be zone-aisle-rack-shelf, e.g. D-03-B-2');

export const StockSet = z
  .object({
    storeId: Id,
    variantId: Id,
    onHand: z.number().int().min(0).max(1_000_000),
    reason: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type StockSet = z.infer<typeof StockSet>;

export const StockAdjust = z
  .object({
    storeId: Id,
    variantId: Id,
    delta: z
      .number()
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .refine((d) => d !== 0, 'must not be 0'),
    reason: z.string().trim().min(1).max(200),
  })
  .strict();
export type StockAdjust = z.infer<typeof StockAdjust>;

/** Places a line on the floor (null takes it off its bin). */
export const StockBinSet = z.object({ storeId: Id, variantId: Id, bin: Bin.nullable() }).strict();
export type StockBinSet = z.infer<typeof StockBinSet>;

export const StockLine = z.object({
  storeId: Id,
  variantId: Id,
  productId: Id,
  productName: z.string(),
  label: z.string(),
  sku: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  /** Where the line sits on this store's floor; null until placed. */
  bin: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type StockLine = z.infer<typeof StockLine>;

export const StockListQuery = z.object({
  storeId: Id.optional(),
  q: z.string().trim().max(100).optional(),
  /** true (at most 5 available), or a threshold. */
  lowStock: z
    .union([z.enum(['true', 'false']), z.coerce.number().int().min(0).max(1_000_000)])
    .optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type StockListQuery = z.infer<typeof StockListQuery>;

export const StockListResponse = z.object({
  items: z.array(StockLine),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const StockMovement = z.object({
  id: Id,
  storeId: Id,
  variantId: Id,
  deltaOnHand: z.number().int(),
  deltaReserved: z.number().int(),
  reason: z.string(),
  actorId: Id.nullable(),
  orderId: Id.nullable(),
  createdAt: z.string(),
});
export const StockMovementsQuery = z.object({
  storeId: Id.optional(),
  variantId: Id.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const StockMovementsResponse = z.object({
  items: z.array(StockMovement),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const StockExportQuery = z.object({ storeId: Id.optional() });

export const UploadResponse = z.object({
  id: Id,
  /** The default size to show. */
  url: z.string(),
  files: z.array(z.object({ url: z.string(), width: z.number().int(), height: z.number().int() })),
});
export type UploadResponse = z.infer<typeof UploadResponse>;
