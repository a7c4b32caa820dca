/**
 * Redis is optional, so it must never be the reason a request waits. A Redis that is down refuses at
 * once (no offline queue), but a frozen one (SIGSTOP, a stalled network, a full failover) accepts
 * commands and never answers: every command carries a short timeout (REDIS_COMMAND_TIMEOUT_MS, set on
 * the client in deps.ts), and after a failure the client counts as unusable for a cool-off, so the
 * next requests take the local fallback at once instead of each waiting out its own timeout. After the
 * cool-off the next call tries Redis again, and the first success makes it usable.
 */
import type { Redis } from 'ioredis';

const COOL_OFF_MS = 5_000;

const downUntil = new WeakMap<Redis, number>();

/** True when commands may be sent: connected and not in a cool-off after a failed command. */
export function redisUsable(redis: Redis | null): redis is Redis {
  if (!redis || redis.status !== 'ready') return false;
  return Date.now() >= (downUntil.get(redis) ?? 0);
}

/** Runs a Redis call; a failure (a timeout included) starts the cool-off and is rethrown for the caller's fallback. */
export async function guarded<T>(redis: Redis, call: (r: Redis) => Promise<T>): Promise<T> {
  try {
    const result = await call(redis);
    downUntil.delete(redis);
    return result;
  } catch (err) {
    downUntil.set(redis, Date.now() + COOL_OFF_MS);
    throw err;
  }
}

/** Readiness: 'ok', 'degraded' (configured but not answering) or 'off' (not configured). Never waits long. */
export async function redisState(redis: Redis | null): Promise<'ok' | 'degraded' | 'off'> {
  if (!redis) return 'off';
  if (!redisUsable(redis)) return 'degraded';
  try {
    await guarded(redis, (r) => r.ping());
    return 'ok';
  } catch {
    return 'degraded';
  }
}
