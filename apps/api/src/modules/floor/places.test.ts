/** Where things are on the floor: barcodes on variants, temperatures on subcategories, bins on stock rows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '@fatafat/contracts/floor-rules';
import { startTestApp, type TestApp } from '../../test/harness';
import { clientAs, createUser } from '../../test/factories';
import { createCategory, createProduct, createStore, createSubcategory } from '../catalog/catalog.factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const admin = async () => clientAs(t, await createUser(t, { role: 'admin' }));
let serial = 0;
/** A fresh valid EAN-13 in the restricted-circulation range (2…), so it never meets a demo code. */
function ean(): string {
  const first12 = `2${String(process.pid % 1000).padStart(3, '0')}${String(Date.now() % 1e5).padStart(5, '0')}${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first12}${ean13CheckDigit(first12)}`;
}

describe('variant barcodes (admin product API)', () => {
  it('when an admin sets a valid EAN-13, then the product shows it; a bad check digit or a taken code is refused by name', async () => {
    const a = await admin();
    const p = await createProduct(t, { variants: [{ price: 100 }, { price: 200 }] });
    const [v1, v2] = p.variants;
    const code = ean();
    const ok = await a.patch(`/api/admin/variants/${v1!.id}`, { barcode: code });
    expect(ok.status).toBe(200);
    expect(ok.body.variants.find((v: { id: string }) => v.id === v1!.id)).toMatchObject({ barcode: code });

    const wrongDigit = `${code.slice(0, 12)}${(Number(code[12]) + 1) % 10}`;
    const bad = await a.patch(`/api/admin/variants/${v2!.id}`, { barcode: wrongDigit });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^body\.barcode: .*check digit/);
    const short = await a.patch(`/api/admin/variants/${v2!.id}`, { barcode: '12345' });
    expect(short.status).toBe(400);

    const taken = await a.patch(`/api/admin/variants/${v2!.id}`, { barcode: code });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toContain('barcode');

    const cleared = await a.patch(`/api/admin/variants/${v1!.id}`, { barcode: null });
    expect(cleared.body.variants.find((v: { id: string }) => v.id === v1!.id).barcode).toBeNull();
  });

  it('when a product is created with barcodes on its variants, then they are stored', async () => {
    const a = await admin();
    const c = await createCategory(t);
    const code = ean();
    const res = await a.post('/api/admin/products', {
      category: c.id,
      name: 'Scanned Biscuits',
      variants: [{ label: '100 g', mrp: 3000, price: 2500, barcode: code }],
    });
    expect(res.status).toBe(201);
    expect(res.body.variants[0]).toMatchObject({ barcode: code });
  });
});

describe('subcategory temperature', () => {
  it('when a subcategory is created or patched with a temperature, then it is kept; an unknown zone is a 400', async () => {
    const a = await admin();
    const c = await createCategory(t);
    const made = await a.post('/api/admin/subcategories', { categoryId: c.id, name: 'Ice creams' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ temperature: 'ambient' });
    const cold = await a.patch(`/api/admin/subcategories/${made.body.id}`, { temperature: 'frozen' });
    expect(cold.status).toBe(200);
    expect(cold.body).toMatchObject({ temperature: 'frozen' });
    const bad = await a.patch(`/api/admin/subcategories/${made.body.id}`, { temperature: 'lukewarm' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('body.temperature');
    const sub = await createSubcategory(t, c.id);
    expect((await a.patch(`/api/admin/subcategories/${sub.id}`, { temperature: 'chilled' })).body.temperature).toBe('chilled');
  });
});

describe('stock bins', () => {
  it('when a manager places a line on a bin, then the stock list shows it; a malformed bin names the format', async () => {
    const store = await createStore(t);
    const p = await createProduct(t);
    const manager = clientAs(t, await createUser(t, { role: 'staff', storeId: store.id }));
    const set = await manager.put('/api/admin/stock/bin', { storeId: store.id, variantId: p.variants[0]!.id, bin: 'd-03-b-2' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ bin: 'D-03-B-2', onHand: 0 });
    const list = await manager.get(`/api/admin/stock?storeId=${store.id}&q=${encodeURIComponent(p.name)}`);
    expect(list.body.items[0]).toMatchObject({ variantId: p.variants[0]!.id, bin: 'D-03-B-2' });
    const bad = await manager.put('/api/admin/stock/bin', { storeId: store.id, variantId: p.variants[0]!.id, bin: 'aisle 3' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('zone-aisle-rack-shelf');
  });

  it('when a manager places a line at another store, or a picker or customer tries, then 403', async () => {
    const mine = await createStore(t);
    const other = await createStore(t);
    const p = await createProduct(t);
    const body = { storeId: other.id, variantId: p.variants[0]!.id, bin: 'A-01-A-1' };
    expect((await clientAs(t, await createUser(t, { role: 'staff', storeId: mine.id })).put('/api/admin/stock/bin', body)).status).toBe(403);
    expect((await clientAs(t, await createUser(t, { role: 'picker', storeId: other.id })).put('/api/admin/stock/bin', body)).status).toBe(403);
    expect((await clientAs(t, await createUser(t)).put('/api/admin/stock/bin', body)).status).toBe(403);
  });

  it('when the stock CSV carries bins, then they are imported and exported; a bad bin row changes nothing', async () => {
    const a = await admin();
    const store = await createStore(t);
    const p = await createProduct(t);
    const sku = p.variants[0]!.sku;
    const csv = (rows: string) => ({ raw: `store,sku,on_hand,bin\n${rows}`, headers: { 'content-type': 'text/csv' } });
    const bad = await a.request('POST', '/api/admin/stock/import', undefined, csv(`${store.slug},${sku},4,Z-9-Q\n`));
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.errors).toEqual([expect.objectContaining({ row: 2, column: 'bin' })]);
    const ok = await a.request('POST', '/api/admin/stock/import', undefined, csv(`${store.slug},${sku},4,F-12-C-10\n`));
    expect(ok.status).toBe(200);
    const out = await a.get(`/api/admin/stock/export.csv?storeId=${store.id}`);
    expect(out.text.split(/\r?\n/)[0]).toBe('store,sku,on_hand,reserved,bin,product,label');
    expect(out.text).toContain(`${store.id},${sku},4,0,F-12-C-10`);
    // An empty bin cell leaves the line where it is.
    await a.request('POST', '/api/admin/stock/import', undefined, csv(`${store.slug},${sku},6,\n`));
    expect((await a.get(`/api/admin/stock/export.csv?storeId=${store.id}`)).text).toContain(`${store.id},${sku},6,0,F-12-C-10`);
  });
});
