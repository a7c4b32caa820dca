import type { RequestHandler } from 'express';
import { badRequest } from './errors';

/**
 * PostgreSQL text cannot hold U+0000: a NUL byte reaching a query fails inside the driver as a 500. JSON
 * and URLs can both carry one (`\u0000`, `%00`), so refuse it at the door with a 400 for every route.
 * The walk is iterative and bounded so a hostile, deeply nested body cannot exhaust the stack.
 */
export function rejectNulBytes(): RequestHandler {
  return (req, _res, next) => {
    if (/%00/i.test(req.originalUrl)) return next(badRequest('URL must not contain NUL (%00) characters'));
    if (req.body !== null && typeof req.body === 'object' && req.rawBody?.includes('\\u0000')) {
      const stack: unknown[] = [req.body];
      for (let seen = 0; stack.length && seen < 100_000; seen += 1) {
        const v = stack.pop();
        if (typeof v === 'string') {
          if (v.includes('\u0000')) return next(badRequest('body: text must not contain NUL (\\u0000) characters'));
        } else if (v !== null && typeof v === 'object') {
          for (const [k, child] of Object.entries(v)) {
            if (k.includes('\u0000')) return next(badRequest('body: keys must not contain NUL (\\u0000) characters'));
            stack.push(child);
          }
        }
      }
    }
    next();
  };
}
