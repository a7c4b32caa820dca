import type { RequestHandler } from 'express';
import { forbidden } from './errors';
import { ACCESS_COOKIE, REFRESH_COOKIE } from './auth-context';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie-authenticated state changes must come from our own origin (or an allowlisted one). SameSite=Lax
 * already blocks most cross-site posts; this closes the rest (same-site subdomains, older browsers).
 * Requests without Origin and Referer (curl, server-to-server) carry no ambient browser credentials risk.
 * The shop's own origin is PUBLIC_URL's as well as the one the request itself names: behind a TLS proxy
 * that is not trusted (no TRUST_PROXY) the request arrives as http while the browser's Origin is https.
 */
export function csrfGuard(allowedOrigins: string[], publicUrl?: string): RequestHandler {
  const allowed = new Set(allowedOrigins);
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  return (req, _res, next) => {
    if (SAFE.has(req.method)) return next();
    const cookies = req.cookies as Record<string, string> | undefined;
    if (!cookies?.[ACCESS_COOKIE] && !cookies?.[REFRESH_COOKIE]) return next();
    const source = req.headers.origin ?? req.headers.referer;
    if (!source) return next();
    let origin: string;
    try {
      origin = new URL(source).origin;
    } catch {
      throw forbidden('Cross-site request refused');
    }
    const own = `${req.protocol}://${req.get('host') ?? ''}`;
    if (origin === own || allowed.has(origin)) return next();
    throw forbidden('Cross-site request refused');
  };
}
