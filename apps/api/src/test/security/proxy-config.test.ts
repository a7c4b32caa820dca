/**
 * Running behind a reverse proxy: TRUST_PROXY in every form Express takes is read at start (a bad one
 * stops the start with a message naming it, before migrations), cookie-authenticated writes from the
 * shop's public https origin pass even when the proxy is not trusted, and production needs PUBLIC_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import { ACCESS_COOKIE, signAccessToken } from '../../http/auth-context';
import { createUser } from '../factories';
import { startTestApp, type TestApp } from '../harness';
import { send } from './security.helpers';

const PROD = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(48), PUBLIC_URL: 'https://shop.example.com' };

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('TRUST_PROXY', () => {
  it('when it is true, false, a number of hops or a list of addresses, then it is read as Express means it', () => {
    const read = (v: string) => loadConfig({ NODE_ENV: 'test', TRUST_PROXY: v }).trustProxy;
    expect(read('true')).toBe(true);
    expect(read('false')).toBe(false);
    expect(read('2')).toBe(2);
    expect(read('loopback')).toBe('loopback');
    expect(read('loopback, 10.0.0.0/8, 192.168.1.1/255.255.255.0, ::1, fd00::/8')).toBe('loopback, 10.0.0.0/8, 192.168.1.1/255.255.255.0, ::1, fd00::/8');
  });

  it('when it is not a form Express takes, then the config check stops the start and names TRUST_PROXY', () => {
    for (const bad of ['yes', 'on', '10.0.0.0/33', 'loopback,nginx', '1.5', '300.1.1.1']) {
      expect(configError({ NODE_ENV: 'test', TRUST_PROXY: bad }), bad).toMatch(/TRUST_PROXY: not understood/);
    }
  });

  it('when TRUST_PROXY=true, then the app starts and takes the client address from X-Forwarded-For', async () => {
    const t = await startTestApp({ TRUST_PROXY: 'true', RATE_LIMIT_AUTH: '2' });
    try {
      expect((await send(t.url, 'GET', '/api/health')).status).toBe(200);
      // The auth limit counts per client address: two callers behind the proxy each get their own.
      const login = (ip: string) =>
        send(t.url, 'POST', '/api/user/login', { body: { email: 'nobody@example.com', password: 'x'.repeat(10) }, headers: { 'x-forwarded-for': ip } });
      for (let i = 0; i < 3; i++) await login('203.0.113.1');
      expect((await login('203.0.113.1')).status).toBe(429);
      expect((await login('203.0.113.2')).status).not.toBe(429);
    } finally {
      await t.close();
    }
  });
});

describe('cookie writes behind a TLS proxy that is not trusted', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://shop.example.com' });
    cookie = `${ACCESS_COOKIE}=${signAccessToken(await createUser(t), t.config.jwtSecret, 3600)}`;
  });
  afterAll(async () => {
    await t?.close();
  });
  const update = (origin: string) =>
    send(t.url, 'PUT', '/api/user/update', { body: { name: 'Behind Proxy' }, headers: { cookie, origin } });

  it("when the browser's Origin is PUBLIC_URL's (https) and the request arrives as http, then the write passes", async () => {
    expect((await update('https://shop.example.com')).status).toBe(200);
  });

  it('when the Origin is another site, or PUBLIC_URL over another scheme or port, then 403', async () => {
    for (const origin of ['https://evil.example', 'http://shop.example.com', 'https://shop.example.com:8443', 'https://shop.example.com.evil.example']) {
      expect((await update(origin)).status, origin).toBe(403);
    }
  });
});

describe('PUBLIC_URL in production', () => {
  it('when it is missing, then the config check names PUBLIC_URL', () => {
    const { PUBLIC_URL: _, ...withoutUrl } = PROD;
    expect(configError(withoutUrl)).toMatch(/PUBLIC_URL: required when NODE_ENV=production/);
  });

  it('when it is set, then links use it', () => {
    expect(loadConfig(PROD).publicUrl).toBe('https://shop.example.com');
  });
});
