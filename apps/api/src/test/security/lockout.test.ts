/**
 * Lock-out by strangers: failed logins must slow down whoever fails, never keep the owner out. Sources are
 * told apart by X-Forwarded-For behind a trusted (loopback) proxy, as in production behind nginx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories';
import { startTestApp, type TestApp } from '../harness';
import { send } from './security.helpers';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ BCRYPT_ROUNDS: '4', RATE_LIMIT_AUTH: '10000', TRUST_PROXY: 'loopback' });
});
afterAll(async () => {
  await t?.close();
});

const login = (email: string, password: string, ip: string) =>
  send(t.url, 'POST', '/api/user/login', { body: { email, password }, headers: { 'x-forwarded-for': ip } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('failed logins for a known email', () => {
  it('when a stranger fails eleven times, then the owner logging in from elsewhere still gets in', async () => {
    const owner = await createUser(t);
    for (let i = 0; i < 11; i += 1) {
      const res = await login(owner.email, 'wrong-password', '203.0.113.5');
      expect([401, 429]).toContain(res.status);
    }
    const res = await login(owner.email, owner.password, '198.51.100.7');
    expect(res.status).toBe(200);
    expect(res.json.user.id).toBe(owner.id);
  });

  it('when one source keeps failing, then it waits, and each further failure doubles the wait', async () => {
    const owner = await createUser(t);
    const ip = '203.0.113.9';
    for (let i = 0; i < 5; i += 1) expect((await login(owner.email, 'wrong-password', ip)).status).toBe(401);
    // The sixth miss starts a wait of 1 s; during it even the right password from there is slowed.
    expect((await login(owner.email, 'wrong-password', ip)).status).toBe(401);
    const first = await login(owner.email, owner.password, ip);
    expect(first.status).toBe(429);
    expect(Number(first.headers.get('retry-after'))).toBe(1);
    expect(first.json.error.code).toBe('rate_limited');
    await sleep(1100);
    expect((await login(owner.email, 'wrong-password', ip)).status).toBe(401);
    const second = await login(owner.email, owner.password, ip);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBe(2);
    // The wait ends on its own: no hard lock.
    await sleep(2100);
    expect((await login(owner.email, owner.password, ip)).status).toBe(200);
  });

  it('when the owner logs in after their own misses, then their count starts again', async () => {
    const owner = await createUser(t);
    const ip = '198.51.100.20';
    for (let i = 0; i < 4; i += 1) expect((await login(owner.email, 'wrong-password', ip)).status).toBe(401);
    expect((await login(owner.email, owner.password, ip)).status).toBe(200);
    for (let i = 0; i < 5; i += 1) expect((await login(owner.email, 'wrong-password', ip)).status).toBe(401);
  });

  it('when many sources guess one account, then each failing source waits from its first miss and a clean source still gets in', async () => {
    const owner = await createUser(t);
    for (let n = 0; n < 21; n += 1) await login(owner.email, 'wrong-password', `192.0.2.${n + 1}`);
    expect((await login(owner.email, 'wrong-password', '192.0.2.200')).status).toBe(401);
    expect((await login(owner.email, owner.password, '192.0.2.200')).status).toBe(429);
    expect((await login(owner.email, owner.password, '198.51.100.99')).status).toBe(200);
  });
});

describe('the same class elsewhere: codes and links a stranger can use up', () => {
  it("when a stranger asks for many login codes for someone's number, then the owner asking from elsewhere still gets one", async () => {
    const mobile = `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    const ask = (ip: string) =>
      send(t.url, 'POST', '/api/user/otp/request', { body: { mobile }, headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 6; i += 1) await ask('203.0.113.77');
    expect((await ask('203.0.113.77')).status).toBe(429);
    expect((await ask('198.51.100.77')).status).toBe(200);
  });

  it("when a stranger asks for many reset links for someone's email, then the owner asking from elsewhere still gets one", async () => {
    const owner = await createUser(t);
    const ask = (ip: string) =>
      send(t.url, 'POST', '/api/user/forgot-password', { body: { email: owner.email }, headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 6; i += 1) await ask('203.0.113.78');
    // Mail goes out after the response (so timing cannot tell whether the account exists): wait for the
    // stranger's accepted asks to settle before counting, or a late one is counted as the owner's.
    const count = async () => (await t.deps.outbox.list({ to: owner.email })).length;
    let before = await count();
    for (let still = 0; still < 6; ) {
      await sleep(50);
      const now = await count();
      still = now === before ? still + 1 : 0;
      before = now;
    }
    expect((await ask('198.51.100.78')).status).toBe(200);
    for (let i = 0; i < 40; i += 1) {
      if ((await count()) > before) break;
      await sleep(50);
    }
    expect((await t.deps.outbox.list({ to: owner.email })).length).toBe(before + 1);
  });
});
