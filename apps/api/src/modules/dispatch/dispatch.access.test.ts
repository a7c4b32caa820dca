/**
 * Who reaches what: every rider and dispatch route for every role, store scoping (a rider or manager of
 * store A sees nothing of store B), and the customer's view of the rider (only their own order's rider,
 * live on the tracking stream within a second).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import type { HttpClient } from '../../test/http-client';
import { openSse } from '../tracking/sse.client';
import { dispatchStore } from './dispatch.service';
import { createDispatchStore, createPackedOrder, createRider, offset, sendPosition, STORE_AT, type DispatchStore } from './dispatch.factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

type Role = 'anonymous' | 'customer' | 'picker' | 'rider' | 'staff' | 'admin';
const ROLES: Role[] = ['anonymous', 'customer', 'picker', 'rider', 'staff', 'admin'];

async function clientFor(role: Role, storeId: string): Promise<HttpClient> {
  if (role === 'anonymous') return t.client();
  return clientAs(t, await createUser(t, { role, storeId: role === 'customer' || role === 'admin' ? null : storeId }));
}

describe('the authorisation matrix over every new route', () => {
  it('when each role calls each route, then only the roles the route names get through (others 401/403)', async () => {
    const store = await createDispatchStore(t);
    const order = await createPackedOrder(t, store);
    const id = order.id;
    const shift = '00000000-0000-4000-8000-000000000001';
    const routes: Array<{ method: 'get' | 'post'; path: string; body?: unknown; allowed: Partial<Record<Role, number[]>> }> = [
      { method: 'get', path: '/api/settings/map', allowed: { anonymous: [200], customer: [200], picker: [200], rider: [200], staff: [200], admin: [200] } },
      { method: 'post', path: '/api/rider/shift', body: { onDuty: false }, allowed: { rider: [200] } },
      { method: 'post', path: '/api/rider/location', body: { lat: 12.97, lng: 77.59, accuracy: 5, at: new Date().toISOString() }, allowed: { rider: [409] } },
      // Managers and admins reach the task routes but hold no deliveries: an empty list, 404 for any order.
      { method: 'get', path: '/api/rider/tasks', allowed: { rider: [200], staff: [200], admin: [200] } },
      { method: 'post', path: `/api/rider/tasks/${id}/accept`, allowed: { rider: [409], staff: [404], admin: [404] } },
      { method: 'post', path: `/api/rider/tasks/${id}/decline`, allowed: { rider: [409], staff: [404], admin: [404] } },
      { method: 'post', path: `/api/rider/tasks/${id}/pickup`, body: { scan: order.number }, allowed: { rider: [404], staff: [404], admin: [404] } },
      { method: 'post', path: `/api/rider/tasks/${id}/deliver`, body: { code: order.code }, allowed: { rider: [404], staff: [404], admin: [404] } },
      { method: 'post', path: `/api/rider/tasks/${id}/unreachable`, allowed: { rider: [404], staff: [404], admin: [404] } },
      { method: 'get', path: '/api/dispatch/board', allowed: { staff: [200], admin: [400] } },
      { method: 'post', path: `/api/dispatch/${id}/assign`, body: { riderId: shift }, allowed: { staff: [404, 400], admin: [404, 400] } },
      { method: 'post', path: `/api/dispatch/${id}/unlock`, body: { reason: 'testing the lock' }, allowed: { staff: [409], admin: [409] } },
      { method: 'post', path: `/api/dispatch/${id}/resolve`, body: { action: 'return', reason: 'testing' }, allowed: { staff: [409], admin: [409] } },
      { method: 'get', path: '/api/dispatch/cash', allowed: { staff: [200], admin: [400] } },
      { method: 'post', path: `/api/dispatch/cash/${shift}/deposit`, body: { amount: 100 }, allowed: { staff: [404], admin: [404] } },
    ];
    const clients = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await clientFor(r, store.id)] as const))) as Record<Role, HttpClient>;
    // Nobody is on duty: the order waits for a rider, so store people reach the routes and are told why nothing moves.
    const seen: string[] = [];
    for (const route of routes) {
      for (const role of ROLES) {
        const res = await clients[role].request(route.method.toUpperCase(), route.path, route.body);
        const expected = route.allowed[role] ?? [role === 'anonymous' ? 401 : 403];
        if (!expected.includes(res.status)) seen.push(`${route.method} ${route.path} as ${role}: ${res.status} (wanted ${expected.join('/')}) ${res.text.slice(0, 120)}`);
      }
    }
    expect(seen).toEqual([]);
  });
});

describe('store scoping', () => {
  async function storeWithOffer(): Promise<{ store: DispatchStore; order: Awaited<ReturnType<typeof createPackedOrder>>; rider: Awaited<ReturnType<typeof createRider>> }> {
    const store = await createDispatchStore(t);
    const rider = await createRider(t, store.id, { at: STORE_AT });
    const order = await createPackedOrder(t, store);
    await dispatchStore(t.deps, store.id);
    return { store, order, rider };
  }

  it('when a rider or manager of store A reaches for store B, then they see nothing of it and change nothing', async () => {
    const a = await storeWithOffer();
    const b = await storeWithOffer();
    await b.rider.client.post(`/api/rider/tasks/${b.order.id}/accept`);
    await b.rider.client.post(`/api/rider/tasks/${b.order.id}/pickup`, { scan: b.order.number });

    const tasks = await a.rider.client.get('/api/rider/tasks');
    expect(tasks.body.tasks.map((x: { orderId: string }) => x.orderId)).toEqual([a.order.id]);
    expect((await a.rider.client.post(`/api/rider/tasks/${b.order.id}/accept`)).status).toBe(404);
    expect((await a.rider.client.post(`/api/rider/tasks/${b.order.id}/decline`)).status).toBe(404);
    expect((await a.rider.client.post(`/api/rider/tasks/${b.order.id}/pickup`, { scan: b.order.number })).status).toBe(404);
    expect((await a.rider.client.post(`/api/rider/tasks/${b.order.id}/deliver`, { code: b.order.code })).status).toBe(404);
    expect((await a.rider.client.post(`/api/rider/tasks/${b.order.id}/unreachable`)).status).toBe(404);
    expect((await a.rider.client.get(`/api/order/${b.order.id}`)).status).toBe(404);

    const managerA = clientAs(t, await createUser(t, { role: 'staff', storeId: a.store.id }));
    expect((await managerA.get(`/api/dispatch/board?storeId=${b.store.id}`)).status).toBe(403);
    expect((await managerA.get(`/api/dispatch/cash?storeId=${b.store.id}`)).status).toBe(403);
    expect((await managerA.post(`/api/dispatch/${b.order.id}/assign`, { riderId: a.rider.user.id })).status).toBe(404);
    expect((await managerA.post(`/api/dispatch/${b.order.id}/unlock`, { reason: 'not mine' })).status).toBe(404);
    expect((await managerA.post(`/api/dispatch/${b.order.id}/resolve`, { action: 'return', reason: 'not mine' })).status).toBe(404);
    // A's rider cannot be given A's order by B's manager, nor B's rider A's order by A's manager.
    expect((await managerA.post(`/api/dispatch/${a.order.id}/assign`, { riderId: b.rider.user.id })).status).toBe(400);
    const boardA = await managerA.get('/api/dispatch/board');
    expect(boardA.body.riders.map((r: { id: string }) => r.id)).toEqual([a.rider.user.id]);
    expect(JSON.stringify(boardA.body)).not.toContain(b.order.id);

    const admin = clientAs(t, await createUser(t, { role: 'admin' }));
    expect((await admin.get(`/api/dispatch/board?storeId=${b.store.id}`)).body.active).toEqual([expect.objectContaining({ orderId: b.order.id, state: 'picked_up' })]);
  });

  it("when a customer tracks an order, then only their own order's rider position reaches them, within a second", async () => {
    const a = await storeWithOffer();
    await a.rider.client.post(`/api/rider/tasks/${a.order.id}/accept`);
    await a.rider.client.post(`/api/rider/tasks/${a.order.id}/pickup`, { scan: a.order.number });
    const other = await storeWithOffer();
    await other.rider.client.post(`/api/rider/tasks/${other.order.id}/accept`);
    await other.rider.client.post(`/api/rider/tasks/${other.order.id}/pickup`, { scan: other.order.number });

    // Another customer cannot open this order's stream or read its rider.
    expect((await other.order.customerClient.get(`/api/order/${a.order.id}`)).status).toBe(404);
    const foreign = await openSse(t.url, `/api/order/${a.order.id}/stream`, other.order.customerClient);
    expect(foreign.status).toBe(404);
    foreign.close();

    const stream = await openSse(t.url, `/api/order/${a.order.id}/stream`, a.order.customerClient);
    expect(stream.status).toBe(200);
    await stream.waitFor((m) => m.event === 'order');
    // The other order's rider moves: nothing reaches this stream.
    await sendPosition(other.rider.client, offset(STORE_AT, 100, 0), { when: new Date(Date.now() + 5000) });
    const here = offset(STORE_AT, 120, 0);
    const sentAt = Date.now();
    await sendPosition(a.rider.client, here, { when: new Date(Date.now() + 5000) });
    const msg = await stream.waitFor((m) => m.event === 'rider', 1000);
    expect(Date.now() - sentAt).toBeLessThan(1000);
    const data = JSON.parse(msg.data);
    expect(data).toMatchObject({ orderId: a.order.id, position: { lat: here.lat, lng: here.lng }, arriving: false });
    expect(data.etaMinutes).toBeGreaterThanOrEqual(1);
    expect(stream.messages.filter((m) => m.event === 'rider')).toHaveLength(1);
    // At the door: "Arriving".
    await sendPosition(a.rider.client, offset(a.order.drop, 50, 0), { when: new Date(Date.now() + 29_000) });
    const near = await stream.waitFor((m) => m.event === 'rider' && JSON.parse(m.data).arriving === true, 1000);
    expect(JSON.parse(near.data).etaMinutes).toBe(1);
    stream.close();
  });
});
