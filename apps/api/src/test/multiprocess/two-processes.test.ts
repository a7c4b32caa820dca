/**
 * Two separate server processes on one PostgreSQL database and one Redis: what one process does, the
 * other sees — sessions, rate-limit counters and order events.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client';
import { signAccessToken } from '../../http/auth-context';
import { createStockedVariant, createTestOrder, createTestStore } from '../../modules/orders/order.factories';
import { uniqueEmail } from '../../modules/users/users.factories';
import { createUser } from '../factories';
import type { TestApp } from '../harness';
import { HttpClient } from '../http-client';
import {
  buildApi,
  createDatabase,
  JWT_SECRET,
  REDIS_URL,
  redisReachable,
  startServer,
  type ServerProcess,
} from './processes';

const BASE = process.env.TEST_DATABASE_URL;
const AUTH_LIMIT = 6;
const fakeIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

if (!BASE) {
  // eslint-disable-next-line no-console -- reason: a skipped suite must say why, visibly
  console.warn(
    'multiprocess suite skipped: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (and run Redis on 6379)',
  );
}

describe.skipIf(!BASE)('two server processes on one PostgreSQL and one Redis', () => {
  let db: { url: string; drop: () => Promise<void> };
  let database: Database;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    expect(await redisReachable(), `Redis must answer on ${REDIS_URL}`).toBe(true);
    buildApi();
    db = await createDatabase(BASE!);
    // Behind a (pretend) proxy each run gets its own client address, so rate-limit counters left in the shared
    // Redis by an earlier run cannot spill into this one.
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL,
      RATE_LIMIT_AUTH: String(AUTH_LIMIT),
      TRUST_PROXY: 'loopback',
    };
    // One after the other: the first runs the migrations, the second finds them done.
    a = await startServer(env);
    b = await startServer(env);
    database = await openDatabase({ url: db.url, poolSize: 4 });
  }, 180_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await database?.close();
    await db?.drop();
  });

  it('when a session is made on process A, then process B accepts it, and a refresh on B keeps it alive', async () => {
    const c = new HttpClient(a.url);
    const reg = await c.post(
      '/api/user/register',
      {
        name: 'Two Procs',
        email: uniqueEmail(),
        password: 'a-good-long-password',
      },
      { headers: { 'x-forwarded-for': fakeIp() } },
    );
    expect(reg.status).toBe(201);
    const onB = new HttpClient(b.url);
    for (const [k, v] of c.cookies) onB.cookies.set(k, v);
    const me = await onB.get('/api/user/profile');
    expect(me.status).toBe(200);
    expect(me.body.user?.id ?? me.body.id).toBe(reg.body.user.id);
    expect((await onB.post('/api/user/refresh')).status).toBe(200);
    const back = new HttpClient(a.url);
    for (const [k, v] of onB.cookies) back.cookies.set(k, v);
    expect((await back.get('/api/user/profile')).status).toBe(200);
  });

  it('when logins alternate between the processes, then the auth rate limit counts both together', async () => {
    const ip = fakeIp();
    const statuses: Array<[string, number]> = [];
    for (let i = 0; i < 2 * AUTH_LIMIT; i += 1) {
      const target = i % 2 === 0 ? a : b;
      const res = await new HttpClient(target.url).post(
        '/api/user/login',
        {
          email: uniqueEmail('rl'),
          password: 'wrong-password',
        },
        { headers: { 'x-forwarded-for': ip } },
      );
      statuses.push([i % 2 === 0 ? 'A' : 'B', res.status]);
    }
    // Counting alone, neither process would refuse before it had seen AUTH_LIMIT + 1 attempts itself, which
    // alternating never reaches here; a 429 from both means the counter is shared.
    const first = statuses.findIndex(([, s]) => s === 429);
    expect(first, JSON.stringify(statuses)).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThanOrEqual(AUTH_LIMIT);
    const after = statuses.slice(first);
    expect(
      after.every(([, s]) => s === 429),
      JSON.stringify(statuses),
    ).toBe(true);
    expect(new Set(after.map(([p]) => p))).toEqual(new Set(['A', 'B']));
  });

  it('when staff move an order on process A, then a customer streaming it from process B sees the change', async () => {
    const shim = { deps: { db: database.db } } as unknown as TestApp;
    const store = await createTestStore(database.db);
    const variant = await createStockedVariant(database.db, store.id);
    const customer = await createUser(shim);
    const staff = await createUser(shim, { role: 'staff', storeId: store.id });
    const order = await createTestOrder(database.db, {
      userId: customer.id,
      storeId: store.id,
      lines: [{ variant, quantity: 1 }],
    });

    const ac = new AbortController();
    const stream = await fetch(`${b.url}/api/order/${order.id}/stream`, {
      headers: { authorization: `Bearer ${signAccessToken(customer, JWT_SECRET, 600)}` },
      signal: ac.signal,
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const sawPacking = (async () => {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) return false;
        seen += decoder.decode(value);
        if (/"status":"packing"/.test(seen)) return true;
      }
      return false;
    })();
    // Let the stream send its first snapshot before the change.
    await new Promise((r) => setTimeout(r, 500));
    const moved = await fetch(`${a.url}/api/admin/orders/${order.id}/transition`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${signAccessToken(staff, JWT_SECRET, 600)}`,
      },
      body: JSON.stringify({ to: 'packing' }),
    });
    expect(moved.status).toBe(200);
    const timeout = setTimeout(() => ac.abort(), 15_000);
    const ok = await sawPacking.catch(() => false);
    clearTimeout(timeout);
    ac.abort();
    expect(ok, `stream on B saw: ${seen.slice(0, 300)}`).toBe(true);
  }, 40_000);
});
