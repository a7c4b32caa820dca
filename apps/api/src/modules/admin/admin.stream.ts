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

export const HEARTBEAT_MS = 15_000;
const RETRY_MS = 3_000;

/** Staff follow their own store; admins all stores or the one they name. */
export function streamScope(user: AuthUser, storeId: string | undefined): string | null {
  if (user.role === 'admin') return storeId ?? null;
  if (!user.storeId) throw forbidden('Your staff account is not assigned to a store');
  if (storeId && storeId !== user.storeId) throw forbidden('You can only follow your own store');
  return user.storeId;
}

/** The open streams of one router, ended when the deps close (a graceful stop). */
export function streamRegistry(deps: Pick<AppDeps, 'onClose'>): Set<Response> {
  const open = new Set<Response>();
  deps.onClose(() => {
    for (const res of open) res.end();
    open.clear();
  });
  return open;
}

export function openAdminStream(deps: AppDeps, open: Set<Response>, storeId: string | null, req: Request, res: Response): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  req.socket.setNoDelay(true);
  open.add(res);
  res.write(`retry: ${RETRY_MS}\nevent: ready\ndata: {}\n\n`);

  let closed = false;
  const unsubscribe = deps.events.subscribe((event) => {
    if (closed || (storeId && event.storeId !== storeId)) return;
    const data: AdminOrderEvent = {
      type: event.type,
      orderId: event.orderId,
      storeId: event.storeId,
      status: event.status as AdminOrderEvent['status'],
      at: event.at,
    };
    res.write(`event: order\ndata: ${JSON.stringify(data)}\n\n`);
  });
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  req.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    open.delete(res);
  });
}
