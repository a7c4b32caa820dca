import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import compression from 'compression';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticAssets } from './static-assets';

const js = `export const greeting = ${JSON.stringify('hello '.repeat(400))};\n`;
let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fatafat-assets-'));
  mkdirSync(path.join(dir, 'nested'));
  writeFileSync(path.join(dir, 'app-1a2b.js'), js);
  writeFileSync(path.join(dir, 'app-1a2b.js.br'), brotliCompressSync(js));
  writeFileSync(path.join(dir, 'app-1a2b.js.gz'), gzipSync(js));
  writeFileSync(path.join(dir, 'nested', 'only-gzip.css'), 'body{color:red}'.repeat(100));
  writeFileSync(path.join(dir, 'nested', 'only-gzip.css.gz'), gzipSync('body{color:red}'.repeat(100)));
  writeFileSync(path.join(dir, 'plain.js'), js);
  writeFileSync(path.join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));

  // The same order as app.ts: compression first, so it must leave precompressed responses alone.
  const app = express();
  app.use(compression());
  app.use('/assets', staticAssets(dir));
  app.use((_req, res) => {
    res.status(404).send('fell through');
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** A raw GET: unlike fetch, it leaves the body exactly as the server encoded it. */
function raw(
  url: string,
  acceptEncoding?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(
      base + url,
      { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    ).on('error', reject);
  });
}

describe('static assets', () => {
  it('when the browser accepts brotli, then the .br twin is served as JavaScript, cached for a year', async () => {
    const res = await raw('/assets/app-1a2b.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.body).toString()).toBe(js);
  });

  it('when the browser only accepts gzip, then the .gz twin is served', async () => {
    const res = await raw('/assets/app-1a2b.js', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toBe(js);
  });

  it('when brotli is refused with q=0, then gzip is served instead', async () => {
    const res = await raw('/assets/app-1a2b.js', 'br;q=0, gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('when the browser accepts no encoding, then the plain file is served and still varies by encoding', async () => {
    const res = await raw('/assets/app-1a2b.js', 'identity');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.body.toString()).toBe(js);
  });

  it('when a file in a subfolder only has a gzip twin, then a brotli browser gets the gzip one', async () => {
    const res = await raw('/assets/nested/only-gzip.css', 'br, gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('when a file has no twin, then it is served plain and compressed on the fly', async () => {
    const res = await raw('/assets/plain.js', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toBe(js);
  });

  it('when the asset is not text, then it is served as is', async () => {
    const res = await raw('/assets/logo.png', 'br');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toBe('image/png');
  });

  it('when the file is missing or the path leaves the folder, then nothing is served from here', async () => {
    expect((await raw('/assets/missing.js', 'br')).body.toString()).toBe('fell through');
    const traversal = await raw('/assets/..%2f..%2fetc%2fpasswd.js', 'br');
    expect(traversal.status).not.toBe(200);
  });
});
