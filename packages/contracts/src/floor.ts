/** The store floor's API: the pick queue, claims, pick lines, packing and the bag label. */
import { z } from 'zod';
import { Id } from './common';
import { SHORT_REASONS, TEMPERATURES, WHEN_SHORT } from './floor-rules';

export const ShortReason = z.enum(SHORT_REASONS);
export const WhenShort = z.enum(WHEN_SHORT);
export const SubstitutionStatus = z.enum(['proposed', 'accepted', 'declined', 'expired', 'sent']);

/** A picker's proposed replacement for a short line, as the picker and the customer see it. */
export const SubstitutionView = z.object({
  /** The short line's variant (what it replaces). */
  forVariantId: Id,
  variantId: Id,
  productId: Id,
  name: z.string(),
  label: z.string(),
  imageUrl: z.string().nullable(),
  /** What one unit costs the customer: its own price, never more than the unit it replaces. */
  price: z.number().int(),
  mrp: z.number().int(),
  quantity: z.number().int(),
  status: SubstitutionStatus,
  /** Agreed on the phone ("call me"), not in the app. */
  byPhone: z.boolean(),
  proposedAt: z.string(),
  /** The customer's answer is due by then; no answer is a refund. */
  expiresAt: z.string(),
  answeredAt: z.string().nullable(),
});
export type SubstitutionView = z.infer<typeof SubstitutionView>;

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
  /** The customer's choice should this line be short. */
  whenShort: WhenShort,
  /** The replacement proposed for this line (short lines only), null when none. */
  substitution: SubstitutionView.nullable(),
});
export type PickLine = z.infer<typeof PickLine>;

export const Pick = z.object({
  orderId: Id,
  number: z.string(),
  status: z.string(),
  storeId: Id,
  customerFirstName: z.string(),
  /** The number to ring for a short line whose customer asked to be called; null when no line asks. */
  customerPhone: z.string().nullable(),
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

/** A variant a picker may propose for a short line: same subcategory, in stock, at most 10 % dearer. */
export const SubstituteOption = z.object({
  variantId: Id,
  productId: Id,
  name: z.string(),
  label: z.string(),
  imageUrl: z.string().nullable(),
  /** Its shelf price. */
  shelfPrice: z.number().int(),
  /** What the customer would pay per unit (never more than the original). */
  price: z.number().int(),
  mrp: z.number().int(),
  available: z.number().int(),
  bin: z.string().nullable(),
  barcode: z.string().nullable(),
});
export type SubstituteOption = z.infer<typeof SubstituteOption>;
export const SubstituteOptionsResponse = z.object({ options: z.array(SubstituteOption) });
export type SubstituteOptionsResponse = z.infer<typeof SubstituteOptionsResponse>;

/**
 * Proposes a replacement for a short line: `variantId` is the short line's, `substituteVariantId` what to
 * send instead (scanned: `barcode` must be its own). `byPhone` when the customer agreed on the call they
 * asked for; otherwise they answer in the app within SUBSTITUTION_ANSWER_SECONDS.
 */
export const ProposeSubstitutionBody = z
  .object({
    variantId: Id,
    substituteVariantId: Id,
    barcode: z.string().trim().min(1).max(64).optional(),
    byPhone: z.boolean().optional(),
  })
  .strict();
export type ProposeSubstitutionBody = z.infer<typeof ProposeSubstitutionBody>;

/** The customer's answer to a proposed substitute. */
export const AnswerSubstitutionBody = z.object({ accept: z.boolean() }).strict();
export type AnswerSubstitutionBody = z.infer<typeof AnswerSubstitutionBody>;
export const SubstitutionParams = z.object({ id: Id, variantId: Id }).strict();

/** The picker rang the customer who asked to be called about a short line: what came of it. */
export const CallOutcomeBody = z
  .object({ outcome: z.enum(['agreed_substitute', 'refund', 'no_answer']), note: z.string().trim().max(300).optional() })
  .strict();
export type CallOutcomeBody = z.infer<typeof CallOutcomeBody>;
