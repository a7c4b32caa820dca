/**
 * What a caller from the network reaches on a default start: the developer outbox (every user's OTP codes
 * and reset links) only from this machine or as an admin, the listening interface, and the one spelling of
 * each route (so a proxy rule or a loopback check on /api/metrics cannot be stepped around).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { signAccessToken } from '../../http/auth-context';
import { createUser } from '../factories';
import { startTestApp, type TestApp } from '../harness';
import { isErrorShape, send } from './security.helpers';

let t: TestApp;
let adminToken: string;
let customerToken: string;

beforeAll(async () => {
  // Behind one trusted proxy, as deploy/nginx.conf runs it: the client address comes from X-Forwarded-For.
  t = await startTestApp({ TRUST_PROXY: '1', RATE_LIMIT_API: '100000' });
  adminToken = signAccessToken(await createUser(t, { role: 'admin' }), t.config.jwtSecret, 3600);
  customerToken = signAccessToken(await createUser(t), t.config.jwtSecret, 3600);
});
afterAll(async () => {
  await t?.close();
});

const remote = { 'x-forwarded-for': '203.0.113.7' };

describe('the developer outbox and clock', () => {
  it('when a caller from another machine asks for the outbox, then 403 and no message is shown', async () => {
    const res = await send(t.url, 'GET', '/api/dev/outbox', { headers: remote });
    expect(res.status).toBe(403);
    expect(isErrorShape(res.json)).toBe(true);
    expect(res.text).not.toContain('messages');
  });

  it('when a signed-in customer from another machine asks, then 403 too', async () => {
    expect((await send(t.url, 'GET', '/api/dev/outbox', { headers: remote, token: customerToken })).status).toBe(403);
  });

  it('when another machine tries to move the shop clock, then 403 and the clock stays', async () => {
    const res = await send(t.url, 'PUT', '/api/dev/clock', { headers: remote, body: { at: '2030-01-01T00:00:00Z' } });
    expect(res.status).toBe(403);
    expect(t.deps.clock.moved).toBe(false);
  });

  it('when a signed-in admin asks from another machine, or anyone from this machine, then 200', async () => {
    expect((await send(t.url, 'GET', '/api/dev/outbox', { headers: remote, token: adminToken })).status).toBe(200);
    expect((await send(t.url, 'GET', '/api/dev/outbox')).status).toBe(200);
  });
});

describe('the listening interface', () => {
  it('when HOST is unset outside production, then the server listens on loopback only', () => {
    expect(loadConfig({ NODE_ENV: 'development', DATA_DIR: t.config.dataDir }).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
  });

  it('when HOST is set, or in production, then that interface (every interface by default in production)', () => {
    expect(loadConfig({ NODE_ENV: 'development', DATA_DIR: t.config.dataDir, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(48), PUBLIC_URL: 'https://shop.example.com' };
    expect(loadConfig(prod).host).toBe('0.0.0.0');
    expect(loadConfig({ ...prod, HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });
});

describe('one spelling per route', () => {
  it('when /api/metrics is asked in another case or with a trailing slash, then 404', async () => {
    expect((await send(t.url, 'GET', '/api/metrics')).status).toBe(200);
    for (const path of ['/api/Metrics', '/api/METRICS', '/api/METRICS/', '/api/metrics/', '/API/metrics']) {
      const res = await send(t.url, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.text, path).not.toContain('fatafat_http_requests_total');
    }
  });

  it('when any route is asked with a trailing slash or in capitals, then 404, and no method is offered for it', async () => {
    for (const path of ['/api/health/', '/api/Health', '/api/openapi.json/', '/api/OpenAPI.json']) {
      expect((await send(t.url, 'GET', path)).status, path).toBe(404);
    }
    expect((await send(t.url, 'DELETE', '/api/Health')).status).toBe(404);
  });

  it('when /api/metrics is reached through a proxy from the same machine, then 404 (the proxy is no local caller)', async () => {
    expect((await send(t.url, 'GET', '/api/metrics', { headers: remote })).status).toBe(404);
    expect((await send(t.url, 'GET', '/api/metrics', { headers: { 'x-forwarded-for': '127.0.0.1' } })).status).toBe(404);
  });
});
