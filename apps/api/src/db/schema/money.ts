import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tz, updatedAt } from './columns';
import { stores } from './catalog';
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
    /**
     * The refund of units a picker could not find (floor/short-pick). Its lines are units no longer in the
     * order's quantities, so line refunds do not count them; its wallet part lowered wallet_paid instead
     * of standing beside it, so the ledger does not count that part as given back twice.
     */
    shortPick: boolean('short_pick').notNull().default(false),
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

/** One line of a GST document, in paise: taxable + cgst + sgst + igst = amount (tax included). */
export interface TaxLine {
  kind: 'goods' | 'service' | 'tip';
  description: string;
  /** HSN for goods, SAC for services; empty for the tip (not a supply). */
  code: string;
  quantity: number;
  /** Percent: 0, 5, 12, 18 or 28. */
  rate: number;
  amount: number;
  taxable: number;
  cgst: number;
  sgst: number;
  igst: number;
  /** The variant of a goods line (credit notes find a refunded line's rate by it). */
  variantId?: string;
}

export interface TaxParty {
  name: string;
  /** Address lines as printed. */
  address: string[];
  state: string;
  gstin: string | null;
}

/** A tax invoice or credit note exactly as issued. */
export interface TaxDocumentDetail {
  seller: TaxParty & { legalName: string };
  buyer: TaxParty;
  placeOfSupply: string;
  /** Other state than the seller's: IGST instead of CGST + SGST. */
  interState: boolean;
  orderNumber: string;
  /** A credit note's invoice. */
  against: string | null;
  lines: TaxLine[];
  totals: { amount: number; taxable: number; cgst: number; sgst: number; igst: number };
}

export const TAX_SERIES = ['invoice', 'credit_note'] as const;
export type TaxSeries = (typeof TAX_SERIES)[number];

/**
 * The next number of each document series, per store and financial year. Taken by an update inside the
 * transaction that issues the document: a rolled-back issue gives its number back (no gaps), and concurrent
 * issues wait on the row in turn (no duplicates).
 */
export const taxCounters = pgTable(
  'tax_counters',
  {
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    series: text('series', { enum: TAX_SERIES }).notNull(),
    /** "2026-27": April to March. */
    fiscalYear: text('fiscal_year').notNull(),
    next: integer('next').notNull().default(1),
  },
  (t) => [
    primaryKey({ name: 'tax_counters_pk', columns: [t.storeId, t.series, t.fiscalYear] }),
    check('tax_counters_series_ck', sql`${t.series} in ('invoice', 'credit_note')`),
    check('tax_counters_next_ck', sql`${t.next} >= 1`),
  ],
);

/**
 * Issued GST documents: the tax invoice of a delivered order and a credit note for each refund after it.
 * `detail` is the document exactly as issued (seller, buyer, tax lines), so later edits to the catalogue,
 * the store or the order never change an invoice.
 */
export const taxDocuments = pgTable(
  'tax_documents',
  {
    id: id(),
    kind: text('kind', { enum: TAX_SERIES }).notNull(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    refundId: uuid('refund_id').references(() => refunds.id),
    fiscalYear: text('fiscal_year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    /** Paise, tax included: what was paid (an invoice) or given back (a credit note). */
    amount: integer('amount').notNull(),
    detail: jsonb('detail').$type<TaxDocumentDetail>().notNull(),
    issuedAt: tz('issued_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tax_documents_seq_uq').on(t.storeId, t.kind, t.fiscalYear, t.seq),
    uniqueIndex('tax_documents_number_uq').on(t.storeId, t.number),
    uniqueIndex('tax_documents_invoice_once_uq').on(t.orderId).where(sql`${t.kind} = 'invoice'`),
    uniqueIndex('tax_documents_refund_once_uq').on(t.refundId),
    index('tax_documents_order_ix').on(t.orderId, t.issuedAt),
    check('tax_documents_kind_ck', sql`${t.kind} in ('invoice', 'credit_note')`),
    check('tax_documents_amount_ck', sql`${t.amount} >= 0`),
    check('tax_documents_credit_note_ck', sql`(${t.kind} = 'credit_note') = (${t.refundId} is not null)`),
  ],
);
