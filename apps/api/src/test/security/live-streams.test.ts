/**
 * Live streams (order tracking, the orders board) under abuse: a customer opening many, and streams that
 * would outlive the session that opened them (blocked, logged out, password changed, token expired).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { orders } from '../../db/schema/index';
import { ACCESS_COOKIE, signAccessToken } from '../../http/auth-context';
import { createStockedVariant, createTestOrder, createTestStore, type TestStore, type TestVariant } from '../../modules/orders/order.factories';
import { openSse, type SseMessage, type SseStream } from '../../modules/tracking/sse.client';
import { STREAMS_PER_USER } from '../../modules/users/live-streams';
import { registerViaApi } from '../../modules/users/users.factories';
import { clientAs, createUser, type TestUser } from '../factories';
import type { HttpClient } from '../http-client';
import { startTestApp, type TestApp } from '../harness';

let t: TestApp;
let store: TestStore;
let variant: TestVariant;
let admin: TestUser;
let staff: TestUser;

beforeAll(async () => {
  // Sessions are checked again every second here (30 s by default), so a token's expiry shows quickly.
  t = await startTestApp({ BCRYPT_ROUNDS: '4', STREAM_RECHECK_SECONDS: '1' });
  store = await createTestStore(t.deps.db);
  variant = await createStockedVariant(t.deps.db, store.id, { onHand: 1000 });
  admin = await createUser(t, { role: 'admin' });
  staff = await createUser(t, { role: 'staff', storeId: store.id });
});
afterAll(async () => {
  await t?.close();
});

const orderFor = (userId: string) => createTestOrder(t.deps.db, { userId, storeId: store.id, lines: [{ variant, quantity: 1 }] });
const statusIs = (status: string) => (m: SseMessage) => m.event === 'order' && (JSON.parse(m.data) as { order: { status: string } }).order.status === status;

/** Opens the order's stream and waits for the order itself, so the stream is registered when this returns. */
async function follow(orderId: string, client: HttpClient): Promise<SseStream> {
  const s = await openSse(t.url, `/api/order/${orderId}/stream`, client);
  expect(s.status).toBe(200);
  await s.waitFor((m) => m.event === 'order');
  return s;
}

/** Resolves true when the server ends the stream within the time, false otherwise. */
const endsWithin = (s: SseStream, ms: number) =>
  Promise.race([s.ended.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('how many streams one account may hold', () => {
  it(`when a customer opens stream ${STREAMS_PER_USER + 1}, then the oldest is ended and the rest keep receiving`, async () => {
    const customer = await createUser(t);
    const order = await orderFor(customer.id);
    const c = clientAs(t, customer);
    const streams: SseStream[] = [];
    try {
      for (let i = 0; i < STREAMS_PER_USER; i += 1) streams.push(await follow(order.id, c));
      expect(await endsWithin(streams[0]!, 300)).toBe(false);
      streams.push(await follow(order.id, c));
      expect(await endsWithin(streams[0]!, 3000)).toBe(true);
      expect(streams.slice(1).some((s) => s.isEnded())).toBe(false);
      // The orders board counts against the same cap.
      const board = await openSse(t.url, '/api/admin/events', clientAs(t, admin));
      expect(board.status).toBe(200);
      board.close();

      expect((await clientAs(t, staff).post(`/api/admin/orders/${order.id}/transition`, { to: 'packing' })).status).toBe(200);
      for (const s of streams.slice(1)) await s.waitFor(statusIs('packing'));
    } finally {
      for (const s of streams) s.close();
    }
  });
});

describe('a stream after its session ends', () => {
  it('when an admin blocks the customer, then their open stream ends at once', async () => {
    const customer = await createUser(t);
    const order = await orderFor(customer.id);
    const s = await follow(order.id, clientAs(t, customer));
    try {
      const res = await clientAs(t, admin).patch(`/api/admin/customers/${customer.id}`, { blocked: true });
      expect(res.status).toBe(200);
      // Well inside the periodic re-check: the block itself ends it.
      expect(await endsWithin(s, 900)).toBe(true);
      const again = await openSse(t.url, `/api/order/${order.id}/stream`, clientAs(t, customer));
      expect(again.status).toBe(403);
      again.close();
    } finally {
      s.close();
    }
  });

  it('when an admin blocks a staff member, then their orders board stream ends', async () => {
    const manager = await createUser(t, { role: 'staff', storeId: store.id });
    const board = await openSse(t.url, '/api/admin/events', clientAs(t, manager));
    try {
      await board.waitFor((m) => m.event === 'ready');
      expect((await clientAs(t, admin).patch(`/api/admin/customers/${manager.id}`, { blocked: true })).status).toBe(200);
      expect(await endsWithin(board, 900)).toBe(true);
    } finally {
      board.close();
    }
  });

  it('when the user logs out, then the stream opened in that session ends and one of another session stays', async () => {
    const { client, id, email, password } = await registerViaApi(t);
    const other = t.client();
    expect((await other.post('/api/user/login', { email, password })).status).toBe(200);
    const order = await orderFor(id);
    const s = await follow(order.id, client);
    const kept = await follow(order.id, other);
    try {
      expect((await client.post('/api/user/logout')).status).toBe(204);
      expect(await endsWithin(s, 900)).toBe(true);
      expect(kept.isEnded()).toBe(false);
    } finally {
      s.close();
      kept.close();
    }
  });

  it('when the password is changed, then the stream of the old session ends', async () => {
    const { client, id, password } = await registerViaApi(t);
    const order = await orderFor(id);
    const s = await follow(order.id, client);
    try {
      const res = await client.put('/api/user/password', { currentPassword: password, newPassword: 'a-newer-long-password' });
      expect(res.status).toBe(200);
      expect(await endsWithin(s, 900)).toBe(true);
    } finally {
      s.close();
    }
  });

  it('when the access token that opened the stream expires, then the stream ends at the next check', async () => {
    const customer = await createUser(t);
    const order = await orderFor(customer.id);
    const c = t.client();
    c.cookies.set(ACCESS_COOKIE, signAccessToken(customer, t.config.jwtSecret, 1));
    const s = await follow(order.id, c);
    try {
      expect(await endsWithin(s, 4000)).toBe(true);
    } finally {
      s.close();
    }
  });
});

describe('one change, many streams', () => {
  it('when an order followed by several streams changes, then it is read from the database once', async () => {
    const customer = await createUser(t);
    const order = await orderFor(customer.id);
    const streams = [
      ...(await Promise.all([1, 2, 3, 4].map(() => follow(order.id, clientAs(t, customer))))),
      await follow(order.id, clientAs(t, staff)),
      await follow(order.id, clientAs(t, admin)),
    ];
    // Every query the app sends passes through the driver client; an order read fetches its items.
    const client = (t.deps.db as unknown as { $client: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
    const spy = vi.spyOn(client, 'query');
    try {
      await t.deps.db.update(orders).set({ status: 'packing', updatedAt: new Date() }).where(eq(orders.id, order.id));
      await t.deps.events.publish({
        type: 'order.updated',
        orderId: order.id,
        userId: customer.id,
        storeId: store.id,
        status: 'packing',
        at: new Date().toISOString(),
      });
      for (const s of streams) await s.waitFor(statusIs('packing'));
      // PGlite takes the SQL as a string; node-postgres as a `{ text, values, rowMode }` config.
      const sqlOf = (arg: unknown) => (typeof arg === 'string' ? arg : ((arg as { text?: string } | null)?.text ?? ''));
      const reads = spy.mock.calls.filter(([arg]) => sqlOf(arg).includes('"order_items"'));
      expect(reads).toHaveLength(1);
    } finally {
      spy.mockRestore();
      for (const s of streams) s.close();
    }
  });
});
