/**
 * Developer helpers, never served in production (the routes are not even registered there). Outside
 * production they still answer only a caller on this machine or a signed-in admin: the outbox holds every
 * user's OTP codes and reset links, and the clock is the whole shop's.
 */
import type { Request } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { ApiRouter } from '../../http/api-router';
import type { AuthUser } from '../../http/auth-context';
import { forbidden } from '../../http/errors';
import { isLoopbackCaller } from '../../http/loopback';
import { assertTokenHonoured } from '../users/account-standing';

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
  const assertLocalOrAdmin = async (req: Request, user: AuthUser | null): Promise<void> => {
    if (isLoopbackCaller(req)) return;
    if (user?.role === 'admin') {
      await assertTokenHonoured(deps.db, user);
      return;
    }
    throw forbidden('Developer routes answer callers on this machine or a signed-in admin only');
  };
  api.route(
    {
      method: 'get',
      path: '/dev/clock',
      summary: "The app's clock (not in production)",
      tag: 'dev',
      auth: 'optional',
      errors: [403],
      response: ClockResponse,
    },
    async ({ req, user }) => {
      await assertLocalOrAdmin(req, user);
      return { now: deps.clock.now().toISOString(), moved: deps.clock.moved };
    },
  );
  api.route(
    {
      method: 'put',
      path: '/dev/clock',
      summary: "Moves the app's clock to `at` (it runs on from there); null puts it back (not in production)",
      tag: 'dev',
      auth: 'optional',
      errors: [403],
      body: ClockBody,
      response: ClockResponse,
    },
    async ({ body, req, user }) => {
      await assertLocalOrAdmin(req, user);
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
      auth: 'optional',
      errors: [403],
      query: OutboxQuery,
      response: z.object({ messages: OutboxMessage.array() }),
    },
    async ({ query, req, user }) => {
      await assertLocalOrAdmin(req, user);
      return { messages: await deps.outbox.list({ ...(query.to ? { to: query.to } : {}), limit: query.limit }) };
    },
  );
}
