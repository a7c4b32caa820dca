/**
 * A healthy Redis is never reported as a fault: the cluster primary, which does its one-time work and hangs
 * up, used to log "redis unavailable" and "event bus subscribe failed" on every start, because it closed
 * while its event buses were still subscribing (lib/events/event-bus.test.ts holds that part).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, createDatabase, REDIS_URL, startServer, type ServerProcess } from '../multiprocess/processes';

const BASE = process.env.TEST_DATABASE_URL;
const REDIS_FAULT = /redis unavailable|event bus subscribe failed/i;

describe.skipIf(!BASE)('a healthy Redis on start and stop', () => {
  let db: { url: string; drop: () => Promise<void> };
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    buildApi();
    db = await createDatabase(BASE!);
  }, 180_000);
  afterAll(async () => {
    for (const s of servers) await s.stop('SIGKILL');
    await db?.drop();
  });

  it('when the cluster starts with Redis healthy, on a fresh database and again on a migrated one, then no Redis fault is logged', async () => {
    // The second start has no one-time work left, so the primary hangs up at once: the racy case.
    for (const start of ['fresh', 'again']) {
      const cluster = await startServer(
        { DATABASE_URL: db.url, REDIS_URL, WEB_CONCURRENCY: '1', LOG_LEVEL: 'info' },
        'dist/cluster.js',
      );
      servers.push(cluster);
      expect((await fetch(`${cluster.url}/api/ready`)).status).toBe(200);
      await cluster.stop('SIGTERM');
      const output = cluster.output();
      expect(output, start).toContain('starting workers');
      expect(output, start).toContain('shutting down');
      expect(output, start).not.toMatch(REDIS_FAULT);
    }
  }, 120_000);
});
