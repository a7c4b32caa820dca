import { eq } from 'drizzle-orm';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTokens, users } from '../../db/schema/index';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../../http/auth-context';
import { createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import { expectNoHash, loginViaApi, registerViaApi, uniqueEmail, waitForMessage } from './users.factories';
import { LIMITS } from './users.service';

let t: TestApp;
beforeAll(async () => {
  // A high per-IP limit: this file logs in many times from 127.0.0.1; the limit has its own test.
  t = await startTestApp({ BCRYPT_ROUNDS: '4', RATE_LIMIT_AUTH: '10000' });
});
afterAll(async () => {
  await t.close();
});

describe('POST /api/user/register', () => {
  it('when the details are valid, then 201 with the user, session cookies and a verification email', async () => {
    const c = t.client();
    const email = uniqueEmail('NewShopper');
    const res = await c.post('/api/user/register', {
      name: 'Asha Rao',
      email,
      password: 'a-good-long-password',
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({
      id: expect.any(String),
      name: 'Asha Rao',
      email: email.toLowerCase(),
      mobile: null,
      role: 'customer',
      storeId: null,
      emailVerified: false,
      mobileVerified: false,
      avatarUrl: null,
      whenShort: 'substitute',
      createdAt: expect.any(String),
    });
    expectNoHash(res.text);
    const cookies = res.headers.getSetCookie();
    const access = cookies.find((x) => x.startsWith(`${ACCESS_COOKIE}=`))!;
    const refresh = cookies.find((x) => x.startsWith(`${REFRESH_COOKIE}=`))!;
    expect(access).toMatch(/HttpOnly/i);
    expect(access).toMatch(/SameSite=Lax/i);
    expect(access).toMatch(/Path=\/(;|$)/);
    expect(access).toMatch(new RegExp(`Max-Age=${t.config.accessTokenTtlSeconds}`));
    expect(access).not.toMatch(/Secure/i);
    expect(refresh).toMatch(/HttpOnly/i);
    expect(refresh).toMatch(/Path=\/api\/user/);
    const mail = await waitForMessage(t, email.toLowerCase());
    expect(mail.subject).toMatch(/confirm your email/i);
    expect(mail.html).toContain('/verify-email?token=');
    expect((await c.get('/api/user/profile')).status).toBe(200);
  });

  it('when fields are missing or wrong, then 400 with per-field details', async () => {
    const res = await t
      .client()
      .post('/api/user/register', { name: '', email: 'not-an-email', password: 'short' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    const paths = (res.body.error.details.issues as Array<{ path: string }>).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.email', 'body.password']));
  });

  it('when the body tries to set a role, then 400 (unknown fields are refused)', async () => {
    const res = await t.client().post('/api/user/register', {
      name: 'Mallory',
      email: uniqueEmail(),
      password: 'a-good-long-password',
      role: 'admin',
    });
    expect(res.status).toBe(400);
  });

  it('when the email is taken in another case, then 409', async () => {
    const { email } = await registerViaApi(t);
    const res = await t
      .client()
      .post('/api/user/register', { name: 'Copy', email: email.toUpperCase(), password: 'another-password' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });
});

describe('POST /api/user/login', () => {
  it('when the password is right, then 200 with the user and working cookies (email matched in any case)', async () => {
    const u = await createUser(t);
    const c = t.client();
    const res = await c.post('/api/user/login', { email: u.email.toUpperCase(), password: u.password });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: u.id, role: 'customer' });
    expectNoHash(res.text);
    expect(c.cookies.get(ACCESS_COOKIE)).toBeTruthy();
    expect(c.cookies.get(REFRESH_COOKIE)).toBeTruthy();
    const profile = await c.get('/api/user/profile');
    expect(profile.status).toBe(200);
    expect(profile.body.user.id).toBe(u.id);
  });

  it('when the email is unknown or the password wrong, then the same 401', async () => {
    const u = await createUser(t);
    const wrongPassword = await t
      .client()
      .post('/api/user/login', { email: u.email, password: 'not-the-password' });
    const unknownEmail = await t
      .client()
      .post('/api/user/login', { email: uniqueEmail(), password: 'not-the-password' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
  });

  it('when the body is invalid, then 400 with details', async () => {
    const res = await t.client().post('/api/user/login', { email: 'nope' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues.length).toBeGreaterThan(0);
  });

  it('when the account is blocked, then 403 and no session', async () => {
    const u = await createUser(t);
    await t.deps.db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, u.id));
    const c = t.client();
    const res = await c.post('/api/user/login', { email: u.email, password: u.password });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('account_blocked');
    expect(c.cookies.size).toBe(0);
  });

  it('when one source fails 6 logins, then its next try gets 429 with Retry-After, and other accounts are unaffected (see security/lockout.test.ts)', async () => {
    const u = await createUser(t);
    for (let i = 0; i < 6; i += 1) {
      expect(
        (await t.client().post('/api/user/login', { email: u.email, password: `wrong-${i}` })).status,
      ).toBe(401);
    }
    const slowed = await t.client().post('/api/user/login', { email: u.email, password: u.password });
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(slowed.body.error.code).toBe('rate_limited');
    const other = await createUser(t);
    await loginViaApi(t, other.email, other.password);
  });

  it('when a login succeeds, then the failure count starts again', async () => {
    const u = await createUser(t);
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 5; i += 1)
        await t.client().post('/api/user/login', { email: u.email, password: 'wrong-one' });
      await loginViaApi(t, u.email, u.password);
    }
  });
});

describe('per-IP auth rate limit', () => {
  // Its own app, started in a hook: booting a database inside a test can outlast the test timeout.
  let small: TestApp;
  beforeAll(async () => {
    small = await startTestApp({ BCRYPT_ROUNDS: '4', RATE_LIMIT_AUTH: '3' });
  });
  afterAll(async () => {
    await small.close();
  });

  it('when an IP goes over RATE_LIMIT_AUTH a minute, then 429 with Retry-After', async () => {
    const c = small.client();
    for (let i = 0; i < 3; i += 1) {
      expect(
        (await c.post('/api/user/login', { email: uniqueEmail(), password: 'whatever-pass' })).status,
      ).toBe(401);
    }
    const res = await c.post('/api/user/forgot-password', { email: uniqueEmail() });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.body.error.code).toBe('rate_limited');
    // Non-auth routes are not counted against it.
    expect((await c.get('/api/health')).status).toBe(200);
  });
});

describe('GET /api/user/profile', () => {
  it('when not logged in, then 401', async () => {
    const res = await t.client().get('/api/user/profile');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('when the access token has expired, then 401', async () => {
    const u = await createUser(t);
    const c = t.client();
    const expired = jwt.sign(
      { sub: u.id, role: 'customer', store: null, exp: Math.floor(Date.now() / 1000) - 60 },
      t.config.jwtSecret,
      {
        algorithm: 'HS256',
        issuer: 'fatafat',
      },
    );
    c.cookies.set(ACCESS_COOKIE, expired);
    expect((await c.get('/api/user/profile')).status).toBe(401);
  });

  it('when the token is signed with another secret, then 401', async () => {
    const u = await createUser(t);
    const c = t.client();
    c.cookies.set(
      ACCESS_COOKIE,
      jwt.sign({ sub: u.id, role: 'admin' }, 'x'.repeat(40), { issuer: 'fatafat' }),
    );
    expect((await c.get('/api/user/profile')).status).toBe(401);
  });

  it('when the account was blocked after login, then the profile answers 403 account_blocked and refresh 401', async () => {
    const u = await createUser(t);
    const c = await loginViaApi(t, u.email, u.password);
    await t.deps.db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, u.id));
    const profile = await c.get('/api/user/profile');
    expect(profile.status).toBe(403);
    expect(profile.body.error.code).toBe('account_blocked');
    expect((await c.post('/api/user/refresh')).status).toBe(401);
  });
});

describe('POST /api/user/refresh', () => {
  it('when the refresh cookie is fresh, then it rotates and a new access token works', async () => {
    const u = await createUser(t);
    const c = await loginViaApi(t, u.email, u.password);
    const before = c.cookies.get(REFRESH_COOKIE);
    const res = await c.post('/api/user/refresh');
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(u.id);
    expectNoHash(res.text);
    expect(c.cookies.get(REFRESH_COOKIE)).toBeTruthy();
    expect(c.cookies.get(REFRESH_COOKIE)).not.toBe(before);
    expect((await c.get('/api/user/profile')).status).toBe(200);
  });

  it('when an already rotated token is used again after the grace window, then 401 and the whole family is revoked', async () => {
    const u = await createUser(t);
    const victim = await loginViaApi(t, u.email, u.password);
    const stolen = victim.cookies.get(REFRESH_COOKIE)!;
    expect((await victim.post('/api/user/refresh')).status).toBe(200);

    const thief = t.client();
    thief.cookies.set(REFRESH_COOKIE, stolen);
    t.deps.clock.set(new Date(Date.now() + (LIMITS.refreshGraceSeconds + 1) * 1000));
    const reuse = await thief.post('/api/user/refresh').finally(() => t.deps.clock.set(null));
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('session_expired');

    // The legitimate, newer token of the same family is dead too.
    expect((await victim.post('/api/user/refresh')).status).toBe(401);
    const live = await t.deps.db.select().from(refreshTokens).where(eq(refreshTokens.userId, u.id));
    expect(live.every((r) => r.revokedAt !== null)).toBe(true);
    // Tokens are stored hashed, never as issued.
    expect(live.some((r) => r.tokenHash === stolen)).toBe(false);
  });

  it('when the refresh token has expired, then 401', async () => {
    const u = await createUser(t);
    const c = await loginViaApi(t, u.email, u.password);
    await t.deps.db
      .update(refreshTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(refreshTokens.userId, u.id));
    const res = await c.post('/api/user/refresh');
    expect(res.status).toBe(401);
    expect(c.cookies.has(REFRESH_COOKIE)).toBe(false);
  });

  it('when there is no refresh cookie, then 401', async () => {
    expect((await t.client().post('/api/user/refresh')).status).toBe(401);
  });

  it('when another session of the same user is refreshed, then this one is untouched', async () => {
    const u = await createUser(t);
    const phone = await loginViaApi(t, u.email, u.password);
    const laptop = await loginViaApi(t, u.email, u.password);
    expect((await phone.post('/api/user/refresh')).status).toBe(200);
    expect((await laptop.post('/api/user/refresh')).status).toBe(200);
  });
});

describe('POST /api/user/logout', () => {
  it('when logged in, then 204, cookies cleared and the refresh token revoked', async () => {
    const u = await createUser(t);
    const c = await loginViaApi(t, u.email, u.password);
    const token = c.cookies.get(REFRESH_COOKIE)!;
    const res = await c.post('/api/user/logout');
    expect(res.status).toBe(204);
    expect(c.cookies.size).toBe(0);
    const again = t.client();
    again.cookies.set(REFRESH_COOKIE, token);
    expect((await again.post('/api/user/refresh')).status).toBe(401);
  });

  it('when not logged in, then 204 all the same', async () => {
    expect((await t.client().post('/api/user/logout')).status).toBe(204);
  });
});

describe('CSRF', () => {
  it('when a cookie-authenticated POST comes from a foreign Origin, then 403 and nothing changes', async () => {
    const u = await createUser(t);
    const c = await loginViaApi(t, u.email, u.password);
    const res = await c.post('/api/user/logout', undefined, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    const put = await c.put(
      '/api/user/update',
      { name: 'Pwned' },
      { headers: { referer: 'https://evil.example/page' } },
    );
    expect(put.status).toBe(403);
    expect((await c.post('/api/user/refresh')).status).toBe(200);
    const profile = await c.get('/api/user/profile');
    expect(profile.body.user.name).toBe(u.name);
  });

  it('when the Origin is our own, then the request goes through', async () => {
    const u = await createUser(t);
    const c = await loginViaApi(t, u.email, u.password);
    const res = await c.put('/api/user/update', { name: 'Same Origin' }, { headers: { origin: t.url } });
    expect(res.status).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('lists the account, address and dev routes', async () => {
    const doc = await t.client().get('/api/openapi.json');
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/api/user/register',
      '/api/user/login',
      '/api/user/refresh',
      '/api/user/otp/verify',
      '/api/address/{id}',
      '/api/dev/outbox',
    ]) {
      expect(paths).toContain(p);
    }
  });
});
