/**
 * The Twilio SMS driver, through the real SDK against a local fake of Twilio's Messages endpoint: a login
 * code asked for over HTTP reaches the provider, and a provider that fails gives a clear answer.
 */
import { Writable } from 'node:stream';
import { and, eq, isNull } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { oneTimeTokens } from '../../db/schema/index';
import { uniqueMobile } from '../../modules/users/users.factories';
import { startTestApp, type TestApp } from '../../test/harness';
import { startFakeTwilio, type FakeTwilio } from './twilio.fake';

let fake: FakeTwilio;
let t: TestApp;
const lines: string[] = [];

beforeAll(async () => {
  fake = await startFakeTwilio();
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  t = await startTestApp(
    {
      RATE_LIMIT_AUTH: '10000',
      SMS_DRIVER: 'twilio',
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE: fake.url,
    },
    { logger: pino({ level: 'info' }, sink) },
  );
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});
beforeEach(() => {
  fake.down = false;
});

const liveCodes = (mobile: string) =>
  t.deps.db
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.target, mobile), eq(oneTimeTokens.purpose, 'otp_login'), isNull(oneTimeTokens.usedAt)));

describe('SMS through Twilio', () => {
  it('when a login code is asked for, then Twilio receives one message to the +91 number with the code, and the code logs in', async () => {
    const mobile = uniqueMobile();
    const res = await t.client().post('/api/user/otp/request', { mobile });
    expect(res.status).toBe(200);
    const sent = fake.messages.filter((m) => m.to === `+91${mobile}`);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ from: '+15005550006', accountSid: fake.accountSid });
    const code = /\b(\d{6})\b/.exec(sent[0]!.body)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    // Nothing lands in the outbox once a real driver is configured.
    expect(await t.deps.outbox.list({ to: mobile })).toHaveLength(0);
    const login = await t.client().post('/api/user/otp/verify', { mobile, code });
    expect(login.status).toBe(200);
    expect(login.body.user.mobile).toBe(mobile);
  });

  it('when Twilio is down, then 503 sms_unavailable with Retry-After, no code is left live, and the credentials appear nowhere', async () => {
    fake.down = true;
    const mobile = uniqueMobile();
    const res = await t.client().post('/api/user/otp/request', { mobile });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('sms_unavailable');
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await liveCodes(mobile)).toHaveLength(0);
    expect(res.text).not.toContain(fake.authToken);
    await expect.poll(() => lines.some((l) => l.includes('sending sms failed')), { timeout: 2000 }).toBe(true);
    expect(lines.join('\n')).not.toContain(fake.authToken);
    expect(lines.join('\n')).not.toContain(Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64'));

    fake.down = false;
    expect((await t.client().post('/api/user/otp/request', { mobile })).status).toBe(200);
    expect(await liveCodes(mobile)).toHaveLength(1);
  });

  it('when Twilio answers 21211 (not a valid number), then 422 invalid_mobile naming body.mobile, and no code is left live', async () => {
    const mobile = uniqueMobile();
    fake.invalidNumbers.add(`+91${mobile}`);
    const res = await t.client().post('/api/user/otp/request', { mobile });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_mobile');
    expect(res.body.error.details.issues[0].path).toBe('body.mobile');
    expect(await liveCodes(mobile)).toHaveLength(0);
  });

  it('when the credentials are wrong, then the request answers 503, not 500', async () => {
    const wrong = await startTestApp({
      SMS_DRIVER: 'twilio',
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: 'not-the-token',
      TWILIO_MESSAGING_SERVICE_SID: `MG${'0'.repeat(32)}`,
      TWILIO_API_BASE: fake.url,
    });
    try {
      const res = await wrong.client().post('/api/user/otp/request', { mobile: uniqueMobile() });
      expect(res.status).toBe(503);
      expect(res.text).not.toContain('not-the-token');
    } finally {
      await wrong.close();
    }
  });
});

describe('SMS settings', () => {
  const base = { NODE_ENV: 'test' };

  it('when SMS_DRIVER=twilio lacks its credentials or sender, then start-up names each missing variable', () => {
    expect(() => loadConfig({ ...base, SMS_DRIVER: 'twilio' })).toThrow(
      /TWILIO_ACCOUNT_SID: required[\s\S]*TWILIO_AUTH_TOKEN: required[\s\S]*TWILIO_FROM: required/,
    );
    expect(() => loadConfig({ ...base, SMS_DRIVER: 'twilio', TWILIO_ACCOUNT_SID: 'AC123' })).toThrow(/TWILIO_ACCOUNT_SID: must be an Account SID/);
    expect(() => loadConfig({ ...base, SMS_DRIVER: 'carrier-pigeon' })).toThrow(/SMS_DRIVER/);
  });

  it('when the auth token is set, then no start-up error message contains it', () => {
    const token = 'a-secret-auth-token-value';
    let message = '';
    try {
      loadConfig({ ...base, SMS_DRIVER: 'twilio', TWILIO_ACCOUNT_SID: 'AC123', TWILIO_AUTH_TOKEN: token });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('TWILIO_ACCOUNT_SID');
    expect(message).not.toContain(token);
  });

  it('when SMS_ALLOWED_COUNTRIES names countries by letters, then start-up asks for calling codes; India is always allowed', () => {
    expect(() => loadConfig({ ...base, SMS_ALLOWED_COUNTRIES: 'IN,AE' })).toThrow(/SMS_ALLOWED_COUNTRIES: not understood: "IN", "AE"; give country calling codes/);
    expect(loadConfig({ ...base, SMS_ALLOWED_COUNTRIES: '+971, 44' }).sms.allowedCallingCodes).toEqual(['91', '971', '44']);
    expect(loadConfig(base).sms).toMatchObject({ driver: 'outbox', twilio: null, allowedCallingCodes: ['91'] });
  });
});
