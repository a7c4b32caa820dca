import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness';
import { clientAs, createUser } from '../../test/factories';
import { createProduct, createStore, getStock, setStock } from '../catalog/catalog.factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const admin = async () => clientAs(t, await createUser(t, { role: 'admin' }));

describe('PUT /api/admin/stock and adjust', () => {
  it('when an admin sets and adjusts stock, then on_hand follows and each change is audited with actor and reason', async () => {
    const adminUser = await createUser(t, { role: 'admin' });
    const a = clientAs(t, adminUser);
    const store = await createStore(t);
    const p = await createProduct(t);
    const v = p.variants[0]!.id;
    const set = await a.put('/api/admin/stock', { storeId: store.id, variantId: v, onHand: 20 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ onHand: 20, reserved: 0, available: 20, sku: p.variants[0]!.sku });
    const adj = await a.post('/api/admin/stock/adjust', { storeId: store.id, variantId: v, delta: -5, reason: 'damaged' });
    expect(adj.body.onHand).toBe(15);
    const moves = await a.get(`/api/admin/stock/movements?storeId=${store.id}&variantId=${v}`);
    expect(moves.body.items).toMatchObject([
      { deltaOnHand: -5, reason: 'damaged', actorId: adminUser.id },
      { deltaOnHand: 20, reason: 'stock count', actorId: adminUser.id },
    ]);
  });

  it('when a change would take on_hand below zero or below reserved, then 409 and nothing changes', async () => {
    const a = await admin();
    const store = await createStore(t);
    const p = await createProduct(t);
    const v = p.variants[0]!.id;
    await setStock(t, store.id, v, 10, 4);
    const below = await a.put('/api/admin/stock', { storeId: store.id, variantId: v, onHand: 3 });
    expect(below.status).toBe(409);
    expect(below.body.error.message).toContain('reserved');
    const negative = await a.post('/api/admin/stock/adjust', { storeId: store.id, variantId: v, delta: -11, reason: 'x' });
    expect(negative.status).toBe(409);
    const reservedEdge = await a.post('/api/admin/stock/adjust', { storeId: store.id, variantId: v, delta: -7, reason: 'x' });
    expect(reservedEdge.status).toBe(409);
    expect(await getStock(t, store.id, v)).toEqual({ onHand: 10, reserved: 4 });
    expect((await a.post('/api/admin/stock/adjust', { storeId: store.id, variantId: v, delta: -6, reason: 'x' })).status).toBe(200);
    expect(await getStock(t, store.id, v)).toEqual({ onHand: 4, reserved: 4 });
    const negNew = await a.post('/api/admin/stock/adjust', { storeId: store.id, variantId: (await createProduct(t)).variants[0]!.id, delta: -1, reason: 'x' });
    expect(negNew.status).toBe(409);
  });

  it('when staff change stock, then only at their own store; customers and anonymous are refused', async () => {
    const mine = await createStore(t);
    const other = await createStore(t);
    const p = await createProduct(t);
    const v = p.variants[0]!.id;
    const staff = clientAs(t, await createUser(t, { role: 'staff', storeId: mine.id }));
    expect((await staff.put('/api/admin/stock', { storeId: mine.id, variantId: v, onHand: 5 })).status).toBe(200);
    expect((await staff.put('/api/admin/stock', { storeId: other.id, variantId: v, onHand: 5 })).status).toBe(403);
    expect((await staff.get(`/api/admin/stock?storeId=${other.id}`)).status).toBe(403);
    const list = await staff.get('/api/admin/stock?q=' + encodeURIComponent(p.name));
    expect(list.body.items).toMatchObject([{ storeId: mine.id, variantId: v, onHand: 5 }]);
    const customer = clientAs(t, await createUser(t));
    expect((await customer.put('/api/admin/stock', { storeId: mine.id, variantId: v, onHand: 5 })).status).toBe(403);
    expect((await t.client().put('/api/admin/stock', { storeId: mine.id, variantId: v, onHand: 5 })).status).toBe(401);
    expect((await staff.put('/api/admin/stock', { storeId: mine.id, variantId: v, onHand: -1 })).status).toBe(400);
  });

  it('when listing low stock at a store, then variants at or under the threshold are listed, missing rows as zero', async () => {
    const a = await admin();
    const store = await createStore(t);
    const brand = `LowBrand${Date.now()}`;
    const low = await createProduct(t, { brand });
    const plenty = await createProduct(t, { brand });
    const none = await createProduct(t, { brand });
    await setStock(t, store.id, low.variants[0]!.id, 2);
    await setStock(t, store.id, plenty.variants[0]!.id, 50);
    const res = await a.get(`/api/admin/stock?storeId=${store.id}&q=${brand}&lowStock=true`);
    expect(res.body.items.map((i: { variantId: string }) => i.variantId).sort()).toEqual(
      [low.variants[0]!.id, none.variants[0]!.id].sort(),
    );
    expect(res.body.total).toBe(2);
  });

  it('when unknown store or variant, then 404', async () => {
    const a = await admin();
    const store = await createStore(t);
    const res = await a.put('/api/admin/stock', { storeId: store.id, variantId: '00000000-0000-4000-8000-000000000000', onHand: 1 });
    expect(res.status).toBe(404);
  });
});

describe('stock CSV', () => {
  it('when one row is bad, then 422 lists it and no stock changes', async () => {
    const a = await admin();
    const store = await createStore(t);
    const p1 = await createProduct(t);
    const p2 = await createProduct(t);
    await setStock(t, store.id, p1.variants[0]!.id, 10, 6);
    const csv = `store,sku,on_hand\n${store.slug},${p2.variants[0]!.sku},30\n${store.id},${p1.variants[0]!.sku},5\n`;
    const res = await a.request('POST', '/api/admin/stock/import', undefined, { raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(422);
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ row: 3, column: 'on_hand' })]);
    expect(await getStock(t, store.id, p2.variants[0]!.id)).toBeUndefined();
    expect(await getStock(t, store.id, p1.variants[0]!.id)).toEqual({ onHand: 10, reserved: 6 });

    const bad = await a.request('POST', '/api/admin/stock/import', undefined, {
      raw: `store,sku,on_hand\nnope,${p2.variants[0]!.sku},1\n${store.slug},NOPE,x\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(bad.body.error.details.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual([
      '2:store',
      '3:sku',
      '3:on_hand',
    ]);
  });

  it('when all rows are good, then stock is set and the export shows it', async () => {
    const a = await admin();
    const store = await createStore(t);
    const p = await createProduct(t);
    const form = new FormData();
    form.set('file', new Blob([`store,sku,on_hand,reason\n${store.slug},${p.variants[0]!.sku},42,delivery\n`]), 'stock.csv');
    const res = await a.request('POST', '/api/admin/stock/import', undefined, { raw: form });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, created: 1 });
    expect(await getStock(t, store.id, p.variants[0]!.id)).toEqual({ onHand: 42, reserved: 0 });
    const csv = await a.get(`/api/admin/stock/export.csv?storeId=${store.id}`);
    expect(csv.text).toContain(`${store.id},${p.variants[0]!.sku},42,0`);
  });
});
