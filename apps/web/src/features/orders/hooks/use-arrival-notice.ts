import { useEffect, useRef } from 'react';
import { formatTime } from '@/lib/format';
import { notify } from '@/lib/notify';
import type { Order } from '../types';

/**
 * Tells the customer when the store moves the arrival time of an order whose status did not change
 * (a "running late" update), however the new order reached the page: live stream or refetch.
 */
export function useArrivalNotice(order: Order | undefined): void {
  const shown = useRef<Pick<Order, 'id' | 'status' | 'promisedAt'> | undefined>(undefined);
  useEffect(() => {
    if (!order) return;
    const before = shown.current;
    shown.current = { id: order.id, status: order.status, promisedAt: order.promisedAt };
    if (!before || before.id !== order.id || before.status !== order.status) return;
    const moved = Date.parse(order.promisedAt) - Date.parse(before.promisedAt);
    if (Math.abs(moved) < 60_000) return;
    notify.info(
      moved > 0
        ? `Running a little late: now arriving by ${formatTime(order.promisedAt)}`
        : `Good news: now arriving by ${formatTime(order.promisedAt)}`,
      { id: `arrival-${order.id}` },
    );
  }, [order]);
}
