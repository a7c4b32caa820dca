/**
 * Phone identity: a mobile number signs someone into an account only once a code sent to it was entered by
 * that account. The attacks: attaching someone else's number without proof (account takeover through OTP
 * login), and pre-hijacking an account by registering a victim's email with the attacker's phone.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema/index';
import {
  codeFromSms,
  registerViaApi,
  tokenFromMail,
  uniqueEmail,
  uniqueMobile,
  waitForMessage,
} from '../../modules/users/users.factories';
import type { HttpClient, HttpResponse } from '../http-client';
import { startTestApp, type TestApp } from '../harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ BCRYPT_ROUNDS: '4', RATE_LIMIT_AUTH: '10000' });
});
afterAll(async () => {
  await t?.close();
});

/** Logs in by OTP as whoever holds `mobile`: asks for a code and reads it off the phone (the outbox). */
async function otpLogin(mobile: string): Promise<{ client: HttpClient; status: number; body: HttpResponse['body'] }> {
  const client = t.client();
  const sent = await client.post('/api/user/otp/request', { mobile });
  expect(sent.status).toBe(200);
  const sms = await waitForMessage(t, mobile, (m) => m.channel === 'sms' && /login code/.test(m.text));
  const res = await client.post('/api/user/otp/verify', { mobile, code: codeFromSms(sms) });
  return { client, status: res.status, body: res.body };
}

/** Attaches `mobile` to the logged-in account the proper way: a code sent to it, entered back. */
async function attachMobile(client: HttpClient, mobile: string) {
  const asked = await client.post('/api/user/mobile/request', { mobile });
  expect(asked.status).toBe(200);
  const sms = await waitForMessage(t, mobile, (m) => m.channel === 'sms' && /add this number/.test(m.text));
  return client.post('/api/user/mobile/verify', { mobile, code: codeFromSms(sms) });
}

describe('attaching a mobile number', () => {
  it('when a customer sets a number with PUT /api/user/update, then 400 and OTP login with that number does not enter the account', async () => {
    const victimMobile = uniqueMobile();
    const attacker = await registerViaApi(t);
    const res = await attacker.client.put('/api/user/update', { mobile: victimMobile });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('body.mobile');
    expect((await attacker.client.get('/api/user/profile')).body.user.mobile).toBeNull();
    // Whoever holds the number gets an account of their own, not the one that named it.
    const holder = await otpLogin(victimMobile);
    expect(holder.status).toBe(200);
    expect(holder.body.user.id).not.toBe(attacker.id);
    expect(holder.body.isNewUser).toBe(true);
  });

  it('when the code sent to the new number is entered, then the number is attached, verified, and signs in', async () => {
    const owner = await registerViaApi(t);
    const mobile = uniqueMobile();
    const res = await attachMobile(owner.client, mobile);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ mobile, mobileVerified: true });
    const login = await otpLogin(mobile);
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(owner.id);
  });

  it('when asking for a code, then nothing changes until it is entered, and a wrong code is 400 invalid_code', async () => {
    const owner = await registerViaApi(t);
    const mobile = uniqueMobile();
    expect((await owner.client.post('/api/user/mobile/request', { mobile })).status).toBe(200);
    expect((await owner.client.get('/api/user/profile')).body.user.mobile).toBeNull();
    const sms = await waitForMessage(t, mobile, (m) => m.channel === 'sms');
    const code = codeFromSms(sms);
    const wrong = await owner.client.post('/api/user/mobile/verify', {
      mobile,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('invalid_code');
    expect((await owner.client.get('/api/user/profile')).body.user.mobile).toBeNull();
  });

  it("when another account enters the code sent for someone else's change, then 400 and neither account changes", async () => {
    const asker = await registerViaApi(t);
    const other = await registerViaApi(t);
    const mobile = uniqueMobile();
    expect((await asker.client.post('/api/user/mobile/request', { mobile })).status).toBe(200);
    const code = codeFromSms(await waitForMessage(t, mobile, (m) => m.channel === 'sms'));
    const res = await other.client.post('/api/user/mobile/verify', { mobile, code });
    expect(res.status).toBe(400);
    expect((await other.client.get('/api/user/profile')).body.user.mobile).toBeNull();
  });

  it('when the number is verified on another account, then 409 mobile_taken', async () => {
    const mobile = uniqueMobile();
    const first = await otpLogin(mobile);
    expect(first.status).toBe(200);
    const second = await registerViaApi(t);
    const res = await attachMobile(second.client, mobile);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('mobile_taken');
  });

  it('when the number changes, then the old number gets an SMS and the email a notice', async () => {
    const owner = await registerViaApi(t);
    const oldMobile = uniqueMobile();
    const newMobile = uniqueMobile();
    expect((await attachMobile(owner.client, oldMobile)).status).toBe(200);
    expect((await attachMobile(owner.client, newMobile)).status).toBe(200);
    const notice = await waitForMessage(t, oldMobile, (m) => m.channel === 'sms' && /replaced/.test(m.text));
    expect(notice.text).not.toContain(newMobile);
    const mail = await waitForMessage(t, owner.email, (m) => /mobile number changed/i.test(m.subject ?? ''));
    expect(mail.text).toContain(newMobile.slice(-4));
    // The old number no longer signs into the account.
    const old = await otpLogin(oldMobile);
    expect(old.body.user.id).not.toBe(owner.id);
  });

  it('when the number is removed, then the old number is told and no longer signs in', async () => {
    const owner = await registerViaApi(t);
    const mobile = uniqueMobile();
    expect((await attachMobile(owner.client, mobile)).status).toBe(200);
    const res = await owner.client.put('/api/user/update', { mobile: null });
    expect(res.status).toBe(200);
    expect(res.body.user.mobile).toBeNull();
    await waitForMessage(t, mobile, (m) => m.channel === 'sms' && /removed/.test(m.text));
    expect((await otpLogin(mobile)).body.user.id).not.toBe(owner.id);
  });
});

describe('numbers attached before they needed a code', () => {
  it('when an account holds a number it never verified, then OTP login with it is 409 mobile_unverified', async () => {
    const legacy = await registerViaApi(t);
    const mobile = uniqueMobile();
    await t.deps.db.update(users).set({ mobile, mobileVerifiedAt: null }).where(eq(users.id, legacy.id));
    const res = await otpLogin(mobile);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('mobile_unverified');
    expect(res.client.cookies.size).toBe(0);
  });

  it('when the holder of that number proves it on their own account, then it moves there', async () => {
    const squatter = await registerViaApi(t);
    const mobile = uniqueMobile();
    await t.deps.db.update(users).set({ mobile, mobileVerifiedAt: null }).where(eq(users.id, squatter.id));
    const holder = await registerViaApi(t);
    const res = await attachMobile(holder.client, mobile);
    expect(res.status).toBe(200);
    expect((await squatter.client.get('/api/user/profile')).body.user.mobile).toBeNull();
    expect((await otpLogin(mobile)).body.user.id).toBe(holder.id);
  });
});

describe('pre-hijacking through a password reset', () => {
  it("when an attacker registered the victim's email with their own phone and the victim resets the password, then the attacker's OTP login no longer enters the account", async () => {
    const victimEmail = uniqueEmail('victim');
    const attackerMobile = uniqueMobile();
    const attacker = await registerViaApi(t, { email: victimEmail, password: 'attacker-knows-this' });
    expect((await attachMobile(attacker.client, attackerMobile)).status).toBe(200);
    // The victim finds the address taken, resets the password from the inbox and signs in.
    expect((await t.client().post('/api/user/forgot-password', { email: victimEmail })).status).toBe(200);
    const mail = await waitForMessage(t, victimEmail, (m) => /reset/i.test(m.subject ?? ''));
    const reset = await t
      .client()
      .post('/api/user/reset-password', { token: tokenFromMail(mail), password: 'victim-new-password' });
    expect(reset.status).toBe(200);
    const victim = t.client();
    const login = await victim.post('/api/user/login', { email: victimEmail, password: 'victim-new-password' });
    expect(login.status).toBe(200);
    expect(login.body.user.mobile).toBeNull();
    // The attacker's phone signs into a fresh account, never the victim's.
    const again = await otpLogin(attackerMobile);
    expect(again.body.user?.id).not.toBe(attacker.id);
  });

  it('when the owner verified their number after a reset, then a later reset keeps it', async () => {
    const owner = await registerViaApi(t);
    const resetTo = async (password: string) => {
      await t.client().post('/api/user/forgot-password', { email: owner.email });
      const mail = await waitForMessage(t, owner.email, (m) => /reset/i.test(m.subject ?? '') && !seen.has(m.id));
      seen.add(mail.id);
      const res = await t.client().post('/api/user/reset-password', { token: tokenFromMail(mail), password });
      expect(res.status).toBe(200);
    };
    const seen = new Set<string>();
    await resetTo('first-new-password');
    const client = t.client();
    expect((await client.post('/api/user/login', { email: owner.email, password: 'first-new-password' })).status).toBe(200);
    const mobile = uniqueMobile();
    expect((await attachMobile(client, mobile)).status).toBe(200);
    await resetTo('second-new-password');
    expect((await otpLogin(mobile)).body.user.id).toBe(owner.id);
  });
});
