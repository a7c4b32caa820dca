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
    const details = zodIssues(result.error, part);
    const first = details[0];
    throw new AppError(400, 'invalid_input', first ? `${first.path}: ${first.message}` : `Invalid ${part}`, details);
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

const needsUser = (level: AuthLevel) => level !== 'public' && level !== 'optional';

export class ApiRouter {
  readonly router = express.Router();
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
        res.status(spec.status ?? 200).json(result);
      } else if (!res.headersSent && spec.status === 204) {
        res.status(204).end();
      }
    };
    this.router[spec.method](spec.path, ...(spec.before ?? []), run);
  }
}
