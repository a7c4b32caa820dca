import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness';
import { createStore } from '../catalog/catalog.factories';
import { resolveServing } from '../zones/serving';
import { etaMinutes, haversineKm } from './stores.service';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('store rules', () => {
  it.each([
    [{ prepMinutes: 3, openOrders: 0, distanceKm: 0.5 }, 8],
    [{ prepMinutes: 5, openOrders: 0, distanceKm: 2 }, 11],
    [{ prepMinutes: 5, openOrders: 7, distanceKm: 2 }, 13],
    [{ prepMinutes: 4, openOrders: 3, distanceKm: null }, 11],
    [{ prepMinutes: 10, openOrders: 0, distanceKm: 5 }, 25],
  ])('when %o, then the ETA is %i minutes', (parts, minutes) => {
    expect(etaMinutes(parts)).toBe(minutes);
  });

  it('when measuring Bengaluru MG Road to Indiranagar, then haversine gives about 4 km', () => {
    expect(haversineKm(12.9756, 77.6066, 12.9784, 77.6408)).toBeCloseTo(3.7, 1);
  });
});

describe('serviceability', () => {
  it('when a point is inside two stores radii, then the nearest serves it with an ETA', async () => {
    const near = await createStore(t, { name: 'Near', lat: 28.6, lng: 77.2, radiusKm: 5, prepMinutes: 4 });
    await createStore(t, { name: 'Far', lat: 28.63, lng: 77.2, radiusKm: 10 });
    const res = await t.client().get('/api/serviceability?lat=28.605&lng=77.2');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ serviceable: true, store: { id: near.id, name: 'Near' } });
    expect(res.body.etaMinutes).toBeGreaterThanOrEqual(8);
    const direct = await resolveServing(t.deps.db, { lat: 28.605, lng: 77.2 }, new Date());
    expect(direct.chosen?.store.id).toBe(near.id);
  });

  it('when only a served pincode is given, then its store serves it; an unknown one is not serviceable', async () => {
    const s = await createStore(t, { lat: 19.07, lng: 72.87, pincodes: ['400050', '400051'] });
    const res = await t.client().get('/api/serviceability?pincode=400051');
    expect(res.body).toMatchObject({ serviceable: true, store: { id: s.id } });
    const none = await t.client().get('/api/serviceability?pincode=999999');
    expect(none.body).toEqual({ serviceable: false, reason: 'not_in_zone' });
    const far = await t.client().get('/api/serviceability?lat=10&lng=10');
    expect(far.body).toEqual({ serviceable: false, reason: 'not_in_zone' });
  });

  it('when parameters are missing or half given, then 400', async () => {
    expect((await t.client().get('/api/serviceability')).status).toBe(400);
    expect((await t.client().get('/api/serviceability?lat=12')).status).toBe(400);
    expect((await t.client().get('/api/serviceability?pincode=12')).status).toBe(400);
  });

  it('when listing stores, then active stores come with their area and openNow', async () => {
    const s = await createStore(t, { name: 'Listed', pincodes: ['560001'] });
    await createStore(t, { name: 'Closed down', isActive: false });
    const res = await t.client().get('/api/stores');
    const item = res.body.items.find((i: { id: string }) => i.id === s.id);
    expect(item).toMatchObject({ name: 'Listed', radiusKm: 3, pincodes: ['560001'], openNow: true, state: 'open', hasZone: false });
    expect(res.body.items.map((i: { name: string }) => i.name)).not.toContain('Closed down');
  });
});
