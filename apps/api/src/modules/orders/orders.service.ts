/** Order use cases for customers, staff and admins. Plain data in and out; no Express here. */
import type {
  AdminOrdersQuery,
  OrderHistoryQuery,
  OrderListResponse,
  OrderStatus,
  OrderSummary,
  OrderView,
  ReorderResponse,
} from '@fatafat/contracts/orders';
import { formatRupees } from '@fatafat/contracts/common';
import type { AppDeps } from '../../deps';
import type { AuthUser } from '../../http/auth-context';
import { badRequest, forbidden, notFound } from '../../http/errors';
import { escapeHtml } from '../../lib/mail/templates';
import { findInvoice, type TaxDocumentRow } from '../invoices/invoices.repository';
import { transitionOrder, type Actor } from './order-state';
import { nextStatusesOf, orderView, type Viewer } from './order.view';
import {
  findOrderOwnership,
  listOrders,
  reorderCandidates,
  addToCartCapped,
  type ListFilter,
} from './orders.repository';

type Deps = Pick<AppDeps, 'db' | 'events' | 'mail' | 'logger' | 'config' | 'payments' | 'razorpay'>;

export function actorOf(user: AuthUser): Actor {
  return { id: user.id, role: user.role, storeId: user.storeId };
}

function canSee(user: AuthUser, o: { userId: string; storeId: string }): boolean {
  if (user.role === 'admin') return true;
  if (user.role === 'staff' && user.storeId === o.storeId) return true;
  return o.userId === user.id;
}

/** The order if the user may see it; 404 otherwise, so other people's orders are indistinguishable from none. */
export async function assertVisible(deps: Pick<AppDeps, 'db'>, user: AuthUser, orderId: string) {
  const o = await findOrderOwnership(deps.db, orderId);
  if (!o || !canSee(user, o)) throw notFound('Order');
  return o;
}

export async function getOrder(deps: Deps, user: AuthUser, orderId: string): Promise<OrderView> {
  await assertVisible(deps, user, orderId);
  const view = await orderView(deps.db, orderId, actorOf(user));
  if (!view) throw notFound('Order');
  return view;
}

// ── cursors ──────────────────────────────────────────────────────────────────────────────────────────

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): ListFilter['after'] {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (
      typeof at === 'string' &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(at) &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(id)
    ) {
      return { createdAt: at, id };
    }
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('cursor: not a cursor this API gave out');
}

async function page(deps: Deps, filter: ListFilter, viewer: Viewer): Promise<OrderListResponse> {
  const { rows, items } = await listOrders(deps.db, filter);
  const more = rows.length > filter.limit;
  const shown = more ? rows.slice(0, filter.limit) : rows;
  const byOrder = new Map<string, typeof items>();
  for (const i of items) byOrder.set(i.orderId, [...(byOrder.get(i.orderId) ?? []), i]);
  const list: OrderSummary[] = shown.map(({ order, storeName }) => {
    const lines = byOrder.get(order.id) ?? [];
    return {
      id: order.id,
      number: order.number,
      status: order.status,
      paymentMethod: order.paymentMethod,
      paymentStatus: order.paymentStatus,
      store: { id: order.storeId, name: storeName },
      total: order.total,
      itemCount: lines.reduce((n, l) => n + l.quantity, 0),
      items: lines.map((l) => ({ variantId: l.variantId, name: l.name, imageUrl: l.imageUrl, quantity: l.quantity })),
      etaMinutes: order.etaMinutes,
      createdAt: order.createdAt.toISOString(),
      nextStatuses: nextStatusesOf(order, viewer),
    };
  });
  const last = shown[shown.length - 1];
  return { items: list, nextCursor: more && last ? encodeCursor(last.cursorAt, last.order.id) : null };
}

export function orderHistory(deps: Deps, user: AuthUser, q: OrderHistoryQuery): Promise<OrderListResponse> {
  return page(deps, { userId: user.id, after: decodeCursor(q.cursor), limit: q.limit }, actorOf(user));
}

/** A bare date means the whole day: `to=2026-01-31` includes orders placed on the 31st. */
function dateBound(value: string | undefined, end: boolean): Date | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z`);
  return new Date(value);
}

export function adminOrders(deps: Deps, user: AuthUser, q: AdminOrdersQuery): Promise<OrderListResponse> {
  let storeId = q.store;
  if (user.role === 'staff') {
    if (!user.storeId) throw forbidden('Your account is not attached to a store');
    if (storeId && storeId !== user.storeId) throw forbidden('Staff see the orders of their own store only');
    storeId = user.storeId;
  }
  const filter: ListFilter = { after: decodeCursor(q.cursor), limit: q.limit };
  if (storeId) filter.storeId = storeId;
  if (q.status) filter.status = q.status;
  const from = dateBound(q.from, false);
  const to = dateBound(q.to, true);
  if (from) filter.from = from;
  if (to) filter.to = to;
  if (from && to && from > to) throw badRequest('from: must not be after to');
  return page(deps, filter, actorOf(user));
}

// ── moves ────────────────────────────────────────────────────────────────────────────────────────────

export async function cancelOrder(deps: Deps, user: AuthUser, orderId: string, reason?: string): Promise<OrderView> {
  await assertVisible(deps, user, orderId);
  await transitionOrder(deps, orderId, 'cancelled', actorOf(user), reason ?? null, { enforceStore: true });
  return getOrder(deps, user, orderId);
}

export async function staffTransition(
  deps: Deps,
  user: AuthUser,
  orderId: string,
  to: OrderStatus,
  note?: string,
): Promise<OrderView> {
  await assertVisible(deps, user, orderId);
  await transitionOrder(deps, orderId, to, actorOf(user), note ?? null, { enforceStore: true });
  return getOrder(deps, user, orderId);
}

// ── reorder ──────────────────────────────────────────────────────────────────────────────────────────

export async function reorder(deps: Deps, user: AuthUser, orderId: string): Promise<ReorderResponse> {
  const o = await findOrderOwnership(deps.db, orderId);
  // Only the customer's own orders go back into their own cart.
  if (!o || o.userId !== user.id) throw notFound('Order');
  return deps.db.transaction(async (tx) => {
    const candidates = await reorderCandidates(tx, user.id, orderId, o.storeId);
    const result: ReorderResponse = { added: [], unavailable: [] };
    const writes: Array<{ variantId: string; add: number; cap: number }> = [];
    for (const c of candidates) {
      const line = { variantId: c.variantId, name: c.name, label: c.label };
      if (!c.sellable) {
        result.unavailable.push({ ...line, quantity: c.quantity, reason: 'inactive' });
        continue;
      }
      const cap = Math.min(c.maxPerOrder, c.available);
      const room = cap - c.inCart;
      const add = Math.min(c.quantity, room);
      if (add <= 0) {
        if (c.available <= 0) result.unavailable.push({ ...line, quantity: c.quantity, reason: 'out_of_stock' });
        else result.added.push({ ...line, quantity: 0 });
        continue;
      }
      writes.push({ variantId: c.variantId, add, cap });
      result.added.push({ ...line, quantity: add });
    }
    if (writes.length) await addToCartCapped(tx, user.id, writes);
    return result;
  });
}

// ── invoice ──────────────────────────────────────────────────────────────────────────────────────────

const money = (paise: number) => escapeHtml(paise < 0 ? `−${formatRupees(-paise)}` : formatRupees(paise));

/** The GST breakdown of an issued invoice, line by line as on the PDF. */
function taxTable(doc: TaxDocumentRow): string {
  const d = doc.detail;
  const taxCols = d.interState ? '<th class="n">IGST</th>' : '<th class="n">CGST</th><th class="n">SGST</th>';
  const taxCells = (l: { cgst: number; sgst: number; igst: number }) =>
    d.interState ? `<td class="n">${money(l.igst)}</td>` : `<td class="n">${money(l.cgst)}</td><td class="n">${money(l.sgst)}</td>`;
  const rows = d.lines
    .map(
      (l) =>
        `<tr><td>${escapeHtml(l.description)}</td><td>${escapeHtml(l.code || '–')}</td><td class="n">${l.kind === 'tip' ? '–' : `${l.rate}%`}</td><td class="n">${money(l.taxable)}</td>${taxCells(l)}<td class="n">${money(l.amount)}</td></tr>`,
    )
    .join('\n');
  const t = d.totals;
  return `<h2>Tax breakdown</h2>
<p><small>Sold by ${escapeHtml(d.seller.legalName)} · GSTIN ${escapeHtml(d.seller.gstin ?? 'not registered')} · ${escapeHtml(d.seller.state)}<br>Place of supply: ${escapeHtml(d.placeOfSupply)} · Prices include GST</small></p>
<table><thead><tr><th>Line</th><th>HSN/SAC</th><th class="n">GST</th><th class="n">Taxable</th>${taxCols}<th class="n">Amount</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><td colspan="3">Total</td><td class="n">${money(t.taxable)}</td>${taxCells(t)}<td class="n">${money(t.amount)}</td></tr></tfoot></table>`;
}

export async function invoiceHtml(deps: Deps, user: AuthUser, orderId: string): Promise<string> {
  const v = await getOrder(deps, user, orderId);
  const invoice = await findInvoice(deps.db, orderId);
  const a = v.address;
  const address = [a.name, a.line1, a.line2, a.landmark, `${a.city}, ${a.state} ${a.pincode}`, a.phone]
    .filter((s): s is string => Boolean(s))
    .map(escapeHtml)
    .join('<br>');
  const rows = v.items
    .map(
      (i) =>
        `<tr><td>${escapeHtml(i.name)} <small>${escapeHtml(i.label)}</small></td><td class="n">${i.quantity}</td><td class="n">${money(i.price)}</td><td class="n">${money(i.price * i.quantity)}</td></tr>`,
    )
    .join('\n');
  const bill = v.bill.lines.map((l) => `<tr><td colspan="3">${escapeHtml(l.label)}</td><td class="n">${money(l.amount)}</td></tr>`).join('\n');
  const placed = new Date(v.createdAt).toLocaleString('en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Invoice ${escapeHtml(v.number)} · Fatafat</title>
<style>
body{font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2937;max-width:720px;margin:32px auto;padding:0 16px}
h1{font-size:22px;margin:0}header{display:flex;justify-content:space-between;align-items:flex-start;border-bottom:2px solid #f8cb46;padding-bottom:12px;margin-bottom:16px}
table{width:100%;border-collapse:collapse;margin:16px 0}td,th{padding:6px 4px;border-bottom:1px solid #e5e7eb;text-align:left;font-size:14px}
.n{text-align:right}small{color:#6b7280}tfoot td{font-weight:700;border-bottom:none}
@media print{body{margin:0}}
</style></head><body>
<header><div><h1>⚡ Fatafat</h1><small>${invoice ? `Tax invoice ${escapeHtml(invoice.number)}` : 'Order summary (the tax invoice is issued on delivery)'}</small></div>
<div class="n"><strong>${escapeHtml(v.number)}</strong><br><small>${escapeHtml(placed)}</small><br><small>${escapeHtml(v.status.replace(/_/g, ' '))} · ${v.paymentMethod === 'cod' ? 'Cash on delivery' : 'Card'} (${escapeHtml(v.paymentStatus.replace(/_/g, ' '))})</small></div></header>
<p><strong>Sold by</strong> ${escapeHtml(v.store.name)}<br><strong>Deliver to</strong><br>${address}</p>
<table><thead><tr><th>Item</th><th class="n">Qty</th><th class="n">Price</th><th class="n">Amount</th></tr></thead>
<tbody>${rows}</tbody>
<tbody>${bill}</tbody>
<tfoot><tr><td colspan="3">Total</td><td class="n">${money(v.bill.total)}</td></tr></tfoot></table>
${v.bill.savings > 0 ? `<p><small>You saved ${money(v.bill.savings)} on MRP.</small></p>` : ''}
${invoice ? taxTable(invoice) : ''}
</body></html>`;
}
