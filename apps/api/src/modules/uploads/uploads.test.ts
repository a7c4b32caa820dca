import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness';
import { clientAs, createUser } from '../../test/factories';
import { sniffImageType } from './uploads.service';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const form = (data: Buffer, name: string, type: string) => {
  const f = new FormData();
  f.set('file', new Blob([new Uint8Array(data)], { type }), name);
  return f;
};
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toBuffer();

describe('POST /api/admin/uploads', () => {
  it('when an admin uploads a PNG, then WebP copies at 200/400/800 px are stored with their sizes and served', async () => {
    const a = clientAs(t, await createUser(t, { role: 'admin' }));
    const res = await a.request('POST', '/api/admin/uploads', undefined, { raw: form(await png(1000, 500), 'x.png', 'image/png') });
    expect(res.status).toBe(201);
    expect(res.body.files).toEqual([
      { url: expect.stringMatching(/^\/uploads\/images\/.+-200\.webp$/), width: 200, height: 100 },
      { url: expect.stringMatching(/-400\.webp$/), width: 400, height: 200 },
      { url: expect.stringMatching(/-800\.webp$/), width: 800, height: 400 },
    ]);
    expect(res.body.url).toBe(res.body.files[1].url);
    const served = await fetch(t.url + res.body.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).toContain('max-age=31536000');
    const onDisk = await readFile(path.join(t.config.dataDir, res.body.url));
    expect(sniffImageType(onDisk)).toBe('webp');
  });

  it('when the image is smaller than the widths, then it is never enlarged', async () => {
    const a = clientAs(t, await createUser(t, { role: 'admin' }));
    const jpeg = await sharp({ create: { width: 150, height: 150, channels: 3, background: '#0a0' } }).jpeg().toBuffer();
    const res = await a.request('POST', '/api/admin/uploads', undefined, { raw: form(jpeg, 'small.jpg', 'image/jpeg') });
    expect(res.status).toBe(201);
    expect(res.body.files).toEqual([expect.objectContaining({ width: 150, height: 150 })]);
  });

  it('when a text file is renamed to .png, then 415 and nothing is stored', async () => {
    const a = clientAs(t, await createUser(t, { role: 'admin' }));
    const res = await a.request('POST', '/api/admin/uploads', undefined, {
      raw: form(Buffer.from('<?php echo "hi"; ?>'), 'innocent.png', 'image/png'),
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('when a file is over 5 MB, then 413', async () => {
    const a = clientAs(t, await createUser(t, { role: 'admin' }));
    const big = Buffer.alloc(6 * 1024 * 1024, 1);
    big.set(await png(10, 10));
    const res = await a.request('POST', '/api/admin/uploads', undefined, { raw: form(big, 'big.png', 'image/png') });
    expect(res.status).toBe(413);
  });

  it('when a PNG header hides a broken image, then 400', async () => {
    const a = clientAs(t, await createUser(t, { role: 'admin' }));
    const broken = Buffer.concat([(await png(10, 10)).subarray(0, 20), Buffer.alloc(100)]);
    const res = await a.request('POST', '/api/admin/uploads', undefined, { raw: form(broken, 'b.png', 'image/png') });
    expect(res.status).toBe(400);
  });

  it('when no file, a customer, or anonymous, then 400, 403 and 401', async () => {
    const a = clientAs(t, await createUser(t, { role: 'admin' }));
    expect((await a.request('POST', '/api/admin/uploads', undefined, { raw: new FormData() })).status).toBe(400);
    const c = clientAs(t, await createUser(t));
    expect((await c.request('POST', '/api/admin/uploads', undefined, { raw: form(await png(10, 10), 'a.png', 'image/png') })).status).toBe(403);
    expect((await t.client().request('POST', '/api/admin/uploads', undefined, { raw: form(await png(10, 10), 'a.png', 'image/png') })).status).toBe(401);
  });
});

describe('sniffImageType', () => {
  it('when given the first bytes of each format, then the type is recognised', async () => {
    const img = sharp({ create: { width: 8, height: 8, channels: 3, background: '#00f' } });
    expect(sniffImageType(await img.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageType(await img.clone().png().toBuffer())).toBe('png');
    expect(sniffImageType(await img.clone().webp().toBuffer())).toBe('webp');
    expect(sniffImageType(await img.clone().avif().toBuffer())).toBe('avif');
    expect(sniffImageType(Buffer.from('GIF89a......'))).toBeNull();
  });
});
