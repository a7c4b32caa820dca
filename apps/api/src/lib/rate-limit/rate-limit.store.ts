/**
 * Fixed-window counters. In memory for a single process; in Redis when REDIS_URL is set, so the limit
 * counts across every worker and process.
 */
import type { Redis } from 'ioredis';
import { guarded, redisUsable } from '../redis/redis-guard';

export interface Hit {
  count: number;
  /** Seconds until the window resets. */
  resetInSeconds: number;
}

export interface RateLimitStore {
  hit(key: string, windowSeconds: number): Promise<Hit>;
  /** The window as it stands, without counting; null when there is none. */
  peek(key: string): Promise<Hit | null>;
  reset(key: string): Promise<void>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private sweptAt = Date.now();

  async hit(key: string, windowSeconds: number): Promise<Hit> {
    const now = Date.now();
    this.sweep(now);
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return { count: w.count, resetInSeconds: Math.max(1, Math.ceil((w.resetAt - now) / 1000)) };
  }

  async peek(key: string): Promise<Hit | null> {
    const now = Date.now();
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) return null;
    return { count: w.count, resetInSeconds: Math.max(1, Math.ceil((w.resetAt - now) / 1000)) };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  /** Drop expired windows now and then so memory stays bounded. */
  private sweep(now: number): void {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}

export class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly fallback: RateLimitStore = new MemoryRateLimitStore(),
  ) {}

  async hit(key: string, windowSeconds: number): Promise<Hit> {
    if (!redisUsable(this.redis)) return this.fallback.hit(key, windowSeconds);
    try {
      const k = `ff:rl:${key}`;
      // INCR then set the expiry only on the first hit of the window: one round trip with MULTI.
      const res = await guarded(this.redis, (r) => r.multi().incr(k).expire(k, windowSeconds, 'NX').ttl(k).exec());
      const count = Number(res?.[0]?.[1] ?? 1);
      const ttl = Number(res?.[2]?.[1] ?? windowSeconds);
      return { count, resetInSeconds: Math.max(1, ttl) };
    } catch {
      return this.fallback.hit(key, windowSeconds);
    }
  }

  async peek(key: string): Promise<Hit | null> {
    if (!redisUsable(this.redis)) return this.fallback.peek(key);
    try {
      const k = `ff:rl:${key}`;
      const res = await guarded(this.redis, (r) => r.multi().get(k).ttl(k).exec());
      const count = Number(res?.[0]?.[1] ?? 0);
      const ttl = Number(res?.[1]?.[1] ?? -2);
      return count > 0 && ttl > 0 ? { count, resetInSeconds: ttl } : null;
    } catch {
      return this.fallback.peek(key);
    }
  }

  async reset(key: string): Promise<void> {
    if (redisUsable(this.redis)) await guarded(this.redis, (r) => r.del(`ff:rl:${key}`)).catch(() => undefined);
    await this.fallback.reset(key);
  }
}
