import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import type { HttpClient } from '../../test/http-client';
import { createShopper, createStockedVariant, createTestStore } from '../checkout/checkout.factories';

let t: TestApp;
let admin: HttpClient;
let store: { id: string };
beforeAll(async () => {
  t = await startTestApp();
  store = await createTestStore(t.deps.db);
  admin = clientAs(t, await createUser(t, { role: 'admin' }));
});
afterAll(async () => {
  await t.close();
});

const base = { code: 'flat100', kind: 'flat', value: 10_000, minOrder: 49_900, description: '₹100 off above ₹499' };

describe('admin coupons', () => {
  it('when a customer or staff member calls the admin coupon routes, then 403; nobody logged in, 401', async () => {
    const customer = clientAs(t, await createUser(t));
    const staff = clientAs(t, await createUser(t, { role: 'staff' }));
    expect((await customer.get('/api/admin/coupons')).status).toBe(403);
    expect((await staff.post('/api/admin/coupons', base)).status).toBe(403);
    expect((await t.client().get('/api/admin/coupons')).status).toBe(401);
  });

  it('when an admin creates a coupon, then it is stored upper-case with defaults and listed', async () => {
    const res = await admin.post('/api/admin/coupons', base);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: 'FLAT100',
      kind: 'flat',
      value: 10_000,
      minOrder: 49_900,
      maxDiscount: null,
      usageLimit: null,
      perUserLimit: null,
      firstOrderOnly: false,
      isActive: true,
      usedCount: 0,
      redemptions: 0,
    });
    const list = await admin.get('/api/admin/coupons?q=flat1');
    expect(list.body.items.map((c: { code: string }) => c.code)).toEqual(['FLAT100']);
  });

  it('when the code is taken, then 409 coupon_code_taken', async () => {
    await admin.post('/api/admin/coupons', { ...base, code: 'TWICE' });
    const res = await admin.post('/api/admin/coupons', { ...base, code: 'twice' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('coupon_code_taken');
  });

  const invalid: Array<[string, Record<string, unknown>]> = [
    ['a percent over 100', { ...base, code: 'PCT', kind: 'percent', value: 150 }],
    ['an end before the start', { ...base, code: 'WIN', startsAt: '2026-02-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' }],
    ['a zero value', { ...base, code: 'ZERO', value: 0 }],
    ['an unknown field', { ...base, code: 'EXTRA', usedCount: 5 }],
    ['a code with spaces', { ...base, code: 'NO SPACES' }],
  ];
  for (const [name, body] of invalid) {
    it(`when a coupon has ${name}, then 400 invalid_input`, async () => {
      const res = await admin.post('/api/admin/coupons', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    });
  }

  it('when an admin edits (PATCH or PUT) and disables a coupon, then the changes stick and customers can no longer apply it', async () => {
    const created = (await admin.post('/api/admin/coupons', { ...base, code: 'EDITME', minOrder: 0 })).body;
    const patched = await admin.patch(`/api/admin/coupons/${created.id}`, { kind: 'percent', value: 20, maxDiscount: 5000 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ kind: 'percent', value: 20, maxDiscount: 5000, code: 'EDITME' });
    const put = await admin.put(`/api/admin/coupons/${created.id}`, { usageLimit: 100 });
    expect(put.body.usageLimit).toBe(100);
    expect((await admin.patch(`/api/admin/coupons/${created.id}`, { value: 101 })).status).toBe(400);

    const disabled = await admin.post(`/api/admin/coupons/${created.id}/disable`);
    expect(disabled.body.isActive).toBe(false);
    const s = await createShopper(t);
    const v = await createStockedVariant(t.deps.db, store.id, { price: 30_000, mrp: 30_000 });
    await s.client.post('/api/cart/items', { variantId: v.id, quantity: 1 });
    expect((await s.client.post('/api/cart/coupon', { code: 'editme' })).body.error.code).toBe('coupon_inactive');
  });

  it('when a coupon is unknown, then edit, disable and usage are 404', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await admin.patch(`/api/admin/coupons/${id}`, { value: 5 })).status).toBe(404);
    expect((await admin.post(`/api/admin/coupons/${id}/disable`)).status).toBe(404);
    expect((await admin.get(`/api/admin/coupons/${id}/usage`)).status).toBe(404);
  });

  it('when customers redeem a coupon, then the usage view counts them and lists their orders', async () => {
    const created = (await admin.post('/api/admin/coupons', { ...base, code: 'USED2', minOrder: 0, usageLimit: 10 })).body;
    const v = await createStockedVariant(t.deps.db, store.id, { price: 30_000, mrp: 30_000, onHand: 10 });
    const numbers: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const s = await createShopper(t);
      const res = await s.client.post('/api/order', {
        addressId: s.addressId,
        paymentMethod: 'cod',
        couponCode: 'used2',
        items: [{ variantId: v.id, quantity: 1 }],
      });
      expect(res.status).toBe(201);
      numbers.push(res.body.order.number);
    }
    const usage = await admin.get(`/api/admin/coupons/${created.id}/usage`);
    expect(usage.status).toBe(200);
    expect(usage.body.coupon).toMatchObject({ usedCount: 2, redemptions: 2 });
    expect(usage.body.redemptions.map((r: { orderNumber: string }) => r.orderNumber).sort()).toEqual(numbers.sort());
    expect(usage.body.redemptions[0].discount).toBe(10_000);
    expect((await admin.patch(`/api/admin/coupons/${created.id}`, { usageLimit: 1 })).status).toBe(400);
  });
});
