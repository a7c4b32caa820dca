/**
 * The delivery promise after checkout. Checkout promises prep + travel. When the rider picks the order up
 * the promise becomes travel time from that moment (earlier when packing was quick, later when it was
 * slow), and staff can move it when something holds the rider up (rain, a closed road). The order row is
 * the truth; every open tracking stream hears the change at once, in any process.
 */
import type { Tx } from '../../db/client';
import type { AppDeps } from '../../deps';
import { AppError, notFound } from '../../http/errors';
import { ON_ITS_WAY } from '@fatafat/contracts/order-rules';
import type { AuthUser } from '../../http/auth-context';
import { storeById } from '../stores/stores.repository';
import { distanceFrom, travelMinutes } from '../stores/stores.service';
import { publishOrderUpdated } from './order.publish';
import { lockOrder, updateOrderPromise, type DeliveryPromise, type OrderRow } from './orders.repository';

/** A promise `minutes` from `now`, with its length counted from when the order was placed. */
export function promiseIn(minutes: number, now: Date, placedAt: Date): DeliveryPromise {
  const promisedAt = new Date(now.getTime() + minutes * 60_000);
  return { promisedAt, etaMinutes: Math.max(1, Math.round((promisedAt.getTime() - placedAt.getTime()) / 60_000)) };
}

/** The promise when a rider leaves the store with the order now: the ride from the store to the door. */
export async function riderPromise(tx: Tx, order: OrderRow, now: Date): Promise<DeliveryPromise> {
  const store = await storeById(tx, order.storeId);
  return promiseIn(travelMinutes(store ? distanceFrom(store, order.address) : null), now, order.createdAt);
}

/**
 * Staff (own store) or an admin sets a new arrival time, `minutes` from now. 404 for an order they may
 * not see, 409 once the order is no longer on its way.
 */
export async function updateArrival(
  deps: Pick<AppDeps, 'db' | 'events' | 'logger'>,
  user: AuthUser,
  orderId: string,
  minutes: number,
): Promise<void> {
  const order = await deps.db.transaction(async (tx) => {
    const current = await lockOrder(tx, orderId);
    if (!current || (user.role === 'staff' && current.storeId !== user.storeId)) throw notFound('Order');
    if (!ON_ITS_WAY.has(current.status)) {
      throw new AppError(409, 'not_on_its_way', `An order that is ${current.status} has no arrival time to move`, { status: current.status });
    }
    return updateOrderPromise(tx, orderId, promiseIn(minutes, new Date(), current.createdAt));
  });
  deps.logger.info({ orderId, by: user.id, promisedAt: order.promisedAt }, 'order arrival time updated');
  await publishOrderUpdated(deps, order);
}
