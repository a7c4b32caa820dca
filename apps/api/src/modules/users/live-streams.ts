/**
 * The Server-Sent Events streams signed-in users hold open (order tracking, the orders board, the floor).
 * A stream outlives the request that checked its token, so it is held to the same rules for as long as it
 * is open:
 * - at most STREAMS_PER_USER per account in a process; opening one more ends the oldest (a forgotten tab,
 *   or a script opening a thousand, cannot pin connections and memory);
 * - it ends with its session: checked every `streamRecheckSeconds`, and at once when an account event says
 *   the account changed (blocked, role changed, logged out, password changed or reset);
 * - it ends when the access token that opened it expires; the browser reconnects with a fresh one.
 * One timer per process beats the heartbeat and runs the re-check for every stream, and the re-check asks
 * once per session, not once per stream.
 */
import type { Request, Response } from 'express';
import type { AppDeps } from '../../deps';
import type { AuthUser } from '../../http/auth-context';
import { forgetStanding, tokenRefusal } from './account-standing';

export const STREAMS_PER_USER = 5;
/** Proxies close idle connections after about a minute; a comment line every 15 s keeps a stream open. */
export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting after a stream drops. */
export const RETRY_MS = 3_000;

export interface LiveStream {
  readonly user: AuthUser;
  readonly closed: boolean;
  /** Writes an SSE chunk; nothing once the stream has ended. */
  write(chunk: string): void;
  /** Ends the stream (the browser reconnects if its session still lets it). */
  end(): void;
  /** Runs once when the stream ends, whoever ends it (client, server, the rules above). */
  onEnd(fn: () => void): void;
}

type StreamDeps = Pick<AppDeps, 'db' | 'accountEvents' | 'logger' | 'config' | 'onClose'>;

export class LiveStreams {
  /** Per account, oldest first. */
  private readonly byUser = new Map<string, LiveStream[]>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribe: () => void;

  constructor(
    private readonly deps: StreamDeps,
    private readonly opts: { recheckMs: number; perUser: number },
  ) {
    this.unsubscribe = deps.accountEvents.subscribe((event) => {
      // Forgotten here too, so the re-check cannot be answered from before the change.
      forgetStanding(deps.db, event.userId);
      void this.recheck(event.userId);
    });
    const heartbeat = setInterval(() => this.each((s) => s.write(': ping\n\n')), HEARTBEAT_MS);
    const recheck = setInterval(() => void this.recheck(), opts.recheckMs);
    for (const timer of [heartbeat, recheck]) {
      timer.unref();
      this.timers.push(timer);
    }
  }

  /** Answers the request as an SSE stream held for `user`; the caller writes to the stream it returns. */
  open(user: AuthUser, req: Request, res: Response): LiveStream {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    req.socket.setNoDelay(true);

    const ends: Array<() => void> = [];
    let closed = false;
    const stream: LiveStream = {
      user,
      get closed() {
        return closed;
      },
      write: (chunk) => {
        if (!closed) res.write(chunk);
      },
      end: () => {
        if (closed) return;
        closed = true;
        this.remove(stream);
        res.end();
        for (const fn of ends.splice(0)) fn();
      },
      onEnd: (fn) => {
        if (closed) fn();
        else ends.push(fn);
      },
    };
    const list = this.byUser.get(user.id) ?? [];
    list.push(stream);
    this.byUser.set(user.id, list);
    req.on('close', stream.end);
    res.on('close', stream.end);
    stream.write(`retry: ${RETRY_MS}\n\n`);
    while (list.length > this.opts.perUser) list[0]!.end();
    return stream;
  }

  /** Ends the streams (of one account, or all) whose session no longer holds. */
  async recheck(userId?: string): Promise<void> {
    const streams = userId ? [...(this.byUser.get(userId) ?? [])] : [...this.byUser.values()].flat();
    const bySession = new Map<string, LiveStream[]>();
    for (const s of streams) {
      const key = `${s.user.id} ${s.user.sessionId ?? ''} ${s.user.role} ${s.user.storeId ?? ''}`;
      bySession.set(key, [...(bySession.get(key) ?? []), s]);
    }
    await Promise.all(
      [...bySession.values()].map(async (group) => {
        const user = group[0]!.user;
        try {
          const expired = user.expiresAt !== undefined && user.expiresAt <= Date.now();
          if (expired || (await tokenRefusal(this.deps.db, user))) for (const s of group) s.end();
        } catch (err) {
          // The database is away: keep the streams, the next check decides.
          this.deps.logger.warn({ err: (err as Error).message, userId: user.id }, 'stream session check failed');
        }
      }),
    );
  }

  /** How many streams an account holds in this process. */
  countOf(userId: string): number {
    return this.byUser.get(userId)?.length ?? 0;
  }

  close(): void {
    this.unsubscribe();
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.each((s) => s.end());
  }

  private each(fn: (s: LiveStream) => void): void {
    for (const s of [...this.byUser.values()].flat()) fn(s);
  }

  private remove(stream: LiveStream): void {
    const list = this.byUser.get(stream.user.id);
    if (!list) return;
    const at = list.indexOf(stream);
    if (at >= 0) list.splice(at, 1);
    if (!list.length) this.byUser.delete(stream.user.id);
  }
}

const hubs = new WeakMap<StreamDeps, LiveStreams>();

/** The one stream hub of an app (tracking, the orders board and the floor share the per-account cap). */
export function liveStreams(deps: StreamDeps): LiveStreams {
  let hub = hubs.get(deps);
  if (!hub) {
    const created = new LiveStreams(deps, { recheckMs: deps.config.streamRecheckSeconds * 1000, perUser: STREAMS_PER_USER });
    deps.onClose(() => created.close());
    hubs.set(deps, created);
    hub = created;
  }
  return hub;
}
