/**
 * Catalogue read cache and its version counter. Public catalogue reads are cached in-process for a few
 * seconds under the catalogue version; every admin write bumps the version, so a change shows at once.
 * With Redis the version lives there too, so every process drops its entries within a second of a write
 * in another process; when Redis is down each process falls back to its own counter.
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import type { AppDeps } from '../../deps';
import { guarded, redisUsable } from '../../lib/redis/redis-guard';

const REDIS_KEY = 'ff:catalog:version';
const REMOTE_READ_EVERY_MS = 1000;
const MAX_ENTRIES = 2000;

interface Entry {
  body: string;
  etag: string;
  expires: number;
}

export class CatalogCache {
  private local = 0;
  private remote = '0';
  private remoteReadAt = 0;
  private remoteRead: Promise<void> | null = null;
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry>>();
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly redis: Redis | null) {}

  private redisReady(): boolean {
    return redisUsable(this.redis);
  }

  /** The current catalogue version: changes whenever any process writes the catalogue. */
  async version(): Promise<string> {
    if (!this.redisReady()) return `l${this.local}`;
    if (Date.now() - this.remoteReadAt > REMOTE_READ_EVERY_MS) {
      // One Redis read per second per process, shared by concurrent requests.
      this.remoteRead ??= guarded(this.redis!, (r) => r.get(REDIS_KEY))
        .then((v) => {
          if ((v ?? '0') !== this.remote) this.entries.clear();
          this.remote = v ?? '0';
          this.remoteReadAt = Date.now();
        })
        .catch(() => undefined)
        .finally(() => {
          this.remoteRead = null;
        });
      await this.remoteRead;
    }
    return `r${this.remote}.l${this.local}`;
  }

  /** Called after every committed catalogue write. */
  async bump(): Promise<void> {
    this.local += 1;
    this.entries.clear();
    for (const fn of this.listeners) fn();
    if (this.redisReady()) {
      try {
        this.remote = String(await guarded(this.redis!, (r) => r.incr(REDIS_KEY)));
        this.remoteReadAt = Date.now();
      } catch {
        // Redis went away: the local bump above still invalidates this process.
      }
    }
  }

  /** Runs fn on every local bump (the search vocabulary listens). */
  onBump(fn: () => void): void {
    this.listeners.push(fn);
  }

  /** The cached entry under key, computing it once for concurrent callers. */
  async get(key: string, ttlMs: number, compute: () => Promise<unknown>): Promise<Entry> {
    const version = await this.version();
    const full = `${version}|${key}`;
    const hit = this.entries.get(full);
    const now = Date.now();
    if (hit && hit.expires > now) return hit;
    const running = this.inflight.get(full);
    if (running) return running;
    const promise = compute()
      .then((data) => {
        const body = JSON.stringify(data);
        const entry: Entry = {
          body,
          etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
          expires: Date.now() + ttlMs,
        };
        if (this.entries.size >= MAX_ENTRIES) {
          const oldest = this.entries.keys().next();
          if (!oldest.done) this.entries.delete(oldest.value);
        }
        this.entries.set(full, entry);
        return entry;
      })
      .finally(() => this.inflight.delete(full));
    this.inflight.set(full, promise);
    return promise;
  }
}

const caches = new WeakMap<AppDeps, CatalogCache>();

/** One cache per app instance (tests run several apps in one process). */
export function catalogCache(deps: AppDeps): CatalogCache {
  let cache = caches.get(deps);
  if (!cache) {
    cache = new CatalogCache(deps.redis);
    caches.set(deps, cache);
  }
  return cache;
}

export interface CachedSendOptions {
  key: string;
  ttlMs: number;
  /** private when the body depends on who asks (their saved location). */
  scope: 'public' | 'private';
}

/**
 * Sends a cached JSON body with ETag and Cache-Control. Express answers 304 itself when If-None-Match
 * matches the ETag set here.
 */
export async function sendCached(
  cache: CatalogCache,
  req: Request,
  res: Response,
  options: CachedSendOptions,
  compute: () => Promise<unknown>,
): Promise<void> {
  const entry = await cache.get(options.key, options.ttlMs, compute);
  res.setHeader('Cache-Control', `${options.scope}, max-age=30, stale-while-revalidate=60`);
  if (options.scope === 'private') res.setHeader('Vary', 'Cookie, Authorization');
  res.setHeader('ETag', entry.etag);
  res.type('application/json');
  // res.send compares If-None-Match with the ETag above and answers 304 without a body when they match.
  res.send(entry.body);
}
