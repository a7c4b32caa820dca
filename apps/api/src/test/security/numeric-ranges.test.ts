/**
 * Every number a route takes must fit where it is stored. The columns are PostgreSQL `integer` (32-bit):
 * a schema that documents more (Zod's default safe-integer range, up to 2^53−1) lets a valid-looking
 * request reach the database and fail there as a 500. Both halves are checked over the app's own OpenAPI
 * document, so a route added later is covered without a line here.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INT4_MAX } from '@fatafat/contracts/common';
import { startTestApp, type TestApp } from '../harness';
import { validArb, type ArbContext } from '../fuzz/schema-arbitrary';
import { buildWorld, fillPath, operationsOf, send, type JsonSchema, type Operation, type RoleName, type World } from './security.helpers';

const INT4_MIN = -2_147_483_648;

let t: TestApp;
let w: World;
let ops: Operation[];
let ctx: ArbContext;

beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_AUTH: '1000000', RATE_LIMIT_API: '1000000', BCRYPT_ROUNDS: '4' });
  w = await buildWorld(t);
  ops = (await operationsOf(t)).filter((op) => op.path !== '/api/metrics');
  ctx = { ids: [w.store1, w.variant.id, w.variant.productId, w.orderA, w.addressA] };
});
afterAll(async () => {
  await t?.close();
});

/** A place in a request that takes an integer: where it is, and its documented bounds. */
interface IntegerField {
  where: string;
  path: Array<string | number>;
  schema: JsonSchema;
}

function isInteger(s: JsonSchema): boolean {
  return s.type === 'integer' || (Array.isArray(s.type) && s.type.includes('integer'));
}

/** Every integer in a schema, with the path to it (an array's items as index 0). */
function integersIn(s: JsonSchema | undefined, path: Array<string | number> = []): Array<{ path: Array<string | number>; schema: JsonSchema }> {
  if (!s || typeof s !== 'object') return [];
  const found: Array<{ path: Array<string | number>; schema: JsonSchema }> = [];
  if (isInteger(s)) found.push({ path, schema: s });
  for (const alt of [...((s.anyOf as JsonSchema[]) ?? []), ...((s.oneOf as JsonSchema[]) ?? []), ...((s.allOf as JsonSchema[]) ?? [])]) {
    found.push(...integersIn(alt, path));
  }
  for (const [k, v] of Object.entries((s.properties as Record<string, JsonSchema>) ?? {})) found.push(...integersIn(v, [...path, k]));
  if (s.items && typeof s.items === 'object') found.push(...integersIn(s.items as JsonSchema, [...path, 0]));
  return found;
}

function integerFields(op: Operation): IntegerField[] {
  const fields: IntegerField[] = [];
  for (const p of op.params) for (const f of integersIn(p.schema)) fields.push({ where: p.in, path: [p.name, ...f.path], schema: f.schema });
  if (op.bodyType === 'application/json') for (const f of integersIn(op.bodySchema)) fields.push({ where: 'body', ...f });
  return fields;
}

const maxOf = (s: JsonSchema): number | undefined =>
  typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - 1 : undefined;
const minOf = (s: JsonSchema): number | undefined =>
  typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : undefined;

const ROLE_FOR: Record<string, RoleName> = {
  public: 'customerA',
  optional: 'customerA',
  user: 'customerA',
  picker: 'picker',
  rider: 'rider',
  staff: 'admin',
  admin: 'admin',
};

/** A copy of `value` with `path` set to `to`, building objects and one-element arrays on the way. */
function setAt(value: unknown, path: Array<string | number>, to: unknown): unknown {
  if (!path.length) return to;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const arr = Array.isArray(value) && value.length ? [...(value as unknown[])] : [{}];
    arr[0] = setAt(arr[0], rest, to);
    return arr;
  }
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  obj[head!] = setAt(obj[head!], rest, to);
  return obj;
}

/** The route called with one integer set to `n`, the rest of the request as its schema describes it. */
async function callWith(op: Operation, field: IntegerField, n: number) {
  const base = fc.sample(validArb(op.bodySchema, ctx), { numRuns: 1, seed: 42 })[0];
  let body = op.bodyType === 'application/json' ? base : undefined;
  const query = new URLSearchParams();
  let path = fillPath(op, w);
  if (field.where === 'body') body = setAt(body, field.path, n);
  else if (field.where === 'query') query.set(String(field.path[0]), String(n));
  else path = fillPath(op, w, (name) => (name === field.path[0] ? String(n) : undefined));
  const qs = query.size ? `?${query}` : '';
  return send(t.url, op.method, path + qs, { token: w.tokens[ROLE_FOR[op.auth] ?? 'admin'], body });
}

describe('integers a route takes fit the 32-bit columns they are stored in', () => {
  it('when the document is read, then every integer input has a minimum and a maximum within PostgreSQL integer', () => {
    const loose = ops.flatMap((op) =>
      integerFields(op)
        .filter((f) => {
          const max = maxOf(f.schema);
          const min = minOf(f.schema);
          return max === undefined || min === undefined || max > INT4_MAX || min < INT4_MIN;
        })
        .map((f) => `${op.method} ${op.path} ${f.where}:${f.path.join('.')} [${minOf(f.schema)}, ${maxOf(f.schema)}]`),
    );
    expect(loose).toEqual([]);
  });

  it('when each documented maximum is sent to every route, then never a 5xx; maximum+1 is 400 naming the field', async () => {
    const failures: string[] = [];
    let tried = 0;
    let reachedHandler = 0;
    for (const op of ops) {
      if (op.streams || op.bodyType === 'multipart/form-data') continue;
      for (const field of integerFields(op)) {
        const max = maxOf(field.schema);
        if (max === undefined) continue;
        const label = `${op.method} ${op.path} ${field.where}:${field.path.join('.')}`;
        const atMax = await callWith(op, field, max);
        tried += 1;
        if (atMax.status !== 400) reachedHandler += 1;
        if (atMax.status >= 500) failures.push(`${label}=${max} → ${atMax.status} ${atMax.text.slice(0, 120)}`);
        const over = await callWith(op, field, max + 1);
        const named = JSON.stringify(over.json?.error?.details ?? {}).includes(String(field.path.at(-1) === 0 ? field.path.at(-2) : field.path.at(-1)));
        if (over.status !== 400 || !named) failures.push(`${label}=${max + 1} → ${over.status} ${over.text.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
    // Not vacuous: many routes take integers, and many of these requests got past validation.
    expect(tried).toBeGreaterThan(60);
    expect(reachedHandler).toBeGreaterThan(30);
  });

  it('when a coupon of 3,000,000,000 paise is created (the attack), then 400 invalid_input naming value, not 500', async () => {
    const res = await send(t.url, 'POST', '/api/admin/coupons', {
      token: w.tokens.admin,
      body: { code: 'BIG', kind: 'flat', value: 3_000_000_000 },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_input');
    expect(JSON.stringify(res.json.error.details)).toContain('value');
  });
});
