/** Sessions under attack: forged and stale tokens, stolen refresh tokens, cross-site posts, guessing and probing. */
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_COOKIE, REFRESH_COOKIE, signAccessToken } from '../../http/auth-context';
import { uniqueEmail } from '../../modules/users/users.factories';
import { LIMITS } from '../../modules/users/users.service';
import { createUser, type TestUser } from '../factories';
import { startTestApp, type TestApp } from '../harness';
import { send } from './security.helpers';

const AUTH_LIMIT = 40;
let t: TestApp;
let user: TestUser;
let admin: TestUser;

beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_AUTH: String(AUTH_LIMIT), BCRYPT_ROUNDS: '4' });
  user = await createUser(t);
  admin = await createUser(t, { role: 'admin' });
});
afterAll(async () => {
  await t?.close();
});

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const profile = (token: string) => send(t.url, 'GET', '/api/user/profile', { token });

describe('JWT tampering', () => {
  it('when the token is genuine, then the profile answers 200 (the control for the cases below)', async () => {
    const res = await profile(signAccessToken(user, t.config.jwtSecret, 60));
    expect(res.status).toBe(200);
  });

  it('when the payload is changed to role admin and the old signature kept, then 401', async () => {
    const [h, , s] = signAccessToken(user, t.config.jwtSecret, 60).split('.');
    const forged = `${h}.${b64({ sub: user.id, role: 'admin', store: null, iss: 'fatafat', exp: Math.floor(Date.now() / 1000) + 60 })}.${s}`;
    expect((await profile(forged)).status).toBe(401);
    expect((await send(t.url, 'GET', '/api/admin/customers', { token: forged })).status).toBe(401);
  });

  it('when the token says alg none with no signature, then 401', async () => {
    const payload = { sub: admin.id, role: 'admin', iss: 'fatafat', exp: Math.floor(Date.now() / 1000) + 60 };
    for (const alg of ['none', 'None', 'NONE']) {
      const forged = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}.`;
      expect((await send(t.url, 'GET', '/api/admin/customers', { token: forged })).status, alg).toBe(401);
      const viaCookie = await send(t.url, 'GET', '/api/admin/customers', {
        headers: { cookie: `${ACCESS_COOKIE}=${forged}` },
      });
      expect(viaCookie.status, alg).toBe(401);
    }
  });

  it('when the token is signed with another key or another HMAC, then 401', async () => {
    const claims = { sub: admin.id, role: 'admin', store: null };
    const wrongKey = jwt.sign(claims, 'x'.repeat(48), {
      algorithm: 'HS256',
      expiresIn: 60,
      issuer: 'fatafat',
    });
    const otherAlg = jwt.sign(claims, t.config.jwtSecret, {
      algorithm: 'HS512',
      expiresIn: 60,
      issuer: 'fatafat',
    });
    const noIssuer = jwt.sign(claims, t.config.jwtSecret, { algorithm: 'HS256', expiresIn: 60 });
    for (const token of [wrongKey, otherAlg, noIssuer]) expect((await profile(token)).status).toBe(401);
  });

  it('when the token has expired, then 401 with the error shape', async () => {
    const expired = jwt.sign(
      { sub: user.id, role: 'customer', store: null, exp: Math.floor(Date.now() / 1000) - 10 },
      t.config.jwtSecret,
      { algorithm: 'HS256', issuer: 'fatafat' },
    );
    const res = await profile(expired);
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthorized');
  });

  it('when the token is garbage, then 401 and never 5xx', async () => {
    for (const token of ['a.b.c', '....', 'x'.repeat(5000), '%00', 'eyJ.eyJ.']) {
      const res = await profile(token);
      expect(res.status, token.slice(0, 20)).toBe(401);
    }
  });
});

describe('refresh-token reuse', () => {
  const register = async () => {
    const c = t.client();
    const reg = await c.post('/api/user/register', { name: 'Ravi Kumar', email: uniqueEmail(), password: 'a-good-long-password' });
    expect(reg.status).toBe(201);
    return c;
  };
  const holding = (token: string) => {
    const c = t.client();
    c.cookies.set(REFRESH_COOKIE, token);
    return c;
  };

  it('when an old refresh token is replayed after rotation and the grace window, then 401 and the whole family is revoked', async () => {
    const c = await register();
    const first = c.cookies.get(REFRESH_COOKIE)!;
    expect(first).toBeTruthy();
    const rotated = await c.post('/api/user/refresh');
    expect(rotated.status).toBe(200);
    const second = c.cookies.get(REFRESH_COOKIE)!;
    expect(second).not.toBe(first);

    t.deps.clock.set(new Date(Date.now() + (LIMITS.refreshGraceSeconds + 1) * 1000));
    try {
      const replay = await holding(first).post('/api/user/refresh');
      expect(replay.status).toBe(401);
    } finally {
      t.deps.clock.set(null);
    }

    // The legitimate holder's newer token dies with the family.
    expect((await holding(second).post('/api/user/refresh')).status).toBe(401);
  });

  it('when two tabs refresh with the same token at once, then both succeed with the same new token and the session keeps working', async () => {
    const c = await register();
    const first = c.cookies.get(REFRESH_COOKIE)!;
    const tabs = [holding(first), holding(first)];
    const answers = await Promise.all(tabs.map((tab) => tab.post('/api/user/refresh')));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const [a, b] = tabs.map((tab) => tab.cookies.get(REFRESH_COOKIE)!);
    expect(a).not.toBe(first);
    expect(b).toBe(a);
    for (const tab of tabs) expect((await profile(tab.cookies.get(ACCESS_COOKIE)!)).status).toBe(200);
    // A late third tab in the window is answered the same; the session then rotates on as usual.
    expect((await holding(first).post('/api/user/refresh')).status).toBe(200);
    const next = await tabs[0]!.post('/api/user/refresh');
    expect(next.status).toBe(200);
    expect((await profile(tabs[0]!.cookies.get(ACCESS_COOKIE)!)).status).toBe(200);
  });

  it('when a rotated token is replayed in the window after its successor was used, then 401 and the family is revoked', async () => {
    const c = await register();
    const first = c.cookies.get(REFRESH_COOKIE)!;
    expect((await c.post('/api/user/refresh')).status).toBe(200);
    expect((await c.post('/api/user/refresh')).status).toBe(200);
    expect((await holding(first).post('/api/user/refresh')).status).toBe(401);
    expect((await c.post('/api/user/refresh')).status).toBe(401);
    expect((await profile(c.cookies.get(ACCESS_COOKIE) ?? '')).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('when a cookie-authenticated state change comes from a foreign Origin or Referer, then 403 and nothing changes', async () => {
    const c = t.client();
    c.cookies.set(ACCESS_COOKIE, signAccessToken(user, t.config.jwtSecret, 60));
    const body = {
      label: 'home',
      name: 'Evil',
      phone: '9876543210',
      line1: '1 Evil St',
      city: 'X',
      state: 'Y',
      pincode: '560001',
    };
    for (const headers of [
      { origin: 'https://evil.example' },
      { referer: 'https://evil.example/page' },
      { origin: 'null' },
    ] as Array<Record<string, string>>) {
      const res = await c.post('/api/address', body, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    const list = await c.get('/api/address');
    expect(JSON.stringify(list.body)).not.toContain('Evil St');
    const own = await c.post('/api/address', body, { headers: { origin: t.url } });
    expect(own.status).not.toBe(403);
  });
});

describe('brute force and enumeration', () => {
  it('when one account is guessed at from many places, then it locks (429) even for the right password', async () => {
    const victim = await createUser(t);
    let locked = false;
    for (let i = 0; i < 20 && !locked; i += 1) {
      const res = await t.client().post('/api/user/login', { email: victim.email, password: `guess-${i}` });
      locked = res.status === 429;
    }
    expect(locked).toBe(true);
    const right = await t
      .client()
      .post('/api/user/login', { email: victim.email, password: victim.password });
    expect(right.status).toBe(429);
  });

  it('when login is tried with an unknown email or a wrong password, then both answers are identical', async () => {
    const known = await t
      .client()
      .post('/api/user/login', { email: user.email, password: 'wrong-password-1' });
    const unknown = await t
      .client()
      .post('/api/user/login', { email: uniqueEmail('nobody'), password: 'wrong-password-1' });
    expect(known.status).toBe(401);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
  });

  it('when a reset is asked for a known or unknown email, then both answers are identical', async () => {
    const known = await t.client().post('/api/user/forgot-password', { email: user.email });
    const unknown = await t.client().post('/api/user/forgot-password', { email: uniqueEmail('nobody') });
    expect(known.status).toBeLessThan(300);
    expect(unknown.status).toBe(known.status);
    expect(unknown.text).toBe(known.text);
  });

  it('when an existing email registers again, then only the documented 409 says so, without any account data', async () => {
    const res = await t
      .client()
      .post('/api/user/register', {
        name: 'Copy Cat',
        email: user.email.toUpperCase(),
        password: 'a-good-long-password',
      });
    expect(res.status).toBe(409);
    expect(res.text).not.toContain(user.id);
    expect(res.text).not.toContain(user.name);
  });
});

describe('brute force from one address', () => {
  // Last in the file: it uses up this IP's auth budget for the rest of the minute.
  it('when one IP keeps guessing passwords, then it is answered 429 with Retry-After until the window ends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < AUTH_LIMIT + 5; i += 1) {
      const res = await t
        .client()
        .post('/api/user/login', { email: uniqueEmail('guess'), password: `guess-${i}` });
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers.get('retry-after')).toBeTruthy();
    }
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThan(0);
    expect(first429).toBeLessThanOrEqual(AUTH_LIMIT);
    expect(statuses.slice(first429).every((s) => s === 429)).toBe(true);
    expect(statuses.slice(0, first429).every((s) => s === 401)).toBe(true);
  });
});
