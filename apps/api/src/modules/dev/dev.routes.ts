/** Developer helpers, never served in production (the routes are not even registered there). */
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { ApiRouter } from '../../http/api-router';

const OutboxQuery = z
  .object({
    to: z.string().trim().min(1).max(254).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const OutboxMessage = z.object({
  id: z.string(),
  channel: z.enum(['email', 'sms']),
  to: z.string(),
  subject: z.string().optional(),
  text: z.string(),
  html: z.string().optional(),
  createdAt: z.string(),
});

export function registerDevRoutes(api: ApiRouter, deps: AppDeps): void {
  if (deps.config.isProduction) return;
  api.route(
    {
      method: 'get',
      path: '/dev/outbox',
      summary: 'Mail and SMS written by the outbox drivers, newest first (not in production)',
      tag: 'dev',
      auth: 'public',
      query: OutboxQuery,
      response: z.object({ messages: OutboxMessage.array() }),
    },
    async ({ query }) => ({
      messages: await deps.outbox.list({ ...(query.to ? { to: query.to } : {}), limit: query.limit }),
    }),
  );
}
