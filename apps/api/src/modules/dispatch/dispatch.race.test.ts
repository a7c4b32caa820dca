/**
 * Dispatch under contention: 50 riders and 20 packed orders at one store, two server processes dispatching at
 * once, every rider accepting whatever they are offered while the manager hands orders out by hand. On the
 * PostgreSQL server (TEST_DATABASE_URL) the processes have their own pools and really race.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { deliveries } from '../../db/schema/index';
import { clientAs, createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import { haversineKm } from '../stores/stores.service';
import { dispatchStore } from './dispatch.service';
import { createDispatchStore, createPackedOrder, createRider, offset, STORE_AT, type TestRider } from './dispatch.factories';

let t: TestApp;
let t2: TestApp;
const BATCH_KM = 1.5;
beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_API: '100000', DISPATCH_BATCH_KM: String(BATCH_KM) });
  t2 = await startTestApp({ RATE_LIMIT_API: '100000', DISPATCH_BATCH_KM: String(BATCH_KM) }, { attachTo: t });
});
afterAll(async () => {
  await t2?.close();
  await t?.close();
});

describe('dispatch races', () => {
  it('when 50 riders and 20 orders meet two dispatchers and a manager at once, then every order has at most one rider and every rider at most two compatible orders', { timeout: 240_000 }, async () => {
    const store = await createDispatchStore(t);
    const riders: TestRider[] = [];
    for (let i = 0; i < 50; i++) riders.push(await createRider(t, store.id, { at: offset(STORE_AT, 30 * (i % 10), 30 * Math.floor(i / 10)) }));
    const orders: Array<Awaited<ReturnType<typeof createPackedOrder>>> = [];
    // Drops in two clusters, so batches are possible and some pairs are not compatible.
    for (let i = 0; i < 20; i++) {
      orders.push(await createPackedOrder(t, store, { drop: offset(STORE_AT, i % 2 ? 1200 + 40 * i : -1200 - 40 * i, 100 * (i % 3)) }));
    }
    const manager = clientAs(t, await createUser(t, { role: 'staff', storeId: store.id }));
    const accepted = new Map<string, string[]>();
    for (let round = 0; round < 4; round++) {
      await Promise.all([dispatchStore(t.deps, store.id), dispatchStore(t2.deps, store.id), dispatchStore(t.deps, store.id)]);
      const answers = riders.map(async (r, i) => {
        const client = i % 2 ? r.client : clientAs(t2, r.user); // half the riders talk to the other process
        const tasks = await client.get('/api/rider/tasks');
        for (const task of tasks.body.tasks.filter((x: { state: string }) => x.state === 'offered')) {
          // Every offer is answered twice at once (a double tap); one of the pair must fail cleanly.
          const [one, two] = await Promise.all([client.post(`/api/rider/tasks/${task.orderId}/accept`), client.post(`/api/rider/tasks/${task.orderId}/accept`)]);
          for (const res of [one, two]) {
            expect([200, 409]).toContain(res.status);
            if (res.status === 200) accepted.set(r.user.id, [...(accepted.get(r.user.id) ?? []), task.orderId]);
          }
        }
      });
      const byHand = orders.slice(round * 5, round * 5 + 5).map(async (o, k) => {
        const res = await manager.post(`/api/dispatch/${o.id}/assign`, { riderId: riders[(round * 7 + k) % riders.length]!.user.id });
        expect([200, 409]).toContain(res.status);
      });
      await Promise.all([...answers, ...byHand]);
    }

    // No order twice: the record holds one rider, and no rider believes they accepted an order another holds.
    const rows = await t.deps.db.select().from(deliveries).where(eq(deliveries.storeId, store.id));
    expect(rows).toHaveLength(20);
    const holder = new Map(rows.filter((r) => r.riderId).map((r) => [r.orderId, r.riderId]));
    for (const [riderId, ids] of accepted) for (const id of ids) expect(holder.get(id)).toBe(riderId);
    expect(new Set([...accepted.values()].flat()).size).toBe([...accepted.values()].flat().length);

    const perRider = new Map<string, string[]>();
    for (const r of rows) if (r.riderId) perRider.set(r.riderId, [...(perRider.get(r.riderId) ?? []), r.orderId]);
    const dropOf = new Map(orders.map((o) => [o.id, o.drop]));
    for (const ids of perRider.values()) {
      expect(ids.length).toBeLessThanOrEqual(2);
    }
    // Batches the dispatcher made pair close drops (manual assignment is the manager's call and is not batched).
    const offeredBatches = rowsOf<{ rider_id: string; orders: string[] }>(
      await t.deps.db.execute(sql`
        select rider_id, array_agg(order_id::text) as orders from delivery_offers
        where status = 'accepted' and order_id in (select order_id from deliveries where store_id = ${store.id})
        group by rider_id having count(*) > 1`),
    );
    for (const b of offeredBatches) {
      const [x, y] = b.orders.map((id) => dropOf.get(id)!);
      expect(haversineKm(x!.lat, x!.lng, y!.lat, y!.lng)).toBeLessThanOrEqual(BATCH_KM);
    }
    // Still at most one open offer per order and per rider (the partial unique indexes), and every order got a rider.
    const open = rowsOf<{ n: number; orders: number; riders: number }>(
      await t.deps.db.execute(sql`select count(*)::int as n, count(distinct order_id)::int as orders, count(distinct rider_id)::int as riders from delivery_offers where status = 'open'`),
    )[0]!;
    expect(open.orders).toBe(open.n);
    expect(open.riders).toBe(open.n);
    expect(rows.filter((r) => r.state === 'assigned')).toHaveLength(20);
  });
});
