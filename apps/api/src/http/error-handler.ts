import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isNoSpace } from '../lib/disk';
import { AppError, badRequest, type ErrorCode } from './errors';

/** The error codes of the 4xx statuses libraries raise; any other 4xx is the request's fault as a whole. */
const CODE_OF_STATUS: Readonly<Record<number, ErrorCode>> = {
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  412: 'precondition_failed',
  416: 'range_not_satisfiable',
};

/**
 * Errors that body-parser, multer, express.static and friends raise, mapped to clear client errors. Their
 * own messages never reach the client: they can carry file system paths (`ENOENT … stat '/srv/…'`) and
 * internals, so every answer here is worded by us.
 */
function fromLibraryError(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { type?: string; status?: number; code?: string; field?: string };
  if (e.type === 'entity.too.large') return new AppError(413, 'payload_too_large', 'Request body is too large');
  if (e.type === 'entity.parse.failed') return new AppError(400, 'invalid_json', 'Request body is not valid JSON');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
    return new AppError(415, 'unsupported_media_type', 'Unsupported body encoding');
  if (e.code === 'LIMIT_FILE_SIZE') return new AppError(413, 'payload_too_large', 'File is too large');
  if (e.code === 'LIMIT_UNEXPECTED_FILE' && typeof e.field === 'string' && /^[\w-]{1,40}$/.test(e.field))
    return badRequest(`${e.field}: no file is expected in this field`);
  // Multer's other limits (parts, fields, field sizes): the form as a whole is out of bounds.
  if (typeof e.code === 'string' && (e.code.startsWith('LIMIT_') || e.code === 'MISSING_FIELD_NAME'))
    return badRequest('The form has too many or too large parts');
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    const text = STATUS_CODES[e.status] ?? 'Bad request';
    return e.status === 400 ? badRequest(text) : new AppError(e.status, CODE_OF_STATUS[e.status] ?? 'invalid_input', text);
  }
  return undefined;
}

/**
 * PostgreSQL errors that mean the database is unreachable or not answering in time, not that the request
 * is wrong: 57014 is the server cancelling a query at the statement timeout, "Query read timeout" the
 * client giving up on an answer that never came (db/client.ts).
 */
function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  // Drizzle wraps driver errors ("Failed query: …") and keeps the driver's error as `cause`.
  const cause = (err as { cause?: unknown } | null)?.cause;
  if (cause && depth < 3 && isDatabaseUnavailable(cause, depth + 1)) return true;
  const code = (err as { code?: string } | null)?.code;
  const message = (err as { message?: string } | null)?.message ?? '';
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === '57P01' ||
    code === '57P03' ||
    code === '57014' ||
    /Connection terminated|timeout exceeded when trying to connect|Query read timeout/i.test(message)
  );
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known = err instanceof AppError ? err : fromLibraryError(err);
  if (known) {
    if ((known.status === 429 || known.status === 503) && known.details && typeof known.details === 'object' && 'retryAfter' in known.details) {
      res.setHeader('Retry-After', String((known.details as { retryAfter: number }).retryAfter));
    }
    // RFC 9110: a 401 names the scheme that would be accepted (the cookie is the browser's way in).
    if (known.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="fatafat"');
    res.status(known.status).json({
      error: { code: known.code, message: known.message, ...(known.details !== undefined ? { details: known.details } : {}) },
    });
    return;
  }
  if (isNoSpace(err)) {
    // An outage the operator must fix, not a bug: clients retry later, readiness is already down.
    req.log?.error({ err }, 'out of disk space');
    res.setHeader('Retry-After', '30');
    res.status(503).json({ error: { code: 'storage_full', message: 'The shop is out of storage space; please try again shortly' } });
    return;
  }
  if (isDatabaseUnavailable(err)) {
    req.log?.warn({ err }, 'database unavailable');
    res.setHeader('Retry-After', '2');
    res.status(503).json({ error: { code: 'service_unavailable', message: 'Service temporarily unavailable, please retry' } });
    return;
  }
  req.log?.error({ err }, 'unhandled error');
  res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on our side' } });
};

export const apiNotFound: RequestHandler = (req, res) => {
  const path = req.originalUrl.split('?')[0];
  res.status(404).json({ error: { code: 'not_found', message: `No API route for ${req.method} ${path}` } });
};
