/**
 * Property-based fuzzing of the whole API, driven by its own OpenAPI document: every route, every role,
 * valid, boundary and broken input. The property: no 5xx, every error in the JSON error shape, and the
 * database invariants hold afterwards. FUZZ_RUNS sets the number of requests (CI ~2000, `npm run fuzz`
 * 10,000); FUZZ_SEED replays a run.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { startTestApp, type TestApp } from '../harness';
import {
  buildWorld,
  isErrorShape,
  operationsOf,
  send,
  type Operation,
  type RoleName,
  type World,
} from '../security/security.helpers';
import { invariantViolations } from './invariants';
import { invalidArb, validArb, type ArbContext } from './schema-arbitrary';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CONCURRENCY = 4;

let t: TestApp;
let w: World;
let ops: Operation[];
let ctx: ArbContext;

beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_AUTH: '1000000', RATE_LIMIT_API: '1000000', BCRYPT_ROUNDS: '4' });
  w = await buildWorld(t);
  ops = (await operationsOf(t)).filter((op) => op.path !== '/api/metrics');
  ctx = {
    ids: [
      w.store1,
      w.store2,
      w.variant.id,
      w.variant.productId,
      w.orderA,
      w.orderAStore2,
      w.addressA,
      w.addressB,
      ...Object.values(w.users).map((u) => u.id),
    ],
  };
});
afterAll(async () => {
  await t?.close();
});

interface FuzzRequest {
  method: string;
  path: string;
  role: RoleName;
  body?: unknown;
  raw?: string;
  contentType?: string;
  mode: string;
}

const ROLE_ARB = fc.constantFrom<RoleName>('anonymous', 'customerA', 'customerB', 'picker', 'rider', 'staff', 'admin');
/** Already URL-encoded, as an attacker would type them. */
const PATH_JUNK = fc.constantFrom(
  '0',
  '-1',
  'null',
  'undefined',
  '..%2F..%2Fetc',
  '%20',
  'x'.repeat(300),
  "'%20OR%201=1",
  '%F0%9F%98%80',
  '1e9',
);

function requestArb(op: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const pathArb = fc.tuple(
    ...pathParams.map((p) =>
      fc.oneof(
        { weight: 5, arbitrary: validArb(p.schema, ctx).map((v) => encodeURIComponent(String(v))) },
        { weight: 1, arbitrary: PATH_JUNK },
      ),
    ),
  );
  const queryArb = fc.tuple(
    ...queryParams.map((p) =>
      fc.option(
        fc.oneof(
          { weight: 4, arbitrary: validArb(p.schema, ctx) },
          {
            weight: 1,
            arbitrary: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('[]', '-1', 'x'.repeat(300))),
          },
        ),
        { nil: undefined, freq: 2 },
      ),
    ),
  );
  const json = op.bodyType === 'application/json';
  const bodyArb: fc.Arbitrary<{ mode: string; body?: unknown; raw?: string; contentType?: string }> = json
    ? fc.oneof(
        { weight: 5, arbitrary: validArb(op.bodySchema, ctx).map((body) => ({ mode: 'valid', body })) },
        { weight: 3, arbitrary: invalidArb(op.bodySchema, ctx).map((body) => ({ mode: 'invalid', body })) },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom('{', '[1,', '"\\ud800"', 'null', '1e999', '{"a":1,"a":2}', '\u0000')
            .map((raw) => ({ mode: 'malformed', raw, contentType: 'application/json' })),
        },
        {
          weight: 1,
          arbitrary: fc.string({ maxLength: 50 }).map((raw) => ({
            mode: 'wrong-type',
            raw,
            contentType: fc.sample(
              fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded'),
              1,
            )[0],
          })),
        },
      )
    : op.method === 'GET'
      ? fc.constant({ mode: 'no-body' })
      : fc.oneof(
          { weight: 4, arbitrary: fc.constant({ mode: 'no-body' }) },
          {
            weight: 1,
            arbitrary: fc.jsonValue({ maxDepth: 2 }).map((body) => ({ mode: 'unexpected-body', body })),
          },
        );
  return fc.tuple(ROLE_ARB, pathArb, queryArb, bodyArb, fc.boolean()).map(([role, pv, qv, b, extraQuery]) => {
    let i = 0;
    const path = op.path.replace(/\{\w+\}/g, () => pv[i++] || 'x');
    const qs = new URLSearchParams();
    queryParams.forEach((p, j) => {
      const v = qv[j];
      if (v === undefined) return;
      if (Array.isArray(v)) for (const item of v) qs.append(p.name, String(item));
      else qs.set(p.name, typeof v === 'object' ? JSON.stringify(v) : String(v));
    });
    if (extraQuery && queryParams.length) qs.set('unknownParam', 'x');
    const q = qs.toString();
    return { method: op.method, path: q ? `${path}?${q}` : path, role, ...b };
  });
}

/** Shoppers doing what shops are for, so checkout, cancellation and the stock counters get exercised too. */
function shoppingArb(): fc.Arbitrary<FuzzRequest> {
  const variantId = fc.constantFrom(w.variant.id, w.variant.id, ctx.ids[0]!);
  return fc.oneof(
    fc.record({ q: fc.integer({ min: 1, max: 12 }), v: variantId }).map(({ q, v }) => ({
      method: 'POST',
      path: '/api/cart/items',
      role: 'customerA' as RoleName,
      body: { variantId: v, quantity: q },
      mode: 'shop',
    })),
    fc
      .record({
        q: fc.integer({ min: 1, max: 15 }),
        pm: fc.constantFrom('cod', 'card'),
        tip: fc.constantFrom(0, 1000, 5000),
      })
      .map(({ q, pm, tip }) => ({
        method: 'POST',
        path: '/api/order',
        role: 'customerA' as RoleName,
        body: {
          addressId: w.addressA,
          paymentMethod: pm,
          tip,
          items: [{ variantId: w.variant.id, quantity: q }],
        },
        mode: 'shop',
      })),
    fc
      .constantFrom('customerA', 'staff', 'admin')
      .map((role) => ({ method: 'GET', path: '/api/order/history', role: role as RoleName, mode: 'shop' })),
  );
}

describe('API fuzzing from the OpenAPI document', () => {
  it(
    `when ${RUNS} generated requests hit every route as every role, then no 5xx, errors keep their shape and the invariants hold`,
    async () => {
      const arb = fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...ops).chain(requestArb) },
        { weight: 1, arbitrary: shoppingArb() },
      );
      const requests = fc.sample(arb, { numRuns: RUNS, seed: SEED });
      const failures = new Map<string, string>();
      const statuses = new Map<number, number>();
      const hitRoutes = new Set<string>();
      let next = 0;
      const worker = async () => {
        while (next < requests.length) {
          const r = requests[next++]!;
          const input =
            `${r.role} ${r.method} ${r.path} [${r.mode}] ${r.raw ?? JSON.stringify(r.body) ?? ''}`.slice(
              0,
              400,
            );
          const once = () =>
            send(t.url, r.method, r.path, {
              token: w.tokens[r.role],
              body: r.body,
              raw: r.raw,
              headers: r.contentType ? { 'content-type': r.contentType } : {},
            });
          // One retry on a socket error: a keep-alive connection the server closed after an early answer.
          const res = await once()
            .catch(once)
            .catch((err: unknown) => {
              failures.set(
                `transport ${r.method} ${r.path.split('?')[0]}`,
                `${input} → ${(err as Error).message}`,
              );
              return undefined;
            });
          if (!res) continue;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          hitRoutes.add(`${r.method} ${r.path.split('?')[0]!.replace(/[0-9a-f-]{36}/g, '{id}')}`);
          const route = `${r.method} ${r.path.split('?')[0]}`;
          if (res.status >= 500)
            failures.set(`5xx ${route}`, `${input} → ${res.status} ${res.text.slice(0, 200)}`);
          else if (res.status >= 400 && !isErrorShape(res.json))
            failures.set(`shape ${route}`, `${input} → ${res.status} ${res.text.slice(0, 200)}`);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const [orders] = rowsOf<{ n: number }>(
        await t.deps.db.execute(sql`select count(*)::int as n from orders`),
      );
      // eslint-disable-next-line no-console -- reason: the run summary (seed, statuses) is what a reader needs to replay it
      console.log(
        `fuzz: ${requests.length} requests, seed ${SEED}, ${hitRoutes.size} route shapes, statuses ${JSON.stringify(Object.fromEntries(statuses))}, orders now ${orders?.n}`,
      );
      expect([...failures].map(([k, v]) => `${k}: ${v}`)).toEqual([]);
      const violations = await invariantViolations(async (text) =>
        rowsOf<Record<string, unknown>>(await t.deps.db.execute(sql.raw(text))),
      );
      expect(violations).toEqual([]);
      expect((await send(t.url, 'GET', '/api/ready')).status).toBe(200);
    },
    Math.max(120_000, RUNS * 150),
  );
});
