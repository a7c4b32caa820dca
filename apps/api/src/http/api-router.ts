/**
 * Every API route is declared through ApiRouter.route(): one place that validates params, query and body
 * with the contracts' Zod schemas, enforces the route's auth level, and records the route for the
 * generated OpenAPI document, so the document can never forget a route.
 */
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { AppError, forbidden, unauthorized, type FieldIssue } from './errors';
import type { AuthUser, Role } from './auth-context';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/**
 * public: anyone; optional: anyone, user attached when logged in; user: any logged-in role;
 * picker: pickers, store managers and admins (the store floor); rider: riders, store managers and admins;
 * staff: store managers (staff) and admins; admin: admins only. Store scoping (a picker or manager acts only
 * for their own store) is the service's job: the level says who may knock at all.
 */
export type AuthLevel = 'public' | 'optional' | 'user' | 'picker' | 'rider' | 'staff' | 'admin';

/** The roles each signed-in level lets through. Customers reach only `user` routes. */
export const ROLES_OF_LEVEL: Readonly<Record<Exclude<AuthLevel, 'public' | 'optional'>, readonly Role[]>> = {
  user: ['customer', 'picker', 'rider', 'staff', 'admin'],
  picker: ['picker', 'staff', 'admin'],
  rider: ['rider', 'staff', 'admin'],
  staff: ['staff', 'admin'],
  admin: ['admin'],
};

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : Record<string, never>;

export interface RouteSpec<B extends Schema = Schema, Q extends Schema = Schema, P extends Schema = Schema> {
  method: Method;
  /** Express path relative to /api, e.g. '/product/:idOrSlug'. */
  path: string;
  summary: string;
  tag: string;
  auth: AuthLevel;
  body?: B;
  query?: Q;
  params?: P;
  /** Response schema of the success status, for the OpenAPI document. */
  response?: z.ZodType;
  /** Success status; defaults to 200. */
  status?: number;
  /** Content type of the body when it is not JSON (uploads, webhooks). */
  bodyContentType?: string;
  /** Response content type when it is not JSON (SSE, CSV, HTML). */
  responseContentType?: string;
  /** Middleware run before validation (multer, raw body, per-route rate limits). */
  before?: RequestHandler[];
  /**
   * Error statuses the route answers beyond those its declaration implies (see impliedErrorStatuses), e.g.
   * 409 for a conflict or 422 for a business rule. The OpenAPI document lists them, and the contract check
   * in the test suite fails when a route answers a status it does not declare.
   */
  errors?: readonly number[];
  /** A readable operationId for generated clients (default: derived from method and path). */
  operationId?: string;
  /** A longer description for the OpenAPI document. */
  description?: string;
  /**
   * Where the resource a 201 created lives. Default: `/api<path>/<id>` when a route serves that path and
   * the result (or its one top-level object) has an `id`.
   */
  location?: (result: unknown) => string | undefined;
  /** Request headers the route reads, for the document (e.g. Idempotency-Key). */
  requestHeaders?: Readonly<Record<string, { description: string; required?: boolean }>>;
  /** The route answers conditional GETs: ETag on 200, 304 for a matching If-None-Match. */
  etag?: boolean;
  /** Other success statuses with what they mean, e.g. `{ 200: 'The order a retry already placed' }`. */
  alsoAnswers?: Readonly<Record<number, string>>;
  /** Sets or clears the session cookies (register, login, OTP verify, refresh, logout). */
  setsCookies?: boolean;
  /** Reads the refresh-token cookie instead of the access token (refresh, logout). */
  usesRefreshCookie?: boolean;
  /** Deprecated: still served, documented as such. */
  deprecated?: boolean;
}

export interface RouteContext<B extends Schema, Q extends Schema, P extends Schema, A extends AuthLevel> {
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
  user: A extends 'public' | 'optional' ? AuthUser | null : AuthUser;
  req: Request;
  res: Response;
}

export type RouteHandler<B extends Schema, Q extends Schema, P extends Schema, A extends AuthLevel> = (
  ctx: RouteContext<B, Q, P, A>,
) => unknown;

export function zodIssues(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
  }));
}

function parsePart(schema: z.ZodType | undefined, value: unknown, part: string): unknown {
  if (!schema) return {};
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issues = zodIssues(result.error, part);
    const first = issues[0];
    throw new AppError(400, 'invalid_input', first ? `${first.path}: ${first.message}` : `Invalid ${part}`, { issues });
  }
  return result.data;
}

/** Throws 401 without a user and 403 when the level does not let the user's role through. */
export function checkAuth(level: AuthLevel, user: AuthUser | null): void {
  if (level === 'public' || level === 'optional') return;
  if (!user) throw unauthorized();
  if (!ROLES_OF_LEVEL[level].includes(user.role)) throw forbidden();
}

export interface ApiRouterOptions {
  /**
   * Throws (401/403) unless a signed-in caller's token still describes their account (not blocked, same
   * role and store). Asked on every route that needs a user.
   */
  confirmUser?: (user: AuthUser) => Promise<void>;
}

export const needsUser = (level: AuthLevel) => level !== 'public' && level !== 'optional';

const isJsonRoute = (spec: RouteSpec) => spec.body !== undefined && spec.bodyContentType === undefined;

/**
 * The error statuses every route of this shape can answer, whatever its handler does: 400 (malformed JSON,
 * NUL bytes, validation), 429 (the API-wide rate limit) and 503 (database or disk unavailable) anywhere;
 * 401 and 403 where a user is needed (403 also for a blocked account); 403 on writes (the CSRF origin
 * check); 404 for an unknown id in the path; 413 and 415 for a body; 304 for a conditional GET.
 */
export function impliedErrorStatuses(spec: RouteSpec): number[] {
  const statuses = new Set<number>([400, 429, 503]);
  if (needsUser(spec.auth)) statuses.add(401).add(403);
  if (spec.method !== 'get') statuses.add(403);
  if (spec.params) statuses.add(404);
  if (spec.body || spec.bodyContentType) statuses.add(413);
  if (isJsonRoute(spec)) statuses.add(415);
  if (spec.etag) statuses.add(304);
  for (const s of spec.errors ?? []) statuses.add(s);
  return [...statuses].sort((a, b) => a - b);
}

/** True when the request carries a body (a length above zero, or a chunked one). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function idOf(result: unknown): string | undefined {
  if (!result || typeof result !== 'object') return undefined;
  const own = (result as { id?: unknown }).id;
  if (typeof own === 'string' || typeof own === 'number') return String(own);
  const values = Object.values(result);
  if (values.length === 1) return idOf(values[0]);
  return undefined;
}

export class ApiRouter {
  // Case-sensitive and strict like the app (see app.ts): `/metrics/` and `/Metrics` are not `/metrics`.
  readonly router = express.Router({ caseSensitive: true, strict: true });
  readonly routes: RouteSpec[] = [];
  private running = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: ApiRouterOptions = {}) {}

  /**
   * Resolves once no route handler is running. A graceful stop waits for this before closing the pool:
   * a handler whose client already hung up (so its connection no longer holds server.close() open) may
   * still be waiting for a database connection.
   */
  settled(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  route<A extends AuthLevel, B extends Schema = undefined, Q extends Schema = undefined, P extends Schema = undefined>(
    spec: RouteSpec<B, Q, P> & { auth: A },
    handler: RouteHandler<B, Q, P, A>,
  ): void {
    this.routes.push(spec as RouteSpec);
    const run: RequestHandler = async (req, res) => {
      this.running += 1;
      try {
        await handle(req, res);
      } finally {
        this.running -= 1;
        if (this.running === 0) for (const wake of this.idleWaiters.splice(0)) wake();
      }
    };
    const handle = async (req: Request, res: Response): Promise<void> => {
      const user = req.user ?? null;
      checkAuth(spec.auth, user);
      if (user && needsUser(spec.auth)) await this.options.confirmUser?.(user);
      // What only a signed-in caller may see is never kept by a shared or browser cache.
      if (needsUser(spec.auth)) res.setHeader('Cache-Control', 'no-store');
      const ctx = {
        params: parsePart(spec.params, req.params, 'params'),
        query: parsePart(spec.query, req.query, 'query'),
        body: parsePart(spec.body, req.body, 'body'),
        user,
        req,
        res,
      } as RouteContext<B, Q, P, A>;
      const result = await handler(ctx);
      if (result !== undefined && !res.headersSent) {
        if (spec.status === 201) {
          const location = this.locationOf(spec, result);
          if (location) res.setHeader('Location', location);
        }
        res.status(spec.status ?? 200).json(result);
      } else if (!res.headersSent && spec.status === 204) {
        res.status(204).end();
      }
    };
    this.router[spec.method](spec.path, ...(isJsonRoute(spec) ? [requireJsonBody] : []), ...(spec.before ?? []), run);
  }

  /** The URL of what a 201 created (see RouteSpec.location). */
  locationOf(spec: RouteSpec, result: unknown): string | undefined {
    if (spec.location) return spec.location(result);
    const id = idOf(result);
    if (id === undefined) return undefined;
    const depth = spec.path.split('/').length + 1;
    // The new resource's own URL: a route that reads or changes `<path>/:id`.
    const served = this.routes.some((r) => r.path.startsWith(`${spec.path}/:`) && r.path.split('/').length === depth);
    return served ? `/api${spec.path}/${encodeURIComponent(id)}` : undefined;
  }
}

/**
 * A JSON route refuses a body of another type with 415 rather than reading it as empty (a text/plain PATCH
 * used to answer 200 having done nothing).
 */
const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (hasBody(req) && !req.is(['application/json', 'application/*+json']))
    throw new AppError(415, 'unsupported_media_type', `Send the body as application/json (got ${req.headers['content-type'] ?? 'no Content-Type'})`);
  next();
};
