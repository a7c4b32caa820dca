/**
 * The public order shape, read in one place so checkout, the order routes, the admin routes and the
 * tracking stream all answer with exactly the same thing.
 */
import type { OrderView } from '@fatafat/contracts/orders';
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
    | 'createdAt'
    | 'updatedAt'
  >;
  storeName: string;
  /** In display order: by name, then pack size. */
  items: Array<Pick<ItemRow, 'variantId' | 'productId' | 'name' | 'label' | 'imageUrl' | 'price' | 'mrp' | 'quantity'>>;
  /** Oldest first. */
  events: Array<Pick<EventRow, 'status' | 'createdAt' | 'note' | 'actorRole'>>;
}

export async function orderView(db: DbOrTx, orderId: string): Promise<OrderView | null> {
  const parts = await findOrderParts(db, orderId);
  return parts ? toOrderView(parts) : null;
}

export function toOrderView({ order, storeName, items, events }: OrderParts): OrderView {
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
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    events: events.map((e) => ({ status: e.status, at: e.createdAt.toISOString(), note: e.note, actorRole: e.actorRole })),
  };
}
