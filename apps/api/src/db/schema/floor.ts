import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
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
