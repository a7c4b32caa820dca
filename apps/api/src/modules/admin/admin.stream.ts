/**
 * The orders board's live feed: Server-Sent Events carrying a small notice for every order created or
 * changed in the stores the caller may see. The board refetches what changed, so the stream stays light
 * and never carries customer data.
 */
import type { AdminOrderEvent } from '@fatafat/contracts/admin';
import type { Request, Response } from 'express';
import type { AppDeps } from '../../deps';
import type { AuthUser } from '../../http/auth-context';
import { forbidden } from '../../http/errors';
import { liveStreams } from '../users/live-streams';

/** Staff follow their own store; admins all stores or the one they name. */
export function streamScope(user: AuthUser, storeId: string | undefined): string | null {
  if (user.role === 'admin') return storeId ?? null;
  if (!user.storeId) throw forbidden('Your staff account is not assigned to a store');
  if (storeId && storeId !== user.storeId) throw forbidden('You can only follow your own store');
  return user.storeId;
}

/**
 * Opens the notice stream. It is held like every live stream (users/live-streams.ts): capped per account and
 * ended with its session. A notice carries no customer data and needs no database read.
 */
export function openAdminStream(deps: AppDeps, user: AuthUser, storeId: string | null, req: Request, res: Response): void {
  const stream = liveStreams(deps).open(user, req, res);
  stream.write('event: ready\ndata: {}\n\n');
  const unsubscribe = deps.events.subscribe((event) => {
    if (storeId && event.storeId !== storeId) return;
    const data: AdminOrderEvent = {
      type: event.type,
      orderId: event.orderId,
      storeId: event.storeId,
      status: event.status as AdminOrderEvent['status'],
      at: event.at,
    };
    stream.write(`event: order\ndata: ${JSON.stringify(data)}\n\n`);
  });
  stream.onEnd(unsubscribe);
}
