/** Random secrets and their stored forms. Only hashes reach the database; comparisons are constant-time. */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 256 bits, URL-safe: refresh tokens and email links. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The refresh token that replaces `token` on rotation. Derived rather than random, so the same token
 * presented again in the grace window gets the same successor without the server storing it; without the
 * server secret it is as unguessable as a random one.
 */
export function successorToken(secret: string, token: string): string {
  return createHmac('sha256', secret).update(`refresh-successor:${token}`).digest('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Six-digit codes have too little entropy for a bare hash (a leaked table would be reversed in
 * milliseconds), so they are keyed with the server secret and bound to where they were sent.
 */
export function hashCode(secret: string, target: string, code: string): string {
  return createHmac('sha256', secret).update(`${target}:${code}`).digest('hex');
}

export function randomOtp(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Email links carry `<row id>.<secret>` so a wrong secret can be counted against its row. */
export function splitLinkToken(token: string): { id: string; secret: string } {
  const dot = token.indexOf('.');
  return { id: token.slice(0, dot), secret: token.slice(dot + 1) };
}

/** PostgreSQL unique violation (23505) on either driver; returns the constraint name when there is one. */
export function uniqueViolation(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth += 1) {
    const x = e as { code?: string; constraint?: string };
    if (x.code === '23505') return x.constraint ?? '';
  }
  return null;
}
