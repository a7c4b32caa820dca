/**
 * The customer's "if it is out of stock" choice: defaulted on the profile, chosen per cart line, and
 * carried onto the order's items at checkout (a later change never rewrites a placed order).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderItems } from '../../db/schema/index';
import { startTestApp, type TestApp } from '../../test/harness';
import { createShopper, createStockedVariant, createTestStore, type TestStore } from '../checkout/checkout.factories';

let t: TestApp;
let store: TestStore;
beforeAll(async () => {
  t = await startTestApp();
  store = await createTestStore(t.deps.db);
});
afterAll(async () => {
  await t.close();
});

describe('what to do when an item is out of stock', () => {
  it('when a customer sets a default and overrides one cart line, then the cart shows both and the order keeps them, unchanged by a later edit', async () => {
    const s = await createShopper(t);
    const [milk, bread] = [await createStockedVariant(t.deps.db, store.id), await createStockedVariant(t.deps.db, store.id)];
    expect((await s.client.get('/api/user/profile')).body.user.whenShort).toBe('substitute');

    const profile = await s.client.put('/api/user/update', { whenShort: 'call' });
    expect(profile.status, JSON.stringify(profile.body)).toBe(200);
    expect(profile.body.user.whenShort).toBe('call');
    await s.client.post('/api/cart/items', { variantId: milk.id, quantity: 1 });
    await s.client.post('/api/cart/items', { variantId: bread.id, quantity: 2 });

    const chosen = await s.client.put(`/api/cart/items/${bread.id}/when-short`, { whenShort: 'refund' });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    const byLine = Object.fromEntries(chosen.body.items.map((i: { variantId: string; whenShort: string }) => [i.variantId, i.whenShort]));
    expect(byLine).toEqual({ [milk.id]: 'call', [bread.id]: 'refund' });

    const placed = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod' }, { headers: { 'idempotency-key': `ws-${s.user.id}` } });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    await s.client.put('/api/user/update', { whenShort: 'substitute' });
    const items = await t.deps.db.select().from(orderItems).where(eq(orderItems.orderId, placed.body.order.id));
    expect(Object.fromEntries(items.map((i) => [i.variantId, i.whenShort]))).toEqual({ [milk.id]: 'call', [bread.id]: 'refund' });
    const view = await s.client.get(`/api/order/${placed.body.order.id}`);
    expect(view.body.order.items.map((i: { whenShort: string }) => i.whenShort).sort()).toEqual(['call', 'refund']);
  });

  it('when the choice is not one of the three, or the line is not in the cart, then it is refused naming the field or the line', async () => {
    const s = await createShopper(t);
    const v = await createStockedVariant(t.deps.db, store.id);
    await s.client.post('/api/cart/items', { variantId: v.id, quantity: 1 });

    const bad = await s.client.put(`/api/cart/items/${v.id}/when-short`, { whenShort: 'whatever' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('whenShort');
    const other = await createStockedVariant(t.deps.db, store.id);
    expect((await s.client.put(`/api/cart/items/${other.id}/when-short`, { whenShort: 'call' })).status).toBe(404);
    const profile = await s.client.put('/api/user/update', { whenShort: 'never' });
    expect(profile.status).toBe(400);
    expect(JSON.stringify(profile.body.error)).toContain('whenShort');
  });
});
