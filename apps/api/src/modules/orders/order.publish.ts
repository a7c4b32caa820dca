/** Tells every process (tracking streams, the admin board) that an order changed. Never throws: the change is committed. */
import type { AppDeps } from '../../deps';
import type { OrderRow } from './orders.repository';

export async function publishOrderUpdated(deps: Pick<AppDeps, 'events' | 'logger'>, order: OrderRow): Promise<void> {
  try {
    await deps.events.publish({
      type: 'order.updated',
      orderId: order.id,
      userId: order.userId,
      storeId: order.storeId,
      status: order.status,
      etaMinutes: order.etaMinutes,
      at: order.updatedAt.toISOString(),
    });
  } catch (err) {
    deps.logger.warn({ err, orderId: order.id }, 'order event publish failed');
  }
}
