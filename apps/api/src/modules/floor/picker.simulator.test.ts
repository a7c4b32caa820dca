/** The demo's simulated pickers work orders through the floor services: claim, lines by barcode, packed with bags. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvents, orders, pickLines, picks, stores } from '../../db/schema/index';
import { createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import { runDeliverySimulatorOnce } from '../orders/order.jobs';
import { stockOf } from '../orders/order.factories';
import { createFloor, createFloorLine, createWaitingOrder } from './floor.factories';
import { bagsFor } from './picker.simulator';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const ahead = (s: number) => new Date(Date.now() + s * 1000);
const statusOf = async (id: string) => (await t.deps.db.select({ s: orders.status }).from(orders).where(eq(orders.id, id)))[0]!.s;

/** A floor whose store has the demo's simulated picker (`picker2.<slug>@fatafat.local`). */
async function demoFloor() {
  const f = await createFloor(t);
  const [{ slug }] = (await t.deps.db.select({ slug: stores.slug }).from(stores).where(eq(stores.id, f.store.id))) as [{ slug: string }];
  const demo = await createUser(t, { role: 'picker', storeId: f.store.id, email: `picker2.${slug}@fatafat.local`, name: 'Pooja (picker 2)' });
  return { ...f, demo };
}

describe('the demo picker simulator', () => {
  it('when time passes, then a demo picker claims the order, confirms each line by its barcode and packs it, one status step per pass, the stock still held for the rider', async () => {
    const f = await demoFloor();
    const scanned = await createFloorLine(t.deps.db, f.store.id, { onHand: 5 });
    const byHand = await createFloorLine(t.deps.db, f.store.id, { onHand: 5, barcode: null });
    const order = await createWaitingOrder(t, f, [{ variant: scanned, quantity: 2 }, { variant: byHand, quantity: 1 }]);
    expect(await runDeliverySimulatorOnce(t.deps, ahead(5))).toBe(0);
    const seen: string[] = [];
    for (const s of [25, 100, 200, 300]) {
      // Two processes' passes at once: the floor's claims and packing are race-safe.
      await Promise.all([runDeliverySimulatorOnce(t.deps, ahead(s)), runDeliverySimulatorOnce(t.deps, ahead(s))]);
      seen.push(await statusOf(order.id));
    }
    // From packed on, riders take the order (the demo's simulated riders: modules/dispatch/rider.simulator.ts).
    expect(seen).toEqual(['packing', 'packed', 'packed', 'packed']);
    const [pick] = await t.deps.db.select().from(picks).where(eq(picks.orderId, order.id));
    expect(pick).toMatchObject({ pickerId: f.demo.id, bags: 1 });
    const lines = await t.deps.db.select().from(pickLines).where(eq(pickLines.orderId, order.id));
    expect(lines.map((l) => ({ variantId: l.variantId, found: l.found, scanned: l.scanned, reason: l.shortReason })).sort((a, b) => a.variantId.localeCompare(b.variantId))).toEqual(
      [
        { variantId: scanned.id, found: 2, scanned: true, reason: null },
        { variantId: byHand.id, found: 1, scanned: false, reason: null },
      ].sort((a, b) => a.variantId.localeCompare(b.variantId)),
    );
    const events = await t.deps.db.select({ status: orderEvents.status, actorId: orderEvents.actorId, actorRole: orderEvents.actorRole }).from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(orderEvents.id);
    expect(events.slice(1)).toEqual([
      { status: 'packing', actorId: f.demo.id, actorRole: 'picker' },
      { status: 'packed', actorId: f.demo.id, actorRole: 'picker' },
    ]);
    expect(await stockOf(t.deps.db, f.store.id, scanned.id)).toEqual({ onHand: 5, reserved: 2 });
  });

  it('when the lines are walked, then they are confirmed one by one over the walk before the bags are sealed', async () => {
    const f = await demoFloor();
    const lines = await Promise.all([0, 1, 2, 3].map(() => createFloorLine(t.deps.db, f.store.id)));
    const order = await createWaitingOrder(t, f, lines.map((variant) => ({ variant, quantity: 1 })));
    await runDeliverySimulatorOnce(t.deps, ahead(25)); // claimed now
    const done = async () => (await t.deps.db.select().from(pickLines).where(eq(pickLines.orderId, order.id))).filter((l) => l.found !== null).length;
    await runDeliverySimulatorOnce(t.deps, ahead(10)); // half the 20 s walk: two of four lines
    expect(await done()).toBe(2);
    expect(await statusOf(order.id)).toBe('packing');
    await runDeliverySimulatorOnce(t.deps, ahead(21)); // the walk is over, the bags not yet sealed
    expect(await done()).toBe(4);
    expect(await statusOf(order.id)).toBe('packing');
    await runDeliverySimulatorOnce(t.deps, ahead(26));
    expect(await statusOf(order.id)).toBe('packed');
  });

  it('when a person holds a pick or the store has no demo picker, then the simulator leaves the order alone', async () => {
    const f = await demoFloor();
    const line = await createFloorLine(t.deps.db, f.store.id);
    const held = await createWaitingOrder(t, f, [{ variant: line, quantity: 1 }]);
    expect((await f.as.picker.post('/api/ops/picks/claim', { orderId: held.id })).status).toBe(200);
    const bare = await createFloor(t);
    const alone = await createWaitingOrder(t, bare, [{ variant: await createFloorLine(t.deps.db, bare.store.id), quantity: 1 }]);
    for (const s of [30, 100, 200]) await runDeliverySimulatorOnce(t.deps, ahead(s));
    expect(await statusOf(held.id)).toBe('packing');
    const [pick] = await t.deps.db.select({ pickerId: picks.pickerId, packedAt: picks.packedAt }).from(picks).where(eq(picks.orderId, held.id));
    expect(pick).toEqual({ pickerId: f.picker.id, packedAt: null });
    expect(await statusOf(alone.id)).toBe('confirmed');
  });

  it('when units are counted into bags, then eight go in a bag', () => {
    expect([1, 8, 9, 17, 1000].map(bagsFor)).toEqual([1, 1, 2, 3, 50]);
  });
});
