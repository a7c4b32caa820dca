import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stores, users } from '../../db/schema/index';
import { clientAs, createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import { createTestStore } from '../orders/order.factories';
import { codeFromSms, expectNoHash, loginViaApi, uniqueEmail, uniqueMobile, waitForMessage } from '../users/users.factories';
import { seedDemoPeople, demoLogin, DEMO_PASSWORD_OF } from './people.seed';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ BCRYPT_ROUNDS: '4', RATE_LIMIT_AUTH: '10000' });
});
afterAll(async () => {
  await t.close();
});

async function adminClient() {
  return clientAs(t, await createUser(t, { role: 'admin' }));
}

describe('POST /api/admin/people', () => {
  it('when an admin creates a picker with an email and password, then 201 and the picker signs in with them', async () => {
    const store = await createTestStore(t.deps.db);
    const admin = await adminClient();
    const email = uniqueEmail('picker');
    const res = await admin.post('/api/admin/people', { role: 'picker', storeId: store.id, name: 'Ravi Kumar', email, password: 'pick-pick-pick' });
    expect(res.status).toBe(201);
    expect(res.body.person).toMatchObject({ role: 'picker', name: 'Ravi Kumar', email, mobile: null, store: { id: store.id, name: store.name }, disabled: false });
    expectNoHash(res.text);
    const picker = await loginViaApi(t, email, 'pick-pick-pick');
    const me = await picker.get('/api/user/profile');
    expect(me.body.user).toMatchObject({ id: res.body.person.id, role: 'picker' });
  });

  it('when a rider is created with a mobile only, then the rider signs in by OTP as that account', async () => {
    const store = await createTestStore(t.deps.db);
    const admin = await adminClient();
    const mobile = uniqueMobile();
    const res = await admin.post('/api/admin/people', { role: 'rider', storeId: store.id, name: 'Manoj', mobile: `+91 ${mobile}` });
    expect(res.status).toBe(201);
    expect(res.body.person).toMatchObject({ role: 'rider', mobile, email: null });
    await t.client().post('/api/user/otp/request', { mobile });
    const rider = t.client();
    const verify = await rider.post('/api/user/otp/verify', { mobile, code: codeFromSms(await waitForMessage(t, mobile)) });
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ isNewUser: false, user: { id: res.body.person.id, role: 'rider' } });
  });

  it('when the body is incomplete or clashes, then a 4xx names the field and nothing is written', async () => {
    const store = await createTestStore(t.deps.db);
    const admin = await adminClient();
    const noLogin = await admin.post('/api/admin/people', { role: 'picker', storeId: store.id, name: 'Nobody' });
    expect(noLogin.status).toBe(400);
    expect(noLogin.body.error.details.issues[0].path).toBe('body.email');
    const passwordNoEmail = await admin.post('/api/admin/people', { role: 'picker', storeId: store.id, name: 'X', mobile: uniqueMobile(), password: 'a-long-password' });
    expect(passwordNoEmail.status).toBe(400);
    expect(passwordNoEmail.body.error.details.issues[0].path).toBe('body.password');
    const customerRole = await admin.post('/api/admin/people', { role: 'customer', storeId: store.id, name: 'X', email: uniqueEmail() });
    expect(customerRole.status).toBe(400);
    const noStore = await admin.post('/api/admin/people', { role: 'picker', storeId: '00000000-0000-4000-8000-000000000000', name: 'X', email: uniqueEmail() });
    expect(noStore.status).toBe(400);
    expect(noStore.body.error.message).toContain('no such store');

    const taken = await createUser(t);
    const clash = await admin.post('/api/admin/people', { role: 'picker', storeId: store.id, name: 'X', email: taken.email.toUpperCase() });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('email_taken');
    const listed = await admin.get(`/api/admin/people?storeId=${store.id}`);
    expect(listed.body.items).toEqual([]);
  });

  it('when a store manager creates people, then only pickers and riders of their own store', async () => {
    const store = await createTestStore(t.deps.db);
    const other = await createTestStore(t.deps.db);
    const manager = clientAs(t, await createUser(t, { role: 'staff', storeId: store.id }));
    const own = await manager.post('/api/admin/people', { role: 'picker', storeId: store.id, name: 'Pooja', email: uniqueEmail() });
    expect(own.status).toBe(201);
    const elsewhere = await manager.post('/api/admin/people', { role: 'picker', storeId: other.id, name: 'Pooja', email: uniqueEmail() });
    expect(elsewhere.status).toBe(403);
    const aManager = await manager.post('/api/admin/people', { role: 'staff', storeId: store.id, name: 'Boss', email: uniqueEmail() });
    expect(aManager.status).toBe(403);
    expect((await (await adminClient()).get(`/api/admin/people?storeId=${other.id}`)).body.items).toEqual([]);
  });

  it('when a picker, rider or customer calls the people routes, then 403', async () => {
    const store = await createTestStore(t.deps.db);
    for (const role of ['picker', 'rider', 'customer'] as const) {
      const c = clientAs(t, await createUser(t, { role, storeId: role === 'customer' ? null : store.id }));
      expect((await c.post('/api/admin/people', { role: 'picker', storeId: store.id, name: 'X', email: uniqueEmail() })).status, role).toBe(403);
      expect((await c.get('/api/admin/people')).status, role).toBe(403);
    }
  });
});

describe('GET /api/admin/people', () => {
  it('when filtered by store and role, then only those people, never customers or admins; a manager sees their store only', async () => {
    const store = await createTestStore(t.deps.db);
    const other = await createTestStore(t.deps.db);
    const picker = await createUser(t, { role: 'picker', storeId: store.id, name: 'A picker' });
    const rider = await createUser(t, { role: 'rider', storeId: store.id, name: 'A rider' });
    await createUser(t, { role: 'picker', storeId: other.id });
    await createUser(t);
    const admin = await adminClient();
    const all = await admin.get(`/api/admin/people?storeId=${store.id}`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((p: { id: string }) => p.id).sort()).toEqual([picker.id, rider.id].sort());
    const riders = await admin.get(`/api/admin/people?storeId=${store.id}&role=rider`);
    expect(riders.body.items.map((p: { id: string }) => p.id)).toEqual([rider.id]);

    const manager = clientAs(t, await createUser(t, { role: 'staff', storeId: store.id }));
    const mine = await manager.get('/api/admin/people?role=picker');
    expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([picker.id]);
    expect((await manager.get(`/api/admin/people?storeId=${other.id}`)).status).toBe(403);
  });
});

describe('PATCH /api/admin/people/:id', () => {
  it('when a manager disables their picker, then the picker is signed out at once and enabling lets them back in', async () => {
    const store = await createTestStore(t.deps.db);
    const manager = clientAs(t, await createUser(t, { role: 'staff', storeId: store.id }));
    const picker = await createUser(t, { role: 'picker', storeId: store.id });
    const session = await loginViaApi(t, picker.email, picker.password);
    const off = await manager.patch(`/api/admin/people/${picker.id}`, { disabled: true });
    expect(off.status).toBe(200);
    expect(off.body.person.disabled).toBe(true);
    expect((await session.post('/api/user/refresh')).status).toBe(401);
    expect((await t.client().post('/api/user/login', { email: picker.email, password: picker.password })).status).toBe(403);
    const on = await manager.patch(`/api/admin/people/${picker.id}`, { disabled: false });
    expect(on.body.person.disabled).toBe(false);
    await loginViaApi(t, picker.email, picker.password);
  });

  it("when a manager touches another store's person, a customer or a fellow manager, then 404 or 403 and nothing changes", async () => {
    const store = await createTestStore(t.deps.db);
    const other = await createTestStore(t.deps.db);
    const manager = clientAs(t, await createUser(t, { role: 'staff', storeId: store.id }));
    const foreign = await createUser(t, { role: 'picker', storeId: other.id });
    const customer = await createUser(t);
    const colleague = await createUser(t, { role: 'staff', storeId: store.id });
    expect((await manager.patch(`/api/admin/people/${foreign.id}`, { disabled: true })).status).toBe(404);
    expect((await manager.patch(`/api/admin/people/${customer.id}`, { disabled: true })).status).toBe(404);
    expect((await manager.patch(`/api/admin/people/${colleague.id}`, { disabled: true })).status).toBe(403);
    const rows = await t.deps.db.select({ blockedAt: users.blockedAt }).from(users).where(eq(users.id, foreign.id));
    expect(rows[0]?.blockedAt).toBeNull();
  });
});

describe('the users table', () => {
  it('when a picker, rider or manager row has no store, then the database refuses it', async () => {
    for (const role of ['picker', 'rider', 'staff'] as const) {
      await expect(t.deps.db.insert(users).values({ name: 'x', email: uniqueEmail(), role })).rejects.toThrow();
    }
  });
});

describe('demo people', () => {
  it('when the demo people are seeded twice, then every store has a manager, three pickers and two riders who can sign in', async () => {
    const store = await createTestStore(t.deps.db);
    const first = await seedDemoPeople(t.deps);
    expect(first).toBeGreaterThanOrEqual(6);
    expect(await seedDemoPeople(t.deps)).toBe(0);
    const people = await (await adminClient()).get(`/api/admin/people?storeId=${store.id}`);
    const roles = people.body.items.map((p: { role: string }) => p.role).sort();
    expect(roles).toEqual(['picker', 'picker', 'picker', 'rider', 'rider', 'staff']);
    const [row] = await t.deps.db.select({ slug: stores.slug }).from(stores).where(eq(stores.id, store.id));
    await loginViaApi(t, demoLogin('picker', 2, row!.slug), DEMO_PASSWORD_OF.picker);
  });
});
