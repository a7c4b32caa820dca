import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { cartItems, couponRedemptions, coupons, orderEvents, orders, stockMovements, users, variants } from '../../db/schema/index';
import { startTestApp, type TestApp } from '../../test/harness';
import {
  createAddress,
  createCoupon,
  createShopper,
  createStockedVariant,
  createTestStore,
  stockOf,
  type Shopper,
  type TestStore,
} from './checkout.factories';

let t: TestApp;
let store: TestStore;
beforeAll(async () => {
  // Hundreds of requests from one loopback address in a few seconds: lift the per-IP limit for this file.
  t = await startTestApp({ RATE_LIMIT_API: '100000' });
  store = await createTestStore(t.deps.db);
});
afterAll(async () => {
  await t.close();
});

/**
 * A checkout as a careful client sends it: with an Idempotency-Key, retried when the connection drops.
 * Bursts of hundreds of requests can hit the keep-alive race (the server closes an idle socket just as
 * the client reuses it); the key makes the retry safe, which is the point of the key.
 */
async function placeOrder(s: Shopper, body: Record<string, unknown>) {
  const headers = { 'idempotency-key': `race-${randomBytes(8).toString('hex')}` };
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await s.client.post('/api/order', body, { headers });
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

async function ordersOf(userId: string) {
  return t.deps.db.select().from(orders).where(eq(orders.userId, userId));
}

describe('POST /api/order (cash on delivery)', () => {
  it('when a shopper checks out their cart, then one confirmed order is written, stock reserved and the cart emptied', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { onHand: 10, price: 4500, mrp: 5000 });
    const b = await createStockedVariant(t.deps.db, store.id, { onHand: 5, price: 12_000, mrp: 12_000 });
    await s.client.post('/api/cart/items', { variantId: a.id, quantity: 2 });
    await s.client.post('/api/cart/items', { variantId: b.id, quantity: 1 });
    await s.client.put('/api/cart/tip', { tip: 2000 });

    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod' });

    expect(res.status).toBe(201);
    const order = res.body.order;
    expect(order.number).toMatch(/^FF-[2-9A-HJKMNP-TV-Z]{8}$/);
    expect(order).toMatchObject({ status: 'confirmed', paymentMethod: 'cod', paymentStatus: 'cod_due', store: { id: store.id } });
    expect(order.items).toHaveLength(2);
    // 2 × 45 + 120 = ₹210: free delivery, handling ₹9, tip ₹20.
    expect(order.bill).toMatchObject({ itemTotal: 21_000, mrpTotal: 22_000, savings: 1000, fees: 900, tip: 2000, discount: 0, total: 23_900 });
    expect(order.bill.lines.map((l: { label: string }) => l.label)).toEqual(['Item total', 'Delivery fee', 'Handling charge', 'Rider tip']);
    expect(order.address).toMatchObject({ line1: '12 MG Road', pincode: '560001' });
    expect(order.etaMinutes).toBeGreaterThan(0);
    expect(new Date(order.promisedAt).getTime()).toBeGreaterThan(Date.now());
    expect(order.events).toEqual([expect.objectContaining({ status: 'confirmed' })]);
    expect(await stockOf(t.deps.db, store.id, a.id)).toMatchObject({ onHand: 10, reserved: 2 });
    expect(await stockOf(t.deps.db, store.id, b.id)).toMatchObject({ onHand: 5, reserved: 1 });
    const moves = await t.deps.db.select().from(stockMovements).where(eq(stockMovements.orderId, order.id));
    expect(moves.map((m) => [m.variantId, m.deltaReserved, m.reason]).sort()).toEqual(
      [[a.id, 2, 'reserve'], [b.id, 1, 'reserve']].sort(),
    );
    const cart = await s.client.get('/api/cart');
    expect(cart.body.items).toEqual([]);
    expect(cart.body.tip).toBe(0);
  });

  it('when items are given, then they are bought and the cart is left alone', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { onHand: 10 });
    const b = await createStockedVariant(t.deps.db, store.id, { onHand: 10 });
    await s.client.post('/api/cart/items', { variantId: a.id, quantity: 1 });

    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: b.id, quantity: 3 }] });

    expect(res.status).toBe(201);
    expect(res.body.order.items).toEqual([expect.objectContaining({ variantId: b.id, quantity: 3 })]);
    expect((await s.client.get('/api/cart')).body.items).toEqual([expect.objectContaining({ variantId: a.id, quantity: 1 })]);
  });

  it('when the client sends its own prices or totals, then the body is refused', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id);
    const res = await s.client.post('/api/order', {
      addressId: s.addressId,
      paymentMethod: 'cod',
      items: [{ variantId: a.id, quantity: 1, price: 1 }],
      total: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
  });

  it('when the cart is empty, then 422 cart_empty', async () => {
    const s = await createShopper(t);
    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('cart_empty');
  });
});

describe('POST /api/order: refusals write nothing', () => {
  it('when the address belongs to someone else, then 404', async () => {
    const s = await createShopper(t);
    const other = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id);
    const res = await s.client.post('/api/order', { addressId: other.addressId, paymentMethod: 'cod', items: [{ variantId: a.id, quantity: 1 }] });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('when no store serves the address, then 422 unserviceable and no stock moves', async () => {
    const s = await createShopper(t);
    const far = await createAddress(t.deps.db, s.user.id, { lat: 28.61, lng: 77.2, pincode: '110001', isDefault: false });
    const a = await createStockedVariant(t.deps.db, store.id, { onHand: 3 });
    const res = await s.client.post('/api/order', { addressId: far.id, paymentMethod: 'cod', items: [{ variantId: a.id, quantity: 1 }] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('unserviceable');
    expect(await ordersOf(s.user.id)).toHaveLength(0);
    expect(await stockOf(t.deps.db, store.id, a.id)).toMatchObject({ reserved: 0 });
  });

  it('when a variant does not exist, then 422 unknown_variant', async () => {
    const s = await createShopper(t);
    const res = await s.client.post('/api/order', {
      addressId: s.addressId,
      paymentMethod: 'cod',
      items: [{ variantId: '00000000-0000-4000-8000-000000000000', quantity: 1 }],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('unknown_variant');
  });

  it('when a quantity is above the max per order, then 422 quantity_limit', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { onHand: 50, maxPerOrder: 3 });
    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: a.id, quantity: 4 }] });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'quantity_limit', details: { lines: [{ variantId: a.id, requested: 4, maxPerOrder: 3 }] } });
  });

  it('when one line is short, then 409 out_of_stock names it with what is left and nothing is reserved', async () => {
    const s = await createShopper(t);
    const plenty = await createStockedVariant(t.deps.db, store.id, { onHand: 10 });
    const scarce = await createStockedVariant(t.deps.db, store.id, { onHand: 2, name: 'Alphonso Mango' });
    const res = await s.client.post('/api/order', {
      addressId: s.addressId,
      paymentMethod: 'cod',
      items: [
        { variantId: plenty.id, quantity: 2 },
        { variantId: scarce.id, quantity: 3 },
      ],
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('out_of_stock');
    expect(res.body.error.message).toContain('Alphonso Mango');
    expect(res.body.error.details.lines).toEqual([{ variantId: scarce.id, name: 'Alphonso Mango (500 g)', requested: 3, available: 2 }]);
    expect(await stockOf(t.deps.db, store.id, plenty.id)).toMatchObject({ reserved: 0 });
    expect(await ordersOf(s.user.id)).toHaveLength(0);
  });

  it('when two lines draw on the same stock, then they count together', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { onHand: 4 });
    const res = await s.client.post('/api/order', {
      addressId: s.addressId,
      paymentMethod: 'cod',
      items: [
        { variantId: a.id, quantity: 3 },
        { variantId: a.id, quantity: 2 },
      ],
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details.lines).toEqual([expect.objectContaining({ variantId: a.id, requested: 5, available: 4 })]);
    const ok = await s.client.post('/api/order', {
      addressId: s.addressId,
      paymentMethod: 'cod',
      items: [
        { variantId: a.id, quantity: 2 },
        { variantId: a.id, quantity: 2 },
      ],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.order.items).toEqual([expect.objectContaining({ variantId: a.id, quantity: 4 })]);
    expect(await stockOf(t.deps.db, store.id, a.id)).toMatchObject({ onHand: 4, reserved: 4 });
  });

  it('when the account is blocked, then 403', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id);
    await t.deps.db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, s.user.id));
    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: a.id, quantity: 1 }] });
    expect(res.status).toBe(403);
    expect(await ordersOf(s.user.id)).toHaveLength(0);
  });

  it('when card payment is asked for and Stripe is not configured, then 400 card_unavailable', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id);
    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'card', items: [{ variantId: a.id, quantity: 1 }] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('card_unavailable');
  });

  it('when nobody is logged in, then 401', async () => {
    const res = await t.client().post('/api/order', { addressId: '00000000-0000-4000-8000-000000000000', paymentMethod: 'cod' });
    expect(res.status).toBe(401);
  });
});

describe('POST /api/order: every checkout prices from the database, never from anything remembered', () => {
  // Each test first orders the variant once, then changes its row straight in the database (as another
  // process or a manual fix would, with no catalogue cache bump): the next checkout must see the change.
  async function rememberedVariant(opts: { onHand?: number; maxPerOrder?: number } = {}) {
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: opts.onHand ?? 50, price: 5000, mrp: 6000, maxPerOrder: opts.maxPerOrder });
    const warm = await createShopper(t);
    const res = await warm.client.post('/api/order', { addressId: warm.addressId, paymentMethod: 'cod', items: [{ variantId: v.id, quantity: 1 }] });
    expect(res.status).toBe(201);
    return v;
  }

  it('when the price changed after checkout last read it, then the order is priced at the new price', async () => {
    const v = await rememberedVariant();
    await t.deps.db.update(variants).set({ price: 4200, mrp: 6500 }).where(eq(variants.id, v.id));
    const s = await createShopper(t);
    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: v.id, quantity: 2 }] });
    expect(res.status).toBe(201);
    expect(res.body.order.items).toEqual([expect.objectContaining({ variantId: v.id, price: 4200, mrp: 6500, quantity: 2 })]);
    expect(res.body.order.bill.itemTotal).toBe(8400);
    const [row] = await ordersOf(s.user.id);
    expect(row).toMatchObject({ itemTotal: 8400, mrpTotal: 13_000, total: res.body.order.bill.total });
    expect(await stockOf(t.deps.db, store.id, v.id)).toMatchObject({ reserved: 3 });
  });

  it('when the variant went off sale after checkout last read it, then 422 unknown_variant and nothing is written', async () => {
    const v = await rememberedVariant();
    await t.deps.db.update(variants).set({ isActive: false }).where(eq(variants.id, v.id));
    const s = await createShopper(t);
    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: v.id, quantity: 1 }] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('unknown_variant');
    expect(await ordersOf(s.user.id)).toHaveLength(0);
    expect(await stockOf(t.deps.db, store.id, v.id)).toMatchObject({ reserved: 1 });
  });

  it('when the variant came back on sale after checkout last saw it off sale, then it can be bought at once', async () => {
    const v = await rememberedVariant();
    await t.deps.db.update(variants).set({ isActive: false }).where(eq(variants.id, v.id));
    const s = await createShopper(t);
    const refused = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: v.id, quantity: 1 }] });
    expect(refused.status).toBe(422);
    await t.deps.db.update(variants).set({ isActive: true }).where(eq(variants.id, v.id));
    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: v.id, quantity: 1 }] });
    expect(res.status).toBe(201);
  });

  it('when the cap fell after checkout last read it, then 422 quantity_limit with the new cap', async () => {
    const v = await rememberedVariant({ maxPerOrder: 10 });
    await t.deps.db.update(variants).set({ maxPerOrder: 2 }).where(eq(variants.id, v.id));
    const s = await createShopper(t);
    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: v.id, quantity: 3 }] });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'quantity_limit', details: { lines: [{ variantId: v.id, requested: 3, maxPerOrder: 2 }] } });
    expect(await ordersOf(s.user.id)).toHaveLength(0);
  });
});

describe('POST /api/order: coupons', () => {
  it('when a cart coupon applies, then the order carries the discount and one redemption', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { price: 10_000, mrp: 10_000 });
    const c = await createCoupon(t.deps.db, { kind: 'percent', value: 15, maxDiscount: 2500 });
    await s.client.post('/api/cart/items', { variantId: a.id, quantity: 2 });
    expect((await s.client.post('/api/cart/coupon', { code: c.code.toLowerCase() })).status).toBe(200);

    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod' });

    expect(res.status).toBe(201);
    expect(res.body.order.bill).toMatchObject({ itemTotal: 20_000, discount: 2500, total: 20_000 + 900 - 2500 });
    expect((await ordersOf(s.user.id))[0]!.couponCode).toBe(c.code);
    expect(res.body.order.bill.lines.at(-1)).toEqual({ code: 'coupon', label: `Coupon ${c.code}`, amount: -2500 });
    const [row] = await t.deps.db.select().from(coupons).where(eq(coupons.id, c.id));
    expect(row!.usedCount).toBe(1);
  });

  it('when an explicit coupon does not apply, then 422 says why and nothing is written', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { price: 5000, mrp: 5000 });
    const c = await createCoupon(t.deps.db, { minOrder: 20_000 });
    const res = await s.client.post('/api/order', {
      addressId: s.addressId,
      paymentMethod: 'cod',
      couponCode: c.code,
      items: [{ variantId: a.id, quantity: 1 }],
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'coupon_min_order', details: { missing: 15_000 } });
    expect(await ordersOf(s.user.id)).toHaveLength(0);
  });

  it('when 30 customers race for a coupon limited to 5 uses, then exactly 5 get it', async () => {
    const a = await createStockedVariant(t.deps.db, store.id, { onHand: 1000, price: 30_000, mrp: 30_000 });
    const c = await createCoupon(t.deps.db, { usageLimit: 5 });
    const shoppers = await Promise.all(Array.from({ length: 30 }, () => createShopper(t)));

    const results = await Promise.all(
      shoppers.map((s) => placeOrder(s, { addressId: s.addressId, paymentMethod: 'cod', couponCode: c.code, items: [{ variantId: a.id, quantity: 1 }] })),
    );

    // 200 is a retried request answered with the order its first attempt placed.
    const ok = results.filter((r) => r.status === 201 || r.status === 200);
    expect(ok).toHaveLength(5);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.error.code === 'coupon_used_up')).toBe(true);
    expect(results.filter((r) => r.status >= 300 && r.status !== 422)).toEqual([]);
    const [row] = await t.deps.db.select().from(coupons).where(eq(coupons.id, c.id));
    expect(row!.usedCount).toBe(5);
    const redemptions = await t.deps.db.select().from(couponRedemptions).where(eq(couponRedemptions.couponId, c.id));
    expect(redemptions).toHaveLength(5);
    expect(await stockOf(t.deps.db, store.id, a.id)).toMatchObject({ reserved: 5 });
  }, 120_000);

  it('when one customer fires several orders at a once-per-customer coupon, then it is redeemed once', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { onHand: 100, price: 30_000, mrp: 30_000 });
    const c = await createCoupon(t.deps.db, { perUserLimit: 1 });
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod', couponCode: c.code, items: [{ variantId: a.id, quantity: 1 }] }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.error.code === 'coupon_user_limit')).toBe(true);
    const redemptions = await t.deps.db
      .select()
      .from(couponRedemptions)
      .where(and(eq(couponRedemptions.couponId, c.id), eq(couponRedemptions.userId, s.user.id)));
    expect(redemptions).toHaveLength(1);
  });
});

describe('POST /api/order: Idempotency-Key', () => {
  it('when the same key is retried, then the same order comes back and only one exists', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { onHand: 10 });
    const body = { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: a.id, quantity: 2 }] };
    const headers = { 'idempotency-key': 'retry-me-1' };
    const first = await s.client.post('/api/order', body, { headers });
    const second = await s.client.post('/api/order', body, { headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.order.id).toBe(first.body.order.id);
    expect(await ordersOf(s.user.id)).toHaveLength(1);
    expect(await stockOf(t.deps.db, store.id, a.id)).toMatchObject({ reserved: 2 });
  });

  it('when the same key is sent 10 times at once, then exactly one order exists and all answers name it', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { onHand: 10 });
    const body = { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: a.id, quantity: 3 }] };
    const results = await Promise.all(Array.from({ length: 10 }, () => s.client.post('/api/order', body, { headers: { 'idempotency-key': 'burst' } })));
    expect(results.map((r) => r.status).every((st) => st === 200 || st === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.order.id)).size).toBe(1);
    expect(await ordersOf(s.user.id)).toHaveLength(1);
    expect(await stockOf(t.deps.db, store.id, a.id)).toMatchObject({ reserved: 3 });
  });

  it('when retries with one key race for the last units, then every answer is the placed order, never out_of_stock', async () => {
    // The first attempt takes all the stock; a retry that read "no order yet" just before it committed
    // then finds nothing free. Several rounds, since each is a race.
    for (let round = 0; round < 4; round += 1) {
      const s = await createShopper(t);
      const a = await createStockedVariant(t.deps.db, store.id, { onHand: 3 });
      const body = { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: a.id, quantity: 3 }] };
      const headers = { 'idempotency-key': `last-units-${round}` };
      const results = await Promise.all(Array.from({ length: 8 }, () => s.client.post('/api/order', body, { headers })));
      expect(results.map((r) => [r.status, r.body.error?.code])).toEqual(results.map((r) => [r.status === 201 ? 201 : 200, undefined]));
      expect(new Set(results.map((r) => r.body.order.id)).size).toBe(1);
      expect(await ordersOf(s.user.id)).toHaveLength(1);
    }
  });

  it('when a key comes back with other items, another address or another tip, then 422 idempotency_key_reused and nothing more is placed', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { onHand: 10 });
    const b = await createStockedVariant(t.deps.db, store.id, { onHand: 10 });
    const other = await createAddress(t.deps.db, s.user.id, { label: 'work', isDefault: false });
    const body = { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: a.id, quantity: 2 }], tip: 0 };
    const headers = { 'idempotency-key': 'reused-key' };
    const first = await s.client.post('/api/order', body, { headers });
    expect(first.status).toBe(201);

    const changed = [
      { ...body, items: [{ variantId: b.id, quantity: 1 }] },
      { ...body, items: [{ variantId: a.id, quantity: 3 }] },
      { ...body, addressId: other.id },
      { ...body, tip: 2000 },
    ];
    for (const c of changed) {
      const res = await s.client.post('/api/order', c, { headers });
      expect(res.status, JSON.stringify(c)).toBe(422);
      expect(res.body.error.code).toBe('idempotency_key_reused');
    }
    // The same body (keys in another order) still answers with the first order.
    const same = await s.client.post('/api/order', { tip: 0, items: body.items, paymentMethod: 'cod', addressId: s.addressId }, { headers });
    expect(same.status).toBe(200);
    expect(same.body.order.id).toBe(first.body.order.id);
    expect(await ordersOf(s.user.id)).toHaveLength(1);
    expect(await stockOf(t.deps.db, store.id, a.id)).toMatchObject({ reserved: 2 });
    expect(await stockOf(t.deps.db, store.id, b.id)).toMatchObject({ reserved: 0 });
  });

  it('when another customer uses the same key, then they get their own order', async () => {
    const s1 = await createShopper(t);
    const s2 = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id, { onHand: 10 });
    const body = (s: { addressId: string }) => ({ addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: a.id, quantity: 1 }] });
    const r1 = await s1.client.post('/api/order', body(s1), { headers: { 'idempotency-key': 'shared' } });
    const r2 = await s2.client.post('/api/order', body(s2), { headers: { 'idempotency-key': 'shared' } });
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect(r1.body.order.id).not.toBe(r2.body.order.id);
  });
});

describe('POST /api/order: no overselling under concurrency', () => {
  it('when 200 customers race for 20 units, then exactly 20 orders succeed and stock ends at zero free', async () => {
    const a = await createStockedVariant(t.deps.db, store.id, { onHand: 20, maxPerOrder: 5 });
    const shoppers = await Promise.all(Array.from({ length: 200 }, () => createShopper(t)));

    const results = await Promise.all(
      shoppers.map((s) => placeOrder(s, { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: a.id, quantity: 1 }] })),
    );

    // 200 is a retried request answered with the order its first attempt placed.
    const statuses = results.map((r) => (r.status === 200 ? 201 : r.status));
    const odd = results.filter((r) => r.status !== 200 && r.status !== 201 && r.status !== 409);
    expect(odd.map((r) => [r.status, r.text.slice(0, 300)])).toEqual([]);
    expect(statuses.filter((st) => st === 201)).toHaveLength(20);
    expect(statuses.filter((st) => st === 409)).toHaveLength(180);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'out_of_stock')).toBe(true);
    expect(await stockOf(t.deps.db, store.id, a.id)).toEqual(expect.objectContaining({ onHand: 20, reserved: 20 }));
    const [units] = rowsOf<{ n: number }>(
      await t.deps.db.execute(sql`select coalesce(sum(quantity), 0)::int as n from order_items where variant_id = ${a.id}`),
    );
    expect(units!.n).toBe(20);
    // Hundreds of accounts and orders on one in-process PGlite connection take a while on a busy machine.
  }, 180_000);

  it('when orders take two variants in opposite orders at once, then none deadlock and stock adds up', async () => {
    const a = await createStockedVariant(t.deps.db, store.id, { onHand: 15 });
    const b = await createStockedVariant(t.deps.db, store.id, { onHand: 15 });
    const shoppers = await Promise.all(Array.from({ length: 40 }, () => createShopper(t)));
    const results = await Promise.all(
      shoppers.map((s, i) =>
        placeOrder(s, {
          addressId: s.addressId,
          paymentMethod: 'cod',
          items: i % 2 ? [{ variantId: a.id, quantity: 1 }, { variantId: b.id, quantity: 1 }] : [{ variantId: b.id, quantity: 1 }, { variantId: a.id, quantity: 1 }],
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201 || r.status === 200)).toHaveLength(15);
    expect(results.filter((r) => r.status === 409)).toHaveLength(25);
    expect(await stockOf(t.deps.db, store.id, a.id)).toMatchObject({ reserved: 15 });
    expect(await stockOf(t.deps.db, store.id, b.id)).toMatchObject({ reserved: 15 });
  }, 120_000);

  it('when an order is placed, then the first event and the cart clean-up are in the same commit', async () => {
    const s = await createShopper(t);
    const a = await createStockedVariant(t.deps.db, store.id);
    await s.client.post('/api/cart/items', { variantId: a.id, quantity: 1 });
    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod' });
    const events = await t.deps.db.select().from(orderEvents).where(eq(orderEvents.orderId, res.body.order.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: 'confirmed', actorId: s.user.id, actorRole: 'customer' });
    expect(await t.deps.db.select().from(cartItems).where(eq(cartItems.userId, s.user.id))).toHaveLength(0);
  });
});
