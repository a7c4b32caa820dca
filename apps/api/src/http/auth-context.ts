/**
 * Who is calling: read from the access-token cookie (or an Authorization: Bearer header for API clients)
 * on every request. Verifying a JWT costs microseconds and no database round trip.
 */
import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import type { RequestHandler } from 'express';
import jwt from 'jsonwebtoken';
import { ROLES } from '../db/schema/users';

export type Role = (typeof ROLES)[number];

export interface AuthUser {
  id: string;
  role: Role;
  /** The dark store a picker, rider or store manager (staff) works at. */
  storeId: string | null;
  /**
   * The session the token belongs to (its refresh-token family). Logout, a password change or reset end
   * the session, and with it every access token issued in it (account-standing.ts).
   */
  sessionId?: string;
  /** When the token stops being accepted (epoch ms): a live stream it opened ends then. */
  expiresAt?: number;
}

export const ACCESS_COOKIE = 'ff_access';
export const REFRESH_COOKIE = 'ff_refresh';

declare module 'express-serve-static-core' {
  interface Request {
    user?: AuthUser | null;
  }
}

interface AccessClaims {
  sub: string;
  role: Role;
  store?: string | null;
  sid?: string;
  exp?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `sessionId` is the refresh-token family the token is issued in. A token minted without one (tests,
 * tools) gets a session of its own that nothing ends: it still dies with the account's standing and expiry.
 */
export function signAccessToken(
  user: AuthUser,
  secret: string,
  ttlSeconds: number,
  sessionId: string = user.sessionId ?? randomUUID(),
): string {
  const claims: AccessClaims = { sub: user.id, role: user.role, store: user.storeId, sid: sessionId };
  return jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: ttlSeconds, issuer: 'fatafat' });
}

// Handed a string, jsonwebtoken first tries (and fails) to parse it as a PEM public key, then builds a secret
// key, on every call: that throw-and-catch was the largest self-time in a checkout profile. The key is built
// once per secret instead; it is the same HMAC key (the secret's UTF-8 bytes).
const secretKeys = new Map<string, KeyObject>();
function secretKeyOf(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return key;
}

export function verifyAccessToken(token: string, secret: string): AuthUser | null {
  try {
    // Pinning the algorithm refuses `alg: none` and key-confusion tricks.
    const claims = jwt.verify(token, secretKeyOf(secret), { algorithms: ['HS256'], issuer: 'fatafat' }) as AccessClaims;
    if (typeof claims.sub !== 'string' || !(ROLES as readonly string[]).includes(claims.role)) return null;
    // A token from before sessions were named has no sid: refused, so the client refreshes into one.
    if (typeof claims.sid !== 'string' || !UUID.test(claims.sid)) return null;
    return {
      id: claims.sub,
      role: claims.role,
      storeId: claims.store ?? null,
      sessionId: claims.sid,
      ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp * 1000 } : {}),
    };
  } catch {
    return null;
  }
}

export function authContext(secret: string): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const cookies = req.cookies as Record<string, string> | undefined;
    const token = bearer ?? cookies?.[ACCESS_COOKIE];
    req.user = token ? verifyAccessToken(token, secret) : null;
    next();
  };
}
