import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router';
import { AppError, notFound, unauthorized } from '../../http/errors';
import type { AppDeps } from '../../deps';

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
      summary: 'Readiness: the database answers',
      tag: 'system',
      auth: 'public',
      response: z.object({ status: z.literal('ready') }),
    },
    async () => {
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref());
      try {
        await Promise.race([deps.database.ping(), timeout]);
      } catch {
        throw new AppError(503, 'service_unavailable', 'Database is not reachable');
      }
      return { status: 'ready' as const };
    },
  );

  api.route(
    {
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics (Bearer METRICS_TOKEN; without a token, loopback callers only)',
      tag: 'system',
      auth: 'public',
      responseContentType: 'text/plain',
    },
    async ({ req, res }) => {
      const token = deps.config.metricsToken;
      if (token) {
        if (req.headers.authorization !== `Bearer ${token}`) throw unauthorized('Metrics token required');
      } else if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '')) {
        throw notFound('Route');
      }
      res.setHeader('Content-Type', deps.metrics.registry.contentType);
      res.send(await deps.metrics.registry.metrics());
      return undefined;
    },
  );
}
