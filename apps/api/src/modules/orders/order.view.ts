/**
 * The public order shape, read in one place so checkout, the order routes, the admin routes and the
 * tracking stream all answer with exactly the same thing.
 */
import type { OrderView } from '@fatafat/contracts/orders';
import type { DbOrTx } from '../../db/client';
import { findOrderParts } from './orders.repository';

export async function orderView(db: DbOrTx, orderId: string): Promise<OrderView | null> {
  const parts = await findOrderParts(db, orderId);
  if (!parts) return null;
  const { order, storeName, items, events } = parts;
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
