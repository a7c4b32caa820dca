/**
 * A frozen Redis (SIGSTOP: connections stay open, nothing answers) against the real app. A redis-server
 * of this test's own is frozen, never the shared one. Every request must answer promptly, exactly as
 * with Redis down: local rate-limit counting, local catalogue version, local event delivery; readiness
 * says Redis is degraded; and all of it heals when Redis wakes up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createUser } from '../factories';
import { startTestApp, type TestApp } from '../harness';
import { freePort } from '../multiprocess/processes';
import { createStockedVariant, createTestOrder, createTestStore } from '../../modules/orders/order.factories';
import { openSse, type SseMessage } from '../../modules/tracking/sse.client';

const API_LIMIT = 12;

async function startRedis(): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  return { child, url };
}

/** Status and how long the answer took. */
async function timed(t: TestApp, path: string, init?: RequestInit): Promise<{ status: number; ms: number; body: unknown }> {
  const started = Date.now();
  const res = await fetch(t.url + path, { ...init, signal: AbortSignal.timeout(10_000) });
  const body = await res.json().catch(() => undefined);
  return { status: res.status, ms: Date.now() - started, body };
}

describe('a frozen Redis', () => {
  let redis: { child: ChildProcess; url: string };
  let t: TestApp;

  beforeAll(async () => {
    redis = await startRedis();
    t = await startTestApp({ REDIS_URL: redis.url, RATE_LIMIT_API: String(API_LIMIT) });
    for (let i = 0; i < 100 && t.deps.redis?.status !== 'ready'; i += 1) await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(async () => {
    redis?.child.kill('SIGCONT');
    await t?.close();
    redis?.child.kill('SIGKILL');
  });

  it('when Redis is frozen, then health, readiness, catalogue reads, rate limits and live events answer at once; all heal when it wakes', async () => {
    const store = await createTestStore(t.deps.db);
    const variant = await createStockedVariant(t.deps.db, store.id, { onHand: 20 });
    const customer = await createUser(t);
    const staff = await createUser(t, { role: 'staff', storeId: store.id });
    const order = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, lines: [{ variant, quantity: 1 }] });
    const stream = await openSse(t.url, `/api/order/${order.id}/stream`, clientAs(t, customer));
    const status = (s: string) => (m: SseMessage) => m.event === 'order' && (JSON.parse(m.data) as { order: { status: string } }).order.status === s;
    await stream.waitFor(status('confirmed'));
    expect((await timed(t, '/api/ready')).body).toMatchObject({ checks: { redis: 'ok' } });

    redis.child.kill('SIGSTOP');
    try {
      const health = await timed(t, '/api/health');
      expect(health.status).toBe(200);
      expect(health.ms).toBeLessThan(1000);

      const ready = await timed(t, '/api/ready');
      expect(ready.ms).toBeLessThan(2000);
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ready', checks: { database: 'ok', redis: 'degraded' } });

      // An order change answers at once and reaches the open stream through the local bus.
      const started = Date.now();
      const moved = await clientAs(t, staff).post(`/api/admin/orders/${order.id}/transition`, { to: 'packing' });
      expect(moved.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1500);
      await stream.waitFor(status('packing'), 3000);

      // The catalogue (cache version) and the per-IP limit, counted locally from the freeze on.
      const reads = [];
      for (let i = 0; i < API_LIMIT + 1; i += 1) reads.push(await timed(t, '/api/category'));
      expect(reads.map((r) => r.ms).filter((ms) => ms > 1000)).toEqual([]);
      expect(reads.slice(0, API_LIMIT - 2).every((r) => r.status === 200)).toBe(true);
      expect(reads.at(-1)!.status).toBe(429);

    } finally {
      redis.child.kill('SIGCONT');
    }
    // Awake again: readiness reports Redis ok after the cool-off.
    await expect.poll(async () => ((await timed(t, '/api/ready')).body as { checks?: { redis?: string } }).checks?.redis, { timeout: 15_000, interval: 500 }).toBe('ok');
    stream.close();
  }, 60_000);
});
