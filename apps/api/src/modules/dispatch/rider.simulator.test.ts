import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, riderCash, riderTrail, stores } from '../../db/schema/index';
import { createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import { runDispatchOnce } from './dispatch.service';
import { createDispatchStore, createPackedOrder } from './dispatch.factories';
import { along, rideMs, runRiderSimulatorOnce } from './rider.simulator';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the demo rider simulator', () => {
  it('when a packed order waits at a store with a simulated rider, then the rider goes on duty, accepts, rides and delivers it with the code through the rider services', async () => {
    const store = await createDispatchStore(t);
    const [{ slug }] = (await t.deps.db.select({ slug: stores.slug }).from(stores).where(eq(stores.id, store.id))) as [{ slug: string }];
    const rider = await createUser(t, { role: 'rider', storeId: store.id, email: `rider2.${slug}@fatafat.local`, name: 'Salman (rider 2)' });
    const order = await createPackedOrder(t, store);
    const start = Date.now();
    const at = (s: number) => new Date(start + s * 1000);

    await runRiderSimulatorOnce(t.deps, at(0)); // on duty
    await runDispatchOnce(t.deps, at(1));
    await runRiderSimulatorOnce(t.deps, at(2)); // accepts
    await runRiderSimulatorOnce(t.deps, at(4)); // picks up
    const [mid] = await t.deps.db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
    expect(mid!.status).toBe('out_for_delivery');
    // The ride from the store to the drop, one ping per pass (the ride is timed from the real pickup).
    for (let s = 10; s <= 70; s += 5) await runRiderSimulatorOnce(t.deps, new Date(Date.now() + (s - 6) * 1000));
    const [done] = await t.deps.db.select({ status: orders.status, paymentStatus: orders.paymentStatus }).from(orders).where(eq(orders.id, order.id));
    expect(done).toEqual({ status: 'delivered', paymentStatus: 'paid' });
    await t.deps.stopWork(); // flushes the trail buffer
    const trail = await t.deps.db.select().from(riderTrail).where(eq(riderTrail.orderId, order.id));
    // Pings the test dates more than 30 s ahead of the clock are refused as "future"; the rest make the trail.
    expect(trail.length).toBeGreaterThanOrEqual(4);
    expect(new Set(trail.map((p) => p.riderId))).toEqual(new Set([rider.id]));
    const cash = await t.deps.db.select().from(riderCash).where(eq(riderCash.orderId, order.id));
    expect(cash).toEqual([expect.objectContaining({ kind: 'cash', amount: order.total })]);
  });

  it('when a ride is short or long, then it takes between 45 s and 4 min, and the rider moves along the line', () => {
    expect(rideMs(0.1)).toBe(45_000);
    expect(rideMs(2)).toBe(120_000);
    expect(rideMs(50)).toBe(240_000);
    expect(along({ lat: 0, lng: 0 }, { lat: 1, lng: 2 }, 30, 60)).toEqual({ lat: 0.5, lng: 1, done: false });
    expect(along({ lat: 0, lng: 0 }, { lat: 1, lng: 2 }, 90, 60)).toEqual({ lat: 1, lng: 2, done: true });
  });
});
