import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import { createStockedVariant, createTestOrder, createTestStore, type TestStore } from '../orders/order.factories';
import { loginViaApi } from '../users/users.factories';
import { openSse } from '../tracking/sse.client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ BCRYPT_ROUNDS: '4', RATE_LIMIT_AUTH: '10000' });
});
afterAll(async () => {
  await t.close();
});

const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 60 * 60_000);

async function staffOf(store: TestStore) {
  return createUser(t, { role: 'staff', storeId: store.id });
}

describe('GET /api/admin/dashboard', () => {
  it('when an admin asks for a store, then today, statuses, low stock and a 14-day series add up for that store', async () => {
    const store = await createTestStore(t.deps.db);
    const other = await createTestStore(t.deps.db);
    const shopper = await createUser(t);
    const plenty = await createStockedVariant(t.deps.db, store.id, { onHand: 100, price: 10000 });
    const scarce = await createStockedVariant(t.deps.db, store.id, { onHand: 3, name: 'Scarce thing' });
    const elsewhere = await createStockedVariant(t.deps.db, other.id, { onHand: 1 });
    const a = await createTestOrder(t.deps.db, { userId: shopper.id, storeId: store.id, lines: [{ variant: plenty, quantity: 2 }] });
    const b = await createTestOrder(t.deps.db, {
      userId: shopper.id,
      storeId: store.id,
      status: 'delivered',
      lines: [{ variant: plenty, quantity: 1 }],
    });
    await createTestOrder(t.deps.db, { userId: shopper.id, storeId: store.id, status: 'cancelled', lines: [{ variant: plenty, quantity: 5 }] });
    const old = await createTestOrder(t.deps.db, {
      userId: shopper.id,
      storeId: store.id,
      status: 'delivered',
      lines: [{ variant: plenty, quantity: 1 }],
      createdAt: daysAgo(3),
    });
    await createTestOrder(t.deps.db, {
      userId: shopper.id,
      storeId: store.id,
      status: 'delivered',
      lines: [{ variant: plenty, quantity: 1 }],
      createdAt: daysAgo(20),
    });
    await createTestOrder(t.deps.db, { userId: shopper.id, storeId: other.id, lines: [{ variant: elsewhere, quantity: 1 }] });
    const admin = clientAs(t, await createUser(t, { role: 'admin' }));

    const res = await admin.get(`/api/admin/dashboard?storeId=${store.id}&lowStockThreshold=3`);

    expect(res.status).toBe(200);
    expect(res.body.storeId).toBe(store.id);
    expect(res.body.today).toEqual({ orders: 3, revenue: a.total + b.total, averageBasket: Math.round((a.total + b.total) / 2) });
    expect(res.body.byStatus).toMatchObject({ confirmed: 1, delivered: 1, cancelled: 1, packing: 0 });
    expect(res.body.lowStock.map((l: { variantId: string }) => l.variantId)).toEqual([scarce.id]);
    expect(res.body.lowStock[0]).toMatchObject({ productName: 'Scarce thing', onHand: 3, reserved: 0, available: 3, storeName: store.name });
    expect(res.body.series).toHaveLength(14);
    const totalOrders = res.body.series.reduce((n: number, d: { orders: number }) => n + d.orders, 0);
    const totalRevenue = res.body.series.reduce((n: number, d: { revenue: number }) => n + d.revenue, 0);
    expect(totalOrders).toBe(4);
    expect(totalRevenue).toBe(a.total + b.total + old.total);
    expect(res.body.series.at(-1).orders).toBe(3);
    expect(res.body.series[0].date < res.body.series.at(-1).date).toBe(true);
  });

  it('when staff ask, then they see their own store only and another store is refused', async () => {
    const store = await createTestStore(t.deps.db);
    const other = await createTestStore(t.deps.db);
    const shopper = await createUser(t);
    const v = await createStockedVariant(t.deps.db, other.id, { onHand: 50 });
    await createTestOrder(t.deps.db, { userId: shopper.id, storeId: other.id, lines: [{ variant: v, quantity: 1 }] });
    const staff = clientAs(t, await staffOf(store));

    const own = await staff.get('/api/admin/dashboard');
    const outside = await staff.get(`/api/admin/dashboard?storeId=${other.id}`);

    expect(own.status).toBe(200);
    expect(own.body.storeId).toBe(store.id);
    expect(own.body.today.orders).toBe(0);
    expect(outside.status).toBe(403);
  });

  it('when a customer or an anonymous visitor asks, then they get 403 and 401', async () => {
    const customer = clientAs(t, await createUser(t));
    expect((await customer.get('/api/admin/dashboard')).status).toBe(403);
    expect((await t.client().get('/api/admin/dashboard')).status).toBe(401);
  });

  it('when the query is nonsense, then 400 names the field', async () => {
    const admin = clientAs(t, await createUser(t, { role: 'admin' }));
    const res = await admin.get('/api/admin/dashboard?storeId=nope');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('storeId');
  });
});

describe('customers', () => {
  it('when an admin searches by name, email or mobile, then matching accounts come back with order counts', async () => {
    const store = await createTestStore(t.deps.db);
    const tag = Math.random().toString(36).slice(2, 8);
    const buyer = await createUser(t, { name: `Meera ${tag}` });
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 20 });
    const o1 = await createTestOrder(t.deps.db, { userId: buyer.id, storeId: store.id, lines: [{ variant: v, quantity: 1 }] });
    await createTestOrder(t.deps.db, { userId: buyer.id, storeId: store.id, status: 'cancelled', lines: [{ variant: v, quantity: 1 }] });
    await createUser(t, { name: `Someone else` });
    const admin = clientAs(t, await createUser(t, { role: 'admin' }));

    const byName = await admin.get(`/api/admin/customers?q=${tag}`);
    const byEmail = await admin.get(`/api/admin/customers?q=${encodeURIComponent(buyer.email.toUpperCase())}`);
    const paged = await admin.get('/api/admin/customers?pageSize=1&page=2');

    expect(byName.status).toBe(200);
    expect(byName.body.total).toBe(1);
    expect(byName.body.items[0]).toMatchObject({ id: buyer.id, orderCount: 2, totalSpent: o1.total, role: 'customer', blocked: false });
    expect(byEmail.body.items.map((c: { id: string }) => c.id)).toEqual([buyer.id]);
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.total).toBeGreaterThanOrEqual(3);
  });

  it('when an admin opens a customer, then the profile and recent orders come back, and an unknown id is 404', async () => {
    const store = await createTestStore(t.deps.db);
    const buyer = await createUser(t);
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 20 });
    const order = await createTestOrder(t.deps.db, { userId: buyer.id, storeId: store.id, lines: [{ variant: v, quantity: 2 }] });
    const admin = clientAs(t, await createUser(t, { role: 'admin' }));

    const res = await admin.get(`/api/admin/customers/${buyer.id}`);
    const missing = await admin.get('/api/admin/customers/00000000-0000-4000-8000-000000000000');

    expect(res.status).toBe(200);
    expect(res.body.customer).toMatchObject({ id: buyer.id, email: buyer.email, orderCount: 1, addressCount: 0 });
    expect(res.body.recentOrders).toEqual([
      expect.objectContaining({ id: order.id, number: order.number, total: order.total, itemCount: 2, status: 'confirmed' }),
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/password/i);
    expect(missing.status).toBe(404);
  });

  it('when staff or customers call the customer routes, then they get 403', async () => {
    const store = await createTestStore(t.deps.db);
    const someone = await createUser(t);
    for (const user of [await staffOf(store), await createUser(t)]) {
      const c = clientAs(t, user);
      expect((await c.get('/api/admin/customers')).status).toBe(403);
      expect((await c.get(`/api/admin/customers/${someone.id}`)).status).toBe(403);
      expect((await c.patch(`/api/admin/customers/${someone.id}`, { blocked: true })).status).toBe(403);
    }
  });

  it('when an admin blocks a customer, then their sessions end and they cannot log in until unblocked', async () => {
    const victim = await createUser(t);
    const session = await loginViaApi(t, victim.email, victim.password);
    const admin = clientAs(t, await createUser(t, { role: 'admin' }));

    const blocked = await admin.patch(`/api/admin/customers/${victim.id}`, { blocked: true });
    const refresh = await session.post('/api/user/refresh');
    const login = await t.client().post('/api/user/login', { email: victim.email, password: victim.password });
    const unblocked = await admin.patch(`/api/admin/customers/${victim.id}`, { blocked: false });
    const loginAgain = await t.client().post('/api/user/login', { email: victim.email, password: victim.password });

    expect(blocked.status).toBe(200);
    expect(blocked.body.customer.blocked).toBe(true);
    expect(blocked.body.customer.blockedAt).toEqual(expect.any(String));
    expect(refresh.status).toBe(401);
    expect(login.status).toBe(403);
    expect(unblocked.body.customer.blocked).toBe(false);
    expect(loginAgain.status).toBe(200);
  });

  it('when an admin blocks a customer, then the access token they still hold is refused within seconds', async () => {
    const victim = await createUser(t);
    const session = await loginViaApi(t, victim.email, victim.password);
    expect((await session.get('/api/cart')).status).toBe(200);
    const admin = clientAs(t, await createUser(t, { role: 'admin' }));
    expect((await admin.patch(`/api/admin/customers/${victim.id}`, { blocked: true })).status).toBe(200);
    // The same cookie, not refreshed: refused once the standing read (remembered ≤ 2 s) sees the block.
    await expect.poll(async () => (await session.get('/api/cart')).status, { timeout: 5000, interval: 250 }).toBe(403);
    const address = await session.get('/api/address');
    expect(address.status).toBe(403);
    expect(address.body.error.code).toBe('account_blocked');
    // Public pages still answer the same visitor.
    expect((await session.get('/api/category')).status).toBe(200);
  });

  it('when staff are demoted or moved to another store, then their old token no longer opens the console', async () => {
    const [first, second] = [await createTestStore(t.deps.db), await createTestStore(t.deps.db)];
    const admin = clientAs(t, await createUser(t, { role: 'admin' }));
    const demoted = await createUser(t, { role: 'staff', storeId: first.id });
    const moved = await createUser(t, { role: 'staff', storeId: first.id });
    const [demotedToken, movedToken] = [clientAs(t, demoted), clientAs(t, moved)];
    expect((await demotedToken.get('/api/admin/orders')).status).toBe(200);
    expect((await movedToken.get('/api/admin/orders')).status).toBe(200);

    expect((await admin.patch(`/api/admin/customers/${demoted.id}`, { role: 'customer' })).status).toBe(200);
    expect((await admin.patch(`/api/admin/customers/${moved.id}`, { storeId: second.id })).status).toBe(200);

    await expect.poll(async () => (await demotedToken.get('/api/admin/orders')).status, { timeout: 5000, interval: 250 }).toBe(401);
    await expect.poll(async () => (await movedToken.get('/api/admin/orders')).status, { timeout: 5000, interval: 250 }).toBe(401);
    // A token issued for what they are now works at once.
    expect((await clientAs(t, { ...moved, storeId: second.id }).get('/api/admin/orders')).status).toBe(200);
  });

  it('when an admin makes someone staff, then a store is required and must exist', async () => {
    const store = await createTestStore(t.deps.db);
    const person = await createUser(t);
    const admin = clientAs(t, await createUser(t, { role: 'admin' }));

    const noStore = await admin.patch(`/api/admin/customers/${person.id}`, { role: 'staff' });
    const badStore = await admin.patch(`/api/admin/customers/${person.id}`, {
      role: 'staff',
      storeId: '00000000-0000-4000-8000-000000000000',
    });
    const ok = await admin.patch(`/api/admin/customers/${person.id}`, { role: 'staff', storeId: store.id });
    const back = await admin.patch(`/api/admin/customers/${person.id}`, { role: 'customer' });

    expect(noStore.status).toBe(400);
    expect(noStore.body.error.message).toContain('storeId');
    expect(badStore.status).toBe(400);
    expect(ok.status).toBe(200);
    expect(ok.body.customer).toMatchObject({ role: 'staff', storeId: store.id, store: { id: store.id, name: store.name } });
    expect(back.body.customer).toMatchObject({ role: 'customer', storeId: null });
  });

  it('when an admin tries to block or demote themselves, then 409 and nothing changes', async () => {
    const me = await createUser(t, { role: 'admin' });
    const admin = clientAs(t, me);

    const block = await admin.patch(`/api/admin/customers/${me.id}`, { blocked: true });
    const demote = await admin.patch(`/api/admin/customers/${me.id}`, { role: 'customer' });
    const after = await admin.get(`/api/admin/customers/${me.id}`);

    expect(block.status).toBe(409);
    expect(demote.status).toBe(409);
    expect(after.body.customer).toMatchObject({ role: 'admin', blocked: false });
  });

  it('when the patch is empty or has unknown fields, then 400', async () => {
    const person = await createUser(t);
    const admin = clientAs(t, await createUser(t, { role: 'admin' }));
    expect((await admin.patch(`/api/admin/customers/${person.id}`, {})).status).toBe(400);
    expect((await admin.patch(`/api/admin/customers/${person.id}`, { role: 'admin', password: 'x' })).status).toBe(400);
  });
});

describe('GET /api/admin/events', () => {
  it('when staff follow the board, then changes in their store arrive and other stores stay silent', async () => {
    const store = await createTestStore(t.deps.db);
    const other = await createTestStore(t.deps.db);
    const shopper = await createUser(t);
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 10 });
    const w = await createStockedVariant(t.deps.db, other.id, { onHand: 10 });
    const mine = await createTestOrder(t.deps.db, { userId: shopper.id, storeId: store.id, lines: [{ variant: v, quantity: 1 }] });
    const theirs = await createTestOrder(t.deps.db, { userId: shopper.id, storeId: other.id, lines: [{ variant: w, quantity: 1 }] });
    const staff = await staffOf(store);
    const admin = clientAs(t, await createUser(t, { role: 'admin' }));
    const stream = await openSse(t.url, '/api/admin/events', clientAs(t, staff));
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      await stream.waitFor((m) => m.event === 'ready');

      expect((await admin.post(`/api/admin/orders/${theirs.id}/transition`, { to: 'packing' })).status).toBe(200);
      expect((await clientAs(t, staff).post(`/api/admin/orders/${mine.id}/transition`, { to: 'packing' })).status).toBe(200);
      const notice = await stream.waitFor((m) => m.event === 'order');

      expect(JSON.parse(notice.data)).toMatchObject({ type: 'order.updated', orderId: mine.id, storeId: store.id, status: 'packing' });
      expect(stream.messages.filter((m) => m.event === 'order').map((m) => JSON.parse(m.data).orderId)).not.toContain(theirs.id);
      expect(notice.data).not.toMatch(/Asha|9876543210/);
    } finally {
      stream.close();
    }
  });

  it('when staff ask for another store or a customer asks at all, then 403', async () => {
    const store = await createTestStore(t.deps.db);
    const other = await createTestStore(t.deps.db);
    const asStaff = await openSse(t.url, `/api/admin/events?storeId=${other.id}`, clientAs(t, await staffOf(store)));
    const asCustomer = await openSse(t.url, '/api/admin/events', clientAs(t, await createUser(t)));
    asStaff.close();
    asCustomer.close();
    expect(asStaff.status).toBe(403);
    expect(asCustomer.status).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('when the document is generated, then every admin console route is in it', async () => {
    const doc = await t.client().get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/admin/dashboard', '/api/admin/customers', '/api/admin/customers/{id}', '/api/admin/events']),
    );
  });
});
