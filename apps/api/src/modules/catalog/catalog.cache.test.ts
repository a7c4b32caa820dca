import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogCache } from './catalog.cache';

const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let a: Redis | null = null;
let b: Redis | null = null;

beforeAll(async () => {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    a = new Redis(url);
    b = new Redis(url);
    await Promise.all([new Promise((r) => a!.once('ready', r)), new Promise((r) => b!.once('ready', r))]);
  } catch {
    a = b = null;
  } finally {
    probe.disconnect();
  }
});
afterAll(() => {
  a?.disconnect();
  b?.disconnect();
});

describe('CatalogCache', () => {
  it('when a value is cached, then concurrent readers share one computation until a bump', async () => {
    const cache = new CatalogCache(null);
    let calls = 0;
    const compute = async () => ({ n: ++calls });
    const [x, y] = await Promise.all([cache.get('k', 60_000, compute), cache.get('k', 60_000, compute)]);
    expect(x.body).toBe('{"n":1}');
    expect(y.etag).toBe(x.etag);
    await cache.bump();
    expect((await cache.get('k', 60_000, compute)).body).toBe('{"n":2}');
  });

  it('when another process bumps the version in Redis, then this process drops its entries within a second', async (ctx) => {
    if (!a || !b) ctx.skip();
    const here = new CatalogCache(a);
    const there = new CatalogCache(b);
    let calls = 0;
    const compute = async () => ({ n: ++calls });
    await here.get('k', 60_000, compute);
    await there.bump();
    await new Promise((r) => setTimeout(r, 1100));
    expect((await here.get('k', 60_000, compute)).body).toBe('{"n":2}');
  });
});
