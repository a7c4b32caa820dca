import type { Request, RequestHandler } from 'express';
import { AppError } from './errors';
import type { RateLimitStore } from '../lib/rate-limit/rate-limit.store';

export interface RateLimitOptions {
  name: string;
  limit: number;
  windowSeconds: number;
  key?: (req: Request) => string;
  /** Requests that are never counted. */
  skip?: (req: Request) => boolean;
}

export function rateLimited(retryAfter: number, message = 'Too many requests, please slow down'): AppError {
  return new AppError(429, 'rate_limited', message, { retryAfter });
}

/** Per-IP (by default) fixed-window limit answering 429 with Retry-After. */
export function rateLimit(store: RateLimitStore, options: RateLimitOptions): RequestHandler {
  const keyOf = options.key ?? ((req: Request) => req.ip ?? 'unknown');
  return async (req, res, next) => {
    if (options.skip?.(req)) return next();
    const hit = await store.hit(`${options.name}:${keyOf(req)}`, options.windowSeconds);
    res.setHeader('RateLimit-Limit', String(options.limit));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, options.limit - hit.count)));
    res.setHeader('RateLimit-Reset', String(hit.resetInSeconds));
    res.setHeader('RateLimit-Policy', `${options.limit};w=${options.windowSeconds}`);
    if (hit.count > options.limit) {
      res.setHeader('Retry-After', String(hit.resetInSeconds));
      throw rateLimited(hit.resetInSeconds);
    }
    next();
  };
}
