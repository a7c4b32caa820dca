/**
 * An integrator's view of the API: a client generated from the live OpenAPI document (openapi-typescript
 * types, built by `npm run openapi` before every typecheck, and openapi-fetch) walks a customer's whole
 * journey. Every call below is type-checked against the document — a path, parameter or field the document
 * does not describe fails `npm run typecheck` — and there is no cast anywhere.
 */
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStockedVariant, createTestStore, type TestStore } from '../../modules/orders/order.factories';
import { startTestApp, type TestApp } from '../harness';
import type { paths } from './api-types';

let t: TestApp;
let store: TestStore;
beforeAll(async () => {
  t = await startTestApp();
  store = await createTestStore(t.deps.db);
});
afterAll(async () => {
  await t.close();
});

/** fetch with a cookie jar, as a browser keeps the session cookies between calls. */
function cookieJarFetch(): typeof fetch {
  const jar = new Map<string, string>();
  return async (input, init) => {
    const request = new Request(input, init);
    if (jar.size) request.headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(request);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    return response;
  };
}

describe('a client generated from /api/openapi.json', () => {
  it('when a customer signs up, finds a product, fills a cart and places an order, then every step is typed end to end', async () => {
    const api = createClient<paths>({ baseUrl: t.url, fetch: cookieJarFetch() });
    const variant = await createStockedVariant(t.deps.db, store.id, { onHand: 20, price: 4500, mrp: 5000 });

    const signedUp = await api.POST('/api/user/register', {
      body: { name: 'Typed Client', email: `typed-${Date.now()}@example.com`, password: 'a-long-password-1' },
    });
    expect(signedUp.response.status).toBe(201);
    expect(signedUp.data?.user.name).toBe('Typed Client');

    const served = await api.GET('/api/serviceability', { params: { query: { lat: 12.979, lng: 77.59 } } });
    expect(served.data?.serviceable).toBe(true);

    const product = await api.GET('/api/product/{idOrSlug}', { params: { path: { idOrSlug: variant.productId } } });
    expect(product.data?.product.variants.map((v) => v.id)).toContain(variant.id);

    const address = await api.POST('/api/address', {
      body: {
        label: 'home',
        name: 'Typed Client',
        phone: '9876543210',
        line1: '12 MG Road',
        city: 'Bengaluru',
        state: 'Karnataka',
        pincode: '560001',
        lat: 12.979,
        lng: 77.59,
      },
    });
    expect(address.response.status).toBe(201);
    const addressId = address.data?.address.id ?? '';

    const refused = await api.POST('/api/cart/items', { body: { variantId: variant.id, quantity: 0 } });
    expect(refused.response.status).toBe(400);
    expect(refused.error?.error.details?.issues?.[0]?.path).toBe('body.quantity');

    const added = await api.POST('/api/cart/items', { body: { variantId: variant.id, quantity: 2 } });
    expect(added.response.ok).toBe(true);
    const cart = await api.GET('/api/cart');
    expect(cart.data?.bill.itemTotal).toBe(9000);

    const key = `typed-${Date.now()}`;
    const placed = await api.POST('/api/order', {
      params: { header: { 'Idempotency-Key': key } },
      body: { addressId, paymentMethod: 'cod' },
    });
    expect(placed.response.status).toBe(201);
    const orderId = placed.data?.order.id ?? '';
    expect(placed.response.headers.get('location')).toBe(`/api/order/${orderId}`);

    const replay = await api.POST('/api/order', {
      params: { header: { 'Idempotency-Key': key } },
      body: { addressId, paymentMethod: 'cod' },
    });
    expect(replay.response.status).toBe(200);
    expect(replay.data?.order.id).toBe(orderId);

    const order = await api.GET('/api/order/{id}', { params: { path: { id: orderId } } });
    expect(order.data?.order.status).toBe('confirmed');
    expect(order.data?.order.bill.total).toBe(placed.data?.order.bill.total);

    const history = await api.GET('/api/order/history');
    expect(history.data?.items.map((o) => o.id)).toEqual([orderId]);
  });
});
