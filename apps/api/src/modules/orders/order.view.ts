/**
 * The public order shape, read in one place so checkout, the order routes, the admin routes and the
 * tracking stream all answer with exactly the same thing.
 */
import type { OrderStatus, OrderView } from '@fatafat/contracts/orders';
import { nextStatusesFor, type ActorRole, type OrderState } from '@fatafat/contracts/order-rules';
import type { DbOrTx } from '../../db/client';
import type { orderEvents, orderItems, orders } from '../../db/schema/index';
import { findOrderParts } from './orders.repository';

type OrderRow = typeof orders.$inferSelect;
type ItemRow = typeof orderItems.$inferSelect;
type EventRow = typeof orderEvents.$inferSelect;

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
  >;
  storeName: string;
  /** In display order: by name, then pack size. */
  items: Array<Pick<ItemRow, 'variantId' | 'productId' | 'name' | 'label' | 'imageUrl' | 'price' | 'mrp' | 'quantity'>>;
  /** Oldest first. */
  events: Array<Pick<EventRow, 'status' | 'createdAt' | 'note' | 'actorRole'>>;
}

/** Who the view is for: their role and store decide the `nextStatuses` it offers. */
export interface Viewer {
  role: ActorRole;
  storeId: string | null;
}

/** The customer an order belongs to, as a viewer (emails are read by them). */
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

export function toOrderView({ order, storeName, items, events }: OrderParts, viewer: Viewer): OrderView {
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
    etaMinutes: order.etaMinutes,
    promisedAt: order.promisedAt.toISOString(),
    slot: order.slotStartsAt
      ? { startsAt: order.slotStartsAt.toISOString(), endsAt: new Date(order.slotStartsAt.getTime() + 30 * 60_000).toISOString() }
      : null,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    events: events.map((e) => ({ status: e.status, at: e.createdAt.toISOString(), note: e.note, actorRole: e.actorRole })),
    nextStatuses: nextStatusesOf(order, viewer),
  };
}
