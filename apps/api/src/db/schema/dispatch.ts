import { sql } from 'drizzle-orm';
import { bigserial, check, doublePrecision, index, integer, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tz, updatedAt } from './columns';
import { stores } from './catalog';
import { orders } from './orders';
import { users } from './users';

/** A rider's time on duty at their store; at most one open shift per rider. */
export const riderShifts = pgTable(
  'rider_shifts',
  {
    id: id(),
    riderId: uuid('rider_id')
      .notNull()
      .references(() => users.id),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    startedAt: tz('started_at').notNull().defaultNow(),
    endedAt: tz('ended_at'),
  },
  (t) => [
    uniqueIndex('rider_shifts_open_uq').on(t.riderId).where(sql`${t.endedAt} IS NULL`),
    index('rider_shifts_store_open_ix').on(t.storeId).where(sql`${t.endedAt} IS NULL`),
    index('rider_shifts_store_started_ix').on(t.storeId, t.startedAt),
    check('rider_shifts_span_ck', sql`${t.endedAt} IS NULL OR ${t.endedAt} >= ${t.startedAt}`),
  ],
);

/** The latest trusted position per rider, when Redis does not hold it. */
export const riderPositions = pgTable('rider_positions', {
  riderId: uuid('rider_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
  accuracy: real('accuracy').notNull(),
  heading: real('heading'),
  speed: real('speed'),
  at: tz('at').notNull(),
});

/** The route trail of a delivery on its way, pruned after a configurable number of days. */
export const riderTrail = pgTable(
  'rider_trail',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    riderId: uuid('rider_id').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    at: tz('at').notNull(),
  },
  (t) => [index('rider_trail_order_ix').on(t.orderId, t.at), index('rider_trail_at_ix').on(t.at)],
);

export const DELIVERY_STATES = ['waiting', 'offered', 'assigned', 'picked_up', 'unreachable', 'delivered', 'returned', 'cancelled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** Dispatch of one order: not an order status but its own record, one rider per order. */
export const deliveries = pgTable(
  'deliveries',
  {
    orderId: uuid('order_id')
      .primaryKey()
      .references(() => orders.id, { onDelete: 'cascade' }),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    state: text('state', { enum: DELIVERY_STATES }).notNull().default('waiting'),
    riderId: uuid('rider_id').references(() => users.id),
    shiftId: uuid('shift_id').references(() => riderShifts.id),
    codeAttempts: integer('code_attempts').notNull().default(0),
    lockedAt: tz('locked_at'),
    waitingSince: tz('waiting_since').notNull().defaultNow(),
    assignedAt: tz('assigned_at'),
    pickedUpAt: tz('picked_up_at'),
    arrivedAt: tz('arrived_at'),
    unreachableAt: tz('unreachable_at'),
    finishedAt: tz('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('deliveries_store_state_ix').on(t.storeId, t.state),
    index('deliveries_rider_ix').on(t.riderId, t.state),
    index('deliveries_shift_ix').on(t.shiftId),
    check(
      'deliveries_state_ck',
      sql`${t.state} in ('waiting', 'offered', 'assigned', 'picked_up', 'unreachable', 'delivered', 'returned', 'cancelled')`,
    ),
    check(
      'deliveries_rider_ck',
      sql`${t.state} not in ('assigned', 'picked_up', 'unreachable', 'delivered', 'returned') OR (${t.riderId} IS NOT NULL AND ${t.shiftId} IS NOT NULL)`,
    ),
    check('deliveries_attempts_ck', sql`${t.codeAttempts} >= 0`),
  ],
);

export const OFFER_STATUSES = ['open', 'accepted', 'declined', 'expired', 'withdrawn'] as const;

/** An order offered to one rider for a short while. At most one open offer per order and per rider. */
export const deliveryOffers = pgTable(
  'delivery_offers',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    riderId: uuid('rider_id')
      .notNull()
      .references(() => users.id),
    shiftId: uuid('shift_id')
      .notNull()
      .references(() => riderShifts.id),
    status: text('status', { enum: OFFER_STATUSES }).notNull().default('open'),
    offeredAt: tz('offered_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
    answeredAt: tz('answered_at'),
  },
  (t) => [
    uniqueIndex('delivery_offers_order_open_uq').on(t.orderId).where(sql`${t.status} = 'open'`),
    uniqueIndex('delivery_offers_rider_open_uq').on(t.riderId).where(sql`${t.status} = 'open'`),
    index('delivery_offers_expiry_ix').on(t.expiresAt).where(sql`${t.status} = 'open'`),
    index('delivery_offers_order_ix').on(t.orderId, t.riderId),
    check('delivery_offers_status_ck', sql`${t.status} in ('open', 'accepted', 'declined', 'expired', 'withdrawn')`),
  ],
);

/** Who did what to a delivery by hand (manual assignment, unlock, unreachable, re-attempt, return). */
export const deliveryLog = pgTable(
  'delivery_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role').notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('delivery_log_order_ix').on(t.orderId, t.id)],
);

export const CASH_KINDS = ['cash', 'upi', 'deposit'] as const;
export type CashKind = (typeof CASH_KINDS)[number];

/** Append-only: what each rider collected per order (cash or UPI to the store) and what they deposited. */
export const riderCash = pgTable(
  'rider_cash',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shiftId: uuid('shift_id')
      .notNull()
      .references(() => riderShifts.id),
    riderId: uuid('rider_id')
      .notNull()
      .references(() => users.id),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    orderId: uuid('order_id').references(() => orders.id),
    kind: text('kind', { enum: CASH_KINDS }).notNull(),
    /** Paise. */
    amount: integer('amount').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('rider_cash_order_uq').on(t.orderId).where(sql`${t.orderId} IS NOT NULL`),
    index('rider_cash_shift_ix').on(t.shiftId),
    index('rider_cash_store_ix').on(t.storeId, t.createdAt),
    check('rider_cash_kind_ck', sql`${t.kind} in ('cash', 'upi', 'deposit')`),
    check('rider_cash_amount_ck', sql`${t.amount} >= 0`),
    check('rider_cash_order_ck', sql`(${t.kind} = 'deposit') = (${t.orderId} IS NULL)`),
  ],
);
