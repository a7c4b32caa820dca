/**
 * An access token belongs to a session: when the session ends (logout, password change, password reset),
 * the access token issued in it stops working at once, not when it expires minutes later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_COOKIE } from '../../http/auth-context';
import { loginViaApi, registerViaApi, tokenFromMail, waitForMessage } from '../../modules/users/users.factories';
import { startTestApp, type TestApp } from '../harness';
import { send } from './security.helpers';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ BCRYPT_ROUNDS: '4' });
});
afterAll(async () => {
  await t?.close();
});

const profile = (token: string) => send(t.url, 'GET', '/api/user/profile', { token });

describe('an access token after its session ends', () => {
  it('when the user logs out, then the access token of that session answers 401', async () => {
    const { client } = await registerViaApi(t);
    const access = client.cookies.get(ACCESS_COOKIE)!;
    // Asked first, so a remembered "still fine" answer cannot hide the logout.
    expect((await profile(access)).status).toBe(200);
    expect((await client.post('/api/user/logout')).status).toBe(204);
    const after = await profile(access);
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('unauthorized');
  });

  it('when one device logs out, then the access token of another session of the account keeps working', async () => {
    const { client, email, password } = await registerViaApi(t);
    const other = await loginViaApi(t, email, password);
    expect((await client.post('/api/user/logout')).status).toBe(204);
    expect((await profile(other.cookies.get(ACCESS_COOKIE)!)).status).toBe(200);
  });

  it('when the password is changed, then the old access token answers 401 and the new session works', async () => {
    const { client, password } = await registerViaApi(t);
    const old = client.cookies.get(ACCESS_COOKIE)!;
    expect((await profile(old)).status).toBe(200);
    const res = await client.put('/api/user/password', { currentPassword: password, newPassword: 'a-newer-long-password' });
    expect(res.status).toBe(200);
    expect((await profile(old)).status).toBe(401);
    const fresh = client.cookies.get(ACCESS_COOKIE)!;
    expect(fresh).not.toBe(old);
    expect((await profile(fresh)).status).toBe(200);
  });

  it('when the password is reset by email, then every access token of the account answers 401', async () => {
    const { client, email } = await registerViaApi(t);
    const old = client.cookies.get(ACCESS_COOKIE)!;
    expect((await profile(old)).status).toBe(200);
    await t.client().post('/api/user/forgot-password', { email });
    const token = tokenFromMail(await waitForMessage(t, email, (m) => /reset/i.test(m.subject ?? '')));
    expect((await t.client().post('/api/user/reset-password', { token, password: 'fresh-password-1' })).status).toBe(200);
    expect((await profile(old)).status).toBe(401);
  });
});
