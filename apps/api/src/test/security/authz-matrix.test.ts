/**
 * The authorisation matrix: every operation in the app's own OpenAPI document × every role. The document
 * is generated from the routes, so a route added tomorrow is checked tomorrow without touching this file.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addresses, orders } from '../../db/schema/index';
import { createAddress } from '../../modules/checkout/checkout.factories';
import { startTestApp, type TestApp } from '../harness';
import {
  buildWorld,
  fillPath,
  isErrorShape,
  operationsOf,
  ROLES,
  send,
  type Operation,
  type RoleName,
  type World,
} from './security.helpers';

let t: TestApp;
let w: World;
let ops: Operation[];

beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_AUTH: '1000', RATE_LIMIT_API: '100000' });
  w = await buildWorld(t);
  ops = await operationsOf(t);
});
afterAll(async () => {
  await t?.close();
});

const roleClass: Record<RoleName, 'anonymous' | 'customer' | 'picker' | 'rider' | 'staff' | 'admin'> = {
  anonymous: 'anonymous',
  customerA: 'customer',
  customerB: 'customer',
  picker: 'picker',
  rider: 'rider',
  staff: 'staff',
  admin: 'admin',
};

/** Written out by hand (not read from the router's table) so a wrong table fails here. */
const LET_THROUGH: Record<Exclude<Operation['auth'], 'public' | 'optional'>, string[]> = {
  user: ['customer', 'picker', 'rider', 'staff', 'admin'],
  picker: ['picker', 'staff', 'admin'],
  rider: ['rider', 'staff', 'admin'],
  staff: ['staff', 'admin'],
  admin: ['admin'],
};

function expectedDenial(auth: Operation['auth'], role: RoleName): 401 | 403 | undefined {
  const c = roleClass[role];
  if (auth === 'public' || auth === 'optional') return undefined;
  if (c === 'anonymous') return 401;
  return LET_THROUGH[auth].includes(c) ? undefined : 403;
}

function request(op: Operation, role: RoleName, path: string) {
  const body = op.bodyType === 'application/json' ? {} : undefined;
  return send(t.url, op.method, path, { token: w.tokens[role], body });
}

describe('authorisation matrix over the OpenAPI document', () => {
  it('when the document is read, then every operation declares an x-auth level', () => {
    expect(ops.length).toBeGreaterThan(50);
    for (const op of ops)
      expect(['public', 'optional', 'user', 'picker', 'rider', 'staff', 'admin'], `${op.method} ${op.path}`).toContain(op.auth);
  });

  it('when every route is called by every role, then the status class matches the auth level and nothing is 5xx', async () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      for (const op of ops) {
        const path = fillPath(op, w);
        const res = await request(op, role, path);
        const where = `${role} ${op.method} ${path} (x-auth ${op.auth}) → ${res.status} ${res.text.slice(0, 160)}`;
        if (res.status >= 500) failures.push(`5xx: ${where}`);
        const denial = expectedDenial(op.auth, role);
        if (denial && res.status !== denial) failures.push(`expected ${denial}: ${where}`);
        if (
          !denial &&
          op.auth !== 'public' &&
          op.auth !== 'optional' &&
          (res.status === 401 || res.status === 403) &&
          !op.path.startsWith('/api/admin/stock')
        )
          failures.push(`unexpected denial: ${where}`);
        if (res.status >= 400 && !isErrorShape(res.json)) failures.push(`error without JSON shape: ${where}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("when customer B uses customer A's order and address ids on every route that takes them, then 404 and A's data is untouched", async () => {
    const owned = ops.filter((op) => /^\/api\/(order|address)\/\{id\}/.test(op.path));
    expect(owned.length).toBeGreaterThanOrEqual(8);
    // The matrix above let A delete its own address, so A gets a fresh one here.
    const addressA = (await createAddress(t.deps.db, w.users.customerA.id, { isDefault: false })).id;
    const failures: string[] = [];
    for (const op of owned) {
      const path = fillPath(op, w, (name) =>
        name === 'id' && op.path.startsWith('/api/address/') ? addressA : undefined,
      );
      const body =
        op.bodyType === 'application/json'
          ? op.path.startsWith('/api/address')
            ? { line1: 'taken over' }
            : { reason: 'x' }
          : undefined;
      const res = await send(t.url, op.method, path, { token: w.tokens.customerB, body });
      if (res.status !== 404 && !(res.status === 400 && op.bodyType))
        failures.push(`${op.method} ${path} → ${res.status}`);
      if (res.text.includes(w.users.customerA.email)) failures.push(`${op.method} ${path} leaked A's email`);
    }
    expect(failures).toEqual([]);
    const [order] = await t.deps.db
      .select({ status: orders.status, userId: orders.userId })
      .from(orders)
      .where(eq(orders.id, w.orderA));
    expect(order).toMatchObject({ userId: w.users.customerA.id });
    const [address] = await t.deps.db
      .select({ line1: addresses.line1 })
      .from(addresses)
      .where(eq(addresses.id, addressA));
    expect(address?.line1).toBe('12 MG Road');
  });

  it("when customer B opens customer A's order stream, then 404 and no event stream", async () => {
    const res = await send(t.url, 'GET', `/api/order/${w.orderA}/stream`, { token: w.tokens.customerB });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).not.toContain('text/event-stream');
    const own = await send(t.url, 'GET', `/api/order/${w.orderA}/stream`, { token: w.tokens.customerA });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toContain('text/event-stream');
  });

  it("when customer B lists orders and addresses, then none of customer A's appear", async () => {
    const history = await send(t.url, 'GET', '/api/order/history', { token: w.tokens.customerB });
    expect(history.status).toBe(200);
    expect(history.text).not.toContain(w.orderA);
    const list = await send(t.url, 'GET', '/api/address', { token: w.tokens.customerB });
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(w.addressA);
    expect(list.text).toContain(w.addressB);
  });

  it('when staff of store 1 asks for an order of store 2, then 404 on both the staff and the customer routes', async () => {
    for (const path of [`/api/admin/orders/${w.orderAStore2}`, `/api/order/${w.orderAStore2}`]) {
      const res = await send(t.url, 'GET', path, { token: w.tokens.staff });
      expect(res.status, path).toBe(404);
    }
    const transition = await send(t.url, 'POST', `/api/admin/orders/${w.orderAStore2}/transition`, {
      token: w.tokens.staff,
      body: { to: 'packing' },
    });
    expect([400, 404]).toContain(transition.status);
    const [order] = await t.deps.db
      .select({ status: orders.status })
      .from(orders)
      .where(eq(orders.id, w.orderAStore2));
    expect(order?.status).toBe('confirmed');
    const own = await send(t.url, 'GET', `/api/admin/orders/${w.orderA}`, { token: w.tokens.staff });
    expect(own.status).toBe(200);
  });

  it('when staff of store 1 filters admin orders by store 2, then 403', async () => {
    const res = await send(t.url, 'GET', `/api/admin/orders?store=${w.store2}`, { token: w.tokens.staff });
    expect(res.status).toBe(403);
  });
});
