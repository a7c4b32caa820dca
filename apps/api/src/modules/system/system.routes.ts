import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router';
import { AppError, notFound, unauthorized } from '../../http/errors';
import { isLoopbackCaller } from '../../http/loopback';
import type { AppDeps } from '../../deps';
import { redisState } from '../../lib/redis/redis-guard';
import { diskState } from '../../lib/disk';

const ReadyResponse = z.object({
  status: z.literal('ready'),
  checks: z.object({
    database: z.literal('ok'),
    disk: z.literal('ok'),
    /** degraded: configured but not answering (rate limits, caches and events run per process meanwhile). */
    redis: z.enum(['ok', 'degraded', 'off']),
  }),
});

async function databaseState(deps: AppDeps): Promise<'ok' | 'unreachable'> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref());
  try {
    await Promise.race([deps.database.ping(), timeout]);
    return 'ok';
  } catch {
    return 'unreachable';
  }
}

export function registerSystemRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'get',
      path: '/health',
      summary: 'Liveness: the process is up',
      tag: 'system',
      auth: 'public',
      response: z.object({ status: z.literal('ok') }),
    },
    () => ({ status: 'ok' as const }),
  );

  api.route(
    {
      method: 'get',
      path: '/ready',
      summary: 'Readiness: the database answers and DATA_DIR has room (503 otherwise); Redis is reported, never waited on',
      tag: 'system',
      auth: 'public',
      response: ReadyResponse,
    },
    async () => {
      const [database, disk, redis] = await Promise.all([databaseState(deps), diskState(deps.config.dataDir, deps.config.minFreeDiskBytes), redisState(deps.redis)]);
      if (database !== 'ok') throw new AppError(503, 'service_unavailable', 'Database is not reachable', { database, disk, redis });
      if (disk !== 'ok') throw new AppError(503, 'service_unavailable', 'The disk holding DATA_DIR is full', { database, disk, redis });
      return { status: 'ready' as const, checks: { database, disk, redis } };
    },
  );

  api.route(
    {
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics (Bearer METRICS_TOKEN; without a token, loopback callers only)',
      tag: 'system',
      auth: 'public',
      errors: [401, 403],
      responseContentType: 'text/plain',
    },
    async ({ req, res }) => {
      const token = deps.config.metricsToken;
      if (token) {
        if (req.headers.authorization !== `Bearer ${token}`) throw unauthorized('Metrics token required');
      } else if (!isLoopbackCaller(req)) {
        throw notFound('Route');
      }
      res.setHeader('Content-Type', deps.metrics.registry.contentType);
      res.send(await deps.metrics.registry.metrics());
      return undefined;
    },
  );
}
