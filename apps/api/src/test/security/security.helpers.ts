/**
 * Shared by the security and fuzz suites: the OpenAPI operations of the running app, a world of users and
 * resources owned by them, and a raw request that never waits on a stream (SSE routes answer headers and
 * then stay open, so the body is read only when it is not an event stream).
 */
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../../http/auth-context';
import { signAccessToken } from '../../http/auth-context';
import { createAddress } from '../../modules/checkout/checkout.factories';
import {
  createStockedVariant,
  createTestOrder,
  createTestStore,
  type TestVariant,
} from '../../modules/orders/order.factories';
import { createUser, type TestUser } from '../factories';
import type { TestApp } from '../harness';

export type AuthLevel = 'public' | 'optional' | 'user' | 'picker' | 'rider' | 'staff' | 'admin';

export interface Operation {
  method: string;
  /** OpenAPI path, e.g. /api/order/{id}. */
  path: string;
  auth: AuthLevel;
  bodyType: string | undefined;
  bodySchema: JsonSchema | undefined;
  params: Array<{ name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema }>;
  streams: boolean;
}

// JSON Schema fragments are open-ended by nature; the fuzzer walks them defensively.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reason: arbitrary JSON Schema
export type JsonSchema = Record<string, any>;

function derefSchemas(node: unknown, schemas: Record<string, unknown>, seen: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((n) => derefSchemas(n, schemas, seen));
  if (!node || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    const name = ref.slice('#/components/schemas/'.length);
    if (seen.includes(name)) return {};
    return derefSchemas(schemas[name], schemas, [...seen, name]);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, derefSchemas(v, schemas, seen)]));
}

export async function operationsOf(t: TestApp): Promise<Operation[]> {
  const res = await fetch(`${t.url}/api/openapi.json`);
  const raw = (await res.json()) as { paths: unknown; components?: { schemas?: Record<string, unknown> } };
  // Named schemas are $refs into components.schemas: spell them out so the generators see whole shapes.
  const doc = derefSchemas(raw, raw.components?.schemas ?? {}) as { paths: Record<string, Record<string, JsonSchema>> };
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      const content = op.requestBody?.content as Record<string, { schema?: JsonSchema }> | undefined;
      const bodyType = content ? Object.keys(content)[0] : undefined;
      const okContent = Object.values(
        op.responses as Record<string, { content?: Record<string, unknown> }>,
      )[0]?.content;
      ops.push({
        method: method.toUpperCase(),
        path,
        auth: op['x-auth'] as AuthLevel,
        bodyType,
        bodySchema: bodyType ? content?.[bodyType]?.schema : undefined,
        params: (op.parameters ?? []) as Operation['params'],
        streams: Boolean(okContent && 'text/event-stream' in okContent),
      });
    }
  }
  return ops;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reason: tests assert on the JSON they asked for
  json: any;
}

export interface SendOptions {
  token?: string | undefined;
  body?: unknown;
  raw?: RequestInit['body'];
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export async function send(
  baseUrl: string,
  method: string,
  path: string,
  o: SendOptions = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let body = o.raw;
  if (o.body !== undefined && body === undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(o.body);
  }
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), o.timeoutMs ?? 20_000);
  try {
    const res = await fetch(baseUrl + path, { method, headers, body, redirect: 'manual', signal: ac.signal });
    let text = '';
    if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) ac.abort();
    else text = await res.text();
    let json: unknown;
    if ((res.headers.get('content-type') ?? '').includes('application/json') && text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: res.status, headers: res.headers, text, json };
  } finally {
    clearTimeout(timer);
  }
}

/** True when a body is the documented error shape. */
export function isErrorShape(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const e = (json as { error?: unknown }).error;
  if (typeof e !== 'object' || e === null) return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string';
}

export type RoleName = 'anonymous' | 'customerA' | 'customerB' | 'picker' | 'rider' | 'staff' | 'admin';
/** Customer A last: the matrix lets A delete its own things. */
export const ROLES: RoleName[] = ['anonymous', 'customerB', 'picker', 'rider', 'staff', 'admin', 'customerA'];

export interface World {
  users: { customerA: TestUser; customerB: TestUser; picker: TestUser; rider: TestUser; staff: TestUser; admin: TestUser };
  tokens: Record<RoleName, string | undefined>;
  store1: string;
  store2: string;
  variant: TestVariant;
  /** Customer A's order at store 1, an order of A at store 2, and A's address. */
  orderA: string;
  orderAStore2: string;
  addressA: string;
  addressB: string;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const db = t.deps.db;
  const store1 = (await createTestStore(db)).id;
  const store2 = (await createTestStore(db, { lat: 12.99, lng: 77.61 })).id;
  const variant = await createStockedVariant(db, store1, { onHand: 100 });
  const variant2 = await createStockedVariant(db, store2, { onHand: 100 });
  const customerA = await createUser(t);
  const customerB = await createUser(t);
  const picker = await createUser(t, { role: 'picker', storeId: store1 });
  const rider = await createUser(t, { role: 'rider', storeId: store1 });
  const staff = await createUser(t, { role: 'staff', storeId: store1 });
  const admin = await createUser(t, { role: 'admin' });
  const addressA = (await createAddress(db, customerA.id)).id;
  const addressB = (await createAddress(db, customerB.id)).id;
  const orderA = (
    await createTestOrder(db, { userId: customerA.id, storeId: store1, lines: [{ variant, quantity: 2 }] })
  ).id;
  const orderAStore2 = (
    await createTestOrder(db, {
      userId: customerA.id,
      storeId: store2,
      lines: [{ variant: variant2, quantity: 1 }],
    })
  ).id;
  const sign = (u: AuthUser) => signAccessToken(u, t.config.jwtSecret, 3600);
  return {
    users: { customerA, customerB, picker, rider, staff, admin },
    tokens: {
      anonymous: undefined,
      customerA: sign(customerA),
      customerB: sign(customerB),
      picker: sign(picker),
      rider: sign(rider),
      staff: sign(staff),
      admin: sign(admin),
    },
    store1,
    store2,
    variant,
    orderA,
    orderAStore2,
    addressA,
    addressB,
  };
}

/** Fills an OpenAPI path with the ids that matter for ownership; anything else gets a fresh UUID. */
export function fillPath(
  op: Operation,
  w: World,
  pick: (name: string) => string | undefined = () => undefined,
): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const chosen = pick(name);
    if (chosen !== undefined) return encodeURIComponent(chosen);
    if (op.path.startsWith('/api/order/') && name === 'id') return w.orderA;
    if (op.path.startsWith('/api/admin/orders/') && name === 'id') return w.orderA;
    if (op.path.startsWith('/api/address/') && name === 'id') return w.addressA;
    if (name === 'variantId') return w.variant.id;
    if (name === 'idOrSlug') return w.variant.productId;
    return randomUUID();
  });
}
