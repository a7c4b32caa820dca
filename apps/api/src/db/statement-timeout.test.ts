/**
 * Every query on the PostgreSQL server has a time limit (DATABASE_STATEMENT_TIMEOUT_MS): a request stuck
 * behind a lock, or on a connection whose network froze, answers 503 in a bounded time instead of hanging
 * until the client gives up. PGlite runs in-process on one connection and has no such limit.
 */
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { clientAs, createUser } from '../test/factories';
import { startTestApp, type TestApp } from '../test/harness';
import { closeProxy, freePort } from '../test/multiprocess/processes';

const BASE = process.env.TEST_DATABASE_URL;
const TIMEOUT_MS = 400;

/** Answers what `request` answers, or 'hung' when it has not answered within `ms`. */
async function within<T>(ms: number, request: Promise<T>): Promise<T | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), ms)));
  try {
    return await Promise.race([request, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A TCP proxy in front of PostgreSQL that can freeze: connections stay open and accepted, but no byte
 * moves either way, as in a network partition (nothing is refused or reset, so nothing fails by itself).
 */
async function startFreezableProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let frozen = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    const forward = (from: net.Socket, to: net.Socket) =>
      from.on('data', (chunk: Buffer) => {
        if (!frozen) to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    freeze: () => {
      frozen = true;
    },
    close: () => closeProxy(server, sockets),
  };
}

describe('DATABASE_STATEMENT_TIMEOUT_MS', () => {
  it('when it is unset, then queries get 10 s; when set, then that many milliseconds', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).databaseStatementTimeoutMs).toBe(10_000);
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_STATEMENT_TIMEOUT_MS: '2500' }).databaseStatementTimeoutMs).toBe(2500);
  });

  it('when it is not a whole number of milliseconds from 100 to 600000, then the start stops naming it', () => {
    for (const bad of ['abc', '0', '50', '1.5', '-1', '600001']) {
      expect(() => loadConfig({ NODE_ENV: 'test', DATABASE_STATEMENT_TIMEOUT_MS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ NODE_ENV: 'test', DATABASE_STATEMENT_TIMEOUT_MS: bad }), bad).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS: /);
    }
  });
});

describe.skipIf(!BASE)('statement timeout (PostgreSQL server)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: String(TIMEOUT_MS) });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('when an update waits on a row another connection holds locked, then the request answers 503 within the timeout instead of hanging', async () => {
    const user = await createUser(t);
    const holder = new pg.Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select id from users where id = $1 for update', [user.id]);
      const started = Date.now();
      const res = await within(8_000, clientAs(t, user).put('/api/user/update', { name: 'Locked Out' }));
      expect(res, 'the request hung behind the lock').not.toBe('hung');
      if (res === 'hung') return;
      expect(res.status).toBe(503);
      expect((res.body as { error: { code: string } }).error.code).toBe('service_unavailable');
      expect(res.headers.get('retry-after')).toBeTruthy();
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 3_000);
    } finally {
      await holder.query('rollback').catch(() => undefined);
      await holder.end();
    }
  });

  it('when the network to the database freezes mid-request, then the request answers 503 in a bounded time instead of hanging', async () => {
    const proxy = await startFreezableProxy(new URL(t.databaseUrl!));
    // A second app on the same database, its pool reaching it through the proxy.
    const frozenApp = await startTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: String(TIMEOUT_MS) }, { attachTo: { ...t, databaseUrl: proxy.url } });
    try {
      const user = await createUser(t);
      const client = clientAs(frozenApp, user);
      expect((await client.get('/api/order/history')).status).toBe(200);

      proxy.freeze();
      const started = Date.now();
      const res = await within(15_000, client.get('/api/order/history'));
      expect(res, 'the request hung on the frozen connection').not.toBe('hung');
      if (res === 'hung') return;
      expect(res.status).toBe(503);
      expect((res.body as { error: { code: string } }).error.code).toBe('service_unavailable');
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 6_000);
    } finally {
      // Frees whatever still waits on the frozen connections, so the app can close.
      await proxy.close();
      await frozenApp.close();
    }
  });
});
