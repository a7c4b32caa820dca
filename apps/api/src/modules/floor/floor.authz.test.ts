/**
 * The floor's authorisation matrix: every route the floor added, asked by every role. Customers and riders
 * never reach the pick routes; pickers reach only their own store's; managers their store's; admins any.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import type { HttpClient } from '../../test/http-client';
import { openSse } from '../tracking/sse.client';
import { createFloor, createFloorLine, createWaitingOrder } from './floor.factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

type Role = 'anonymous' | 'customer' | 'rider' | 'otherPicker' | 'otherManager' | 'picker' | 'manager' | 'admin';
const ROLES: Role[] = ['anonymous', 'customer', 'rider', 'otherPicker', 'otherManager', 'picker', 'manager', 'admin'];

interface Case {
  name: string;
  /** Fresh state per role: the request to make, against an order of the floor's store. */
  call: (c: HttpClient, ids: { orderId: string; variantId: string; storeId: string; barcode: string; substituteId: string }) => Promise<{ status: number }>;
  /** Expected status per role (the allowed ones act for real on fresh data). */
  expect: Record<Role, number>;
  /** Whether the order must already be claimed by `picker` (and, for label, packed; short: its first line found short). */
  state: 'waiting' | 'claimed' | 'short' | 'packed';
}

const DENY = { anonymous: 401, customer: 403, rider: 403 } as const;
const CASES: Case[] = [
  {
    name: 'GET /api/ops/picks',
    state: 'waiting',
    call: (c, ids) => c.get(`/api/ops/picks?storeId=${ids.storeId}`),
    expect: { ...DENY, otherPicker: 403, otherManager: 403, picker: 200, manager: 200, admin: 200 },
  },
  {
    name: 'POST /api/ops/picks/claim',
    state: 'waiting',
    call: (c, ids) => c.post('/api/ops/picks/claim', { orderId: ids.orderId }),
    expect: { ...DENY, otherPicker: 404, otherManager: 404, picker: 200, manager: 200, admin: 200 },
  },
  {
    name: 'GET /api/ops/picks/:orderId',
    state: 'claimed',
    call: (c, ids) => c.get(`/api/ops/picks/${ids.orderId}`),
    expect: { ...DENY, otherPicker: 404, otherManager: 404, picker: 200, manager: 200, admin: 200 },
  },
  {
    name: 'POST /api/ops/picks/:orderId/lines/:variantId',
    state: 'claimed',
    call: (c, ids) => c.post(`/api/ops/picks/${ids.orderId}/lines/${ids.variantId}`, { found: 1, barcode: ids.barcode }),
    expect: { ...DENY, otherPicker: 404, otherManager: 404, picker: 200, manager: 200, admin: 200 },
  },
  {
    name: 'POST /api/ops/picks/:orderId/packed',
    state: 'claimed',
    call: (c, ids) => c.post(`/api/ops/picks/${ids.orderId}/packed`, { bags: 1 }),
    // Lines still open: allowed callers get as far as the business rule.
    expect: { ...DENY, otherPicker: 404, otherManager: 404, picker: 409, manager: 409, admin: 409 },
  },
  {
    name: 'GET /api/ops/picks/:orderId/label',
    state: 'packed',
    call: (c, ids) => c.get(`/api/ops/picks/${ids.orderId}/label`),
    expect: { ...DENY, otherPicker: 404, otherManager: 404, picker: 200, manager: 200, admin: 200 },
  },
  {
    name: 'GET /api/ops/picks/:orderId/lines/:variantId/substitutes',
    state: 'short',
    call: (c, ids) => c.get(`/api/ops/picks/${ids.orderId}/lines/${ids.variantId}/substitutes`),
    expect: { ...DENY, otherPicker: 404, otherManager: 404, picker: 200, manager: 200, admin: 200 },
  },
  {
    name: 'POST /api/ops/picks/:orderId/substitutions',
    state: 'short',
    call: (c, ids) => c.post(`/api/ops/picks/${ids.orderId}/substitutions`, { variantId: ids.variantId, substituteVariantId: ids.substituteId }),
    expect: { ...DENY, otherPicker: 404, otherManager: 404, picker: 200, manager: 200, admin: 200 },
  },
  {
    name: 'POST /api/ops/picks/:orderId/lines/:variantId/call',
    state: 'short',
    call: (c, ids) => c.post(`/api/ops/picks/${ids.orderId}/lines/${ids.variantId}/call`, { outcome: 'no_answer' }),
    // The customer chose a substitute, not a call: allowed callers get as far as the business rule.
    expect: { ...DENY, otherPicker: 404, otherManager: 404, picker: 409, manager: 409, admin: 409 },
  },
  {
    name: 'POST /api/order/:id/substitutions/:variantId',
    state: 'short',
    // Only the order's own customer answers (they are none of these roles): everyone else finds no order.
    call: (c, ids) => c.post(`/api/order/${ids.orderId}/substitutions/${ids.variantId}`, { accept: true }),
    expect: { anonymous: 401, customer: 404, rider: 404, otherPicker: 404, otherManager: 404, picker: 404, manager: 404, admin: 404 },
  },
  {
    name: 'PUT /api/admin/stock/bin',
    state: 'waiting',
    call: (c, ids) => c.put('/api/admin/stock/bin', { storeId: ids.storeId, variantId: ids.variantId, bin: 'C-04-D-3' }),
    expect: { ...DENY, otherPicker: 403, otherManager: 403, picker: 403, manager: 200, admin: 200 },
  },
];

async function clientsFor(storeOf: { store: { id: string } }): Promise<Record<Role, HttpClient>> {
  const other = await createFloor(t);
  const f = storeOf;
  return {
    anonymous: t.client(),
    customer: clientAs(t, await createUser(t)),
    rider: clientAs(t, await createUser(t, { role: 'rider', storeId: f.store.id })),
    otherPicker: other.as.picker,
    otherManager: other.as.manager,
    picker: clientAs(t, await createUser(t, { role: 'picker', storeId: f.store.id })),
    manager: clientAs(t, await createUser(t, { role: 'staff', storeId: f.store.id })),
    admin: clientAs(t, await createUser(t, { role: 'admin' })),
  };
}

describe('floor authorisation matrix', () => {
  for (const c of CASES) {
    it(`when every role asks ${c.name}, then ${ROLES.map((r) => `${r} ${c.expect[r]}`).join(', ')}`, async () => {
      const f = await createFloor(t);
      const clients = await clientsFor(f);
      const got: Partial<Record<Role, number>> = {};
      for (const role of ROLES) {
        const line = await createFloorLine(t.deps.db, f.store.id);
        const other = await createFloorLine(t.deps.db, f.store.id);
        const substitute = await createFloorLine(t.deps.db, f.store.id, { subcategoryId: line.subcategoryId, price: line.price });
        const order = await createWaitingOrder(t, f, [
          { variant: line, quantity: 1, whenShort: 'substitute' },
          { variant: other, quantity: 1 },
        ]);
        // Set-up picks are held by a fresh picker of the store (one open pick each); "picker" holds its own.
        const holder = role === 'picker' ? clients.picker : clientAs(t, await createUser(t, { role: 'picker', storeId: f.store.id }));
        if (c.state !== 'waiting') expect((await holder.post('/api/ops/picks/claim', { orderId: order.id })).status).toBe(200);
        if (c.state === 'short') {
          expect((await holder.post(`/api/ops/picks/${order.id}/lines/${line.id}`, { found: 0, reason: 'damaged' })).status).toBe(200);
        }
        if (c.state === 'packed') {
          await holder.post(`/api/ops/picks/${order.id}/lines/${line.id}`, { found: 1 });
          await holder.post(`/api/ops/picks/${order.id}/lines/${other.id}`, { found: 1 });
          expect((await holder.post(`/api/ops/picks/${order.id}/packed`, { bags: 1 })).status).toBe(200);
        }
        got[role] = (await c.call(clients[role], { orderId: order.id, variantId: line.id, storeId: f.store.id, barcode: line.barcode!, substituteId: substitute.id })).status;
      }
      expect(got).toEqual(c.expect);
    });
  }

  it('when each role opens the floor stream, then pickers and managers of the store and admins get it; others are refused', async () => {
    const f = await createFloor(t);
    const clients = await clientsFor(f);
    const expected: Record<Role, number> = { ...DENY, otherPicker: 403, otherManager: 403, picker: 200, manager: 200, admin: 200 };
    const got: Partial<Record<Role, number>> = {};
    for (const role of ROLES) {
      const stream = await openSse(t.url, `/api/ops/events?storeId=${f.store.id}`, clients[role]);
      got[role] = stream.status;
      stream.close();
    }
    expect(got).toEqual(expected);
  });

  it("when an order of the store changes, then the store's floor stream says so", async () => {
    const f = await createFloor(t);
    const stream = await openSse(t.url, '/api/ops/events', f.as.picker);
    try {
      const order = await createWaitingOrder(t, f, [{ variant: await createFloorLine(t.deps.db, f.store.id), quantity: 1 }]);
      await f.as.picker2.post('/api/ops/picks/claim', { orderId: order.id });
      const m = await stream.waitFor((msg) => msg.event === 'order' && JSON.parse(msg.data).orderId === order.id);
      expect(JSON.parse(m.data)).toMatchObject({ status: 'packing', storeId: f.store.id });
    } finally {
      stream.close();
    }
  });
});
