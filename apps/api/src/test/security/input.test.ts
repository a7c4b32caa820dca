/**
 * Hostile input: injection and script strings, files that lie about what they are, oversized and deeply
 * nested bodies, prototype-pollution keys, and the security headers every response must carry.
 */
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { signAccessToken } from '../../http/auth-context';
import { createStockedVariant, createTestStore } from '../../modules/orders/order.factories';
import { uniqueEmail } from '../../modules/users/users.factories';
import { createUser, type TestUser } from '../factories';
import { startTestApp, type TestApp } from '../harness';
import { isErrorShape, send } from './security.helpers';

let t: TestApp;
let customer: TestUser;
let admin: TestUser;
let customerToken: string;
let adminToken: string;

beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_AUTH: '1000', RATE_LIMIT_API: '100000' });
  customer = await createUser(t);
  admin = await createUser(t, { role: 'admin' });
  customerToken = signAccessToken(customer, t.config.jwtSecret, 3600);
  adminToken = signAccessToken(admin, t.config.jwtSecret, 3600);
  const store = await createTestStore(t.deps.db);
  await createStockedVariant(t.deps.db, store.id, { name: 'Amul Butter' });
});
afterAll(async () => {
  await t?.close();
});

const SQLI = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1) UNION SELECT password_hash FROM users --',
  "%' AND pg_sleep(5) --",
  '\\x00\u0000',
];
const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '{{constructor.constructor("alert(1)")()}}',
];

describe('injection and script strings', () => {
  it('when SQL and script strings go into search, sort and filter parameters, then no 5xx and nothing runs', async () => {
    const paths: string[] = [];
    for (const s of [...SQLI, ...XSS]) {
      const e = encodeURIComponent(s);
      paths.push(
        `/api/product?q=${e}`,
        `/api/product?sort=${e}`,
        `/api/product?brand=${e}`,
        `/api/product?category=${e}`,
      );
      paths.push(`/api/search/suggest?q=${e}`, `/api/product/${e}`, `/api/serviceability?pincode=${e}`);
    }
    const started = Date.now();
    for (const path of paths) {
      const res = await send(t.url, 'GET', path);
      expect(res.status, path).toBeLessThan(500);
      if (res.status >= 400) expect(isErrorShape(res.json), path).toBe(true);
      // Echoed input (in error messages or results) is JSON text, never markup the browser would run.
      expect(res.headers.get('content-type') ?? '', path).toContain('application/json');
    }
    // pg_sleep(5) never ran: the whole batch finished well within one sleep per request.
    expect(Date.now() - started).toBeLessThan(paths.length * 1000);
    const [row] = rowsOf<{ n: number }>(await t.deps.db.execute(sql`select count(*)::int as n from users`));
    expect(row!.n).toBeGreaterThanOrEqual(2);
  });

  it('when an injection string is searched, then it matches nothing instead of everything', async () => {
    const all = await send(t.url, 'GET', '/api/product?limit=50');
    const injected = await send(t.url, 'GET', `/api/product?q=${encodeURIComponent("' OR '1'='1")}&limit=50`);
    expect(all.status).toBe(200);
    expect(injected.status).toBe(200);
    expect(injected.text.length).toBeLessThan(all.text.length);
  });

  it('when SQL and script strings are stored as a name and an address, then they come back byte for byte as JSON text', async () => {
    const nasty = `${XSS[0]} ${SQLI[1]}`.slice(0, 60);
    const upd = await send(t.url, 'PUT', '/api/user/update', { token: customerToken, body: { name: nasty } });
    expect(upd.status).toBeLessThan(500);
    if (upd.status === 200) {
      const me = await send(t.url, 'GET', '/api/user/profile', { token: customerToken });
      expect(JSON.stringify(me.json)).toContain(JSON.stringify(nasty).slice(1, -1));
    }
    const addr = await send(t.url, 'POST', '/api/address', {
      token: customerToken,
      body: {
        label: 'home',
        name: XSS[1],
        phone: '9876543210',
        line1: SQLI[0],
        landmark: XSS[0],
        city: 'Pune',
        state: 'MH',
        pincode: '411001',
      },
    });
    expect(addr.status).toBeLessThan(500);
    if (addr.status < 300) {
      const list = await send(t.url, 'GET', '/api/address', { token: customerToken });
      const stored =
        (list.json as { addresses?: Array<Record<string, unknown>> }).addresses ??
        (list.json as Array<Record<string, unknown>>);
      const mine = (Array.isArray(stored) ? stored : []).find((a) => a.line1 === SQLI[0]);
      expect(mine).toMatchObject({ name: XSS[1], line1: SQLI[0], landmark: XSS[0] });
    }
  });

  it('when a NUL character arrives in a body, a query or a path, then 400 naming it (PostgreSQL text cannot hold one)', async () => {
    const body = await send(t.url, 'POST', '/api/address', {
      token: customerToken,
      body: {
        label: 'home',
        name: 'A\u0000B',
        phone: '9876543210',
        line1: 'x',
        city: 'Pune',
        state: 'MH',
        pincode: '411001',
      },
    });
    expect(body.status).toBe(400);
    expect(body.json.error.message).toMatch(/NUL/);
    for (const path of ['/api/product?brand=a%00b', '/api/product/a%00b', '/api/search/suggest?q=%00']) {
      const res = await send(t.url, 'GET', path);
      expect(res.status, path).toBe(400);
    }
  });

  it('when an admin names a product with markup, then the catalogue returns the markup as plain JSON text', async () => {
    const search = await send(t.url, 'GET', `/api/search/suggest?q=${encodeURIComponent(XSS[0]!)}`);
    expect(search.status).toBe(200);
    expect(search.headers.get('content-type')).toContain('application/json');
    expect(search.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('when login and register receive injection strings as email and password, then 4xx, never 5xx', async () => {
    for (const s of [...SQLI, ...XSS]) {
      const login = await send(t.url, 'POST', '/api/user/login', { body: { email: s, password: s } });
      expect([400, 401]).toContain(login.status);
      const reg = await send(t.url, 'POST', '/api/user/register', {
        body: { name: s, email: `${s}@x.com`, password: s },
      });
      expect(reg.status).toBeLessThan(500);
    }
    const alsoAdmin = await send(t.url, 'POST', '/api/user/login', {
      body: { email: `${admin.email}' --`, password: 'x' },
    });
    expect([400, 401]).toContain(alsoAdmin.status);
  });
});

describe('uploads that lie', () => {
  const upload = async (
    token: string,
    path: string,
    field: string,
    bytes: Buffer,
    name: string,
    type: string,
  ) => {
    const form = new FormData();
    form.append(field, new Blob([new Uint8Array(bytes)], { type }), name);
    return send(t.url, 'POST', path, { token, raw: form });
  };

  it('when HTML, SVG with script or a polyglot is sent as a .png image, then 4xx and nothing is stored', async () => {
    const fakes: Array<[Buffer, string, string]> = [
      [Buffer.from('<html><script>alert(1)</script></html>'), 'cat.png', 'image/png'],
      [
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        'cat.svg',
        'image/svg+xml',
      ],
      [
        Buffer.concat([
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
          Buffer.from('<script>alert(1)</script>'),
        ]),
        'x.png',
        'image/png',
      ],
      [Buffer.from('GIF89a<script>alert(1)</script>'), 'x.jpg', 'image/jpeg'],
      [Buffer.from('MZ\x90\x00 not an image'), 'x.webp', 'image/webp'],
    ];
    for (const [bytes, name, type] of fakes) {
      for (const [token, path, field] of [
        [adminToken, '/api/admin/uploads', 'file'],
        [customerToken, '/api/user/avatar', 'avatar'],
      ] as const) {
        const res = await upload(token, path, field, bytes, name, type);
        expect(res.status, `${path} ${name}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${path} ${name}`).toBeLessThan(500);
        expect(isErrorShape(res.json)).toBe(true);
      }
    }
  });

  it('when a real image is uploaded, then it is re-encoded to WebP (the control for the case above)', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } })
      .png()
      .toBuffer();
    const res = await upload(adminToken, '/api/admin/uploads', 'file', png, 'red.png', 'image/png');
    expect(res.status).toBe(201);
    expect(res.text).toContain('.webp');
  });

  it('when an image is bigger than the cap, then 413', async () => {
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(6 * 1024 * 1024)]);
    const res = await upload(adminToken, '/api/admin/uploads', 'file', big, 'big.jpg', 'image/jpeg');
    expect(res.status).toBe(413);
  });
});

describe('oversized and deeply nested bodies', () => {
  it('when a JSON body is over 100 kB, then 413 with the error shape', async () => {
    const res = await send(t.url, 'POST', '/api/user/login', {
      body: { email: 'a@b.co', password: 'x'.repeat(150_000) },
    });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('payload_too_large');
  });

  it('when a body nests 10,000 (and 45,000) arrays or objects deep, then 4xx, never 5xx, and the server keeps serving', async () => {
    const bodies = [
      '['.repeat(10_000) + ']'.repeat(10_000),
      '['.repeat(45_000) + ']'.repeat(45_000),
      '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
      `{"email":"a@b.co","password":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
    ];
    for (const raw of bodies) {
      for (const [method, path, token] of [
        ['POST', '/api/user/login', undefined],
        ['POST', '/api/address', customerToken],
        ['POST', '/api/cart/items', customerToken],
        ['POST', '/api/admin/products', adminToken],
      ] as const) {
        const res = await send(t.url, method, path, {
          token,
          raw,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status, `${path} ${raw.slice(0, 20)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${path} ${raw.slice(0, 20)}`).toBeLessThan(500);
        expect(isErrorShape(res.json)).toBe(true);
      }
    }
    expect((await send(t.url, 'GET', '/api/health')).status).toBe(200);
  });
});

describe('prototype pollution', () => {
  it('when bodies and queries carry __proto__, constructor and prototype keys, then they are refused or ignored and nothing is polluted', async () => {
    const payloads = [
      '{"__proto__":{"polluted":"yes","role":"admin"},"name":"Proto Person"}',
      '{"constructor":{"prototype":{"polluted":"yes"}},"name":"Proto Person"}',
      '{"name":"Proto Person","__proto__":{"isAdmin":true}}',
    ];
    for (const raw of payloads) {
      for (const [method, path] of [
        ['PUT', '/api/user/update'],
        ['POST', '/api/address'],
        ['POST', '/api/cart/items'],
        ['POST', '/api/user/register'],
      ] as const) {
        const res = await send(t.url, method, path, {
          token: customerToken,
          raw,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status, `${path} ${raw}`).toBeLessThan(500);
      }
    }
    for (const q of [
      '__proto__[polluted]=yes',
      'constructor[prototype][polluted]=yes',
      '__proto__.polluted=yes&q=milk',
    ]) {
      const res = await send(t.url, 'GET', `/api/product?${q}`);
      expect(res.status, q).toBeLessThan(500);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    const me = await send(t.url, 'GET', '/api/user/profile', { token: customerToken });
    expect(JSON.stringify(me.json)).not.toContain('"role":"admin"');
    // The server process (same process here) would show the pollution on a fresh object too.
    const probe = await send(t.url, 'GET', '/api/health');
    expect(probe.json).toEqual({ status: 'ok' });
  });
});

describe('security headers', () => {
  const expectHeaders = (res: { headers: Headers }, where: string) => {
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp, where).toContain("frame-ancestors 'none'");
    expect(csp, where).toContain("default-src 'self'");
    expect(csp, where).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
    expect(res.headers.get('referrer-policy'), where).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-frame-options'), where).toBeTruthy();
    expect(res.headers.get('x-powered-by'), where).toBeNull();
  };

  it('when any kind of response goes out (200, 204, 400, 401, 403, 404, 413, static, docs), then it carries the headers', async () => {
    const cases: Array<[string, string, Parameters<typeof send>[3]]> = [
      ['GET', '/api/health', {}],
      ['GET', '/api/openapi.json', {}],
      ['GET', '/api/docs', {}],
      ['GET', '/api/product', {}],
      ['POST', '/api/user/logout', {}],
      ['POST', '/api/user/login', { body: {} }],
      ['GET', '/api/user/profile', {}],
      ['GET', '/api/admin/customers', { token: customerToken }],
      ['GET', '/api/nope', {}],
      ['GET', '/uploads/nope.webp', {}],
      ['POST', '/api/user/login', { body: { password: 'x'.repeat(200_000) } }],
      ['POST', '/api/user/login', { raw: '{bad', headers: { 'content-type': 'application/json' } }],
    ];
    for (const [method, path, o] of cases)
      expectHeaders(await send(t.url, method, path, o), `${method} ${path}`);
  });

  it('when not in production, then no HSTS (it would pin localhost to https)', async () => {
    const res = await send(t.url, 'GET', '/api/health');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('when NODE_ENV=production, then HSTS is sent and the session cookies are Secure, HttpOnly and SameSite', async () => {
    const prod = await startTestApp({
      NODE_ENV: 'production',
      JWT_SECRET: 'p'.repeat(48),
      BCRYPT_ROUNDS: '10',
      RATE_LIMIT_AUTH: '1000',
      PUBLIC_URL: 'https://shop.example.com',
    });
    try {
      const health = await send(prod.url, 'GET', '/api/health');
      expect(health.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
      expectHeaders(health, 'production /api/health');
      const res = await fetch(`${prod.url}/api/user/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Prod User', email: uniqueEmail(), password: 'a-good-long-password' }),
      });
      expect(res.status).toBe(201);
      const cookies = res.headers.getSetCookie();
      expect(cookies.length).toBeGreaterThanOrEqual(2);
      for (const c of cookies) {
        expect(c, c).toMatch(/;\s*Secure/i);
        expect(c, c).toMatch(/;\s*HttpOnly/i);
        expect(c, c).toMatch(/;\s*SameSite=(Lax|Strict)/i);
      }
      // Developer helpers are not even registered in production.
      expect((await send(prod.url, 'GET', '/api/dev/outbox')).status).toBe(404);
    } finally {
      await prod.close();
    }
  });
});
