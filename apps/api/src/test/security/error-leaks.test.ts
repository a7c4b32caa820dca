/**
 * What a failure tells a client: never a library's own message (a file system path, a driver error), and
 * never a 500 for input the client made up (a forged cursor, a date PostgreSQL cannot hold). Each answer is
 * the one error shape, naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '../../http/auth-context';
import { createStockedVariant, createTestStore } from '../../modules/orders/order.factories';
import { createUser } from '../factories';
import { startTestApp, type TestApp } from '../harness';
import { isErrorShape, send, type RawResponse } from './security.helpers';

let t: TestApp;
let adminToken: string;

beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_API: '100000' });
  adminToken = signAccessToken(await createUser(t, { role: 'admin' }), t.config.jwtSecret, 3600);
  const store = await createTestStore(t.deps.db);
  await createStockedVariant(t.deps.db, store.id);
  await createStockedVariant(t.deps.db, store.id);
});
afterAll(async () => {
  await t?.close();
});

function expectInvalid(res: RawResponse, field: string, what: string): void {
  expect(res.status, what).toBe(400);
  expect(isErrorShape(res.json), what).toBe(true);
  expect(res.json.error.code, what).toBe('invalid_input');
  expect(res.json.error.details.issues.map((i: { path: string }) => i.path), what).toContain(field);
}

describe('library messages', () => {
  it('when an upload does not exist, then 404 not_found without the data directory or the library error', async () => {
    for (const path of ['/uploads/x.webp', '/uploads/images/none-400.webp', '/uploads/', '/uploads/.hidden']) {
      const res = await send(t.url, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(isErrorShape(res.json), path).toBe(true);
      expect(res.json.error.code, path).toBe('not_found');
      expect(res.text, path).not.toContain(t.config.dataDir);
      expect(res.text, path).not.toMatch(/ENOENT|EISDIR|stat '|\/tmp\//);
    }
  });
});

describe('forged product-list cursors', () => {
  const cursor = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const id = '00000000-0000-4000-8000-000000000000';

  it('when a genuine cursor is followed, then the next page (the control)', async () => {
    const first = await send(t.url, 'GET', '/api/product?limit=1&sort=price_asc');
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const next = await send(t.url, 'GET', `/api/product?limit=1&sort=price_asc&cursor=${first.json.nextCursor}`);
    expect(next.status).toBe(200);
    const newest = await send(t.url, 'GET', '/api/product?limit=1&sort=newest');
    expect((await send(t.url, 'GET', `/api/product?limit=1&sort=newest&cursor=${newest.json.nextCursor}`)).status).toBe(200);
  });

  it('when the key does not fit the sort (a word for a price, an overflow, an impossible date, a NUL), then 400 naming cursor', async () => {
    const cases: Array<[string | undefined, unknown]> = [
      ['price_asc', 'abc'],
      ['price_desc', '99999999999'],
      ['discount', '1.5'],
      ['newest', '2026-13-45 00:00:00+00'],
      ['newest', '2026-02-30 10:00:00+00'],
      ['newest', '0000-01-01 00:00:00+00'],
      ['newest', 'yesterday'],
      [undefined, 'a\u0000b'],
      ['price_asc', { x: 1 }],
      ['price_asc', 5],
    ];
    for (const [sort, k] of cases) {
      const c = cursor({ s: `${sort ?? 'relevance'}:none`, k, i: id });
      const res = await send(t.url, 'GET', `/api/product?cursor=${c}${sort ? `&sort=${sort}` : ''}`);
      expectInvalid(res, 'cursor', `${sort} ${JSON.stringify(k)}`);
    }
  });

  it('when a search cursor carries a rank that is no number, then 400 naming cursor', async () => {
    const c = cursor({ s: 'relevance:fts', k: 'high', i: id });
    expectInvalid(await send(t.url, 'GET', `/api/product?q=product&cursor=${c}`), 'cursor', 'rank');
  });
});

describe('dates outside what the database holds', () => {
  it('when admin orders are filtered from year 0 or past 9999, then 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['from', '0000-01-01'],
      ['to', '0000-01-01T00:00:00Z'],
      ['from', '0001-01-01T00:00:00+01:00'],
      ['to', '9999-12-31T23:00:00-05:00'],
    ];
    for (const [field, value] of cases) {
      const res = await send(t.url, 'GET', `/api/admin/orders?${field}=${encodeURIComponent(value)}`, { token: adminToken });
      expectInvalid(res, `query.${field}`, `${field}=${value}`);
    }
    const edge = await send(t.url, 'GET', '/api/admin/orders?from=0001-01-01&to=9999-12-31', { token: adminToken });
    expect(edge.status).toBe(200);
  });

  it('when a coupon is created to start in year 0, then 400 naming startsAt', async () => {
    const res = await send(t.url, 'POST', '/api/admin/coupons', {
      token: adminToken,
      body: { code: 'YEARZERO', type: 'flat', value: 100, startsAt: '0000-06-01T00:00:00Z' },
    });
    expectInvalid(res, 'body.startsAt', 'coupon');
  });
});
