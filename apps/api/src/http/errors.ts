/**
 * The one error type services throw. The error handler turns it into
 * `{ "error": { "code", "message", "details"? } }` with its status.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'invalid_json'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'out_of_stock'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'service_unavailable'
  | 'internal'
  | (string & {});

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * 400 invalid_input. Its details are always `{ issues: [{ path, message }] }` (the same shape as a failed
 * schema check); a message written as "field: problem" names its field when no issues are given.
 */
export function badRequest(message: string, issues?: FieldIssue[]): AppError {
  const named = /^([A-Za-z][\w.\-[\]]*): (.+)$/.exec(message);
  return new AppError(400, 'invalid_input', message, {
    issues: issues ?? (named ? [{ path: named[1]!, message: named[2]! }] : []),
  });
}
export const unauthorized = (message = 'Please log in to continue') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError(403, 'forbidden', message);
export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, details?: unknown, code: ErrorCode = 'conflict') =>
  new AppError(409, code, message, details);
