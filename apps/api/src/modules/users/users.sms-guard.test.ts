/**
 * Against SMS pumping: daily caps on codes sent per number, per client address and in all, and no SMS to
 * countries the shop has not allowed. Each refusal is a 429 (or a 422 for the country) and sends nothing.
 */
import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness';
import { loginViaApi, uniqueMobile } from './users.factories';
import { createUser } from '../../test/factories';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const fakeIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    BCRYPT_ROUNDS: '4',
    RATE_LIMIT_AUTH: '10000',
    // Behind a (pretend) proxy, so each request can come from an address of its own.
    TRUST_PROXY: 'loopback',
    SMS_DAILY_PER_NUMBER: '3',
    SMS_DAILY_PER_IP: '4',
    SMS_DAILY_GLOBAL: '6',
    SMS_ALLOWED_COUNTRIES: '+971',
  });
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  // Each test starts with the day's global count at zero.
  await t.deps.rateLimitStore.reset('sms-day:global');
});

const ask = (mobile: string, ip: string) =>
  t.client().post('/api/user/otp/request', { mobile }, { headers: { 'x-forwarded-for': ip } });
const sentTo = async (mobile: string) => (await t.deps.outbox.list({ to: mobile })).length;

function expectDailyCap(res: Awaited<ReturnType<typeof ask>>): void {
  expect(res.status).toBe(429);
  expect(res.body.error.code).toBe('rate_limited');
  // Counted per 24 hours: the wait is most of a day, not the short per-target window.
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(60 * 60);
}

describe('daily SMS caps', () => {
  it('when one number has had its 3 codes today, even from different addresses, then the 4th is 429 and nothing is sent', async () => {
    const mobile = uniqueMobile();
    for (let i = 0; i < 3; i += 1) expect((await ask(mobile, fakeIp())).status).toBe(200);
    expectDailyCap(await ask(mobile, fakeIp()));
    expect(await sentTo(mobile)).toBe(3);
  });

  it("when one address has asked for half a number's codes today, then it gets no more for that number, but the owner elsewhere still does", async () => {
    const mobile = uniqueMobile();
    const stranger = fakeIp();
    for (let i = 0; i < 2; i += 1) expect((await ask(mobile, stranger)).status).toBe(200);
    expectDailyCap(await ask(mobile, stranger));
    expect((await ask(mobile, fakeIp())).status).toBe(200);
    expect(await sentTo(mobile)).toBe(3);
  });

  it('when one address has asked for 4 codes today, to different numbers, then the 5th is 429 and nothing is sent', async () => {
    const ip = fakeIp();
    for (let i = 0; i < 4; i += 1) expect((await ask(uniqueMobile(), ip)).status).toBe(200);
    const mobile = uniqueMobile();
    expectDailyCap(await ask(mobile, ip));
    expect(await sentTo(mobile)).toBe(0);
    // Another address is not held back by it.
    expect((await ask(mobile, fakeIp())).status).toBe(200);
  });

  it('when the shop has sent its 6 codes today, from many addresses to many numbers, then the 7th is 429 and nothing is sent', async () => {
    for (let i = 0; i < 6; i += 1) expect((await ask(uniqueMobile(), fakeIp())).status).toBe(200);
    const mobile = uniqueMobile();
    expectDailyCap(await ask(mobile, fakeIp()));
    expect(await sentTo(mobile)).toBe(0);
  });

  it('when an address over its cap keeps asking, then its refused requests do not use up the global budget', async () => {
    const ip = fakeIp();
    for (let i = 0; i < 4; i += 1) expect((await ask(uniqueMobile(), ip)).status).toBe(200);
    for (let i = 0; i < 10; i += 1) expect((await ask(uniqueMobile(), ip)).status).toBe(429);
    // 4 of the 6 used: two more go out from elsewhere.
    expect((await ask(uniqueMobile(), fakeIp())).status).toBe(200);
    expect((await ask(uniqueMobile(), fakeIp())).status).toBe(200);
  });

  it('when a signed-in account asks to verify numbers past the address cap, then 429 and nothing is sent', async () => {
    const ip = fakeIp();
    const user = await createUser(t);
    const c = await loginViaApi(t, user.email, user.password);
    const change = (mobile: string) => c.post('/api/user/mobile/request', { mobile }, { headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 4; i += 1) expect((await change(uniqueMobile())).status).toBe(200);
    const mobile = uniqueMobile();
    expectDailyCap(await change(mobile));
    expect(await sentTo(mobile)).toBe(0);
  });
});

describe('countries SMS may go to', () => {
  it('when a number outside India and the allowed countries asks for a code, then 422 naming body.mobile and nothing is sent', async () => {
    const mobile = '+447911123456';
    const res = await ask(mobile, fakeIp());
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('sms_country_not_allowed');
    expect(res.body.error.details.issues[0].path).toBe('body.mobile');
    expect(await sentTo(mobile)).toBe(0);
  });

  it('when a number is in a country SMS_ALLOWED_COUNTRIES names, then its code is sent and logs in', async () => {
    const mobile = `+97150${String(randomInt(1e7)).padStart(7, '0')}`;
    expect((await ask(`${mobile.slice(0, 4)} ${mobile.slice(4)}`, fakeIp())).status).toBe(200);
    const [sms] = await t.deps.outbox.list({ to: mobile });
    const code = /\b(\d{6})\b/.exec(sms?.text ?? '')?.[1];
    const login = await t.client().post('/api/user/otp/verify', { mobile, code });
    expect(login.status).toBe(200);
    expect(login.body.user.mobile).toBe(mobile);
  });

  it('when a +91 number is not a valid Indian mobile, then 400 as before, not a foreign number', async () => {
    const res = await ask('+911234567890', fakeIp());
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('body.mobile');
  });
});

describe('daily SMS caps with Redis', () => {
  let reachable = false;
  let a: TestApp | undefined;
  let b: TestApp | undefined;

  beforeAll(async () => {
    const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    reachable = await probe.connect().then(
      () => true,
      () => false,
    );
    probe.disconnect();
    if (!reachable) return;
    // The global count lives on in Redis between runs, so it is set out of reach here.
    const env = { REDIS_URL, TRUST_PROXY: 'loopback', RATE_LIMIT_AUTH: '10000', SMS_DAILY_PER_NUMBER: '2', SMS_DAILY_GLOBAL: '1000000' };
    a = await startTestApp(env);
    b = await startTestApp(env, { attachTo: a });
    // Until Redis is ready each process counts in memory on its own.
    for (const app of [a, b])
      for (let i = 0; i < 100 && app.deps.redis?.status !== 'ready'; i += 1) await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('when two processes send codes to one number, then the cap counts across both', async ({ skip }) => {
    if (!reachable) skip('Redis is not reachable');
    const mobile = uniqueMobile();
    const on = (app: TestApp) => app.client().post('/api/user/otp/request', { mobile }, { headers: { 'x-forwarded-for': fakeIp() } });
    expect((await on(a!)).status).toBe(200);
    expect((await on(b!)).status).toBe(200);
    expect((await on(a!)).status).toBe(429);
    expect((await on(b!)).status).toBe(429);
  });
});
