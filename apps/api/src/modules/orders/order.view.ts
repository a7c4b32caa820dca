/**
 * The public order shape, read in one place so checkout, the order routes, the admin routes and the
 * tracking stream all answer with exactly the same thing.
 */
import type { OrderStatus, OrderView } from '@fatafat/contracts/orders';
import type { OrderDelivery } from '@fatafat/contracts/dispatch';
import { nextStatusesFor, type ActorRole, type OrderState } from '@fatafat/contracts/order-rules';
import type { DbOrTx } from '../../db/client';
import type { orderEvents, orderItems, orders, refunds } from '../../db/schema/index';
import { toSubstitutionView, type SubstitutionRow } from '../floor/substitutions.repository';
import { findOrderParts } from './orders.repository';

type OrderRow = typeof orders.$inferSelect;
type ItemRow = typeof orderItems.$inferSelect;
type EventRow = typeof orderEvents.$inferSelect;
type RefundRow = typeof refunds.$inferSelect;

/** What a view is made of: read from the database, or held by checkout right after writing it. */
export interface OrderParts {
  order: Pick<
    OrderRow,
    | 'id'
    | 'number'
    | 'status'
    | 'paymentMethod'
    | 'paymentStatus'
    | 'storeId'
    | 'address'
    | 'billLines'
    | 'itemTotal'
    | 'mrpTotal'
    | 'fees'
    | 'tip'
    | 'discount'
    | 'total'
    | 'etaMinutes'
    | 'promisedAt'
    | 'slotStartsAt'
    | 'createdAt'
    | 'updatedAt'
  > &
    Partial<Pick<OrderRow, 'userId' | 'deliveryCode' | 'walletPaid'>>;
  storeName: string;
  /** The store's location, support number and rider (absent in checkout's answer, built from what it wrote). */
  delivery?: OrderDelivery;
  /** In display order: by name, then pack size. */
  items: Array<
    Pick<ItemRow, 'variantId' | 'productId' | 'name' | 'label' | 'imageUrl' | 'price' | 'mrp' | 'quantity' | 'orderedQuantity' | 'whenShort' | 'substituteFor'>
  >;
  /** Oldest first. */
  events: Array<Pick<EventRow, 'status' | 'createdAt' | 'note' | 'actorRole'>>;
  /** The refund ledger's rows for the order, oldest first (none in checkout's answer). */
  refunds?: Array<Pick<RefundRow, 'id' | 'amount' | 'lines' | 'includesFees' | 'reason' | 'method' | 'status' | 'shortPick' | 'createdAt'>>;
  /** The tax invoice once issued (none in checkout's answer). */
  invoice?: { number: string; issuedAt: Date } | null;
  /** Substitutes proposed for short lines (none in checkout's answer). */
  substitutions?: SubstitutionRow[];
}

/** Who the view is for: their role and store decide the `nextStatuses` it offers. */
export interface Viewer {
  role: ActorRole;
  storeId: string | null;
  /** Who is looking: only the order's owner is told its delivery code. */
  id?: string | null;
}

/** The customer an order belongs to, as a viewer (emails are read by them). */
const STORE_ROLES: ReadonlySet<string> = new Set(['picker', 'rider', 'staff']);

export const OWNER_VIEWER: Viewer = { role: 'customer', storeId: null };

/**
 * The moves this viewer may make on the order now: the shared rules for their role, and nothing for staff
 * of another store (the state machine hides those orders from them as 404).
 */
export function nextStatusesOf(order: OrderState & { storeId: string }, viewer: Viewer): OrderStatus[] {
  if (viewer.role === 'staff' && order.storeId !== viewer.storeId) return [];
  return nextStatusesFor(order, viewer.role);
}

export async function orderView(db: DbOrTx, orderId: string, viewer: Viewer): Promise<OrderView | null> {
  const parts = await findOrderParts(db, orderId);
  return parts ? toOrderView(parts, viewer) : null;
}

/** The delivery code goes to the one who placed the order, never to store people (floor, riders, managers). */
function codeFor(order: OrderParts['order'], viewer: Viewer): string | null {
  const owner = !!viewer.id && viewer.id === order.userId && !STORE_ROLES.has(viewer.role);
  return owner ? (order.deliveryCode ?? null) : null;
}

export function toOrderView(
  { order, storeName, items, events, delivery, refunds = [], invoice = null, substitutions = [] }: OrderParts,
  viewer: Viewer,
): OrderView {
  const nameOf = new Map(items.map((i) => [i.variantId, `${i.name} ${i.label}`]));
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    paymentMethod: order.paymentMethod,
    paymentStatus: order.paymentStatus,
    store: { id: order.storeId, name: storeName },
    address: order.address,
    items: items.map((i) => ({
      variantId: i.variantId,
      productId: i.productId,
      name: i.name,
      label: i.label,
      imageUrl: i.imageUrl,
      price: i.price,
      mrp: i.mrp,
      quantity: i.quantity,
      orderedQuantity: i.orderedQuantity,
      whenShort: i.whenShort,
      substituteFor: i.substituteFor,
    })),
    bill: {
      lines: order.billLines,
      itemTotal: order.itemTotal,
      mrpTotal: order.mrpTotal,
      savings: Math.max(0, order.mrpTotal - order.itemTotal),
      fees: order.fees,
      tip: order.tip,
      discount: order.discount,
      total: order.total,
    },
    walletPaid: order.walletPaid ?? 0,
    refunds: refunds.map((r) => ({
      id: r.id,
      amount: r.amount,
      lines: r.lines.map((l) => ({ ...l, name: nameOf.get(l.variantId) ?? 'Item' })),
      includesFees: r.includesFees,
      reason: r.reason,
      method: r.method,
      status: r.status,
      shortPick: r.shortPick,
      createdAt: r.createdAt.toISOString(),
    })),
    refundedAmount: refunds.reduce((sum, r) => (r.status === 'failed' ? sum : sum + r.amount), 0),
    etaMinutes: order.etaMinutes,
    promisedAt: order.promisedAt.toISOString(),
    slot: order.slotStartsAt
      ? { startsAt: order.slotStartsAt.toISOString(), endsAt: new Date(order.slotStartsAt.getTime() + 30 * 60_000).toISOString() }
      : null,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    events: events.map((e) => ({ status: e.status, at: e.createdAt.toISOString(), note: e.note, actorRole: e.actorRole })),
    nextStatuses: nextStatusesOf(order, viewer),
    deliveryCode: codeFor(order, viewer),
    delivery: delivery ?? null,
    invoice: invoice ? { number: invoice.number, issuedAt: invoice.issuedAt.toISOString() } : null,
    substitutions: substitutions.map(toSubstitutionView),
  };
}
