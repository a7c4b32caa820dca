import { isIP } from 'node:net';
import type { Request } from 'express';

/** 127.0.0.0/8 and ::1, also written as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (plain === '::1') return true;
  return isIP(plain) === 4 && plain.startsWith('127.');
}

/**
 * A caller on this very machine: the connection comes from loopback, the client address Express derives
 * (trust proxy) is loopback too, and no proxy forwarded the request. A reverse proxy on the same host
 * connects from loopback for every visitor, so a forwarded request is never taken as a local one.
 */
export function isLoopbackCaller(req: Request): boolean {
  if (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined) return false;
  return isLoopbackAddress(req.socket.remoteAddress) && isLoopbackAddress(req.ip);
}
