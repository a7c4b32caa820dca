/**
 * What the request log keeps: one line per request with its URL, but never a secret that rides in the
 * query string (a reset or verification link's token, a code, a key, a signature).
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness';
import { send } from './security.helpers';

let t: TestApp;
const lines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  t = await startTestApp({}, { logger: pino({ level: 'info' }, sink) });
});
afterAll(async () => {
  await t?.close();
});

/** The URL the request log wrote for the request with this id. */
async function loggedUrl(id: string): Promise<string> {
  await expect.poll(() => lines.some((l) => l.includes(id)), { timeout: 2000 }).toBe(true);
  const line = JSON.parse(lines.find((l) => l.includes(id))!) as { req: { url: string } };
  return line.req.url;
}

describe('secrets in logged URLs', () => {
  it('when a reset, verification or OTP URL is requested, then the log keeps the path but not the secret', async () => {
    const secret = 'S3cr3tT0k3nValue';
    const paths = [
      `/reset-password?token=${secret}`,
      `/verify-email?token=${secret}&next=%2Fcart`,
      `/api/product?code=${secret}`,
      `/api/product?otp=${secret}&password=${secret}`,
      `/api/product?resetToken=${secret}&api_key=${secret}&X-Amz-Signature=${secret}`,
      `/api/product?%74oken=${secret}`,
    ];
    for (const [n, path] of paths.entries()) {
      const id = `log-secret-${n}`;
      await send(t.url, 'GET', path, { headers: { 'x-request-id': id } });
      const url = await loggedUrl(id);
      expect(url, path).toContain(path.split('?')[0]);
      expect(url, path).toContain('[redacted]');
      expect(url, path).not.toContain(secret);
    }
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('when a URL carries ordinary parameters, then they are logged as sent', async () => {
    await send(t.url, 'GET', '/api/serviceability?pincode=560001', { headers: { 'x-request-id': 'log-plain' } });
    expect(await loggedUrl('log-plain')).toBe('/api/serviceability?pincode=560001');
  });
});
