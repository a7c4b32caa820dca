import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { SHORT_REASONS, TEMPERATURES } from '@fatafat/contracts/floor-rules';
import { tz } from './columns';
import { stores } from './catalog';
import { orders } from './orders';
import { users } from './users';

/**
 * A picker's claim on an order. The primary key is the order: a second claim cannot be written, which is
 * what makes claims race-safe. Open while packed_at is null; packing closes it with the bag count.
 */
export const picks = pgTable(
  'picks',
  {
    orderId: uuid('order_id')
      .primaryKey()
      .references(() => orders.id, { onDelete: 'cascade' }),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    pickerId: uuid('picker_id')
      .notNull()
      .references(() => users.id),
    claimedAt: tz('claimed_at').notNull().defaultNow(),
    packedAt: tz('packed_at'),
    bags: integer('bags'),
  },
  (t) => [
    index('picks_open_picker_ix').on(t.pickerId).where(sql`${t.packedAt} IS NULL`),
    index('picks_store_claimed_ix').on(t.storeId, t.claimedAt),
    check('picks_bags_ck', sql`${t.bags} is null or ${t.bags} between 1 and 50`),
    check('picks_packed_ck', sql`(${t.packedAt} is null) = (${t.bags} is null)`),
  ],
);

/**
 * One line of a pick, in walking order (position), with the bin and temperature it was claimed with.
 * Answered once: found (scanned or a manual "found"), and the reason when fewer than ordered.
 */
export const pickLines = pgTable(
  'pick_lines',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => picks.orderId, { onDelete: 'cascade' }),
    variantId: uuid('variant_id').notNull(),
    position: integer('position').notNull(),
    temperature: text('temperature', { enum: TEMPERATURES }).notNull(),
    bin: text('bin'),
    quantity: integer('quantity').notNull(),
    found: integer('found'),
    scanned: boolean('scanned').notNull().default(false),
    shortReason: text('short_reason', { enum: SHORT_REASONS }),
    pickedAt: tz('picked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.variantId] }),
    check('pick_lines_quantity_ck', sql`${t.quantity} > 0`),
    check('pick_lines_found_ck', sql`${t.found} is null or ${t.found} between 0 and ${t.quantity}`),
    check('pick_lines_answered_ck', sql`(${t.found} is null) = (${t.pickedAt} is null)`),
    check('pick_lines_short_ck', sql`${t.found} is null or (${t.found} = ${t.quantity}) = (${t.shortReason} is null)`),
    check('pick_lines_reason_ck', sql`${t.shortReason} is null or ${t.shortReason} in ('not_on_shelf', 'damaged', 'expired')`),
  ],
);

export const SUBSTITUTION_STATUSES = ['proposed', 'accepted', 'declined', 'expired', 'sent'] as const;

/**
 * A picker's proposal for one short line (one per line). Its units are reserved while proposed or
 * accepted and released when declined or expired; at packing an accepted one becomes an order item
 * (status sent), charged at the lower of its price and the original's.
 */
export const substitutions = pgTable(
  'substitutions',
  {
    orderId: uuid('order_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    substituteVariantId: uuid('substitute_variant_id').notNull(),
    storeId: uuid('store_id').notNull(),
    quantity: integer('quantity').notNull(),
    /** What one substitute unit costs the customer (≤ the original's unit price). */
    price: integer('price').notNull(),
    mrp: integer('mrp').notNull(),
    status: text('status', { enum: SUBSTITUTION_STATUSES }).notNull().default('proposed'),
    /** Agreed with the customer on the phone ("call me"): accepted when proposed. */
    byPhone: boolean('by_phone').notNull().default(false),
    proposedBy: uuid('proposed_by')
      .notNull()
      .references(() => users.id),
    proposedAt: tz('proposed_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
    answeredAt: tz('answered_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.variantId] }),
    foreignKey({ name: 'substitutions_pick_line_fk', columns: [t.orderId, t.variantId], foreignColumns: [pickLines.orderId, pickLines.variantId] }).onDelete('cascade'),
    index('substitutions_open_ix').on(t.expiresAt).where(sql`${t.status} = 'proposed'`),
    check('substitutions_quantity_ck', sql`${t.quantity} > 0`),
    check('substitutions_price_ck', sql`${t.price} >= 0 and ${t.mrp} >= 0`),
    check('substitutions_status_ck', sql`${t.status} in ('proposed', 'accepted', 'declined', 'expired', 'sent')`),
    check('substitutions_other_ck', sql`${t.substituteVariantId} <> ${t.variantId}`),
    check('substitutions_answered_ck', sql`(${t.status} = 'proposed') = (${t.answeredAt} is null)`),
  ],
);
