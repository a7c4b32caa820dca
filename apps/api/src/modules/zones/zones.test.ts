/**
 * Where and when we deliver, over HTTP against the real app: zones with holes, hours and closures on the
 * app's clock, the store state, the 10-minute cap and delivery slots under concurrency.
 *
 * Every test puts its stores at its own spot on the map (`spot()`), so stores of other tests never cover it.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverySlots, orders } from '../../db/schema/index';
import { clientAs, createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import type { HttpClient } from '../../test/http-client';
import { createShopper, createStockedVariant, stockOf, type Shopper } from '../checkout/checkout.factories';
import { createStore } from '../catalog/catalog.factories';
import { releaseDueSlots } from './zones.jobs';
import { square } from './zones.factories';

let t: TestApp;
let admin: HttpClient;
beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_API: '100000' });
  admin = clientAs(t, await createUser(t, { role: 'admin' }));
});
afterAll(async () => {
  t.deps.clock.set(null);
  await t.close();
});

let spots = 0;
/** A fresh place on the map, 1° of latitude from every other test's. */
function spot(): { lat: number; lng: number } {
  spots += 1;
  return { lat: 10 + spots, lng: 75 };
}
const everyDay = (opens: string, closes: string) => Array.from({ length: 7 }, (_, day) => ({ day, opens, closes }));
/** A Kolkata wall-clock time as an instant. */
const ist = (local: string) => new Date(`${local}+05:30`);

async function shopperAt(where: { lat: number; lng: number }, pincode = '560001'): Promise<Shopper> {
  return createShopper(t, { lat: where.lat, lng: where.lng, pincode });
}
const buy = (s: Shopper, variantId: string, extra: Record<string, unknown> = {}) =>
  s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId, quantity: 1 }], ...extra });

describe('opening hours', () => {
  it('when the only store is closed at 02:56 in India, then serviceability says when it opens and checkout answers 409 store_closed (the reported defect)', async () => {
    t.deps.clock.set(ist('2026-12-03T02:56:00'));
    const at = spot();
    const store = await createStore(t, { ...at, weeklyHours: everyDay('06:00', '23:59') });
    const v = await createStockedVariant(t.deps.db, store.id);
    const s = await shopperAt(at);

    const svc = await t.client().get(`/api/serviceability?lat=${at.lat}&lng=${at.lng}`);
    expect(svc.body).toMatchObject({ serviceable: false, reason: 'store_closed', opensAt: ist('2026-12-03T06:00:00').toISOString() });
    expect(svc.body.store).toMatchObject({ id: store.id, openNow: false });
    expect(svc.body.etaMinutes).toBeUndefined();

    const res = await buy(s, v.id);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'store_closed', details: { opensAt: ist('2026-12-03T06:00:00').toISOString() } });
    expect(await t.deps.db.select().from(orders).where(eq(orders.storeId, store.id))).toHaveLength(0);

    const cart = await s.client.get(`/api/cart?addressId=${s.addressId}`);
    expect(cart.body.unserved).toMatchObject({ reason: 'store_closed', message: 'Closed · opens at 6:00 AM' });
  });

  it('when a closed store and an all-night store serve the same address, then the all-night store serves it and takes the order', async () => {
    t.deps.clock.set(ist('2026-12-03T02:56:00'));
    const at = spot();
    const closed = await createStore(t, { ...at, name: 'Day store', prepMinutes: 2, weeklyHours: everyDay('06:00', '23:59') });
    const night = await createStore(t, { lat: at.lat + 0.01, lng: at.lng, name: 'Night store', prepMinutes: 6 });
    const v = await createStockedVariant(t.deps.db, night.id);
    await createStockedVariant(t.deps.db, closed.id);
    const s = await shopperAt(at);

    const svc = await t.client().get(`/api/serviceability?lat=${at.lat}&lng=${at.lng}`);
    expect(svc.body).toMatchObject({ serviceable: true, state: 'open', store: { id: night.id, openNow: true } });
    const res = await buy(s, v.id);
    expect(res.status).toBe(201);
    expect(res.body.order.store.id).toBe(night.id);
  });

  it('when the clock moves past opening, then the same store is served again (the cache follows the clock, not a restart)', async () => {
    const at = spot();
    const store = await createStore(t, { ...at, weeklyHours: everyDay('06:00', '23:59') });
    t.deps.clock.set(ist('2026-12-03T05:59:00'));
    expect((await t.client().get(`/api/serviceability?lat=${at.lat}&lng=${at.lng}`)).body.serviceable).toBe(false);
    t.deps.clock.set(ist('2026-12-03T06:00:30'));
    const open = await t.client().get(`/api/serviceability?lat=${at.lat}&lng=${at.lng}`);
    expect(open.body).toMatchObject({ serviceable: true, store: { id: store.id } });
  });

  it('when an admin sets hours with a past-midnight range and a dated closure, then the store follows them at once', async () => {
    const at = spot();
    const store = await createStore(t, at);
    const put = await admin.put(`/api/admin/stores/${store.id}/hours`, {
      timeZone: 'Asia/Kolkata',
      weekly: everyDay('06:00', '02:00'),
      closures: [{ from: '2026-12-25', to: '2026-12-25', reason: 'Christmas' }],
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ timeZone: 'Asia/Kolkata', weekly: expect.arrayContaining([{ day: 3, opens: '06:00', closes: '02:00' }]) });
    const ask = () => t.client().get(`/api/serviceability?lat=${at.lat}&lng=${at.lng}`);
    t.deps.clock.set(ist('2026-12-03T01:30:00'));
    expect((await ask()).body.serviceable).toBe(true);
    t.deps.clock.set(ist('2026-12-03T03:00:00'));
    expect((await ask()).body).toMatchObject({ serviceable: false, opensAt: ist('2026-12-03T06:00:00').toISOString() });
    t.deps.clock.set(ist('2026-12-25T12:00:00'));
    // Christmas Day is closed as a whole local day; the night range that starts on the 25th still opens
    // its after-midnight part on the 26th.
    expect((await ask()).body).toMatchObject({ serviceable: false, opensAt: ist('2026-12-26T00:00:00').toISOString() });
  });

  it('when a time zone is unknown, a closure ends first or a state ends in the past, then the 400 lists the field as the forms read it', async () => {
    const store = await createStore(t, spot());
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['hours', { timeZone: 'Mars/Olympus', weekly: [], closures: [] }, 'body.timeZone'],
      ['hours', { timeZone: 'Asia/Kolkata', weekly: [], closures: [{ from: '2026-12-25', to: '2026-12-24', reason: 'x' }] }, 'body.closures.0.to'],
      ['state', { state: 'paused', until: '2020-01-01T00:00:00Z' }, 'body.until'],
      ['state', { state: 'open', until: new Date(Date.now() + 3_600_000).toISOString() }, 'body.until'],
    ];
    for (const [what, body, path] of cases) {
      const res = await admin.put(`/api/admin/stores/${store.id}/${what}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details, JSON.stringify(body)).toEqual({ issues: [expect.objectContaining({ path })] });
    }
  });

  it('when hours name an unknown time zone, a bad time or a closure that ends first, then 400 names the field', async () => {
    const store = await createStore(t, spot());
    const bad = [
      { timeZone: 'Mars/Olympus', weekly: [], closures: [] },
      { timeZone: 'Asia/Kolkata', weekly: [{ day: 7, opens: '06:00', closes: '23:00' }] },
      { timeZone: 'Asia/Kolkata', weekly: [{ day: 1, opens: '6am', closes: '23:00' }] },
      { timeZone: 'Asia/Kolkata', weekly: [], closures: [{ from: '2026-12-25', to: '2026-12-24', reason: 'x' }] },
    ];
    for (const body of bad) {
      const res = await admin.put(`/api/admin/stores/${store.id}/hours`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
  });
});

describe('zones', () => {
  it('when the admin draws a zone with a hole, then the ring is served, the hole is not (even by pincode) and the point test says why', async () => {
    t.deps.clock.set(null);
    const at = spot();
    const store = await createStore(t, { ...at, radiusKm: 50, pincodes: ['560001'] });
    const zone = { type: 'Polygon', coordinates: [square(at.lng, at.lat, 0.05), square(at.lng, at.lat, 0.01)] };
    const put = await admin.put(`/api/admin/stores/${store.id}/zone`, { zone });
    expect(put.status).toBe(200);
    expect(put.body.zone).toEqual(zone);

    const ring = await t.client().get(`/api/serviceability?lat=${at.lat + 0.03}&lng=${at.lng}`);
    expect(ring.body).toMatchObject({ serviceable: true, store: { id: store.id } });
    const hole = await t.client().get(`/api/serviceability?lat=${at.lat}&lng=${at.lng}`);
    expect(hole.body).toEqual({ serviceable: false, reason: 'not_in_zone' });
    // Inside the old radius, outside the drawn zone: the zone is the truth now.
    const beyond = await t.client().get(`/api/serviceability?lat=${at.lat + 0.2}&lng=${at.lng}`);
    expect(beyond.body.serviceable).toBe(false);

    const s = await shopperAt(at);
    const v = await createStockedVariant(t.deps.db, store.id);
    const res = await buy(s, v.id);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('unserviceable');
    const cart = await s.client.get(`/api/cart?addressId=${s.addressId}`);
    expect(cart.body).toMatchObject({ serviceable: false, unserved: { reason: 'not_in_zone' } });

    const test = await admin.get(`/api/admin/serviceability?lat=${at.lat + 0.03}&lng=${at.lng}`);
    expect(test.body).toMatchObject({ serviceable: true, store: { id: store.id }, covering: [{ by: 'zone', takesOrders: true }] });
    expect(test.body.etaMinutes).toBeGreaterThan(0);
  });

  it('when zones overlap, then the open store with the best ETA serves the overlap', async () => {
    const at = spot();
    const slow = await createStore(t, { ...at, name: 'Slow', prepMinutes: 15 });
    const fast = await createStore(t, { ...at, name: 'Fast', prepMinutes: 2 });
    for (const s of [slow, fast]) {
      expect((await admin.put(`/api/admin/stores/${s.id}/zone`, { zone: { type: 'Polygon', coordinates: [square(at.lng, at.lat, 0.05)] } })).status).toBe(200);
    }
    const res = await t.client().get(`/api/serviceability?lat=${at.lat}&lng=${at.lng}`);
    expect(res.body.store.id).toBe(fast.id);
    // The fast one pauses: the slow one takes over at once (the store cache is invalidated by the write).
    await admin.put(`/api/admin/stores/${fast.id}/state`, { state: 'paused', reason: 'Stock count' });
    const after = await t.client().get(`/api/serviceability?lat=${at.lat}&lng=${at.lng}`);
    expect(after.body).toMatchObject({ serviceable: true, store: { id: slow.id } });
  });

  it('when a zone is degenerate or crosses itself, then 400 invalid_zone and the old zone stays', async () => {
    const at = spot();
    const store = await createStore(t, at);
    const bowTie = { type: 'Polygon', coordinates: [[[75, 28], [75.1, 28.1], [75.1, 28], [75, 28.1], [75, 28]]] };
    const line = { type: 'Polygon', coordinates: [[[75, 28], [75.1, 28], [75.2, 28], [75, 28]]] };
    for (const zone of [bowTie, line, { type: 'Polygon' }, 'nonsense']) {
      const res = await admin.put(`/api/admin/stores/${store.id}/zone`, { zone });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_zone');
    }
    const list = await admin.get('/api/admin/stores');
    expect(list.body.items.find((s: { id: string }) => s.id === store.id).zone).toBeNull();
    expect(list.body.tileUrl).toContain('{z}');
  });

  it('when a customer or another store’s manager edits a store, then 403; its own manager may set its state but not its zone', async () => {
    const store = await createStore(t, spot());
    const customer = clientAs(t, await createUser(t));
    const other = clientAs(t, await createUser(t, { role: 'staff' }));
    const own = clientAs(t, await createUser(t, { role: 'staff', storeId: store.id }));
    const zone = { zone: null };
    expect((await customer.put(`/api/admin/stores/${store.id}/zone`, zone)).status).toBe(403);
    expect((await own.put(`/api/admin/stores/${store.id}/zone`, zone)).status).toBe(403);
    expect((await other.put(`/api/admin/stores/${store.id}/state`, { state: 'paused' })).status).toBe(403);
    expect((await own.put(`/api/admin/stores/${store.id}/state`, { state: 'busy', reason: 'Heavy rain' })).status).toBe(200);
    const mine = await own.get('/api/admin/stores');
    expect(mine.body.items.map((s: { id: string }) => s.id)).toEqual([store.id]);
  });
});

describe('store state', () => {
  it('when a store is paused with a reason, then checkout answers 409 store_paused with it, and it reopens by itself after its until-time', async () => {
    t.deps.clock.set(null);
    const at = spot();
    const store = await createStore(t, at);
    const v = await createStockedVariant(t.deps.db, store.id);
    const s = await shopperAt(at);
    const until = new Date(Date.now() + 20 * 60_000).toISOString();
    expect((await admin.put(`/api/admin/stores/${store.id}/state`, { state: 'paused', reason: 'No riders', until })).status).toBe(200);

    const svc = await t.client().get(`/api/serviceability?lat=${at.lat}&lng=${at.lng}`);
    expect(svc.body).toMatchObject({ serviceable: false, reason: 'store_paused', state: 'paused', opensAt: until, store: { stateReason: 'No riders' } });
    const res = await buy(s, v.id);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'store_paused', details: { reason: 'No riders', opensAt: until } });

    t.deps.clock.set(new Date(Date.now() + 21 * 60_000));
    expect((await buy(s, v.id)).status).toBe(201);
  });

  it('when a store is busy, then the ETA rises and the surge fee applies through the pricing module', async () => {
    t.deps.clock.set(null);
    const at = spot();
    const store = await createStore(t, at);
    const v = await createStockedVariant(t.deps.db, store.id, { price: 50_000, mrp: 50_000 });
    const s = await shopperAt(at);
    const calm = await s.client.post('/api/cart/items', { variantId: v.id, quantity: 1 });
    const calmEta = (await t.client().get(`/api/serviceability?lat=${at.lat}&lng=${at.lng}`)).body.etaMinutes;
    expect(calm.body.bill.surgeFee).toBe(0);

    await admin.put(`/api/admin/stores/${store.id}/state`, { state: 'busy', reason: 'Heavy rain' });
    const busy = await t.client().get(`/api/serviceability?lat=${at.lat}&lng=${at.lng}`);
    expect(busy.body).toMatchObject({ serviceable: true, state: 'busy', store: { stateReason: 'Heavy rain' } });
    expect(busy.body.etaMinutes).toBe(calmEta + 10);
    const cart = await s.client.get(`/api/cart?addressId=${s.addressId}`);
    expect(cart.body).toMatchObject({ busy: true, bill: { surgeFee: 1500 } });
    const order = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod' });
    expect(order.status).toBe(201);
    expect(order.body.order.bill.lines).toContainEqual({ code: 'surge_fee', label: 'Surge fee', amount: 1500 });
    expect(order.body.order.etaMinutes).toBe(calmEta + 10);
  });

  it('when 12 orders race for a cap of 5 per 10 minutes, then exactly 5 are taken at the normal fee and the rest as busy', async () => {
    t.deps.clock.set(null);
    const at = spot();
    const store = await createStore(t, { ...at, ordersPerWindow: 5 });
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 100, price: 50_000, mrp: 50_000 });
    const shoppers = await Promise.all(Array.from({ length: 12 }, () => shopperAt(at)));

    const results = await Promise.all(shoppers.map((s) => buy(s, v.id)));

    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const surged = results.filter((r) => r.body.order.bill.lines.some((l: { code: string }) => l.code === 'surge_fee'));
    expect(surged).toHaveLength(7);
    // For the rest of the window the store is busy.
    const svc = await t.client().get(`/api/serviceability?lat=${at.lat}&lng=${at.lng}`);
    await new Promise((r) => setTimeout(r, 1100)); // the load estimate is at most a second old
    const later = await t.client().get(`/api/serviceability?lat=${at.lat}&lng=${at.lng}`);
    expect([svc.body.state, later.body.state]).toContain('busy');
    expect(later.body.store.stateReason).toBe('Too many orders right now');
  }, 120_000);
});

describe('delivery slots', () => {
  it('when the store is closed, then slots start at opening and a slotted order waits as scheduled, shown as a window', async () => {
    t.deps.clock.set(ist('2026-12-03T02:56:00'));
    const at = spot();
    const store = await createStore(t, { ...at, weeklyHours: everyDay('06:00', '23:00') });
    const v = await createStockedVariant(t.deps.db, store.id);
    const s = await shopperAt(at);

    const slots = await t.client().get(`/api/slots?lat=${at.lat}&lng=${at.lng}`);
    expect(slots.status).toBe(200);
    expect(slots.body.store).toMatchObject({ id: store.id, openNow: false });
    expect(slots.body.slots[0]).toEqual({ startsAt: ist('2026-12-03T06:00:00').toISOString(), endsAt: ist('2026-12-03T06:30:00').toISOString(), available: 10 });

    const res = await buy(s, v.id, { slotStartsAt: slots.body.slots[1].startsAt });
    expect(res.status).toBe(201);
    expect(res.body.order).toMatchObject({
      status: 'scheduled',
      slot: { startsAt: ist('2026-12-03T06:30:00').toISOString(), endsAt: ist('2026-12-03T07:00:00').toISOString() },
      promisedAt: ist('2026-12-03T07:00:00').toISOString(),
      nextStatuses: ['cancelled'],
    });
    expect(await stockOf(t.deps.db, store.id, v.id)).toMatchObject({ reserved: 1 });

    // Not yet due: stays scheduled. 30 minutes before its window: into the pick queue.
    expect(await releaseDueSlots(t.deps)).toBe(0);
    t.deps.clock.set(ist('2026-12-03T06:00:00'));
    expect(await releaseDueSlots(t.deps)).toBeGreaterThanOrEqual(1);
    const [row] = await t.deps.db.select().from(orders).where(eq(orders.id, res.body.order.id));
    expect(row!.status).toBe('confirmed');
  });

  it('when a store outside its hours is also paused, then slots start when the pause ends, and none while it has no end', async () => {
    t.deps.clock.set(ist('2026-12-03T02:56:00'));
    const at = spot();
    const store = await createStore(t, { ...at, weeklyHours: everyDay('06:00', '23:00') });
    const ask = (path: string) => t.client().get(`/api/${path}?lat=${at.lat}&lng=${at.lng}`);

    const until = ist('2026-12-03T08:00:00').toISOString();
    expect((await admin.put(`/api/admin/stores/${store.id}/state`, { state: 'paused', reason: 'Stock count', until })).status).toBe(200);
    expect((await ask('serviceability')).body).toMatchObject({ serviceable: false, reason: 'store_paused', opensAt: until });
    expect((await ask('slots')).body.slots[0].startsAt).toBe(until);

    expect((await admin.put(`/api/admin/stores/${store.id}/state`, { state: 'paused', reason: 'Stock count' })).status).toBe(200);
    const svc = (await ask('serviceability')).body;
    expect(svc).toMatchObject({ serviceable: false, reason: 'store_paused' });
    expect(svc.opensAt).toBeUndefined();
    expect((await ask('slots')).body.slots).toEqual([]);

    // A pause that ends before opening time changes nothing: closed, opens at 6.
    const early = ist('2026-12-03T04:00:00').toISOString();
    expect((await admin.put(`/api/admin/stores/${store.id}/state`, { state: 'paused', reason: 'Stock count', until: early })).status).toBe(200);
    expect((await ask('serviceability')).body).toMatchObject({ reason: 'store_closed', opensAt: ist('2026-12-03T06:00:00').toISOString() });
    expect((await ask('slots')).body.slots[0].startsAt).toBe(ist('2026-12-03T06:00:00').toISOString());
  });

  it('when a slot is not offered or is in the past, then 422 invalid_slot', async () => {
    t.deps.clock.set(ist('2026-12-03T02:56:00'));
    const at = spot();
    const store = await createStore(t, { ...at, weeklyHours: everyDay('06:00', '23:00') });
    const v = await createStockedVariant(t.deps.db, store.id);
    const s = await shopperAt(at);
    for (const slotStartsAt of [ist('2026-12-03T03:00:00').toISOString(), ist('2026-12-03T06:10:00').toISOString(), '2020-01-01T00:00:00Z']) {
      const res = await buy(s, v.id, { slotStartsAt });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('invalid_slot');
    }
  });

  it('when 50 checkouts race for a slot of 10, then exactly 10 get it, the rest 409 slot_full, and a cancel gives a place back', async () => {
    t.deps.clock.set(ist('2026-12-03T02:56:00'));
    const at = spot();
    const store = await createStore(t, { ...at, weeklyHours: everyDay('06:00', '23:00'), slotCapacity: 10 });
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 100 });
    const shoppers = await Promise.all(Array.from({ length: 50 }, () => shopperAt(at)));
    const slotStartsAt = ist('2026-12-03T08:00:00').toISOString();

    const results = await Promise.all(shoppers.map((s) => buy(s, v.id, { slotStartsAt })));

    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(10);
    expect(results.filter((r) => r.status !== 201).map((r) => r.body.error.code)).toEqual(Array(40).fill('slot_full'));
    expect(await stockOf(t.deps.db, store.id, v.id)).toMatchObject({ reserved: 10 });
    const taken = async () =>
      (await t.deps.db.select().from(deliverySlots).where(and(eq(deliverySlots.storeId, store.id), eq(deliverySlots.startsAt, new Date(slotStartsAt)))))[0]!
        .taken;
    expect(await taken()).toBe(10);
    const slots = await t.client().get(`/api/slots?lat=${at.lat}&lng=${at.lng}`);
    expect(slots.body.slots.find((x: { startsAt: string }) => x.startsAt === slotStartsAt).available).toBe(0);

    const winner = shoppers[results.indexOf(won[0]!)]!;
    const cancel = await winner.client.post(`/api/order/${won[0]!.body.order.id}/cancel`, {});
    expect(cancel.status).toBe(200);
    expect(await taken()).toBe(9);
    expect(await stockOf(t.deps.db, store.id, v.id)).toMatchObject({ reserved: 9 });
  }, 180_000);
});

describe('test clock', () => {
  it('when the clock is moved through the dev route, then the app reads it; null puts it back', async () => {
    const moved = await t.client().put('/api/dev/clock', { at: '2026-12-03T02:56:00+05:30' });
    expect(moved.status).toBe(200);
    expect(Math.abs(new Date(moved.body.now).getTime() - ist('2026-12-03T02:56:00').getTime())).toBeLessThan(5000);
    expect((await t.client().put('/api/dev/clock', { at: 'yesterday' })).status).toBe(400);
    const back = await t.client().put('/api/dev/clock', { at: null });
    expect(back.body.moved).toBe(false);
  });
});
