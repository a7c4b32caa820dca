/**
 * Live order tracking over Server-Sent Events. A stream sends the order at once, then the order again
 * after every change heard on the event bus (local, or Redis across processes), re-read from the database
 * so every process sends the same truth (once per change and order, however many streams follow it).
 * Positions of the order's rider arrive on the rider event bus and go out as `rider` events straight from
 * the bus (no database read per stream per position). Streams end when the client leaves, the server shuts
 * down, or the session that opened them ends (users/live-streams.ts).
 */
import { z } from 'zod';
import { IdParams } from '@fatafat/contracts/common';
import { OrderStreamEvent, type OrderView } from '@fatafat/contracts/orders';
import { ARRIVING_METRES, type RiderPositionEvent } from '@fatafat/contracts/dispatch';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import { orderView, toOrderView, type Viewer } from '../orders/order.view';
import { findOrderParts, findOrderVersions } from '../orders/orders.repository';
import { liveStreams, type LiveStream } from '../users/live-streams';
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

interface Watcher {
  stream: LiveStream;
  viewer: Viewer;
  /** The id of the last order event sent (or the one the client resumed from), so nothing goes twice. */
  lastSent: string;
}

interface Watched {
  watchers: Set<Watcher>;
  drop: { lat: number | null; lng: number | null };
  /** Re-reads run one after another so updates leave in the order they happened. */
  chain: Promise<void>;
}

/** The SSE id of an order event: it changes with every stored change (the row's updatedAt, a new event). */
export function orderEventId(updatedAt: Date | string, events: number): string {
  const ms = typeof updatedAt === 'string' ? Date.parse(updatedAt) : updatedAt.getTime();
  return `${ms}-${events}`;
}

function sendOrder(w: Watcher, view: OrderView, data: string): void {
  const id = orderEventId(view.updatedAt, view.events.length);
  if (id === w.lastSent) return;
  w.lastSent = id;
  w.stream.write(`id: ${id}\nevent: order\ndata: ${data}\n\n`);
}

/** How many watched orders one resync compares per query (and re-reads at once at most). */
const RESYNC_BATCH = 200;

/**
 * The open streams by order. One bus listener for all of them: a change is read from the database once per
 * order however many streams follow it, and each viewer's shape is made from that one read.
 *
 * Pub/sub keeps nothing for a process that was not listening, so the streams also resync from the database:
 * when the bus reconnects (Redis was away, and changes made on other processes meanwhile were never heard
 * here), and every `streamResyncSeconds` (a message lost without a visible reconnect). A resync compares
 * every watched order's version in one query and re-reads only those that changed.
 */
function orderFeed(deps: AppDeps) {
  const byOrder = new Map<string, Watched>();

  const refresh = (orderId: string, watched: Watched): Promise<void> => {
    watched.chain = watched.chain
      .then(async () => {
        if (!watched.watchers.size) return;
        const parts = await findOrderParts(deps.db, orderId);
        if (!parts) return;
        // Viewers who see the same shape (one customer's tabs, a store's staff) share one serialisation.
        const shaped = new Map<string, { view: OrderView; data: string }>();
        for (const w of watched.watchers) {
          const key = `${w.viewer.role} ${w.viewer.storeId ?? ''} ${w.viewer.id ?? ''}`;
          let out = shaped.get(key);
          if (!out) {
            const view = toOrderView(parts, w.viewer);
            out = { view, data: JSON.stringify({ order: view }) };
            shaped.set(key, out);
          }
          sendOrder(w, out.view, out.data);
        }
      })
      .catch((err: unknown) => deps.logger.warn({ err, orderId }, 'order stream refresh failed'));
    return watched.chain;
  };

  const resyncOnce = async (): Promise<void> => {
    const ids = [...byOrder.keys()];
    for (let i = 0; i < ids.length; i += RESYNC_BATCH) {
      const versions = await findOrderVersions(deps.db, ids.slice(i, i + RESYNC_BATCH));
      const stale: Array<Promise<void>> = [];
      for (const v of versions) {
        const watched = byOrder.get(v.id);
        const id = orderEventId(v.updatedAt, v.events);
        if (watched && [...watched.watchers].some((w) => w.lastSent !== id)) stale.push(refresh(v.id, watched));
      }
      await Promise.all(stale);
    }
  };

  // One resync at a time; one asked for while another runs runs again after it (its reads may predate
  // the reconnect that asked).
  let resyncing = false;
  let again = false;
  const resync = (): void => {
    if (resyncing) {
      again = true;
      return;
    }
    resyncing = true;
    void (async () => {
      do {
        again = false;
        try {
          await resyncOnce();
        } catch (err) {
          // The database is away: the next resync (timer or reconnect) tries again.
          deps.logger.warn({ err: (err as Error).message }, 'order stream resync failed');
        }
      } while (again);
      resyncing = false;
    })();
  };

  const unsubscribeOrders = deps.events.subscribe((event) => {
    const watched = byOrder.get(event.orderId);
    if (watched) void refresh(event.orderId, watched);
  });
  const unsubscribeReconnect = deps.events.onReconnect(resync);
  const timer = setInterval(resync, deps.config.streamResyncSeconds * 1000);
  timer.unref();
  const unsubscribeRiders = deps.riderEvents.subscribe((event) => {
    if (event.type !== 'rider.position') return;
    for (const orderId of event.orderIds) {
      const watched = byOrder.get(orderId);
      if (!watched) continue;
      const chunk = `event: rider\ndata: ${JSON.stringify(riderEventFor(orderId, watched.drop, event))}\n\n`;
      for (const w of watched.watchers) w.stream.write(chunk);
    }
  });
  deps.onClose(() => {
    unsubscribeOrders();
    unsubscribeReconnect();
    clearInterval(timer);
    unsubscribeRiders();
  });

  /** `lastEventId`: the id the client last received; the order is sent at once unless it is still that. */
  return (orderId: string, first: OrderView, stream: LiveStream, viewer: Viewer, lastEventId?: string): void => {
    let watched = byOrder.get(orderId);
    if (!watched) {
      watched = { watchers: new Set(), drop: { lat: first.address.lat, lng: first.address.lng }, chain: Promise.resolve() };
      byOrder.set(orderId, watched);
    }
    const w: Watcher = { stream, viewer, lastSent: lastEventId ?? '' };
    watched.watchers.add(w);
    sendOrder(w, first, JSON.stringify({ order: first }));
    const own = watched;
    stream.onEnd(() => {
      own.watchers.delete(w);
      if (!own.watchers.size && byOrder.get(orderId) === own) byOrder.delete(orderId);
    });
  };
}

const StreamQuery = z.object({
  lastEventId: z
    .string()
    .max(64)
    .optional()
    .describe('The id of the last `order` event received (what `Last-Event-ID` carries): the order is sent at once unless it is still that one'),
});

export function registerTrackingRoutes(api: ApiRouter, deps: AppDeps): void {
  const streams = liveStreams(deps);
  const watch = orderFeed(deps);

  api.route(
    {
      method: 'get',
      path: '/order/:id/stream',
      summary: "Live order updates (Server-Sent Events: `order` events carrying { order }, `rider` events carrying the rider's position)",
      tag: 'orders',
      auth: 'user',
      params: IdParams,
      query: StreamQuery,
      response: OrderStreamEvent,
      responseContentType: 'text/event-stream',
    },
    async ({ user, params, query, req, res }) => {
      const orderId = params.id;
      await assertVisible(deps, user, orderId);
      const viewer = actorOf(user);
      const first = await orderView(deps.db, orderId, viewer);
      if (!first) return;
      // The browser's own reconnect sends the header (and it is the newer); a page that opens a new
      // EventSource (after renewing its session) cannot set headers and passes the query parameter.
      const lastEventId = req.get('last-event-id') ?? query.lastEventId;
      watch(orderId, first, streams.open(user, req, res), viewer, lastEventId);
    },
  );
}
