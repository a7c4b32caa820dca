/** PostgreSQL error codes behind drizzle's wrapper, so services can turn constraint violations into 409s. */
export interface PgErrorInfo {
  code: string;
  constraint?: string;
  detail?: string;
}

export function pgError(err: unknown): PgErrorInfo | undefined {
  let e: unknown = err;
  // Drizzle wraps the driver error in `cause`; walk a few levels down.
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const x = e as { code?: unknown; constraint?: unknown; detail?: unknown; cause?: unknown };
    if (typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code)) {
      return {
        code: x.code,
        constraint: typeof x.constraint === 'string' ? x.constraint : undefined,
        detail: typeof x.detail === 'string' ? x.detail : undefined,
      };
    }
    e = x.cause;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = '23505';
export const FK_VIOLATION = '23503';
export const CHECK_VIOLATION = '23514';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID_RE.test(s);

export function slugify(s: string): string {
  return (
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100) || 'item'
  );
}
