/**
 * A known path asked with a method it does not serve answers 405 with `Allow` (RFC 9110 §15.5.6) instead
 * of the 404 an unknown path gets, so a client learns that the resource exists and how to use it.
 */
import type { RequestHandler } from 'express';
import { match } from 'path-to-regexp';
import type { ApiRouter } from './api-router';

export function methodNotAllowed(api: ApiRouter): RequestHandler {
  let matchers: Array<{ method: string; test: (path: string) => boolean }> | undefined;
  return (req, res, next) => {
    matchers ??= api.routes.map((r) => {
      const test = match(r.path, { decode: decodeURIComponent, sensitive: true, trailing: false });
      return { method: r.method.toUpperCase(), test: (p: string) => test(p) !== false };
    });
    const allowed = new Set(matchers.filter((m) => m.test(req.path)).map((m) => m.method));
    if (allowed.size === 0) return next();
    if (allowed.has('GET')) allowed.add('HEAD');
    const allow = [...allowed].sort().join(', ');
    res.setHeader('Allow', allow);
    res.status(405).json({
      error: { code: 'method_not_allowed', message: `${req.method} is not served on ${req.originalUrl.split('?')[0]}; use ${allow}` },
    });
  };
}
