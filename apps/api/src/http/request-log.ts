/**
 * A request id (X-Request-Id, taken from the caller when well-formed) and one short log line per request:
 * method, path, status, time. Headers (cookies!) stay out of the logs, and so do secrets in the query
 * string (a reset link's token, a code): the URL is logged with their values replaced. This replaces pino-http, whose
 * per-request child logger cost about 3% of a checkout's CPU even when nothing was logged: here a child
 * logger is made only when a handler logs, and the line only when its level is enabled.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../lib/logger';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    /** This request's logger (carries its id). */
    log: Logger;
  }
}

/**
 * Query parameters whose value is a secret: tokens, codes, passwords, keys and signatures, as a whole word
 * of the name (`token`, `access_token`, `X-Amz-Signature`) or its camelCase tail (`resetToken`), so that
 * `pincode` still shows.
 */
const SECRET_WORD = 'token|code|otp|password|passwd|pass|pwd|secret|key|apikey|signature|sig|auth|session|jwt|nonce|ticket';
const SECRET_PARAM = new RegExp(`(^|[^a-z0-9])(${SECRET_WORD})s?($|[^a-z0-9])`, 'i');
const SECRET_TAIL = /[a-z0-9](Token|Code|Otp|Password|Passwd|Pass|Pwd|Secret|Key|Signature|Sig|Auth|Session|Jwt|Nonce|Ticket)s?$/;

/** The URL with the value of every secret-looking query parameter replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq === -1 ? pair : pair.slice(0, eq);
      let name: string;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // An undecodable name may still spell a secret: leave nothing of its value.
        name = 'secret';
      }
      return eq !== -1 && (SECRET_PARAM.test(name) || SECRET_TAIL.test(name)) ? `${rawName}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

export function requestLog(logger: Logger, opts: { ignore?: (path: string) => boolean } = {}): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', { configurable: true, enumerable: false, get: () => (child ??= logger.child({ reqId: id })) });
    if (!opts.ignore?.(req.path)) {
      const started = performance.now();
      res.once('finish', () => {
        const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
        if (!logger.isLevelEnabled(level)) return;
        logger[level](
          { req: { id, method: req.method, url: redactUrl(req.originalUrl) }, res: { statusCode: res.statusCode }, responseTime: Math.round(performance.now() - started) },
          'request completed',
        );
      });
    }
    next();
  };
}
