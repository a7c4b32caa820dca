/**
 * buildApp(deps): middleware → module routers → error handler. No listen() here, so tests and the server
 * build the very same app.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import express, { type Express, type Request } from 'express';
import helmet from 'helmet';
import type { AppDeps } from './deps';
import { ApiRouter } from './http/api-router';
import { authContext } from './http/auth-context';
import { csrfGuard } from './http/csrf';
import { rejectNulBytes } from './http/input-guard';
import { apiNotFound, errorHandler } from './http/error-handler';
import { methodNotAllowed } from './http/method-not-allowed';
import { rateLimit } from './http/rate-limit';
import { requestLog } from './http/request-log';
import { staticAssets } from './http/static-assets';
import { registerModules } from './modules/index';
import { assertTokenHonoured, forgetStandingOnChange } from './modules/users/account-standing';
import { buildOpenApi, renderDocsPage } from './modules/docs/openapi';

declare module 'express-serve-static-core' {
  interface Request {
    /** The exact bytes of a JSON body, kept for webhook signature checks. */
    rawBody?: Buffer;
  }
}

export interface BuiltApp {
  app: Express;
  api: ApiRouter;
}

/** The CSP source of a tile URL template: its scheme and host, a `{s}` subdomain read as any subdomain. */
export function tileOrigin(template: string): string {
  const origin = /^https?:\/\/[^/]+/.exec(template)?.[0] ?? "'self'";
  return origin.replace('{s}', '*');
}

export function buildApp(deps: AppDeps): BuiltApp {
  const { config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  // No automatic ETag (a SHA-1 of every body, POSTs included): public reads that can be revalidated set
  // their own (catalog.cache.ts), static files get theirs from express.static.
  app.set('etag', false);
  // One spelling per route: /api/Metrics or /api/metrics/ must not reach a handler that a proxy's rule for
  // /api/metrics (or any exact-path check) was meant to keep out.
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);

  app.use(deps.metrics.middleware());
  app.use(requestLog(logger, { ignore: (p) => p === '/api/health' }));

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          // Stripe's Payment Element and Razorpay Checkout load their own scripts and frames.
          scriptSrc: ["'self'", 'https://js.stripe.com', 'https://checkout.razorpay.com'],
          // Stripe Elements and React style attributes need inline styles; scripts stay strict.
          styleSrc: ["'self'", "'unsafe-inline'"],
          // The tracking map's tiles come from the configured tile server.
          imgSrc: ["'self'", 'data:', 'blob:', 'https://res.cloudinary.com', 'https://*.stripe.com', 'https://*.razorpay.com', tileOrigin(deps.config.map.tileUrl)],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", 'https://api.stripe.com', 'https://api.razorpay.com', 'https://lumberjack.razorpay.com'],
          frameSrc: ['https://js.stripe.com', 'https://hooks.stripe.com', 'https://api.razorpay.com', 'https://checkout.razorpay.com'],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          ...(config.isProduction ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: config.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.use(
    compression({
      // Server-Sent Events must reach the browser as they are written, not when a gzip block fills.
      filter: (req, res) =>
        !String(res.getHeader('Content-Type') ?? '').includes('text/event-stream') && compression.filter(req, res),
    }),
  );

  app.use(
    '/api',
    cors({
      origin: (origin, cb) => cb(null, !origin || config.corsOrigins.includes(origin) ? origin ?? false : false),
      credentials: true,
    }),
  );
  app.use(cookieParser());
  app.use(
    '/api',
    express.json({
      limit: '100kb',
      verify: (req, _res, buf) => {
        (req as Request).rawBody = buf;
      },
    }),
  );
  app.use('/api', rejectNulBytes());
  app.use('/api', authContext(config.jwtSecret));
  app.use(
    '/api',
    rateLimit(deps.rateLimitStore, {
      name: 'api',
      limit: config.rateLimit.api,
      windowSeconds: 60,
      // Probes answer from this process alone: a supervisor polling them is no client, and health must
      // not wait on Redis (where the counters live).
      skip: (req) => req.path === '/health' || req.path === '/ready',
    }),
  );
  app.use('/api', csrfGuard(config.corsOrigins, config.publicUrl));

  deps.onClose(forgetStandingOnChange(deps.db, deps.accountEvents));
  const api = new ApiRouter({ confirmUser: (user) => assertTokenHonoured(deps.db, user) });
  registerModules(api, deps);
  let openApiDoc: Record<string, unknown> | undefined;
  const openApi = () => (openApiDoc ??= buildOpenApi(api.routes, config.publicUrl));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApi());
  });
  app.get('/api/docs', (_req, res) => {
    res.type('html').send(renderDocsPage(openApi()));
  });
  app.use('/api', api.router);
  app.use('/api', methodNotAllowed(api));
  app.use('/api', apiNotFound);

  app.use(
    '/uploads',
    express.static(path.join(config.dataDir, 'uploads'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );

  const webDist = config.webDistDir;
  if (webDist && existsSync(path.join(webDist, 'index.html'))) {
    // Hashed assets never change under the same name: cache them for a year, precompressed when possible.
    app.use('/assets', staticAssets(path.join(webDist, 'assets')));
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|uploads\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(webDist, 'index.html'));
    });
  }

  app.use(errorHandler);
  return { app, api };
}
