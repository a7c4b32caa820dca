import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness';
import { clientAs, createUser, type TestUser } from '../../test/factories';
import { createStockedVariant, createTestOrder, createTestStore, type TestStore, type TestVariant } from '../orders/order.factories';
import { liveStreams } from '../users/live-streams';
import { openSse, type SseMessage } from './sse.client';

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

describe('tracking across processes', () => {
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
