import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../../db/schema/index';
import { startTestApp, type TestApp } from '../../test/harness';
import { clientAs, createUser, type TestUser } from '../../test/factories';
import { createStockedVariant, createTestOrder, createTestStore, type TestStore, type TestVariant } from '../orders/order.factories';
import { startProxy } from '../../test/multiprocess/tcp-proxy';
import { liveStreams } from '../users/live-streams';
import { openSse, type SseMessage, type SseStream } from './sse.client';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let t: TestApp;
let store: TestStore;
let variant: TestVariant;
let customer: TestUser;
let staff: TestUser;

beforeAll(async () => {
  t = await startTestApp({ REDIS_URL });
  store = await createTestStore(t.deps.db);
  variant = await createStockedVariant(t.deps.db, store.id, { onHand: 100 });
  customer = await createUser(t);
  staff = await createUser(t, { role: 'staff', storeId: store.id });
});
afterAll(async () => {
  await t?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const orderEvents = (s: SseStream) => s.messages.filter((m) => m.event === 'order');
const statusIs = (status: string) => (m: SseMessage) => m.event === 'order' && (JSON.parse(m.data) as { order: { status: string } }).order.status === status;

describe('GET /api/order/:id/stream', () => {
  it('when the owner subscribes, then the current order arrives at once and a transition made through the API follows', async () => {
    const order = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, lines: [{ variant, quantity: 1 }] });
    const stream = await openSse(t.url, `/api/order/${order.id}/stream`, clientAs(t, customer));
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      expect(stream.headers.get('cache-control')).toContain('no-cache');
      expect(stream.headers.get('x-accel-buffering')).toBe('no');
      expect(stream.headers.get('content-encoding')).toBeNull();
      const first = await stream.waitFor(statusIs('confirmed'));
      expect(first.id).toBeTruthy();
      expect(JSON.parse(first.data).order).toMatchObject({ id: order.id, number: order.number, items: [{ variantId: variant.id }] });
      expect(stream.raw()).toMatch(/^retry: \d+\n\n/);

      const moved = await clientAs(t, staff).post(`/api/admin/orders/${order.id}/transition`, { to: 'packing' });
      expect(moved.status).toBe(200);
      const next = await stream.waitFor(statusIs('packing'));
      expect(next.id).not.toBe(first.id);
      expect(JSON.parse(next.data).order.events.map((e: { status: string }) => e.status)).toEqual(['confirmed', 'packing']);
    } finally {
      stream.close();
    }
  });

  it('when staff move the arrival time, then the stream sends the new promise with the status unchanged', async () => {
    const order = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, lines: [{ variant, quantity: 1 }] });
    const stream = await openSse(t.url, `/api/order/${order.id}/stream`, clientAs(t, customer));
    try {
      const first = JSON.parse((await stream.waitFor(statusIs('confirmed'))).data).order as { promisedAt: string };
      const res = await clientAs(t, staff).post(`/api/admin/orders/${order.id}/arrival`, { minutes: 40 });
      expect(res.status).toBe(200);
      const moved = await stream.waitFor((m) => m.event === 'order' && JSON.parse(m.data).order.promisedAt !== first.promisedAt);
      expect(JSON.parse(moved.data).order).toMatchObject({ status: 'confirmed', promisedAt: res.body.order.promisedAt, etaMinutes: 40 });
    } finally {
      stream.close();
    }
  });

  it('when staff of the store or an admin subscribe, then they get the stream; another customer gets 404 and no data', async () => {
    const order = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, lines: [{ variant, quantity: 1 }] });
    const admin = await createUser(t, { role: 'admin' });
    for (const who of [staff, admin]) {
      const s = await openSse(t.url, `/api/order/${order.id}/stream`, clientAs(t, who));
      expect(s.status).toBe(200);
      s.close();
    }
    const stranger = await createUser(t);
    const denied = await openSse(t.url, `/api/order/${order.id}/stream`, clientAs(t, stranger));
    expect(denied.status).toBe(404);
    denied.close();
    const otherStaff = await createUser(t, { role: 'staff', storeId: (await createTestStore(t.deps.db)).id });
    const denied2 = await openSse(t.url, `/api/order/${order.id}/stream`, clientAs(t, otherStaff));
    expect(denied2.status).toBe(404);
    denied2.close();
    const anon = await openSse(t.url, `/api/order/${order.id}/stream`);
    expect(anon.status).toBe(401);
    anon.close();
  });

  it('when a client leaves, then the server drops its stream', async () => {
    const order = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, lines: [{ variant, quantity: 1 }] });
    const hub = liveStreams(t.deps);
    const before = hub.countOf(customer.id);
    const s = await openSse(t.url, `/api/order/${order.id}/stream`, clientAs(t, customer));
    await s.waitFor(statusIs('confirmed'));
    expect(hub.countOf(customer.id)).toBe(before + 1);
    s.close();
    await expect.poll(() => hub.countOf(customer.id), { timeout: 5000 }).toBe(before);
  });
});

describe('resuming a stream (Last-Event-ID)', () => {
  it('when a client reconnects after missing a change, then the current order is the first thing it gets', async () => {
    const order = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, lines: [{ variant, quantity: 1 }] });
    const first = await openSse(t.url, `/api/order/${order.id}/stream`, clientAs(t, customer));
    const seen = await first.waitFor(statusIs('confirmed'));
    first.close();
    expect((await clientAs(t, staff).post(`/api/admin/orders/${order.id}/transition`, { to: 'packing' })).status).toBe(200);

    const again = await openSse(t.url, `/api/order/${order.id}/stream`, clientAs(t, customer), { 'last-event-id': seen.id! });
    try {
      await again.waitFor((m) => m.event === 'order');
      const [resumed] = orderEvents(again);
      expect(JSON.parse(resumed!.data).order.status).toBe('packing');
      expect(resumed!.id).not.toBe(seen.id);
    } finally {
      again.close();
    }
  });

  it('when a client reconnects with the id of the current order (header or lastEventId parameter), then it is not sent again and the next change is', async () => {
    const order = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, lines: [{ variant, quantity: 1 }] });
    const first = await openSse(t.url, `/api/order/${order.id}/stream`, clientAs(t, customer));
    const seen = await first.waitFor(statusIs('confirmed'));
    first.close();

    const byHeader = await openSse(t.url, `/api/order/${order.id}/stream`, clientAs(t, customer), { 'last-event-id': seen.id! });
    const byQuery = await openSse(t.url, `/api/order/${order.id}/stream?lastEventId=${encodeURIComponent(seen.id!)}`, clientAs(t, customer));
    try {
      for (const s of [byHeader, byQuery]) expect(s.status).toBe(200);
      await expect.poll(() => byHeader.raw().includes('retry:') && byQuery.raw().includes('retry:')).toBe(true);
      await sleep(300);
      expect(orderEvents(byHeader)).toEqual([]);
      expect(orderEvents(byQuery)).toEqual([]);

      expect((await clientAs(t, staff).post(`/api/admin/orders/${order.id}/transition`, { to: 'packing' })).status).toBe(200);
      for (const s of [byHeader, byQuery]) {
        await s.waitFor(statusIs('packing'));
        expect(orderEvents(s).map((m) => JSON.parse(m.data).order.status)).toEqual(['packing']);
      }
    } finally {
      byHeader.close();
      byQuery.close();
    }
  });
});

describe('resync from the database', () => {
  it('when an order changes in the database and no event is heard, then its open stream gets it within STREAM_RESYNC_SECONDS', async () => {
    // No Redis and no event published: only the resync timer can notice.
    const app = await startTestApp({ STREAM_RESYNC_SECONDS: '1' });
    try {
      const owner = await createUser(app);
      const ownStore = await createTestStore(app.deps.db);
      const ownVariant = await createStockedVariant(app.deps.db, ownStore.id, { onHand: 10 });
      const order = await createTestOrder(app.deps.db, { userId: owner.id, storeId: ownStore.id, lines: [{ variant: ownVariant, quantity: 1 }] });
      const stream = await openSse(app.url, `/api/order/${order.id}/stream`, clientAs(app, owner));
      try {
        await stream.waitFor(statusIs('confirmed'));
        await app.deps.db.update(orders).set({ status: 'packing', updatedAt: new Date() }).where(eq(orders.id, order.id));
        await stream.waitFor(statusIs('packing'), 4000);
        // Unchanged since: the next resyncs send nothing more.
        await sleep(2200);
        expect(orderEvents(stream).map((m) => JSON.parse(m.data).order.status)).toEqual(['confirmed', 'packing']);
      } finally {
        stream.close();
      }
    } finally {
      await app.close();
    }
  });
});

describe('tracking across processes', () => {
  it('when a server loses Redis while another changes an order, then its open stream gets the change once Redis is back', async () => {
    const redisAddress = new URL(REDIS_URL);
    const proxy = await startProxy({ host: redisAddress.hostname, port: Number(redisAddress.port || 6379) });
    const viaProxy = new URL(REDIS_URL);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    // A resync timer far away: only the reconnect can heal the stream within this test.
    const cutOff = await startTestApp({ REDIS_URL: viaProxy.toString(), STREAM_RESYNC_SECONDS: '3600' }, { attachTo: t });
    try {
      await expect.poll(() => cutOff.deps.redis?.status ?? 'none', { timeout: 5000 }).toBe('ready');
      const order = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, lines: [{ variant, quantity: 1 }] });
      const stream = await openSse(cutOff.url, `/api/order/${order.id}/stream`, clientAs(cutOff, customer));
      try {
        await stream.waitFor(statusIs('confirmed'));
        await sleep(300);

        proxy.cut();
        await expect.poll(() => cutOff.deps.redis?.status, { timeout: 5000 }).not.toBe('ready');
        // Made on the other server and published through Redis, which the cut-off server cannot hear.
        expect((await clientAs(t, staff).post(`/api/admin/orders/${order.id}/transition`, { to: 'packing' })).status).toBe(200);
        await sleep(500);
        expect(orderEvents(stream).map((m) => JSON.parse(m.data).order.status)).toEqual(['confirmed']);

        proxy.restore();
        await stream.waitFor(statusIs('packing'), 10_000);
        // And the bus carries the next change as before.
        expect((await clientAs(t, staff).post(`/api/admin/orders/${order.id}/transition`, { to: 'packed' })).status).toBe(200);
        await stream.waitFor(statusIs('packed'), 5000);
      } finally {
        stream.close();
      }
    } finally {
      await cutOff.close();
      await proxy.close();
    }
  });


  it('when a transition is made on one server, then an SSE client connected to another server receives it (Redis fan-out)', async () => {
    const second = await startTestApp({ REDIS_URL }, { attachTo: t });
    try {
      // Both apps must be subscribed to the Redis channel before the change is published.
      await expect.poll(() => (second.deps.redis?.status ?? 'none'), { timeout: 5000 }).toBe('ready');
      const order = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, lines: [{ variant, quantity: 1 }] });
      const stream = await openSse(second.url, `/api/order/${order.id}/stream`, clientAs(second, customer));
      try {
        expect(stream.status).toBe(200);
        await stream.waitFor(statusIs('confirmed'));
        // Give the subscriber connection of both buses a moment to finish SUBSCRIBE.
        await new Promise((r) => setTimeout(r, 300));
        const res = await clientAs(t, customer).post(`/api/order/${order.id}/cancel`, { reason: 'changed my mind' });
        expect(res.status).toBe(200);
        const msg = await stream.waitFor(statusIs('cancelled'));
        expect(JSON.parse(msg.data).order.events.at(-1)).toMatchObject({ status: 'cancelled', note: 'changed my mind' });
      } finally {
        stream.close();
      }
    } finally {
      await second.close();
    }
  });
});
