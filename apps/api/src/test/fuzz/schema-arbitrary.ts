/**
 * fast-check arbitraries from the JSON Schemas in the app's OpenAPI document: values that satisfy the
 * schema (with ids drawn from the test world half the time, so requests reach real rows), values on its
 * boundaries, and values that break it in one place.
 */
import fc from 'fast-check';
import type { JsonSchema } from '../security/security.helpers';

export interface ArbContext {
  /** Real ids of the test world (variants, addresses, orders, stores…). */
  ids: string[];
}

const NASTY = [
  '',
  ' ',
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%',
  '_',
  '\\',
  '😀'.repeat(30),
  'ا'.repeat(10),
  '9'.repeat(40),
  '-1',
  'null',
  'NaN',
  '1e309',
  '__proto__',
  'x'.repeat(300),
];

const uuidLike = (ctx: ArbContext) =>
  ctx.ids.length ? fc.oneof(fc.constantFrom(...ctx.ids), fc.uuid({ version: 4 })) : fc.uuid({ version: 4 });

function typesOf(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type as string[];
  if (typeof s.type === 'string') return [s.type];
  return [];
}

function stringArb(s: JsonSchema, ctx: ArbContext): fc.Arbitrary<string> {
  if (s.format === 'uuid' || (typeof s.pattern === 'string' && s.pattern.includes('[0-9a-fA-F]{8}')))
    return uuidLike(ctx);
  if (s.format === 'email') return fc.emailAddress().filter((e) => e.length <= 254);
  if (s.format === 'date-time')
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  if (s.format === 'date')
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Math.max(min, 40);
  if (typeof s.pattern === 'string') {
    try {
      // No length filter here: a filter that can never pass would loop forever; a miss is just an invalid value.
      return fc.stringMatching(new RegExp(s.pattern));
    } catch {
      // Patterns JavaScript cannot compile fall through to plain strings.
    }
  }
  const fits = (x: string) => x.length >= min && x.length <= max;
  const nasty = NASTY.filter(fits);
  const ids = ctx.ids.filter(fits);
  const options: Array<{ weight: number; arbitrary: fc.Arbitrary<string> }> = [
    { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, min + 30) }) },
  ];
  if (nasty.length) options.push({ weight: 1, arbitrary: fc.constantFrom(...nasty) });
  if (ids.length) options.push({ weight: 1, arbitrary: fc.constantFrom(...ids) });
  return fc.oneof(...options);
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min =
    typeof s.minimum === 'number'
      ? s.minimum
      : typeof s.exclusiveMinimum === 'number'
        ? s.exclusiveMinimum + 1
        : -1000;
  const max =
    typeof s.maximum === 'number'
      ? s.maximum
      : typeof s.exclusiveMaximum === 'number'
        ? s.exclusiveMaximum - 1
        : 100_000;
  const lo = Math.max(min, -1e9);
  const hi = Math.min(max, 1e9);
  if (hi < lo) return fc.constant(lo);
  const core = integer
    ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) })
    : fc.double({ min: lo, max: hi, noNaN: true });
  return fc.oneof(
    { weight: 4, arbitrary: core },
    { weight: 1, arbitrary: fc.constantFrom(Math.ceil(lo), Math.floor(hi)) },
  );
}

/** A value meant to satisfy the schema. */
export function validArb(s: JsonSchema | undefined, ctx: ArbContext, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 5) return fc.constant(null);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...(s.enum as unknown[]));
  const alts = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(alts) && alts.length) return fc.oneof(...alts.map((a) => validArb(a, ctx, depth + 1)));
  if (Array.isArray(s.allOf) && s.allOf.length) return validArb(s.allOf[0] as JsonSchema, ctx, depth + 1);
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((type) => validArb({ ...s, type }, ctx, depth + 1)));
  switch (types[0]) {
    case 'string':
      return stringArb(s, ctx);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = typeof s.minItems === 'number' ? s.minItems : 0;
      const maxLength = Math.min(typeof s.maxItems === 'number' ? s.maxItems : 4, minLength + 4);
      return fc.array(validArb(s.items as JsonSchema, ctx, depth + 1), { minLength, maxLength });
    }
    case 'object':
    default: {
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      if (!Object.keys(props).length)
        return types[0] === 'object' ? fc.constant({}) : fc.jsonValue({ maxDepth: 2 });
      const required = new Set((s.required as string[] | undefined) ?? []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = validArb(v, ctx, depth + 1);
      return fc.record(model, { requiredKeys: [...required].filter((k) => k in props) });
    }
  }
}

/** A value that breaks the schema in one place: wrong type, missing field, unknown field, huge or odd. */
export function invalidArb(s: JsonSchema | undefined, ctx: ArbContext): fc.Arbitrary<unknown> {
  const props = (s?.properties ?? {}) as Record<string, JsonSchema>;
  const keys = Object.keys(props);
  const wrongTyped = fc.oneof(
    fc.constantFrom(
      null,
      true,
      -1,
      0,
      2 ** 31,
      2 ** 53,
      -(2 ** 53),
      1.5,
      '',
      'x'.repeat(5000),
      [],
      {},
      [[[]]],
      { $gt: '' },
    ),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const options: Array<fc.Arbitrary<unknown>> = [wrongTyped, fc.jsonValue({ maxDepth: 4 })];
  if (keys.length) {
    const valid = validArb(s, ctx) as fc.Arbitrary<Record<string, unknown>>;
    options.push(
      fc
        .tuple(valid, fc.constantFrom(...keys), wrongTyped)
        .map(([v, k, bad]) => ({ ...(typeof v === 'object' && v ? v : {}), [k]: bad })),
      fc.tuple(valid, fc.constantFrom(...keys)).map(([v, k]) => {
        const copy = { ...(typeof v === 'object' && v ? v : {}) };
        delete copy[k];
        return copy;
      }),
      fc
        .tuple(
          valid,
          fc.constantFrom('role', 'isAdmin', 'price', 'total', 'userId', '__proto__', 'constructor'),
        )
        .map(([v, k]) => ({
          ...(typeof v === 'object' && v ? v : {}),
          [k]: 'admin',
        })),
    );
  }
  return fc.oneof(...options);
}
