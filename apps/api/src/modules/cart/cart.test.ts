import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stock } from '../../db/schema/index';
import { clientAs, createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import { createAddress, createCoupon, createShopper, createStockedVariant, createTestStore, type TestStore } from '../checkout/checkout.factories';

let t: TestApp;
let store: TestStore;
beforeAll(async () => {
  t = await startTestApp();
  store = await createTestStore(t.deps.db, { name: 'Indiranagar' });
});
afterAll(async () => {
  await t.close();
});

const DAY = 86_400_000;

describe('cart lines', () => {
  it('when nobody is logged in, then the cart is 401', async () => {
    expect((await t.client().get('/api/cart')).status).toBe(401);
  });

  it('when a new customer without an address opens the cart, then it is empty and not yet serviceable', async () => {
    const user = await createUser(t);
    const res = await clientAs(t, user).get('/api/cart');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ items: [], coupon: null, tip: 0, store: null, etaMinutes: null, serviceable: false });
    expect(res.body.bill).toMatchObject({ itemTotal: 0, total: 0 });
  });

  it('when items are added, then the cart shows them with the store, ETA and the bill', async () => {
    const s = await createShopper(t);
    const v = await createStockedVariant(t.deps.db, store.id, { price: 4500, mrp: 5000, name: 'Amul Butter' });
    const res = await s.client.post('/api/cart/items', { variantId: v.id, quantity: 2 });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ variantId: v.id, productId: v.productId, name: 'Amul Butter', label: '500 g', price: 4500, mrp: 5000, quantity: 2, maxPerOrder: 10, available: true }),
    ]);
    expect(res.body.store).toEqual({ id: store.id, name: 'Indiranagar' });
    expect(res.body.serviceable).toBe(true);
    expect(res.body.etaMinutes).toBeGreaterThan(0);
    // ₹90: delivery ₹30, handling ₹9, small cart ₹20.
    expect(res.body.bill).toMatchObject({ itemTotal: 9000, mrpTotal: 10_000, savings: 1000, deliveryFee: 3000, smallCartFee: 2000, total: 14_900 });
    expect(res.body.bill.lines.map((l: { label: string }) => l.label)).toEqual(['Item total', 'Delivery fee', 'Handling charge', 'Small cart fee']);
  });

  it('when more is added than the max per order, then the quantity is capped', async () => {
    const s = await createShopper(t);
    const v = await createStockedVariant(t.deps.db, store.id, { maxPerOrder: 3 });
    await s.client.post('/api/cart/items', { variantId: v.id, quantity: 2 });
    const res = await s.client.post('/api/cart/items', { variantId: v.id, quantity: 2 });
    expect(res.body.items[0].quantity).toBe(3);
    const patched = await s.client.patch(`/api/cart/items/${v.id}`, { quantity: 50 });
    expect(patched.body.items[0].quantity).toBe(3);
  });

  it('when a quantity is set, to 0, or a line deleted, then the cart follows', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id);
    const b = await createStockedVariant(t.deps.db, store.id);
    await s.client.post('/api/cart/items', { variantId: a.id, quantity: 1 });
    await s.client.post('/api/cart/items', { variantId: b.id, quantity: 1 });
    expect((await s.client.patch(`/api/cart/items/${a.id}`, { quantity: 4 })).body.items[0].quantity).toBe(4);
    expect((await s.client.patch(`/api/cart/items/${a.id}`, { quantity: 0 })).body.items.map((i: { variantId: string }) => i.variantId)).toEqual([b.id]);
    expect((await s.client.delete(`/api/cart/items/${b.id}`)).body.items).toEqual([]);
  });

  it('when a line that is not in the cart is patched, then 404', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id);
    expect((await s.client.patch(`/api/cart/items/${a.id}`, { quantity: 2 })).status).toBe(404);
  });

  it('when an unknown variant is added, then 404; a bad quantity, then 400', async () => {
    const s = await createShopper(t);
    const res = await s.client.post('/api/cart/items', { variantId: '00000000-0000-4000-8000-000000000000', quantity: 1 });
    expect(res.status).toBe(404);
    const a = await createStockedVariant(t.deps.db, store.id);
    expect((await s.client.post('/api/cart/items', { variantId: a.id, quantity: 0 })).status).toBe(400);
    expect((await s.client.post('/api/cart/items', { variantId: a.id, quantity: 1, price: 1 })).status).toBe(400);
  });

  it('when the store lacks stock for a line, then it is unavailable and left out of the bill', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { onHand: 1, price: 5000 });
    const b = await createStockedVariant(t.deps.db, store.id, { onHand: 10, price: 3000 });
    await s.client.post('/api/cart/items', { variantId: a.id, quantity: 2 });
    const res = await s.client.post('/api/cart/items', { variantId: b.id, quantity: 1 });
    const byId = Object.fromEntries(res.body.items.map((i: { variantId: string; available: boolean }) => [i.variantId, i.available]));
    expect(byId).toEqual({ [a.id]: false, [b.id]: true });
    expect(res.body.bill.itemTotal).toBe(3000);
    await t.deps.db.update(stock).set({ onHand: 5 }).where(eq(stock.variantId, a.id));
    expect((await s.client.get('/api/cart')).body.bill.itemTotal).toBe(13_000);
  });

  it('when the cart is emptied, then lines, coupon and tip go', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { price: 30_000, mrp: 30_000 });
    const c = await createCoupon(t.deps.db);
    await s.client.post('/api/cart/items', { variantId: a.id, quantity: 1 });
    await s.client.post('/api/cart/coupon', { code: c.code });
    await s.client.put('/api/cart/tip', { tip: 1000 });
    const res = await s.client.delete('/api/cart');
    expect(res.body).toMatchObject({ items: [], coupon: null, tip: 0 });
  });

  it('when a guest cart is merged, then quantities add up to the cap and unknown variants are dropped', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { maxPerOrder: 5 });
    const b = await createStockedVariant(t.deps.db, store.id);
    await s.client.post('/api/cart/items', { variantId: a.id, quantity: 3 });
    const res = await s.client.post('/api/cart/merge', {
      items: [
        { variantId: a.id, quantity: 4 },
        { variantId: b.id, quantity: 2 },
        { variantId: '00000000-0000-4000-8000-000000000000', quantity: 1 },
      ],
    });
    expect(res.status).toBe(200);
    const qty = Object.fromEntries(res.body.items.map((i: { variantId: string; quantity: number }) => [i.variantId, i.quantity]));
    expect(qty).toEqual({ [a.id]: 5, [b.id]: 2 });
  });

  it('when the cart is asked for another address, then its store decides; someone else’s address is 404', async () => {
    const s = await createShopper(t);
    const far = await createAddress(t.deps.db, s.user.id, { lat: 28.61, lng: 77.2, pincode: '110001', isDefault: false });
    const res = await s.client.get(`/api/cart?addressId=${far.id}`);
    expect(res.body).toMatchObject({ serviceable: false, store: null, etaMinutes: null, addressId: far.id });
    const other = await createShopper(t);
    expect((await s.client.get(`/api/cart?addressId=${other.addressId}`)).status).toBe(404);
  });

  it('when one customer edits their cart, then another customer’s cart is untouched', async () => {
    const s1 = await createShopper(t);
    const s2 = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id);
    await s1.client.post('/api/cart/items', { variantId: a.id, quantity: 1 });
    expect((await s2.client.get('/api/cart')).body.items).toEqual([]);
    await s2.client.delete(`/api/cart/items/${a.id}`);
    expect((await s1.client.get('/api/cart')).body.items).toHaveLength(1);
  });
});

describe('tip', () => {
  it('when a tip is set, then the bill has a Rider tip line; above ₹200 is refused', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { price: 30_000, mrp: 30_000 });
    await s.client.post('/api/cart/items', { variantId: a.id, quantity: 1 });
    const res = await s.client.put('/api/cart/tip', { tip: 3000 });
    expect(res.body.tip).toBe(3000);
    expect(res.body.bill.lines).toContainEqual({ code: 'tip', label: 'Rider tip', amount: 3000 });
    expect((await s.client.put('/api/cart/tip', { tip: 20_001 })).status).toBe(400);
    expect((await s.client.put('/api/cart/tip', { tip: 10.5 })).status).toBe(400);
  });
});

describe('coupons on the cart', () => {
  async function cartWorth(itemTotal: number) {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { price: itemTotal, mrp: itemTotal });
    await s.client.post('/api/cart/items', { variantId: a.id, quantity: 1 });
    return s;
  }

  it('when a valid code is applied in any case, then the discount shows as a Coupon line', async () => {
    const s = await cartWorth(30_000);
    const c = await createCoupon(t.deps.db, { code: 'SAVE50', value: 5000 });
    const res = await s.client.post('/api/cart/coupon', { code: ' save50 ' });
    expect(res.status).toBe(200);
    expect(res.body.coupon).toEqual({ code: c.code, applied: true });
    expect(res.body.bill.discount).toBe(5000);
    expect(res.body.bill.lines).toContainEqual({ code: 'coupon', label: 'Coupon SAVE50', amount: -5000 });
    const removed = await s.client.delete('/api/cart/coupon');
    expect(removed.body.coupon).toBeNull();
    expect(removed.body.bill.discount).toBe(0);
  });

  const rejections: Array<{ name: string; coupon: Parameters<typeof createCoupon>[1]; status: number; code: string; message: RegExp }> = [
    { name: 'has expired', coupon: { endsAt: new Date(Date.now() - DAY) }, status: 422, code: 'coupon_expired', message: /expired/ },
    { name: 'is not valid yet', coupon: { startsAt: new Date(Date.now() + DAY) }, status: 422, code: 'coupon_not_started', message: /not valid yet/ },
    { name: 'needs a bigger cart', coupon: { minOrder: 50_000 }, status: 422, code: 'coupon_min_order', message: /₹200 more/ },
    { name: 'is used up', coupon: { usageLimit: 3, usedCount: 3 }, status: 422, code: 'coupon_used_up', message: /fully redeemed/ },
    { name: 'is disabled', coupon: { isActive: false }, status: 422, code: 'coupon_inactive', message: /no longer available/ },
  ];
  for (const r of rejections) {
    it(`when the code ${r.name}, then ${r.status} ${r.code} with a reason`, async () => {
      const s = await cartWorth(30_000);
      const c = await createCoupon(t.deps.db, r.coupon);
      const res = await s.client.post('/api/cart/coupon', { code: c.code });
      expect(res.status).toBe(r.status);
      expect(res.body.error.code).toBe(r.code);
      expect(res.body.error.message).toMatch(r.message);
      expect((await s.client.get('/api/cart')).body.coupon).toBeNull();
    });
  }

  it('when the min order is not met, then the amount missing is given in paise', async () => {
    const s = await cartWorth(12_000);
    const c = await createCoupon(t.deps.db, { minOrder: 20_000 });
    const res = await s.client.post('/api/cart/coupon', { code: c.code });
    expect(res.body.error.details).toEqual({ reason: 'min_order', missing: 8000 });
  });

  it('when the code does not exist, then 404 coupon_unknown', async () => {
    const s = await cartWorth(30_000);
    const res = await s.client.post('/api/cart/coupon', { code: 'NOPE123' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('coupon_unknown');
  });

  it('when a customer has used a once-per-customer code, or it is for first orders only, then it is refused for them', async () => {
    const s = await cartWorth(30_000);
    const once = await createCoupon(t.deps.db, { perUserLimit: 1 });
    const first = await createCoupon(t.deps.db, { firstOrderOnly: true });
    const a = await createStockedVariant(t.deps.db, store.id);
    // A first-order code applies before any order…
    expect((await s.client.post('/api/cart/coupon', { code: first.code })).status).toBe(200);
    await s.client.delete('/api/cart/coupon');
    const placed = await s.client.post('/api/order', {
      addressId: s.addressId,
      paymentMethod: 'cod',
      couponCode: once.code,
      items: [{ variantId: a.id, quantity: 1 }],
    });
    expect(placed.status).toBe(201);
    const again = await s.client.post('/api/cart/coupon', { code: once.code });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('coupon_user_limit');
    // …and not after one.
    const later = await s.client.post('/api/cart/coupon', { code: first.code });
    expect(later.body.error.code).toBe('coupon_first_order_only');
  });

  it('when the cart shrinks below a saved coupon’s minimum, then the cart says it no longer applies and how much is missing', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { price: 10_000, mrp: 10_000 });
    const c = await createCoupon(t.deps.db, { minOrder: 20_000 });
    await s.client.post('/api/cart/items', { variantId: a.id, quantity: 2 });
    expect((await s.client.post('/api/cart/coupon', { code: c.code })).status).toBe(200);
    const res = await s.client.patch(`/api/cart/items/${a.id}`, { quantity: 1 });
    expect(res.body.coupon).toMatchObject({ code: c.code, applied: false, reason: 'min_order', missing: 10_000 });
    expect(res.body.bill.discount).toBe(0);
  });
});
