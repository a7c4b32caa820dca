/**
 * Live order tracking over Server-Sent Events. A stream sends the order at once, then the order again
 * after every change heard on the event bus (local, or Redis across processes), re-read from the database
 * so every process sends the same truth. Positions of the order's rider arrive on the rider event bus and go
 * out as `rider` events straight from the bus (no database read per stream per position). Streams end when
 * the client leaves or the server shuts down.
 */
import { IdParams } from '@fatafat/contracts/common';
import { OrderStreamEvent } from '@fatafat/contracts/orders';
import { ARRIVING_METRES, type RiderPositionEvent } from '@fatafat/contracts/dispatch';
import type { Response } from 'express';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import { orderView } from '../orders/order.view';
import { actorOf, assertVisible } from '../orders/orders.service';
import { haversineKm, travelMinutes } from '../stores/stores.service';

/** The `rider` event for a position of the order's rider: the arrival estimate is counted from it. */
export function riderEventFor(orderId: string, drop: { lat: number | null; lng: number | null }, p: { lat: number; lng: number; at: string }): RiderPositionEvent {
  const km = drop.lat !== null && drop.lng !== null ? haversineKm(p.lat, p.lng, drop.lat, drop.lng) : null;
  return {
    orderId,
    position: { lat: p.lat, lng: p.lng, at: p.at },
    etaMinutes: km === null ? null : travelMinutes(km),
    arriving: km !== null && km * 1000 <= ARRIVING_METRES,
  };
}

/** Proxies close idle connections after about a minute; a comment line every 15 s keeps the stream open. */
export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting after the stream drops. */
export const RETRY_MS = 3_000;

export function registerTrackingRoutes(api: ApiRouter, deps: AppDeps): void {
  const open = new Set<Response>();
  deps.onClose(() => {
    for (const res of open) res.end();
    open.clear();
  });

  api.route(
    {
      method: 'get',
      path: '/order/:id/stream',
      summary: "Live order updates (Server-Sent Events: `order` events carrying { order }, `rider` events carrying the rider's position)",
      tag: 'orders',
      auth: 'user',
      params: IdParams,
      response: OrderStreamEvent,
      responseContentType: 'text/event-stream',
    },
    async ({ user, params, req, res }) => {
      const orderId = params.id;
      await assertVisible(deps, user, orderId);
      const first = await orderView(deps.db, orderId, actorOf(user));
      if (!first) return;

      res.status(200);
      res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache, no-transform');
      res.setHeader('Connection', 'keep-alive');
      res.setHeader('X-Accel-Buffering', 'no');
      res.flushHeaders();
      req.socket.setNoDelay(true);
      open.add(res);

      let closed = false;
      let lastSent = '';
      const send = (view: NonNullable<Awaited<ReturnType<typeof orderView>>>) => {
        // The id changes with every stored change, so a duplicate notification sends nothing twice.
        const id = `${Date.parse(view.updatedAt)}-${view.events.length}`;
        if (closed || id === lastSent) return;
        lastSent = id;
        res.write(`id: ${id}\nevent: order\ndata: ${JSON.stringify({ order: view })}\n\n`);
      };
      res.write(`retry: ${RETRY_MS}\n\n`);
      send(first);

      // Re-reads run one after another so updates leave in the order they happened.
      let chain = Promise.resolve();
      const unsubscribe = deps.events.subscribe((event) => {
        if (event.orderId !== orderId) return;
        chain = chain
          .then(async () => {
            if (closed) return;
            const view = await orderView(deps.db, orderId, actorOf(user));
            if (view) send(view);
          })
          .catch((err: unknown) => deps.logger.warn({ err, orderId }, 'order stream refresh failed'));
      });
      const drop = { lat: first.address.lat, lng: first.address.lng };
      const unsubscribeRider = deps.riderEvents.subscribe((event) => {
        if (closed || event.type !== 'rider.position' || !event.orderIds.includes(orderId)) return;
        res.write(`event: rider\ndata: ${JSON.stringify(riderEventFor(orderId, drop, event))}\n\n`);
      });
      const heartbeat = setInterval(() => {
        if (!closed) res.write(': ping\n\n');
      }, HEARTBEAT_MS);
      heartbeat.unref();

      const cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        unsubscribeRider();
        open.delete(res);
      };
      req.on('close', cleanup);
      res.on('close', cleanup);
    },
  );
}
