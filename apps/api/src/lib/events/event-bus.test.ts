/**
 * The Redis event buses and a short-lived process: one that closes right after it started (the cluster
 * primary after its one-time work, a CLI command) hangs up while the buses are still subscribing. That is
 * not an outage and must not be logged as one.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/client';
import { createDeps } from '../../deps';
import { capturedLogger } from '../../test/log-capture';

const REDIS = process.env.TEST_REDIS_URL;

describe.skipIf(!REDIS)('RedisEventBus', () => {
  it('when the deps close right after they were built with Redis healthy, then nothing is logged', async () => {
    const { logger, lines } = capturedLogger('info');
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      const config = loadConfig({ NODE_ENV: 'test', REDIS_URL: REDIS });
      const deps = await createDeps(config, database, logger);
      await deps.close();
      // A refused SUBSCRIBE is reported on a later turn of the event loop.
      await new Promise((r) => setTimeout(r, 300));
      expect(lines).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
