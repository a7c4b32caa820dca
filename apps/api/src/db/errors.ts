/**
 * PostgreSQL errors behind Drizzle's wrapper, so services can turn constraint violations (and the
 * statements' own raises) into clear 4xx answers. The same on the PostgreSQL server and on PGlite.
 */
export interface PgErrorInfo {
  /** SQLSTATE, e.g. 23505. */
  code: string;
  constraint?: string;
  detail?: string;
  message?: string;
}

export function pgError(err: unknown): PgErrorInfo | undefined {
  let e: unknown = err;
  // Drizzle wraps the driver error in `cause`; walk a few levels down.
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const x = e as { code?: unknown; constraint?: unknown; detail?: unknown; message?: unknown; cause?: unknown };
    if (typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code)) {
      return {
        code: x.code,
        constraint: typeof x.constraint === 'string' ? x.constraint : undefined,
        detail: typeof x.detail === 'string' ? x.detail : undefined,
        message: typeof x.message === 'string' ? x.message : undefined,
      };
    }
    e = x.cause;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = '23505';
export const FK_VIOLATION = '23503';
export const CHECK_VIOLATION = '23514';
/** RAISE EXCEPTION without a code of its own (ff_require). */
export const RAISED = 'P0001';
