/** The store floor's API: the pick queue, claims, pick lines, packing and the bag label. */
import { z } from 'zod';
import { Id } from './common';
import { SHORT_REASONS, TEMPERATURES } from './floor-rules';

export const ShortReason = z.enum(SHORT_REASONS);

export const PickLine = z.object({
  variantId: Id,
  productId: Id,
  name: z.string(),
  /** Pack size. */
  label: z.string(),
  imageUrl: z.string().nullable(),
  quantity: z.number().int(),
  bin: z.string().nullable(),
  temperature: z.enum(TEMPERATURES),
  /** What the pack's barcode should read; null when the variant has none (confirm by hand). */
  barcode: z.string().nullable(),
  /** Null until the line is answered. */
  found: z.number().int().nullable(),
  scanned: z.boolean(),
  reason: ShortReason.nullable(),
  pickedAt: z.string().nullable(),
});
export type PickLine = z.infer<typeof PickLine>;

export const Pick = z.object({
  orderId: Id,
  number: z.string(),
  status: z.string(),
  storeId: Id,
  customerFirstName: z.string(),
  placedAt: z.string(),
  promisedAt: z.string(),
  claimedAt: z.string(),
  packedAt: z.string().nullable(),
  bags: z.number().int().nullable(),
  picker: z.object({ id: Id, name: z.string() }),
  /** In walking order: ambient by zone, aisle, rack and shelf, then chilled, then frozen. */
  lines: z.array(PickLine),
  /** Lines answered so far, of all. */
  done: z.number().int(),
  total: z.number().int(),
});
export type Pick = z.infer<typeof Pick>;
export const PickResponse = z.object({ pick: Pick });
export type PickResponse = z.infer<typeof PickResponse>;

export const QueueOrder = z.object({
  orderId: Id,
  number: z.string(),
  placedAt: z.string(),
  promisedAt: z.string(),
  /** Distinct lines and units in the order. */
  lines: z.number().int(),
  units: z.number().int(),
  /** waiting: nobody has claimed it; picking: someone is walking it. */
  state: z.enum(['waiting', 'picking']),
  picker: z.object({ id: Id, name: z.string() }).nullable(),
});
export type QueueOrder = z.infer<typeof QueueOrder>;

export const PickQueueQuery = z.object({ storeId: Id.optional() }).strict();
export const PickQueueResponse = z.object({
  storeId: Id,
  /** Oldest promise first. */
  queue: z.array(QueueOrder),
  /** The caller's own open picks. */
  mine: z.array(Pick),
  /** Whether a picker may hold several orders at once (the manager's switch). */
  batching: z.boolean(),
});
export type PickQueueResponse = z.infer<typeof PickQueueResponse>;

export const ClaimBody = z.object({ orderId: Id.optional() }).strict();
export type ClaimBody = z.infer<typeof ClaimBody>;

export const PickParams = z.object({ orderId: Id }).strict();
export const PickLineParams = z.object({ orderId: Id, variantId: Id }).strict();

/**
 * Answers a line: how many were found; the barcode scanned (absent: a manual "found", logged as
 * unscanned); the reason when fewer than ordered.
 */
export const PickLineBody = z
  .object({
    found: z.number().int().min(0).max(100),
    barcode: z.string().trim().min(1).max(64).optional(),
    reason: ShortReason.optional(),
  })
  .strict();
export type PickLineBody = z.infer<typeof PickLineBody>;

export const PackBody = z.object({ bags: z.number().int().min(1).max(50) }).strict();
export type PackBody = z.infer<typeof PackBody>;

/** What the bag label prints: one label per bag, each with the order's QR for the rider's handover scan. */
export const BagLabel = z.object({
  orderId: Id,
  number: z.string(),
  customerFirstName: z.string(),
  bags: z.number().int(),
  /** The QR payload: the order id. */
  qrText: z.string(),
  /** The QR as an SVG document, ready to inline or print. */
  qrSvg: z.string(),
});
export type BagLabel = z.infer<typeof BagLabel>;
export const PackResponse = z.object({ pick: Pick, label: BagLabel });
export type PackResponse = z.infer<typeof PackResponse>;
