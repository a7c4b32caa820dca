import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneTimeTokens, users } from '../../db/schema/index';
import { createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import {
  codeFromSms,
  expectNoHash,
  loginViaApi,
  registerViaApi,
  tokenFromMail,
  uniqueEmail,
  uniqueMobile,
  waitForMessage,
} from './users.factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ BCRYPT_ROUNDS: '4', RATE_LIMIT_AUTH: '10000' });
});
afterAll(async () => {
  await t.close();
});

/** Same id, different secret: a well-formed guess. */
const wrongSecret = (token: string) => `${token.split('.')[0]}.${'A'.repeat(43)}`;

describe('POST /api/user/verify-email', () => {
  it('when the link from the email is used, then the email is verified, and the link works only once', async () => {
    const { client, email } = await registerViaApi(t);
    const token = tokenFromMail(await waitForMessage(t, email));
    const res = await t.client().post('/api/user/verify-email', { token });
    expect(res.status).toBe(200);
    expect(res.body.user.emailVerified).toBe(true);
    expectNoHash(res.text);
    expect((await client.get('/api/user/profile')).body.user.emailVerified).toBe(true);
    const again = await t.client().post('/api/user/verify-email', { token });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invalid_token');
  });

  it('when wrong secrets are tried 5 times, then even the right one is refused', async () => {
    const { email } = await registerViaApi(t);
    const token = tokenFromMail(await waitForMessage(t, email));
    for (let i = 0; i < 5; i += 1) {
      expect((await t.client().post('/api/user/verify-email', { token: wrongSecret(token) })).status).toBe(
        400,
      );
    }
    expect((await t.client().post('/api/user/verify-email', { token })).status).toBe(400);
  });

  it('when the link has expired, then 400', async () => {
    const { id, email } = await registerViaApi(t);
    const token = tokenFromMail(await waitForMessage(t, email));
    await t.deps.db
      .update(oneTimeTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oneTimeTokens.userId, id));
    expect((await t.client().post('/api/user/verify-email', { token })).status).toBe(400);
  });

  it('when the token is malformed, then 400 with details', async () => {
    const res = await t.client().post('/api/user/verify-email', { token: 'garbage' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('body.token');
  });

  it('when only the newest link is valid, then an older one is refused', async () => {
    const { client, email } = await registerViaApi(t);
    const first = tokenFromMail(await waitForMessage(t, email));
    expect((await client.post('/api/user/verify-email/resend')).status).toBe(200);
    const second = tokenFromMail(await waitForMessage(t, email, (m) => !m.text.includes(first)));
    expect((await t.client().post('/api/user/verify-email', { token: first })).status).toBe(400);
    expect((await t.client().post('/api/user/verify-email', { token: second })).status).toBe(200);
    // Already verified: nothing more to send.
    expect((await client.post('/api/user/verify-email/resend')).status).toBe(409);
  });

  it('when asking for a new link without logging in, then 401', async () => {
    expect((await t.client().post('/api/user/verify-email/resend')).status).toBe(401);
  });
});

describe('forgot and reset password', () => {
  it('when the email exists or not, then the same answer, and only the real account gets a mail', async () => {
    const u = await createUser(t);
    const ghost = uniqueEmail('ghost');
    const known = await t.client().post('/api/user/forgot-password', { email: u.email });
    const unknown = await t.client().post('/api/user/forgot-password', { email: ghost });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.body).toEqual(unknown.body);
    const mail = await waitForMessage(t, u.email);
    expect(mail.subject).toMatch(/reset/i);
    expect(await t.deps.outbox.list({ to: ghost })).toEqual([]);
  });

  it('when the reset link is used, then the new password works, every session ends and the link is spent', async () => {
    const u = await createUser(t);
    const session = await loginViaApi(t, u.email, u.password);
    await t.client().post('/api/user/forgot-password', { email: u.email });
    const token = tokenFromMail(await waitForMessage(t, u.email));
    const res = await t.client().post('/api/user/reset-password', { token, password: 'fresh-password-1' });
    expect(res.status).toBe(200);
    expect((await session.post('/api/user/refresh')).status).toBe(401);
    expect((await t.client().post('/api/user/login', { email: u.email, password: u.password })).status).toBe(
      401,
    );
    const c = await loginViaApi(t, u.email, 'fresh-password-1');
    // The link reached the inbox, so the address is proven.
    expect((await c.get('/api/user/profile')).body.user.emailVerified).toBe(true);
    expect(
      (await t.client().post('/api/user/reset-password', { token, password: 'another-pass-2' })).status,
    ).toBe(400);
  });

  it('when the reset link has expired or been guessed at 5 times, then 400', async () => {
    const u = await createUser(t);
    await t.client().post('/api/user/forgot-password', { email: u.email });
    const token = tokenFromMail(await waitForMessage(t, u.email));
    for (let i = 0; i < 5; i += 1) {
      await t
        .client()
        .post('/api/user/reset-password', { token: wrongSecret(token), password: 'fresh-password-1' });
    }
    expect(
      (await t.client().post('/api/user/reset-password', { token, password: 'fresh-password-1' })).status,
    ).toBe(400);

    const v = await createUser(t);
    await t.client().post('/api/user/forgot-password', { email: v.email });
    const token2 = tokenFromMail(await waitForMessage(t, v.email));
    await t.deps.db
      .update(oneTimeTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(oneTimeTokens.userId, v.id), eq(oneTimeTokens.purpose, 'reset_password')));
    expect(
      (await t.client().post('/api/user/reset-password', { token: token2, password: 'fresh-password-1' }))
        .status,
    ).toBe(400);
    await loginViaApi(t, v.email, v.password);
  });

  it('when the new password is too short or the email invalid, then 400 with details', async () => {
    const res = await t.client().post('/api/user/reset-password', {
      token: `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.${'A'.repeat(43)}`,
      password: 'short',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('body.password');
    expect((await t.client().post('/api/user/forgot-password', { email: 'nope' })).status).toBe(400);
  });
});

describe('mobile OTP login', () => {
  it('when a number logs in the first time, then its account is created; the next time it is reused', async () => {
    const mobile = uniqueMobile();
    const req = await t.client().post('/api/user/otp/request', { mobile: `+91-${mobile}` });
    expect(req.status).toBe(200);
    expect(req.body.expiresInSeconds).toBe(600);
    const sms = await waitForMessage(t, mobile);
    expect(sms.channel).toBe('sms');
    const c = t.client();
    const res = await c.post('/api/user/otp/verify', { mobile, code: codeFromSms(sms) });
    expect(res.status).toBe(200);
    expect(res.body.isNewUser).toBe(true);
    expect(res.body.user).toMatchObject({ mobile, email: null, role: 'customer' });
    expect((await c.get('/api/user/profile')).status).toBe(200);
    // The code is single use.
    expect((await t.client().post('/api/user/otp/verify', { mobile, code: codeFromSms(sms) })).status).toBe(
      401,
    );

    await t.client().post('/api/user/otp/request', { mobile });
    const sms2 = await waitForMessage(t, mobile, (m) => m.id !== sms.id);
    const second = await t.client().post('/api/user/otp/verify', { mobile, code: codeFromSms(sms2) });
    expect(second.body).toMatchObject({ isNewUser: false, user: { id: res.body.user.id } });

    // Its only way in is the number, so the number cannot be removed.
    expect((await c.put('/api/user/update', { mobile: null })).status).toBe(400);
    // An OTP account has no password yet and may set one without a current password.
    const set = await c.put('/api/user/password', { newPassword: 'first-password-1' });
    expect(set.status).toBe(200);
  });

  it('when the code is wrong 5 times, then the right code is refused too', async () => {
    const mobile = uniqueMobile();
    await t.client().post('/api/user/otp/request', { mobile });
    const code = codeFromSms(await waitForMessage(t, mobile));
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) {
      const res = await t.client().post('/api/user/otp/verify', { mobile, code: wrong });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_code');
    }
    expect((await t.client().post('/api/user/otp/verify', { mobile, code })).status).toBe(401);
  });

  it('when the code has expired, then 401', async () => {
    const mobile = uniqueMobile();
    await t.client().post('/api/user/otp/request', { mobile });
    const code = codeFromSms(await waitForMessage(t, mobile));
    await t.deps.db
      .update(oneTimeTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oneTimeTokens.target, mobile));
    expect((await t.client().post('/api/user/otp/verify', { mobile, code })).status).toBe(401);
  });

  it('when a number asks for too many codes, then 429 with Retry-After', async () => {
    const mobile = uniqueMobile();
    for (let i = 0; i < 5; i += 1)
      expect((await t.client().post('/api/user/otp/request', { mobile })).status).toBe(200);
    const res = await t.client().post('/api/user/otp/request', { mobile });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeTruthy();
  });

  it('when the number or code is malformed, then 400 with details', async () => {
    const bad = await t.client().post('/api/user/otp/request', { mobile: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('body.mobile');
    expect(
      (await t.client().post('/api/user/otp/verify', { mobile: uniqueMobile(), code: '12' })).status,
    ).toBe(400);
  });

  it('when the account of that number is blocked, then 403', async () => {
    const mobile = uniqueMobile();
    const u = await createUser(t);
    await t.deps.db.update(users).set({ mobile, mobileVerifiedAt: new Date(), blockedAt: new Date() }).where(eq(users.id, u.id));
    await t.client().post('/api/user/otp/request', { mobile });
    const code = codeFromSms(await waitForMessage(t, mobile));
    expect((await t.client().post('/api/user/otp/verify', { mobile, code })).status).toBe(403);
  });
});

describe('GET /api/dev/outbox', () => {
  it('when not in production, then it lists the messages to an address', async () => {
    const { email } = await registerViaApi(t);
    await waitForMessage(t, email);
    const res = await t.client().get(`/api/dev/outbox?to=${encodeURIComponent(email)}`);
    expect(res.status).toBe(200);
    expect(res.body.messages).toHaveLength(1);
    expect(res.body.messages[0]).toMatchObject({ channel: 'email', to: email });
    expect((await t.client().get('/api/dev/outbox?limit=0')).status).toBe(400);
  });
});

describe('in production', () => {
  let prod: TestApp;
  beforeAll(async () => {
    prod = await startTestApp({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(48), BCRYPT_ROUNDS: '10', PUBLIC_URL: 'https://shop.example.com' });
  });
  afterAll(async () => {
    await prod.close();
  });

  it('when the dev outbox is asked for, then 404', async () => {
    const res = await prod.client().get('/api/dev/outbox');
    expect(res.status).toBe(404);
  });

  it('when logging in, then the cookies are Secure', async () => {
    const u = await createUser(prod);
    const login = await prod.client().post('/api/user/login', { email: u.email, password: u.password });
    expect(login.status).toBe(200);
    for (const c of login.headers.getSetCookie()) expect(c).toMatch(/Secure/i);
  });
});
