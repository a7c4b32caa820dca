import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tz, updatedAt } from './columns';
import { orders } from './orders';
import { users } from './users';

/** The lines a refund is for: which variant, how many, and the paise that gives back. */
export interface RefundLine {
  variantId: string;
  quantity: number;
  amount: number;
}

/**
 * The refund ledger: every amount given back for an order, why, how and by whom. A refund to the card
 * ('source') is also the provider job: `requested` rows without a provider id are what the payment task
 * worker sends (key `refund-<id>`, so a retry gives money back once); the provider's answer or webhook
 * settles them. A refund to the wallet is settled in the transaction that writes it.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    /** Paise. */
    amount: integer('amount').notNull(),
    lines: jsonb('lines').$type<RefundLine[]>().notNull().default([]),
    /** Whether the order's fees and tip are in this refund (they are given back once, with the whole order). */
    includesFees: boolean('includes_fees').notNull().default(false),
    reason: text('reason').notNull(),
    method: text('method', { enum: ['source', 'wallet'] }).notNull(),
    status: text('status', { enum: ['requested', 'succeeded', 'failed'] }).notNull(),
    providerRefundId: text('provider_refund_id'),
    /** The person who asked; null when the shop did it by itself (a cancelled paid order, a late capture). */
    actorId: uuid('actor_id').references(() => users.id),
    createdAt: createdAt(),
    settledAt: tz('settled_at'),
  },
  (t) => [
    index('refunds_order_ix').on(t.orderId),
    check('refunds_amount_ck', sql`${t.amount} > 0`),
    check('refunds_method_ck', sql`${t.method} in ('source', 'wallet')`),
    check('refunds_status_ck', sql`${t.status} in ('requested', 'succeeded', 'failed')`),
  ],
);

/** A customer's Fatafat Cash balance: the sum of their wallet entries, kept beside them so a spend is one guarded update. */
export const wallets = pgTable(
  'wallets',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Paise. */
    balance: integer('balance').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [check('wallets_balance_ck', sql`${t.balance} >= 0`)],
);

export const WALLET_ENTRY_KINDS = ['refund', 'goodwill', 'checkout', 'checkout_reversal'] as const;
export type WalletEntryKind = (typeof WALLET_ENTRY_KINDS)[number];

/** The append-only wallet ledger in paise: credits are positive, spends negative. */
export const walletEntries = pgTable(
  'wallet_entries',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    amount: integer('amount').notNull(),
    kind: text('kind', { enum: WALLET_ENTRY_KINDS }).notNull(),
    orderId: uuid('order_id').references(() => orders.id),
    refundId: uuid('refund_id').references(() => refunds.id),
    reason: text('reason').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('wallet_entries_user_ix').on(t.userId, t.createdAt),
    check('wallet_entries_amount_ck', sql`${t.amount} <> 0`),
    // An order spends from the wallet once and gets that spend back once.
    uniqueIndex('wallet_entries_order_once_uq').on(t.orderId, t.kind).where(sql`${t.kind} in ('checkout', 'checkout_reversal')`),
  ],
);
