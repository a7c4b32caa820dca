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

const ClockBody = z.object({ at: z.iso.datetime({ offset: true }).nullable() }).strict();
const ClockResponse = z.object({ now: z.string(), moved: z.boolean() });

export function registerDevRoutes(api: ApiRouter, deps: AppDeps): void {
  if (deps.config.isProduction) return;
  api.route(
    {
      method: 'get',
      path: '/dev/clock',
      summary: "The app's clock (not in production)",
      tag: 'dev',
      auth: 'public',
      response: ClockResponse,
    },
    async () => ({ now: deps.clock.now().toISOString(), moved: deps.clock.moved }),
  );
  api.route(
    {
      method: 'put',
      path: '/dev/clock',
      summary: "Moves the app's clock to `at` (it runs on from there); null puts it back (not in production)",
      tag: 'dev',
      auth: 'public',
      body: ClockBody,
      response: ClockResponse,
    },
    async ({ body }) => {
      deps.clock.set(body.at ? new Date(body.at) : null);
      return { now: deps.clock.now().toISOString(), moved: deps.clock.moved };
    },
  );
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
