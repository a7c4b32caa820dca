import { sql } from 'drizzle-orm';
import { WHEN_SHORT } from '@fatafat/contracts/floor-rules';
import { ORDER_STATUSES, type OrderStatus } from '@fatafat/contracts/order-rules';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tz, updatedAt } from './columns';
import { stores, variants } from './catalog';
import { users } from './users';

export const carts = pgTable('carts', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  couponCode: text('coupon_code'),
  /** Paise. */
  tip: integer('tip').notNull().default(0),
  updatedAt: updatedAt(),
});

export const cartItems = pgTable(
  'cart_items',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
    /** What to do if the line comes up short; null: the customer's profile default. */
    whenShort: text('when_short', { enum: WHEN_SHORT }),
    addedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.variantId] }),
    check('cart_items_qty_ck', sql`${t.quantity} > 0`),
    check('cart_items_when_short_ck', sql`${t.whenShort} is null or ${t.whenShort} in ('substitute', 'call', 'refund')`),
  ],
);

export const coupons = pgTable(
  'coupons',
  {
    id: id(),
    /** Stored upper-case; customers may type it in any case. */
    code: text('code').notNull().unique(),
    description: text('description').notNull().default(''),
    kind: text('kind', { enum: ['flat', 'percent'] }).notNull(),
    /** Paise for flat coupons, whole percent for percent coupons. */
    value: integer('value').notNull(),
    minOrder: integer('min_order').notNull().default(0),
    maxDiscount: integer('max_discount'),
    startsAt: tz('starts_at'),
    endsAt: tz('ends_at'),
    usageLimit: integer('usage_limit'),
    perUserLimit: integer('per_user_limit'),
    firstOrderOnly: boolean('first_order_only').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    /** Incremented in the checkout transaction with a conditional update, so limits hold under concurrency. */
    usedCount: integer('used_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('coupons_value_ck', sql`${t.value} > 0`),
    check('coupons_used_ck', sql`${t.usageLimit} is null or ${t.usedCount} <= ${t.usageLimit}`),
  ],
);

export const couponRedemptions = pgTable(
  'coupon_redemptions',
  {
    id: id(),
    couponId: uuid('coupon_id')
      .notNull()
      .references(() => coupons.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    orderId: uuid('order_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('coupon_redemptions_order_uq').on(t.orderId), index('coupon_redemptions_user_ix').on(t.couponId, t.userId)],
);

// The statuses live with the rest of the order rules, shared with the web app.
export { ORDER_STATUSES, type OrderStatus };

export interface BillLine {
  code: string;
  label: string;
  amount: number;
}

export interface AddressSnapshot {
  label: string;
  name: string;
  phone: string;
  line1: string;
  line2: string | null;
  landmark: string | null;
  city: string;
  state: string;
  pincode: string;
  lat: number | null;
  lng: number | null;
}

export const orders = pgTable(
  'orders',
  {
    id: id(),
    /** Human-readable, e.g. FF-7K3M9Q2A. */
    number: text('number').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    paymentMethod: text('payment_method', { enum: ['cod', 'card'] }).notNull(),
    paymentStatus: text('payment_status', { enum: ['pending', 'paid', 'failed', 'refunded', 'cod_due'] }).notNull(),
    address: jsonb('address').$type<AddressSnapshot>().notNull(),
    /** The bill exactly as shown to the customer: labelled lines in paise. */
    billLines: jsonb('bill_lines').$type<BillLine[]>().notNull(),
    itemTotal: integer('item_total').notNull(),
    mrpTotal: integer('mrp_total').notNull(),
    fees: integer('fees').notNull().default(0),
    tip: integer('tip').notNull().default(0),
    discount: integer('discount').notNull().default(0),
    total: integer('total').notNull(),
    /** Paise of the total taken from the customer's wallet at checkout; the card or cash pays the rest. */
    walletPaid: integer('wallet_paid').notNull().default(0),
    couponCode: text('coupon_code'),
    etaMinutes: integer('eta_minutes').notNull(),
    promisedAt: tz('promised_at').notNull(),
    /** Card orders hold stock until this moment; the sweeper expires them afterwards. */
    reservationExpiresAt: tz('reservation_expires_at'),
    idempotencyKey: text('idempotency_key'),
    /** A digest of the body the key first came with: the same key with another body is refused. */
    idempotencyFingerprint: text('idempotency_fingerprint'),
    /** A slotted order: the start of its 30-minute delivery window (it waits as `scheduled` until due). */
    slotStartsAt: tz('slot_starts_at'),
    /** Proof of delivery: four digits the customer reads out to the rider at the door (set by the database). */
    deliveryCode: text('delivery_code')
      .notNull()
      .default(sql`lpad((floor(random() * 10000))::int::text, 4, '0')`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('orders_user_created_ix').on(t.userId, t.createdAt),
    index('orders_store_status_ix').on(t.storeId, t.status, t.createdAt),
    // The pick queue and the next claim, oldest promise first.
    index('orders_floor_queue_ix')
      .on(t.storeId, t.promisedAt, t.createdAt, t.id)
      .where(sql`${t.status} in ('confirmed', 'packing')`),
    uniqueIndex('orders_idempotency_uq').on(t.userId, t.idempotencyKey),
    // Background jobs (reservation sweeper, delivery simulator) look up orders by status and age.
    index('orders_status_updated_ix').on(t.status, t.updatedAt),
    index('orders_scheduled_slot_ix').on(t.slotStartsAt).where(sql`${t.status} = 'scheduled'`),
    index('orders_pending_expiry_ix').on(t.reservationExpiresAt).where(sql`${t.status} = 'pending_payment'`),
    check('orders_total_ck', sql`${t.total} = ${t.itemTotal} + ${t.fees} + ${t.tip} - ${t.discount}`),
    check('orders_total_nonneg_ck', sql`${t.total} >= 0`),
    check('orders_wallet_paid_ck', sql`${t.walletPaid} >= 0 and ${t.walletPaid} <= ${t.total}`),
    check('orders_delivery_code_ck', sql`${t.deliveryCode} ~ '^[0-9]{4}$'`),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    name: text('name').notNull(),
    label: text('label').notNull(),
    imageUrl: text('image_url'),
    price: integer('price').notNull(),
    mrp: integer('mrp').notNull(),
    /** The units sent: what was ordered until a short pick lowers it (0 when none of the line was found). */
    quantity: integer('quantity').notNull(),
    /** The units the customer ordered; never changes, so the order shows "1 of 2" after a short pick. */
    orderedQuantity: integer('ordered_quantity').notNull(),
    /** What the customer asked for should this line come up short (copied from the cart at checkout). */
    whenShort: text('when_short', { enum: WHEN_SHORT }).notNull().default('refund'),
    /** On a substitute's line: the variant it replaced. */
    substituteFor: uuid('substitute_for'),
  },
  (t) => [
    index('order_items_order_ix').on(t.orderId),
    check('order_items_qty_ck', sql`${t.quantity} >= 0 and ${t.quantity} <= ${t.orderedQuantity}`),
    check('order_items_ordered_qty_ck', sql`${t.orderedQuantity} > 0`),
    check('order_items_when_short_ck', sql`${t.whenShort} in ('substitute', 'call', 'refund')`),
  ],
);

export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role').notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('order_events_order_ix').on(t.orderId, t.id)],
);

export const PAYMENT_PROVIDERS = ['stripe', 'razorpay'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

export const payments = pgTable(
  'payments',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    provider: text('provider', { enum: PAYMENT_PROVIDERS }).notNull(),
    /** What checkout created at the provider: a Stripe PaymentIntent, a Razorpay order. */
    providerRef: text('provider_ref').notNull(),
    /** Razorpay: the payment (pay_…) that captured the order, which is what refunds name. Null for Stripe. */
    providerPaymentRef: text('provider_payment_ref'),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull().default('inr'),
    status: text('status').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('payments_provider_ref_uq').on(t.provider, t.providerRef), index('payments_order_ix').on(t.orderId)],
);

/** Every webhook event id is recorded once, before it is applied: replays change nothing. */
export const webhookEvents = pgTable('webhook_events', {
  id: text('id').primaryKey(),
  provider: text('provider').notNull(),
  type: text('type').notNull(),
  receivedAt: createdAt(),
});

/**
 * Payment work an order move owes the provider (a refund, a PaymentIntent to cancel), written in the same
 * transaction as the move, so a process killed right after the commit still does it: the payment task
 * worker (modules/payments/payment-tasks.ts) leases due rows, calls the provider with an idempotency key,
 * and retries with growing delays. One row per order and kind: asking twice owes the work once.
 */
export const paymentTasks = pgTable(
  'payment_tasks',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    kind: text('kind', { enum: ['refund', 'cancel_intents', 'send_refunds'] }).notNull(),
    reason: text('reason').notNull(),
    attempts: integer('attempts').notNull().default(0),
    runAt: tz('run_at').notNull().defaultNow(),
    lastError: text('last_error'),
    doneAt: tz('done_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('payment_tasks_order_kind_uq').on(t.orderId, t.kind),
    index('payment_tasks_due_ix').on(t.runAt).where(sql`${t.doneAt} is null`),
  ],
);
