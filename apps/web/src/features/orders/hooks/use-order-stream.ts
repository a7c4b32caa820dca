import { useEffect, useRef, useState } from 'react';
import { useAppDispatch } from '@/app/hooks';
import { env } from '@/config/env';
import { renewSession } from '@/lib/api';
import { ordersApi } from '../api/orders.api';
import { orderStreamUrl } from './order-stream-url';
import { HOLDS_STOCK } from '@fatafat/contracts/order-rules';
import type { RiderPositionEvent } from '@fatafat/contracts/dispatch';
import type { Order } from '../types';

type StreamState = 'connecting' | 'live' | 'reconnecting' | 'closed';

function isOrder(value: unknown): value is Order {
  return !!value && typeof value === 'object' && 'id' in value && 'status' in value && 'events' in value;
}

/**
 * Subscribes to the order's Server-Sent Events and writes each update into the RTK Query cache, so the
 * timeline and countdown move without a reload. EventSource reconnects by itself; we refetch on reconnect
 * to catch anything missed while the connection was down. The server ends a stream when the access cookie
 * that opened it expires, and the browser's reconnect is then refused: the session is renewed once and the
 * stream opened again. A new EventSource cannot send the Last-Event-ID header the browser's own reconnect
 * sends, so the id of the last order event received goes in the `lastEventId` query parameter instead: the
 * server then sends the order at once if it changed since.
 */
export function useOrderStream(
  order: Order | undefined,
  onRider?: (event: RiderPositionEvent) => void,
): StreamState {
  const dispatch = useAppDispatch();
  const [state, setState] = useState<StreamState>('connecting');
  const riderRef = useRef(onRider);
  useEffect(() => {
    riderRef.current = onRider;
  }, [onRider]);
  const id = order?.id;
  const finished = order ? !HOLDS_STOCK.has(order.status) : false;
  const [generation, setGeneration] = useState(0);
  const renewed = useRef(false);
  /** The id of the last order event received, per order (a reopened stream resumes from it). */
  const lastEventId = useRef<{ orderId: string; eventId: string } | null>(null);

  useEffect(() => {
    if (!id || finished) return;
    const resumeFrom = lastEventId.current?.orderId === id ? lastEventId.current.eventId : undefined;
    const source = new EventSource(orderStreamUrl(env.apiBase, id, resumeFrom), { withCredentials: true });
    let opened = false;

    const apply = (event: MessageEvent<string>) => {
      if (event.lastEventId) lastEventId.current = { orderId: id, eventId: event.lastEventId };
      let payload: unknown;
      try {
        payload = JSON.parse(event.data);
      } catch {
        return;
      }
      // The contract sends `{ order }`; a bare order is accepted too.
      const wrapped = (payload as { order?: unknown } | null)?.order;
      const next = isOrder(wrapped) ? wrapped : isOrder(payload) ? payload : null;
      if (next) {
        dispatch(ordersApi.util.upsertQueryData('getOrder', id, next));
      } else {
        // A bare status/ETA event: fetch the full order rather than guess its shape.
        dispatch(ordersApi.util.invalidateTags([{ type: 'Order', id }, 'OrderList']));
      }
    };

    source.onopen = () => {
      setState('live');
      if (opened || renewed.current) dispatch(ordersApi.util.invalidateTags([{ type: 'Order', id }]));
      opened = true;
      renewed.current = false;
    };
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) return setState('reconnecting');
      setState('closed');
      // Refused (an expired access cookie): renew once, then open again; a second refusal stays closed.
      if (renewed.current) return;
      renewed.current = true;
      void renewSession().then((ok) => ok && setGeneration((g) => g + 1));
    };
    source.onmessage = apply;
    for (const name of ['order', 'status', 'update', 'eta']) source.addEventListener(name, apply);
    // The rider moved: the marker and trail move in the cached order, the arrival estimate goes to the page.
    source.addEventListener('rider', (event: MessageEvent<string>) => {
      let data: RiderPositionEvent;
      try {
        data = JSON.parse(event.data) as RiderPositionEvent;
      } catch {
        return;
      }
      dispatch(
        ordersApi.util.updateQueryData('getOrder', id, (draft) => {
          const rider = draft.delivery?.rider;
          if (!rider) return;
          rider.position = data.position;
          rider.trail.push(data.position);
        }),
      );
      riderRef.current?.(data);
    });
    return () => source.close();
  }, [id, finished, dispatch, generation]);

  return !id || finished ? 'closed' : state;
}
