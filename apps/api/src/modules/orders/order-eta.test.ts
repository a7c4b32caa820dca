/** The delivery promise after checkout: the rider's pickup resets it, staff can move it; over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness';
import { clientAs, createUser, type TestUser } from '../../test/factories';
import { createStockedVariant, createTestOrder, createTestStore, type TestStore, type TestVariant } from './order.factories';

let t: TestApp;
// The test orders' address is at 12.97, 77.59; this store is 0.027° of latitude (3.0 km) north of it.
let store: TestStore;
let variant: TestVariant;
let customer: TestUser;
let staff: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  store = await createTestStore(t.deps.db, { lat: 12.997, lng: 77.59 });
  variant = await createStockedVariant(t.deps.db, store.id, { onHand: 100 });
  customer = await createUser(t);
  staff = await createUser(t, { role: 'staff', storeId: store.id });
});
afterAll(async () => {
  await t?.close();
});

const minutesFromNow = (iso: string) => (Date.parse(iso) - Date.now()) / 60_000;
const newOrder = (status: 'confirmed' | 'packing' | 'packed' | 'delivered' = 'confirmed') =>
  createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, lines: [{ variant, quantity: 1 }], status });

describe('the promise when the rider picks the order up', () => {
  it('when an order goes out for delivery, then it is promised the ride from the store: 3 km at 20 km/h is 9 minutes from now', async () => {
    const order = await newOrder('packed');
    const res = await clientAs(t, staff).post(`/api/admin/orders/${order.id}/transition`, { to: 'out_for_delivery' });
    expect(res.status).toBe(200);
    expect(minutesFromNow(res.body.order.promisedAt)).toBeGreaterThan(8.5);
    expect(minutesFromNow(res.body.order.promisedAt)).toBeLessThan(9.1);
    // The promise counted from placement (the order was placed moments ago).
    expect(res.body.order.etaMinutes).toBe(9);
  });
});

describe('POST /api/admin/orders/:id/arrival', () => {
  it('when staff of the store set 25 minutes, then the order is promised 25 minutes from now and its status stays', async () => {
    const order = await newOrder('packing');
    const res = await clientAs(t, staff).post(`/api/admin/orders/${order.id}/arrival`, { minutes: 25 });
    expect(res.status).toBe(200);
    expect(res.body.order.status).toBe('packing');
    expect(minutesFromNow(res.body.order.promisedAt)).toBeGreaterThan(24.5);
    expect(minutesFromNow(res.body.order.promisedAt)).toBeLessThan(25.1);
    expect(res.body.order.etaMinutes).toBe(25);
    const seen = await clientAs(t, customer).get(`/api/order/${order.id}`);
    expect(seen.body.order.promisedAt).toBe(res.body.order.promisedAt);
  });

  it('when an admin sets it, then it moves too', async () => {
    const order = await newOrder();
    const res = await clientAs(t, await createUser(t, { role: 'admin' })).post(`/api/admin/orders/${order.id}/arrival`, { minutes: 5 });
    expect(res.status).toBe(200);
    expect(minutesFromNow(res.body.order.promisedAt)).toBeLessThan(5.1);
  });

  it('when the customer, another store’s staff or nobody asks, then 403, 404 and 401 and the promise stays', async () => {
    const order = await newOrder();
    const before = (await clientAs(t, customer).get(`/api/order/${order.id}`)).body.order.promisedAt;
    const otherStaff = await createUser(t, { role: 'staff', storeId: (await createTestStore(t.deps.db)).id });
    expect((await clientAs(t, customer).post(`/api/admin/orders/${order.id}/arrival`, { minutes: 30 })).status).toBe(403);
    const hidden = await clientAs(t, otherStaff).post(`/api/admin/orders/${order.id}/arrival`, { minutes: 30 });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('not_found');
    expect((await t.client().post(`/api/admin/orders/${order.id}/arrival`, { minutes: 30 })).status).toBe(401);
    expect((await clientAs(t, customer).get(`/api/order/${order.id}`)).body.order.promisedAt).toBe(before);
  });

  it('when the order is already delivered, then 409 not_on_its_way', async () => {
    const order = await newOrder('delivered');
    const res = await clientAs(t, staff).post(`/api/admin/orders/${order.id}/arrival`, { minutes: 10 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'not_on_its_way', details: { status: 'delivered' } });
  });

  it.each([[0], [241], [2.5], ['10']])('when minutes is %j, then 400 names the field', async (minutes) => {
    const order = await newOrder();
    const res = await clientAs(t, staff).post(`/api/admin/orders/${order.id}/arrival`, { minutes });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^body\.minutes: /);
  });
});
