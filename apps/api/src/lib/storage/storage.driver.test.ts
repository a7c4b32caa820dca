import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CloudinaryStorage, LocalDiskStorage } from './storage.driver';

describe('storage drivers', () => {
  it('when storing on local disk, then the file lands under the directory and the URL points at /uploads', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ff-storage-'));
    try {
      const { url } = await new LocalDiskStorage(dir).put('images/../../evil.webp', Buffer.from('x'));
      expect(url.startsWith('/uploads/')).toBe(true);
      expect(url).not.toContain('..');
      expect(readFileSync(path.join(dir, url.slice('/uploads/'.length)), 'utf8')).toBe('x');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when uploading to Cloudinary, then the request is signed with the secret and the secure URL returned', async () => {
    let seen: { url: string; body: string } | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen = { url: req.url ?? '', body: Buffer.concat(chunks).toString('latin1') };
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ secure_url: 'https://res.cloudinary.com/demo/image/upload/v1/images/a-400.webp' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    try {
      const driver = new CloudinaryStorage('cloudinary://key123:sec%40ret@demo', `http://127.0.0.1:${port}`);
      const out = await driver.put('images/a-400.webp', Buffer.from('webp-bytes'), 'image/webp');
      expect(out.url).toBe('https://res.cloudinary.com/demo/image/upload/v1/images/a-400.webp');
      expect(seen!.url).toBe('/v1_1/demo/image/upload');
      const field = (name: string) => new RegExp(`name="${name}"\\r\\n\\r\\n([^\\r]*)`).exec(seen!.body)?.[1];
      const timestamp = field('timestamp')!;
      expect(field('api_key')).toBe('key123');
      expect(field('public_id')).toBe('images/a-400');
      const expected = createHash('sha1').update(`overwrite=true&public_id=images/a-400&timestamp=${timestamp}sec@ret`).digest('hex');
      expect(field('signature')).toBe(expected);
      expect(seen!.body).toContain('webp-bytes');
      expect(seen!.body).not.toContain('sec@ret');
    } finally {
      server.close();
    }
  });
});
