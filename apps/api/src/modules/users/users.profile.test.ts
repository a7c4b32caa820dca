import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_COOKIE } from '../../http/auth-context';
import { clientAs, createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import { expectNoHash, loginViaApi, uniqueMobile } from './users.factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ BCRYPT_ROUNDS: '4', RATE_LIMIT_AUTH: '10000' });
});
afterAll(async () => {
  await t.close();
});

function imageForm(bytes: Buffer | Uint8Array, field = 'avatar', type = 'image/png'): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), 'me.png');
  return form;
}

describe('PUT /api/user/update', () => {
  it('when the name is valid, then 200 with the updated user', async () => {
    const u = await createUser(t);
    const res = await clientAs(t, u).put('/api/user/update', { name: 'Ravi Kumar' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      id: u.id,
      name: 'Ravi Kumar',
      mobile: null,
      email: u.email,
      role: 'customer',
    });
    expectNoHash(res.text);
  });

  it('when the body tries to change role or email, then 400 and nothing changes', async () => {
    const u = await createUser(t);
    const c = clientAs(t, u);
    expect((await c.put('/api/user/update', { name: 'X', role: 'admin' })).status).toBe(400);
    expect((await c.put('/api/user/update', { email: 'new@example.com' })).status).toBe(400);
    const profile = await c.get('/api/user/profile');
    expect(profile.body.user).toMatchObject({ role: 'customer', email: u.email, name: u.name });
  });

  it('when the mobile number is invalid or the body empty, then 400 with details', async () => {
    const c = clientAs(t, await createUser(t));
    const bad = await c.put('/api/user/update', { mobile: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('body.mobile');
    expect((await c.put('/api/user/update', {})).status).toBe(400);
  });

  it('when the body sets a mobile number, then 400 naming the code flow (a number needs proof)', async () => {
    const res = await clientAs(t, await createUser(t)).put('/api/user/update', { mobile: uniqueMobile() });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('/api/user/mobile/request');
  });

  it('when not logged in, then 401', async () => {
    expect((await t.client().put('/api/user/update', { name: 'Nobody' })).status).toBe(401);
  });
});

describe('PUT /api/user/password', () => {
  it('when the current password is right, then the new one works, the old one fails and other sessions end', async () => {
    const u = await createUser(t);
    const other = await loginViaApi(t, u.email, u.password);
    const c = await loginViaApi(t, u.email, u.password);
    const res = await c.put('/api/user/password', {
      currentPassword: u.password,
      newPassword: 'brand-new-password',
    });
    expect(res.status).toBe(200);
    expectNoHash(res.text);
    // This device got a fresh session; the other one is out.
    expect((await c.post('/api/user/refresh')).status).toBe(200);
    expect((await other.post('/api/user/refresh')).status).toBe(401);
    expect((await t.client().post('/api/user/login', { email: u.email, password: u.password })).status).toBe(
      401,
    );
    await loginViaApi(t, u.email, 'brand-new-password');
  });

  it('when the current password is wrong, then 403', async () => {
    const u = await createUser(t);
    const res = await clientAs(t, u).put('/api/user/password', {
      currentPassword: 'not-it-at-all',
      newPassword: 'brand-new-password',
    });
    expect(res.status).toBe(403);
  });

  it('when the new password is too short or the current one missing, then 400', async () => {
    const u = await createUser(t);
    const c = clientAs(t, u);
    const short = await c.put('/api/user/password', { currentPassword: u.password, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error.details.issues[0].path).toBe('body.newPassword');
    expect((await c.put('/api/user/password', { newPassword: 'long-enough-pass' })).status).toBe(400);
  });

  it('when not logged in, then 401', async () => {
    expect(
      (await t.client().put('/api/user/password', { currentPassword: 'x', newPassword: 'long-enough-pass' }))
        .status,
    ).toBe(401);
  });
});

describe('POST /api/user/avatar', () => {
  it('when a PNG is uploaded, then it is stored as a 256px WebP served under /uploads', async () => {
    const u = await createUser(t);
    const c = clientAs(t, u);
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#0c831f' } })
      .png()
      .toBuffer();
    const res = await c.post('/api/user/avatar', undefined, { raw: imageForm(png) });
    expect(res.status).toBe(200);
    expect(res.body.user.avatarUrl).toMatch(/^\/uploads\/avatars\/.+\.webp$/);
    const served = await fetch(t.url + res.body.user.avatarUrl);
    expect(served.status).toBe(200);
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });

    // A new upload replaces the old file.
    const second = await c.post('/api/user/avatar', undefined, { raw: imageForm(png) });
    expect(second.status).toBe(200);
    const oldFile = path.join(t.config.dataDir, res.body.user.avatarUrl.replace(/^\//, ''));
    expect(existsSync(oldFile)).toBe(false);

    const removed = await c.delete('/api/user/avatar');
    expect(removed.status).toBe(200);
    expect(removed.body.user.avatarUrl).toBeNull();
  });

  it('when the file is not an image whatever its type says, then 415', async () => {
    const c = clientAs(t, await createUser(t));
    const res = await c.post('/api/user/avatar', undefined, {
      raw: imageForm(Buffer.from('<svg onload="alert(1)"></svg>')),
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('when the image claims to be PNG but is damaged, then 400', async () => {
    const c = clientAs(t, await createUser(t));
    const fake = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(100, 7),
    ]);
    expect((await c.post('/api/user/avatar', undefined, { raw: imageForm(fake) })).status).toBe(400);
  });

  it('when the file is over 2 MB, then 413', async () => {
    const c = clientAs(t, await createUser(t));
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(2 * 1024 * 1024 + 10)]);
    const res = await c.post('/api/user/avatar', undefined, { raw: imageForm(big) });
    expect(res.status).toBe(413);
  });

  it('when no file or the wrong field is sent, then 400', async () => {
    const c = clientAs(t, await createUser(t));
    expect((await c.post('/api/user/avatar', undefined, { raw: new FormData() })).status).toBe(400);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect((await c.post('/api/user/avatar', undefined, { raw: imageForm(png, 'photo') })).status).toBe(400);
  });

  it('when not logged in, then 401', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect((await t.client().post('/api/user/avatar', undefined, { raw: imageForm(png) })).status).toBe(401);
  });
});

describe('sessions survive only while the refresh cookie is valid', () => {
  it('when the refresh cookie is tampered with, then 401', async () => {
    const u = await createUser(t);
    const c = await loginViaApi(t, u.email, u.password);
    c.cookies.set(REFRESH_COOKIE, 'forged-value');
    expect((await c.post('/api/user/refresh')).status).toBe(401);
  });
});
