/** The pick queue, race-safe claims, lines in walking order, barcode checks, short picks and packing. */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { orders, stockMovements, stores } from '../../db/schema/index';
import { clientAs, createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import { stockOf } from '../orders/order.factories';
import { transitionOrder, SYSTEM_ACTOR } from '../orders/order-state';
import { createFloor, createFloorLine, createWaitingOrder } from './floor.factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const statusOf = async (id: string) => (await t.deps.db.select({ s: orders.status }).from(orders).where(eq(orders.id, id)))[0]!.s;
const promise = (id: string, minutes: number) =>
  t.deps.db.update(orders).set({ promisedAt: new Date(Date.now() + minutes * 60_000) }).where(eq(orders.id, id));

describe('GET /api/ops/picks and claims', () => {
  it("when a picker opens the queue, then they see their store's waiting orders oldest promise first, never another store's", async () => {
    const f = await createFloor(t);
    const other = await createFloor(t);
    const line = await createFloorLine(t.deps.db, f.store.id);
    const late = await createWaitingOrder(t, f, [{ variant: line, quantity: 1 }]);
    const soon = await createWaitingOrder(t, f, [{ variant: line, quantity: 2 }]);
    await promise(late.id, 14);
    await promise(soon.id, 6);
    await createWaitingOrder(t, other, [{ variant: await createFloorLine(t.deps.db, other.store.id), quantity: 1 }]);
    const res = await f.as.picker.get('/api/ops/picks');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ storeId: f.store.id, mine: [], batching: false });
    expect(res.body.queue.map((q: { orderId: string }) => q.orderId)).toEqual([soon.id, late.id]);
    expect(res.body.queue[0]).toMatchObject({ number: soon.number, lines: 1, units: 2, state: 'waiting', picker: null });
    expect((await f.as.picker.get(`/api/ops/picks?storeId=${other.store.id}`)).status).toBe(403);
  });

  it('when a picker claims the next order, then the oldest promise is theirs in walking order and the order is packing', async () => {
    const f = await createFloor(t);
    const db = t.deps.db;
    const frozen = await createFloorLine(db, f.store.id, { temperature: 'frozen', bin: 'F-01-A-1' });
    const chilled = await createFloorLine(db, f.store.id, { temperature: 'chilled', bin: 'R-02-A-1' });
    const aisle10 = await createFloorLine(db, f.store.id, { bin: 'B-10-A-1' });
    const aisle9 = await createFloorLine(db, f.store.id, { bin: 'B-09-C-4' });
    const unplaced = await createFloorLine(db, f.store.id, { bin: null });
    const zoneA = await createFloorLine(db, f.store.id, { bin: 'A-03-B-2' });
    const all = [frozen, chilled, aisle10, aisle9, unplaced, zoneA];
    const later = await createWaitingOrder(t, f, [{ variant: zoneA, quantity: 1 }]);
    const first = await createWaitingOrder(t, f, all.map((variant) => ({ variant, quantity: 1 })));
    await promise(later.id, 20);
    await promise(first.id, 5);

    const res = await f.as.picker.post('/api/ops/picks/claim', {});
    expect(res.status).toBe(200);
    expect(res.body.pick).toMatchObject({ orderId: first.id, status: 'packing', picker: { id: f.picker.id, name: 'Ravi Kumar' }, done: 0, total: 6 });
    expect(res.body.pick.customerFirstName).toBe('Asha');
    expect(res.body.pick.lines.map((l: { variantId: string }) => l.variantId)).toEqual(
      [zoneA, aisle9, aisle10, unplaced, chilled, frozen].map((v) => v.id),
    );
    expect(res.body.pick.lines[0]).toMatchObject({ name: zoneA.name, label: '500 g', quantity: 1, bin: 'A-03-B-2', temperature: 'ambient', barcode: zoneA.barcode, found: null });
    expect(await statusOf(first.id)).toBe('packing');
    const queue = await f.as.picker2.get('/api/ops/picks');
    expect(queue.body.queue.find((q: { orderId: string }) => q.orderId === first.id)).toMatchObject({ state: 'picking', picker: { id: f.picker.id } });
    const mine = await f.as.picker.get('/api/ops/picks');
    expect(mine.body.mine.map((p: { orderId: string }) => p.orderId)).toEqual([first.id]);
  });

  it('when nothing is waiting, then claiming answers 204', async () => {
    const f = await createFloor(t);
    const res = await f.as.picker.post('/api/ops/picks/claim', {});
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  });

  it('when 20 pickers claim one order at once, then exactly one holds it and 19 hear 409 pick_taken', async () => {
    const f = await createFloor(t);
    const line = await createFloorLine(t.deps.db, f.store.id);
    const order = await createWaitingOrder(t, f, [{ variant: line, quantity: 1 }]);
    const pickers = await Promise.all(Array.from({ length: 20 }, (_, i) => createUser(t, { role: 'picker', storeId: f.store.id, name: `P${i}` })));
    const results = await Promise.all(pickers.map((p) => clientAs(t, p).post('/api/ops/picks/claim', { orderId: order.id })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'pick_taken' || r.body.error.code === 'not_claimable')).toBe(true);
    const [n] = rowsOf<{ n: number }>(await t.deps.db.execute(sql`select count(*)::int as n from picks where order_id = ${order.id}`));
    expect(n!.n).toBe(1);
    const events = rowsOf<{ n: number }>(await t.deps.db.execute(sql`select count(*)::int as n from order_events where order_id = ${order.id} and status = 'packing'`));
    expect(events[0]!.n).toBe(1);
  });

  it('when 8 pickers press "next" at once on 8 orders, then each gets a different order', async () => {
    const f = await createFloor(t);
    const line = await createFloorLine(t.deps.db, f.store.id, { onHand: 50 });
    for (let i = 0; i < 8; i += 1) await createWaitingOrder(t, f, [{ variant: line, quantity: 1 }]);
    const pickers = await Promise.all(Array.from({ length: 8 }, (_, i) => createUser(t, { role: 'picker', storeId: f.store.id, name: `N${i}` })));
    const results = await Promise.all(pickers.map((p) => clientAs(t, p).post('/api/ops/picks/claim', {})));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(results.map((r) => r.body.pick.orderId)).size).toBe(8);
  });

  it('when a picker already holds an order, then a second claim is 409 unless the manager turned batching on', async () => {
    const f = await createFloor(t);
    const line = await createFloorLine(t.deps.db, f.store.id);
    const a = await createWaitingOrder(t, f, [{ variant: line, quantity: 1 }]);
    const b = await createWaitingOrder(t, f, [{ variant: line, quantity: 1 }]);
    expect((await f.as.picker.post('/api/ops/picks/claim', { orderId: a.id })).status).toBe(200);
    const twice = await Promise.all([
      f.as.picker.post('/api/ops/picks/claim', { orderId: b.id }),
      f.as.picker.post('/api/ops/picks/claim', {}),
    ]);
    expect(twice.map((r) => r.status)).toEqual([409, 409]);
    expect(twice[0]!.body.error).toMatchObject({ code: 'already_picking' });
    expect(twice[0]!.body.error.message).toContain(a.number);
    await t.deps.db.update(stores).set({ pickBatching: true }).where(eq(stores.id, f.store.id));
    const batched = await f.as.picker.post('/api/ops/picks/claim', { orderId: b.id });
    expect(batched.status).toBe(200);
    expect((await f.as.picker.get('/api/ops/picks')).body).toMatchObject({ batching: true, mine: [{ orderId: a.id }, { orderId: b.id }] });
  });

  it('when the order is not confirmed or at another store, then 409 not_claimable or 404', async () => {
    const f = await createFloor(t);
    const other = await createFloor(t);
    const line = await createFloorLine(t.deps.db, f.store.id);
    const cancelled = await createWaitingOrder(t, f, [{ variant: line, quantity: 1 }]);
    await transitionOrder(t.deps, cancelled.id, 'cancelled', SYSTEM_ACTOR);
    const res = await f.as.picker.post('/api/ops/picks/claim', { orderId: cancelled.id });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'not_claimable' });
    const theirs = await createWaitingOrder(t, other, [{ variant: await createFloorLine(t.deps.db, other.store.id), quantity: 1 }]);
    expect((await f.as.picker.post('/api/ops/picks/claim', { orderId: theirs.id })).status).toBe(404);
    expect(await statusOf(theirs.id)).toBe('confirmed');
  });
});

describe('POST /api/ops/picks/:orderId/lines/:variantId', () => {
  async function claimed(quantity = 2, onHand = 10) {
    const f = await createFloor(t);
    const line = await createFloorLine(t.deps.db, f.store.id, { onHand });
    const decoy = await createFloorLine(t.deps.db, f.store.id, { name: 'Amul Taaza Milk' });
    const order = await createWaitingOrder(t, f, [{ variant: line, quantity }]);
    expect((await f.as.picker.post('/api/ops/picks/claim', { orderId: order.id })).status).toBe(200);
    return { f, line, decoy, order, url: `/api/ops/picks/${order.id}/lines/${line.id}` };
  }

  it("when the line's barcode is scanned, then it is found and scanned; answering the same again changes nothing", async () => {
    const { f, line, url } = await claimed(2);
    const res = await f.as.picker.post(url, { found: 2, barcode: line.barcode });
    expect(res.status).toBe(200);
    expect(res.body.pick.lines[0]).toMatchObject({ found: 2, scanned: true, reason: null });
    expect(res.body.pick).toMatchObject({ done: 1, total: 1 });
    expect((await f.as.picker.post(url, { found: 2, barcode: line.barcode })).status).toBe(200);
    const changed = await f.as.picker.post(url, { found: 1, reason: 'damaged' });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('line_answered');
  });

  it('when a wrong barcode is scanned, then 422 names what was scanned and the line stays open', async () => {
    const { f, line, decoy, order, url } = await claimed(1);
    const wrong = await f.as.picker.post(url, { found: 1, barcode: decoy.barcode });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('wrong_item');
    expect(wrong.body.error.message).toBe(`You scanned Amul Taaza Milk (500 g); this line is ${line.name} (500 g)`);
    const unknown = await f.as.picker.post(url, { found: 1, barcode: '0000000000000' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toContain('barcode 0000000000000');
    const view = await f.as.picker.get(`/api/ops/picks/${order.id}`);
    expect(view.body.pick.lines[0]).toMatchObject({ found: null });
  });

  it('when a line is confirmed by hand, then it is found but logged as unscanned', async () => {
    const { f, url } = await claimed(1);
    const res = await f.as.picker.post(url, { found: 1 });
    expect(res.body.pick.lines[0]).toMatchObject({ found: 1, scanned: false });
  });

  it('when a line is short for not on shelf, then the reservation drops and the shelf reads sold out, with a movement naming the picker', async () => {
    // 10 on hand; this order reserves 2 and another order 3.
    const { f, line, order, url } = await claimed(2, 10);
    await createWaitingOrder(t, f, [{ variant: line, quantity: 3 }]);
    expect(await stockOf(t.deps.db, f.store.id, line.id)).toEqual({ onHand: 10, reserved: 5 });
    const noReason = await f.as.picker.post(url, { found: 1 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/^body\.reason/);
    const res = await f.as.picker.post(url, { found: 1, reason: 'not_on_shelf' });
    expect(res.status).toBe(200);
    expect(res.body.pick.lines[0]).toMatchObject({ found: 1, reason: 'not_on_shelf' });
    // The shelf held only the one unit found: what is left belongs to the other order, nothing to sell.
    expect(await stockOf(t.deps.db, f.store.id, line.id)).toEqual({ onHand: 4, reserved: 4 });
    const moves = await t.deps.db.select().from(stockMovements).where(and(eq(stockMovements.orderId, order.id), eq(stockMovements.variantId, line.id)));
    expect(moves).toEqual([
      expect.objectContaining({ deltaOnHand: -6, deltaReserved: -1, reason: 'inventory discrepancy: not on shelf', actorId: f.picker.id }),
    ]);
    // Packed and delivered, the order consumes only the unit it still holds.
    expect((await f.as.picker.post(`/api/ops/picks/${order.id}/packed`, { bags: 1 })).status).toBe(200);
    await transitionOrder(t.deps, order.id, 'out_for_delivery', SYSTEM_ACTOR);
    await transitionOrder(t.deps, order.id, 'delivered', SYSTEM_ACTOR);
    expect(await stockOf(t.deps.db, f.store.id, line.id)).toEqual({ onHand: 3, reserved: 3 });
  });

  it('when a line is short for damage, then only the missing units are written off; a cancel releases only what is held', async () => {
    const { f, line, order, url } = await claimed(3, 10);
    const res = await f.as.picker.post(url, { found: 1, reason: 'damaged' });
    expect(res.status).toBe(200);
    expect(await stockOf(t.deps.db, f.store.id, line.id)).toEqual({ onHand: 8, reserved: 1 });
    await transitionOrder(t.deps, order.id, 'cancelled', SYSTEM_ACTOR);
    expect(await stockOf(t.deps.db, f.store.id, line.id)).toEqual({ onHand: 8, reserved: 0 });
  });

  it('when the input is off, then a 400 names the field', async () => {
    const { f, url } = await claimed(2);
    for (const body of [{ found: 3 }, { found: -1 }, { found: 2, reason: 'damaged' }, { found: 1, reason: 'stolen' }, { found: 'two' }, { found: 2, extra: 1 }]) {
      const res = await f.as.picker.post(url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toMatch(/^body/);
    }
  });

  it('when another picker answers a line of my pick, then 403 naming me; my manager may finish it', async () => {
    const { f, line, url } = await claimed(1);
    const res = await f.as.picker2.post(url, { found: 1 });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('Ravi Kumar');
    expect((await f.as.manager.post(url, { found: 1, barcode: line.barcode })).status).toBe(200);
  });
});

describe('POST /api/ops/picks/:orderId/packed', () => {
  it('when every line is answered and the bags are counted, then the order is packed and the label carries a QR of the order id', async () => {
    const f = await createFloor(t);
    const a = await createFloorLine(t.deps.db, f.store.id);
    const b = await createFloorLine(t.deps.db, f.store.id, { temperature: 'chilled', bin: 'R-01-A-1' });
    const order = await createWaitingOrder(t, f, [{ variant: a, quantity: 1 }, { variant: b, quantity: 1 }]);
    await f.as.picker.post('/api/ops/picks/claim', { orderId: order.id });
    await f.as.picker.post(`/api/ops/picks/${order.id}/lines/${a.id}`, { found: 1, barcode: a.barcode });
    const early = await f.as.picker.post(`/api/ops/picks/${order.id}/packed`, { bags: 2 });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'lines_open', message: '1 line(s) are not picked yet' });
    await f.as.picker.post(`/api/ops/picks/${order.id}/lines/${b.id}`, { found: 1 });
    expect((await f.as.picker.post(`/api/ops/picks/${order.id}/packed`, { bags: 0 })).status).toBe(400);
    const res = await f.as.picker.post(`/api/ops/picks/${order.id}/packed`, { bags: 2 });
    expect(res.status).toBe(200);
    expect(res.body.pick).toMatchObject({ status: 'packed', bags: 2 });
    expect(res.body.pick.packedAt).toEqual(expect.any(String));
    expect(res.body.label).toMatchObject({ orderId: order.id, number: order.number, customerFirstName: 'Asha', bags: 2, qrText: order.id });
    expect(res.body.label.qrSvg).toMatch(/^<svg[^>]*viewBox/);
    expect(await statusOf(order.id)).toBe('packed');
    const again = await f.as.picker.post(`/api/ops/picks/${order.id}/packed`, { bags: 2 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('pick_closed');
    expect((await f.as.picker.get(`/api/ops/picks/${order.id}/label`)).body).toMatchObject({ bags: 2, qrText: order.id });
    // Free again: the picker may claim the next order.
    expect((await f.as.picker.get('/api/ops/picks')).body.mine).toEqual([]);
  });
});
