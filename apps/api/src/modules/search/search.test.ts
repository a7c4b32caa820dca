import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness';
import { createCategory, createProduct, createSubcategory } from '../catalog/catalog.factories';
import { damerauLevenshtein, planSearch, tokenize, Vocabulary } from './search.text';

let t: TestApp;
let ids: Record<'amulMilk' | 'amulButter' | 'motherMilk' | 'paneer' | 'dairyMilk' | 'kitkat' | 'chips', string>;
beforeAll(async () => {
  t = await startTestApp();
  const dairy = await createCategory(t, { name: 'Dairy, Bread & Eggs', slug: 'dairy' });
  const milk = await createSubcategory(t, dairy.id, { name: 'Milk', slug: 'milk' });
  const paneerSub = await createSubcategory(t, dairy.id, { name: 'Paneer & Tofu', slug: 'paneer-tofu' });
  const sweets = await createCategory(t, { name: 'Sweet Tooth', slug: 'sweets' });
  const choc = await createSubcategory(t, sweets.id, { name: 'Chocolates', slug: 'chocolates' });
  const snacks = await createCategory(t, { name: 'Snacks', slug: 'snacks' });
  const make = async (name: string, brand: string, categoryId: string, subcategoryIds: string[], description = '') =>
    (await createProduct(t, { name, brand, categoryId, subcategoryIds, description })).id;
  ids = {
    amulMilk: await make('Amul Taaza Toned Milk', 'Amul', dairy.id, [milk.id]),
    amulButter: await make('Amul Salted Butter', 'Amul', dairy.id, []),
    motherMilk: await make('Mother Dairy Full Cream Milk', 'Mother Dairy', dairy.id, [milk.id]),
    paneer: await make('Fresh Malai Paneer', 'Milky Mist', dairy.id, [paneerSub.id]),
    dairyMilk: await make('Cadbury Dairy Milk Chocolate Bar', 'Cadbury', sweets.id, [choc.id]),
    kitkat: await make('KitKat Wafer', 'Nestle', sweets.id, [choc.id], 'crispy wafer fingers covered with milk chocolate'),
    chips: await make('Classic Salted Potato Chips', 'Lays', snacks.id, []),
  };
});
afterAll(async () => {
  await t.close();
});

const search = async (q: string) => (await t.client().get(`/api/product?q=${encodeURIComponent(q)}`)).body;
const found = (body: { items: Array<{ id: string }> }) => body.items.map((i) => i.id);

describe('search text helpers', () => {
  it.each([
    ['mlik', 'milk', 1],
    ['choclate', 'chocolate', 1],
    ['paner', 'paneer', 1],
    ['abc', 'abc', 0],
    ['kitten', 'sitting', 3],
  ])('when comparing %s and %s, then the distance is %i', (a, b, d) => {
    expect(damerauLevenshtein(a, b, 3)).toBe(d);
  });

  it('when a token is a prefix, a plural or within the edit budget, then it is kept or corrected accordingly', () => {
    const words = new Map(tokenize('amul milk paneer chocolate chocolates butter bread').map((w) => [w, 1]));
    // More common words that are just as close must not win over a better-matching start.
    words.set('paper', 9).set('red', 9);
    const v = new Vocabulary(words, []);
    expect(planSearch('amul mlik', v)).toMatchObject({ tokens: ['amul', 'milk'], didYouMean: 'amul milk' });
    expect(planSearch('pan', v).tokens).toEqual(['pan']);
    expect(planSearch('butters', v)).not.toHaveProperty('didYouMean');
    expect(planSearch('xyzzy', v).tokens).toEqual(['xyzzy']);
    expect(planSearch('paner', v).tokens).toEqual(['paneer']);
    expect(planSearch('bred', v).tokens).toEqual(['bread']);
  });
});

describe('GET /api/product?q=', () => {
  it('when searching "amul mlik", then Amul milk is found and the corrected query is offered', async () => {
    const body = await search('amul mlik');
    expect(found(body)[0]).toBe(ids.amulMilk);
    expect(found(body)).not.toContain(ids.amulButter);
    expect(body.didYouMean).toBe('amul milk');
  });

  it('when searching "choclate", then chocolates are found', async () => {
    const body = await search('choclate');
    expect(found(body)).toEqual(expect.arrayContaining([ids.dairyMilk, ids.kitkat]));
    expect(body.didYouMean).toBeDefined();
  });

  it('when searching the partial word "pan", then paneer is found without a correction', async () => {
    const body = await search('pan');
    expect(found(body)).toContain(ids.paneer);
    expect(body.didYouMean).toBeUndefined();
  });

  it('when a word is in the name, then the product ranks above one with it only in the description', async () => {
    const body = await search('chocolate');
    expect(found(body).indexOf(ids.dairyMilk)).toBeLessThan(found(body).indexOf(ids.kitkat));
  });

  it('when searching by brand or category, then their products are found', async () => {
    expect(found(await search('cadbury'))).toEqual([ids.dairyMilk]);
    expect(found(await search('lays'))).toEqual([ids.chips]);
    expect(found(await search('paneer tofu'))).toEqual([ids.paneer]);
  });

  it('when search results are paged, then the pages join up without duplicates', async () => {
    const first = await t.client().get('/api/product?q=milk&limit=2');
    expect(first.body.items).toHaveLength(2);
    const rest = await t.client().get(`/api/product?q=milk&limit=10&cursor=${first.body.nextCursor}`);
    const all = [...found(first.body), ...found(rest.body)];
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(first.body.total);
  });

  it('when words run together beyond the edit budget, then trigram similarity still finds them and pages', async () => {
    const body = await search('amulmilk');
    expect(found(body)).toContain(ids.amulMilk);
    const first = await t.client().get('/api/product?q=amulmilk&limit=1');
    const all = [...found(first.body)];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const next = await t.client().get(`/api/product?q=amulmilk&limit=1&cursor=${cursor}`);
      expect(next.status).toBe(200);
      all.push(...found(next.body));
      cursor = next.body.nextCursor;
    }
    expect(all.length).toBeGreaterThan(1);
    expect(all).toEqual(found(body));
  });

  it('when nothing matches, then an empty page rather than an error', async () => {
    const body = await search('qqqqzzzz');
    expect(body).toMatchObject({ items: [], total: 0, nextCursor: null });
  });
});

describe('GET /api/search/suggest', () => {
  it('when typing a typo, then products and categories are suggested', async () => {
    const res = await t.client().get('/api/search/suggest?q=choclate');
    expect(res.status).toBe(200);
    expect(res.body.products.map((p: { id: string }) => p.id)).toContain(ids.dairyMilk);
    expect(res.body.categories).toEqual([expect.objectContaining({ slug: 'chocolates', kind: 'subcategory', categorySlug: 'sweets' })]);
    expect(res.headers.get('etag')).toBeTruthy();
  });

  it('when the query is empty, then nothing is suggested', async () => {
    const res = await t.client().get('/api/search/suggest?q=');
    expect(res.body).toEqual({ products: [], categories: [] });
  });

  it('when typing a prefix, then at most 8 products and 4 categories come back', async () => {
    const res = await t.client().get('/api/search/suggest?q=mi');
    expect(res.body.products.length).toBeGreaterThan(0);
    expect(res.body.products.length).toBeLessThanOrEqual(8);
    expect(res.body.categories.length).toBeLessThanOrEqual(4);
  });
});
