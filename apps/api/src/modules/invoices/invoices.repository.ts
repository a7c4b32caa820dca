/**
 * Issuing GST documents, always inside a transaction the caller owns: the invoice in the move that makes an
 * order delivered (order-effects.ts), a credit note in the transaction that writes a refund after it
 * (refund-ledger.ts). The number comes from the series' counter row in that same transaction, so a
 * rolled-back issue leaves no gap and two issues at once never share a number.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { GST_STATES, gstStateCode } from '@fatafat/contracts/invoices';
import type { DbOrTx, Tx } from '../../db/client';
import type { orders } from '../../db/schema/index';
import {
  orderItems,
  stores,
  taxCounters,
  taxDocuments,
  variants,
  type RefundLine,
  type TaxDocumentDetail,
  type TaxSeries,
} from '../../db/schema/index';
import { documentNumber, fiscalYearOf, storeCodeOf } from './numbering';
import { creditNoteLines, invoiceLines, totalsOf, type FeeIn } from './tax';

type OrderRow = typeof orders.$inferSelect;
type StoreRow = typeof stores.$inferSelect;
export type TaxDocumentRow = typeof taxDocuments.$inferSelect;

/** Bill lines that are not fees: everything else with a positive amount is a fee of the delivery service. */
const NOT_FEES: ReadonlySet<string> = new Set(['item_total', 'tip', 'coupon']);

/** Takes the next number of a series: the row is locked until the caller's transaction ends. */
async function nextSeq(tx: Tx, storeId: string, series: TaxSeries, fiscalYear: string): Promise<number> {
  const [row] = await tx
    .insert(taxCounters)
    .values({ storeId, series, fiscalYear, next: 2 })
    .onConflictDoUpdate({
      target: [taxCounters.storeId, taxCounters.series, taxCounters.fiscalYear],
      set: { next: sql`${taxCounters.next} + 1` },
    })
    .returning({ next: taxCounters.next });
  return row!.next - 1;
}

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/^nct of /, '');

function stateOf(store: StoreRow): string {
  return store.gstState || (store.gstin ? (GST_STATES[store.gstin.slice(0, 2)] ?? '') : '');
}

/** "Haryana (06)": the state and its GST code when known. */
function withCode(state: string): string {
  const code = gstStateCode(state);
  return code ? `${state} (${code})` : state;
}

/** The parties and place of supply: goods delivered to the customer are supplied where they are delivered. */
function partiesOf(
  store: StoreRow,
  order: OrderRow,
): Omit<TaxDocumentDetail, 'lines' | 'totals' | 'against'> {
  const sellerState = stateOf(store);
  const a = order.address;
  return {
    seller: {
      name: store.name,
      legalName: store.legalName || store.name,
      gstin: store.gstin,
      address: store.address ? [store.address] : [],
      state: withCode(sellerState),
    },
    buyer: {
      name: a.name,
      gstin: null,
      address: [a.line1, a.line2, a.landmark, `${a.city}, ${a.state} ${a.pincode}`].filter((s): s is string =>
        Boolean(s),
      ),
      state: withCode(a.state),
    },
    placeOfSupply: withCode(a.state),
    // Unknown seller state: treated as the same state (CGST + SGST), the usual case for a local dark store.
    interState: Boolean(sellerState) && Boolean(a.state) && norm(sellerState) !== norm(a.state),
    orderNumber: order.number,
  };
}

function feesOf(order: OrderRow): FeeIn[] {
  const lines = order.billLines
    .filter((l) => !NOT_FEES.has(l.code) && l.amount > 0)
    .map((l) => ({ description: l.label, amount: l.amount }));
  const sum = lines.reduce((s, l) => s + l.amount, 0);
  // The bill's fee lines are what the customer saw; should they ever not add up to the fees, one line does.
  if (sum === order.fees) return lines;
  return order.fees > 0 ? [{ description: 'Delivery and handling', amount: order.fees }] : [];
}

async function insertDocument(
  tx: Tx,
  store: StoreRow,
  doc: { kind: TaxSeries; orderId: string; refundId: string | null; detail: TaxDocumentDetail },
): Promise<TaxDocumentRow> {
  const issuedAt = new Date();
  const fiscalYear = fiscalYearOf(issuedAt);
  const seq = await nextSeq(tx, store.id, doc.kind, fiscalYear);
  const [row] = await tx
    .insert(taxDocuments)
    .values({
      kind: doc.kind,
      storeId: store.id,
      orderId: doc.orderId,
      refundId: doc.refundId,
      fiscalYear,
      seq,
      number: documentNumber(storeCodeOf(store), doc.kind, fiscalYear, seq),
      amount: doc.detail.totals.amount,
      detail: doc.detail,
      issuedAt,
    })
    .returning();
  return row!;
}

export async function findInvoice(db: DbOrTx, orderId: string): Promise<TaxDocumentRow | null> {
  const [row] = await db
    .select()
    .from(taxDocuments)
    .where(and(eq(taxDocuments.orderId, orderId), eq(taxDocuments.kind, 'invoice')));
  return row ?? null;
}

/** Every document of an order, invoice first, then credit notes as issued. */
export async function documentsOf(db: DbOrTx, orderId: string): Promise<TaxDocumentRow[]> {
  return db
    .select()
    .from(taxDocuments)
    .where(eq(taxDocuments.orderId, orderId))
    .orderBy(asc(taxDocuments.issuedAt), asc(taxDocuments.seq));
}

/** The order's tax invoice, issued once (asked again, it answers the one issued). */
export async function issueInvoice(tx: Tx, order: OrderRow): Promise<TaxDocumentRow> {
  const existing = await findInvoice(tx, order.id);
  if (existing) return existing;
  const [store] = await tx.select().from(stores).where(eq(stores.id, order.storeId));
  const items = await tx
    .select({ item: orderItems, hsn: variants.hsn, rate: variants.gstRate })
    .from(orderItems)
    .leftJoin(variants, eq(variants.id, orderItems.variantId))
    // A line none of was found at packing was not sent and is not billed: it has no place on the invoice.
    .where(and(eq(orderItems.orderId, order.id), gt(orderItems.quantity, 0)))
    .orderBy(asc(orderItems.name), asc(orderItems.label), asc(orderItems.id));
  const parties = partiesOf(store!, order);
  const lines = invoiceLines({
    goods: items.map(({ item, hsn, rate }) => ({
      description: `${item.name} ${item.label}`,
      hsn,
      // A variant since deleted: the standard rate, as for an unclassified one.
      rate: rate ?? 18,
      quantity: item.quantity,
      amount: item.price * item.quantity,
      variantId: item.variantId,
    })),
    fees: feesOf(order),
    tip: order.tip,
    discount: order.discount,
    interState: parties.interState,
  });
  return insertDocument(tx, store!, {
    kind: 'invoice',
    orderId: order.id,
    refundId: null,
    detail: { ...parties, against: null, lines, totals: totalsOf(lines) },
  });
}

/**
 * A credit note for a refund of an invoiced order; null when the order has no invoice (a refund before
 * delivery changes no tax document). The note carries the invoice's parties and rates.
 */
export async function issueCreditNote(
  tx: Tx,
  refund: { id: string; orderId: string; amount: number; lines: RefundLine[] },
): Promise<TaxDocumentRow | null> {
  const invoice = await findInvoice(tx, refund.orderId);
  if (!invoice) return null;
  const [store] = await tx.select().from(stores).where(eq(stores.id, invoice.storeId));
  const d = invoice.detail;
  const lines = creditNoteLines(d.lines, refund.amount, refund.lines, d.interState);
  return insertDocument(tx, store!, {
    kind: 'credit_note',
    orderId: refund.orderId,
    refundId: refund.id,
    detail: { ...d, against: invoice.number, lines, totals: totalsOf(lines) },
  });
}
