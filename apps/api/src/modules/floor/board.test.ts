/** The floor board: stage times and breaches of real picks, budgets, a day's percentiles and rates, who may look. */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, orderEvents, orders, pickLines, picks, stores } from '../../db/schema/index';
import { clientAs, createUser } from '../../test/factories';
import type { HttpClient } from '../../test/http-client';
import { startTestApp, type TestApp } from '../../test/harness';
import { dispatchStore } from '../dispatch/dispatch.service';
import { SYSTEM_ACTOR, transitionOrder } from '../orders/order-state';
import { percentile } from './board.service';
import { createFloor, createFloorLine, createWaitingOrder, type FloorLine } from './floor.factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const ago = (s: number) => new Date(Date.now() - s * 1000);

/** A picker's whole pick over HTTP: claim the order, answer each line (by its barcode), seal it in one bag. */
async function pickAll(as: HttpClient, orderId: string, answers: Array<{ line: FloorLine; found: number; reason?: string }>, pack = true) {
  expect((await as.post('/api/ops/picks/claim', { orderId })).status).toBe(200);
  for (const a of answers) {
    const res = await as.post(`/api/ops/picks/${orderId}/lines/${a.line.id}`, {
      found: a.found,
      ...(a.line.barcode ? { barcode: a.line.barcode } : {}),
      ...(a.reason ? { reason: a.reason } : {}),
    });
    expect(res.status, res.text).toBe(200);
  }
  if (pack) expect((await as.post(`/api/ops/picks/${orderId}/packed`, { bags: 1 })).status).toBe(200);
}

/** Moves an order's recorded moments: the queue (its confirmed event), the claim, the pack, the lines answered. */
async function setMoments(orderId: string, m: { placed?: Date; claimed?: Date; packed?: Date; lines?: Date }) {
  const db = t.deps.db;
  if (m.placed) {
    await db.update(orders).set({ createdAt: m.placed }).where(eq(orders.id, orderId));
    await db.update(orderEvents).set({ createdAt: m.placed }).where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.status, 'confirmed')));
  }
  if (m.claimed) {
    await db.update(picks).set({ claimedAt: m.claimed }).where(eq(picks.orderId, orderId));
    await db.update(orderEvents).set({ createdAt: m.claimed }).where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.status, 'packing')));
  }
  if (m.packed) {
    await db.update(picks).set({ packedAt: m.packed }).where(eq(picks.orderId, orderId));
    await db.update(orderEvents).set({ createdAt: m.packed }).where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.status, 'packed')));
  }
  if (m.lines) await db.update(pickLines).set({ pickedAt: m.lines }).where(and(eq(pickLines.orderId, orderId), sql`${pickLines.pickedAt} is not null`));
}

type Stage = { stage: string; seconds: number | null; breach: boolean; budgetS: number; startedAt: string | null; endedAt: string | null };
const stage = (order: { stages: Stage[] }, name: string): Stage => order.stages.find((s) => s.stage === name)!;
const near = (value: number | null, want: number) => value !== null && Math.abs(value - want) <= 3;

describe('GET /api/admin/floor/board', () => {
  it('when orders wait, are picked and are packed, then each shows its time per stage against the budgets, breaches flagged, pickers with what they pick', async () => {
    const f = await createFloor(t);
    const a = await createFloorLine(t.deps.db, f.store.id);
    const b = await createFloorLine(t.deps.db, f.store.id);
    const waiting = await createWaitingOrder(t, f, [{ variant: a, quantity: 1 }]);
    const picking = await createWaitingOrder(t, f, [{ variant: a, quantity: 1 }, { variant: b, quantity: 2 }]);
    const packed = await createWaitingOrder(t, f, [{ variant: b, quantity: 1 }]);
    await pickAll(f.as.picker, picking.id, [{ line: a, found: 1 }], false);
    await pickAll(f.as.picker2, packed.id, [{ line: b, found: 1 }]);
    // Waiting 90 s (over the 60 s claim budget); claimed after 30 s and picking for 200 s (over 150 s);
    // claimed after 20 s, packed in 100 s, and the bag waiting 40 s for a rider.
    await setMoments(waiting.id, { placed: ago(90) });
    await setMoments(picking.id, { placed: ago(230), claimed: ago(200) });
    await setMoments(packed.id, { placed: ago(160), claimed: ago(140), packed: ago(40) });

    const res = await f.as.manager.get('/api/admin/floor/board');
    expect(res.status, res.text).toBe(200);
    const body = res.body;
    expect(body).toMatchObject({ storeId: f.store.id, budgets: { claim: 60, pack: 150, pickup: 120, deliver: 900 }, queue: { waiting: 1, picking: 1 } });
    expect(body.orders.map((o: { orderId: string }) => o.orderId).sort()).toEqual([waiting.id, picking.id, packed.id].sort());
    const of = (id: string) => body.orders.find((o: { orderId: string }) => o.orderId === id);

    const w = of(waiting.id);
    expect(w).toMatchObject({ stage: 'claim', picker: null, linesDone: 0, linesTotal: 1, breach: true });
    expect(near(stage(w, 'claim').seconds, 90)).toBe(true);
    expect(stage(w, 'claim')).toMatchObject({ breach: true, budgetS: 60, endedAt: null });
    expect(stage(w, 'pack')).toMatchObject({ seconds: null, breach: false, startedAt: null });

    const p = of(picking.id);
    expect(p).toMatchObject({ stage: 'pack', picker: { id: f.picker.id, name: 'Ravi Kumar' }, linesDone: 1, linesTotal: 2, breach: true });
    expect(stage(p, 'claim')).toMatchObject({ seconds: 30, breach: false });
    expect(near(stage(p, 'pack').seconds, 200)).toBe(true);
    expect(stage(p, 'pack').breach).toBe(true);

    const k = of(packed.id);
    expect(k).toMatchObject({ stage: 'pickup', picker: { id: f.picker2.id }, linesDone: 1, linesTotal: 1, breach: false });
    expect(stage(k, 'claim')).toMatchObject({ seconds: 20, breach: false });
    expect(stage(k, 'pack')).toMatchObject({ seconds: 100, breach: false });
    expect(near(stage(k, 'pickup').seconds, 40)).toBe(true);
    expect(stage(k, 'deliver').seconds).toBeNull();
    expect(body.breaches).toBe(2);

    const ravi = body.pickers.find((x: { id: string }) => x.id === f.picker.id);
    expect(ravi).toMatchObject({ state: 'picking', packedToday: 0, picks: [{ orderId: picking.id, number: picking.number, done: 1, total: 2, breach: true }] });
    expect(Math.abs(Date.parse(ravi.picks[0].since) - ago(200).getTime())).toBeLessThan(3000);
    expect(body.pickers.find((x: { id: string }) => x.id === f.picker2.id)).toMatchObject({ state: 'idle', packedToday: 1, picks: [] });
  });

  it('when a packed order has waited for a rider past the dispatch threshold, then the board lists it as needing a rider with the breach alert', async () => {
    const f = await createFloor(t);
    const line = await createFloorLine(t.deps.db, f.store.id);
    const order = await createWaitingOrder(t, f, [{ variant: line, quantity: 1 }]);
    await pickAll(f.as.picker, order.id, [{ line, found: 1 }]);
    await dispatchStore(t.deps, f.store.id);
    const fresh = await f.as.manager.get('/api/admin/floor/board');
    expect(fresh.body.dispatch.needsRider).toEqual([expect.objectContaining({ orderId: order.id, breach: false })]);
    expect(fresh.body.riderBreaches).toBe(0);
    await t.deps.db.update(deliveries).set({ waitingSince: ago(600) }).where(eq(deliveries.orderId, order.id));
    const late = await f.as.manager.get('/api/admin/floor/board');
    expect(late.body.dispatch.needsRider).toEqual([expect.objectContaining({ orderId: order.id, breach: true })]);
    expect(late.body.riderBreaches).toBe(1);
    // The same list the dispatch board answers.
    expect(late.body.dispatch).toEqual((await f.as.manager.get('/api/dispatch/board')).body);
  });

  it('when the manager sets longer budgets, then the same wait is no breach; bad budgets are 400 naming the field', async () => {
    const f = await createFloor(t);
    const line = await createFloorLine(t.deps.db, f.store.id);
    const order = await createWaitingOrder(t, f, [{ variant: line, quantity: 1 }]);
    await setMoments(order.id, { placed: ago(90) });
    const put = await f.as.manager.put('/api/admin/floor/budgets', { claim: 120, pack: 300, pickup: 180, deliver: 1200 });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toEqual({ storeId: f.store.id, budgets: { claim: 120, pack: 300, pickup: 180, deliver: 1200 } });
    expect((await f.as.manager.get('/api/admin/floor/budgets')).body.budgets.claim).toBe(120);
    const board = await f.as.manager.get('/api/admin/floor/board');
    expect(board.body.orders[0]).toMatchObject({ orderId: order.id, breach: false });
    expect(stage(board.body.orders[0], 'claim')).toMatchObject({ budgetS: 120, breach: false });

    const bad: Array<[unknown, string]> = [
      [{ claim: 2, pack: 300, pickup: 180, deliver: 1200 }, 'body.claim'],
      [{ claim: 60, pack: 300, pickup: 180, deliver: 99_999 }, 'body.deliver'],
      [{ claim: 60, pack: 300, deliver: 1200 }, 'body.pickup'],
      [{ claim: 60, pack: 12.5, pickup: 180, deliver: 1200 }, 'body.pack'],
      [{ claim: 60, pack: 300, pickup: 180, deliver: 1200, batching: true }, 'body'],
    ];
    for (const [body, field] of bad) {
      const res = await f.as.manager.put('/api/admin/floor/budgets', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(res.body.error.message.startsWith(field), res.body.error.message).toBe(true);
    }
    expect((await f.as.manager.get('/api/admin/floor/board?storeId=nope')).body.error.message).toMatch(/^query\.storeId/);
    const badDate = await f.as.manager.get('/api/admin/floor/stats?date=2026-13-01');
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toMatch(/^query\.date/);
    const [row] = await t.deps.db.select({ claim: stores.claimBudgetS }).from(stores).where(eq(stores.id, f.store.id));
    expect(row!.claim).toBe(120);
  });
});

describe('GET /api/admin/floor/stats', () => {
  it('when the sorted values are interpolated, then p50 and p90 are those of PostgreSQL percentile_cont', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([10, 20, 30, 40, 100], 0.5)).toBe(30);
    expect(percentile([10, 20, 30, 40, 100], 0.9)).toBeCloseTo(76);
    expect(percentile([30, 90], 0.5)).toBe(60);
  });

  it("when a day's picks are done, then the day in the store's zone has p50/p90 per stage, units per hour per picker and the short rate by reason", async () => {
    const f = await createFloor(t);
    const db = t.deps.db;
    const lines = await Promise.all(Array.from({ length: 6 }, () => createFloorLine(db, f.store.id, { onHand: 20 })));
    const [l1, l2, l3, l4, l4b, l5] = lines as [FloorLine, FloorLine, FloorLine, FloorLine, FloorLine, FloorLine];
    const made = [];
    for (const [line, extra] of [[l1], [l2], [l3], [l4, l4b], [l5]] as Array<[FloorLine, FloorLine?]>) {
      made.push(await createWaitingOrder(t, f, [{ variant: line, quantity: 2 }, ...(extra ? [{ variant: extra, quantity: 1 }] : [])]));
    }
    const [o1, o2, o3, o4, o5] = made as [(typeof made)[number], (typeof made)[number], (typeof made)[number], (typeof made)[number], (typeof made)[number]];
    await pickAll(f.as.picker, o1.id, [{ line: l1, found: 2 }]);
    await pickAll(f.as.picker, o2.id, [{ line: l2, found: 2 }]);
    await pickAll(f.as.picker, o3.id, [{ line: l3, found: 2 }]);
    await pickAll(f.as.picker2, o4.id, [{ line: l4, found: 2 }, { line: l4b, found: 0, reason: 'expired' }]);
    await pickAll(f.as.picker2, o5.id, [{ line: l5, found: 1, reason: 'damaged' }]);
    for (const id of [o1.id, o2.id]) {
      await transitionOrder(t.deps, id, 'out_for_delivery', SYSTEM_ACTOR);
      await transitionOrder(t.deps, id, 'delivered', SYSTEM_ACTOR);
    }
    // 20 November 2026 in India starts at 18:30 UTC on the 19th; the orders come in from 10:00 IST.
    const day = Date.parse('2026-11-19T18:30:00Z');
    const at = (s: number) => new Date(day + 10 * 3_600_000 + s * 1000);
    const claimS = [10, 20, 30, 40, 100];
    const packS = [60, 120, 180, 240, 300];
    for (const [i, o] of made.entries()) {
      const placed = i * 600;
      await setMoments(o.id, { placed: at(placed), claimed: at(placed + claimS[i]!), packed: at(placed + claimS[i]! + packS[i]!), lines: at(placed + claimS[i]! + 5) });
    }
    for (const [i, o] of [o1, o2].entries()) {
      const packedAt = claimS[i]! + packS[i]! + i * 600;
      await db.update(orderEvents).set({ createdAt: at(packedAt + [30, 90][i]!) }).where(and(eq(orderEvents.orderId, o.id), eq(orderEvents.status, 'out_for_delivery')));
      await db.update(orderEvents).set({ createdAt: at(packedAt + 600) }).where(and(eq(orderEvents.orderId, o.id), eq(orderEvents.status, 'delivered')));
    }
    // One more order came in a minute before the day began (23:59 IST on the 19th): it is the 19th's.
    const late = await createWaitingOrder(t, f, [{ variant: l1, quantity: 1 }]);
    await setMoments(late.id, { placed: new Date(day - 60_000) });

    const res = await f.as.manager.get('/api/admin/floor/stats?date=2026-11-20');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ storeId: f.store.id, date: '2026-11-20', timeZone: 'Asia/Kolkata' });
    expect(res.body.stages).toEqual([
      { stage: 'claim', count: 5, p50S: 30, p90S: 76, budgetS: 60, breaches: 1 },
      { stage: 'pack', count: 5, p50S: 180, p90S: 276, budgetS: 150, breaches: 3 },
      { stage: 'pickup', count: 2, p50S: 60, p90S: 84, budgetS: 120, breaches: 0 },
      { stage: 'deliver', count: 2, p50S: 540, p90S: 564, budgetS: 900, breaches: 0 },
    ]);
    expect(res.body.pickers).toEqual([
      { pickerId: f.picker2.id, name: 'Pooja Singh', picks: 2, units: 3, pickingSeconds: 540, itemsPerHour: 20 },
      { pickerId: f.picker.id, name: 'Ravi Kumar', picks: 3, units: 6, pickingSeconds: 360, itemsPerHour: 60 },
    ]);
    expect(res.body.shortPicks).toEqual({
      lines: 6,
      shortLines: 2,
      rate: 0.3333,
      byReason: [
        { reason: 'not_on_shelf', lines: 0, units: 0, rate: 0 },
        { reason: 'damaged', lines: 1, units: 1, rate: 0.1667 },
        { reason: 'expired', lines: 1, units: 1, rate: 0.1667 },
      ],
    });

    const before = await f.as.manager.get('/api/admin/floor/stats?date=2026-11-19');
    expect(before.body.stages[0]).toMatchObject({ stage: 'claim', count: 0, p50S: null });
    expect(before.body.pickers).toEqual([]);
    // The 19th's order is still waiting: it went through no stage yet, but it was placed that day.
    await db.update(stores).set({ timeZone: 'UTC' }).where(eq(stores.id, f.store.id));
    const utc = await f.as.manager.get('/api/admin/floor/stats?date=2026-11-20');
    expect(utc.body.timeZone).toBe('UTC');
    // In UTC the day begins 5.5 hours later: the same picks still fall on the 20th, the 23:59 IST order does not.
    expect(utc.body.stages[0]).toMatchObject({ count: 5 });
  });
});

describe('who may see the floor board', () => {
  it('when each role asks, then managers see their own store, admins any store they name, everyone else is refused', async () => {
    const f = await createFloor(t);
    const other = await createFloor(t);
    const rider = await createUser(t, { role: 'rider', storeId: f.store.id });
    const admin = await createUser(t, { role: 'admin' });
    const as = {
      anonymous: t.client(),
      customer: f.as.customer,
      picker: f.as.picker,
      rider: clientAs(t, rider),
      manager: f.as.manager,
      admin: clientAs(t, admin),
    };
    const budgets = { claim: 60, pack: 150, pickup: 120, deliver: 900 };
    const calls: Array<{ who: keyof typeof as; method: 'get' | 'put'; path: string; want: number }> = [];
    for (const path of ['/api/admin/floor/board', '/api/admin/floor/stats', '/api/admin/floor/budgets']) {
      calls.push(
        { who: 'anonymous', method: 'get', path, want: 401 },
        { who: 'customer', method: 'get', path, want: 403 },
        { who: 'picker', method: 'get', path, want: 403 },
        { who: 'rider', method: 'get', path, want: 403 },
        { who: 'manager', method: 'get', path, want: 200 },
        { who: 'manager', method: 'get', path: `${path}?storeId=${f.store.id}`, want: 200 },
        { who: 'manager', method: 'get', path: `${path}?storeId=${other.store.id}`, want: 403 },
        { who: 'admin', method: 'get', path, want: 400 },
        { who: 'admin', method: 'get', path: `${path}?storeId=${other.store.id}`, want: 200 },
        { who: 'admin', method: 'get', path: `${path}?storeId=00000000-0000-4000-8000-000000000009`, want: 404 },
      );
    }
    for (const who of ['anonymous', 'customer', 'picker', 'rider'] as const) calls.push({ who, method: 'put', path: '/api/admin/floor/budgets', want: who === 'anonymous' ? 401 : 403 });
    calls.push(
      { who: 'manager', method: 'put', path: `/api/admin/floor/budgets?storeId=${other.store.id}`, want: 403 },
      { who: 'admin', method: 'put', path: `/api/admin/floor/budgets?storeId=${other.store.id}`, want: 200 },
    );
    const wrong: string[] = [];
    for (const c of calls) {
      const res = c.method === 'get' ? await as[c.who].get(c.path) : await as[c.who].put(c.path, budgets);
      if (res.status !== c.want) wrong.push(`${c.who} ${c.method} ${c.path}: ${res.status}, wanted ${c.want}`);
    }
    expect(wrong).toEqual([]);
    // The other store's board shows nothing of this one.
    const seen = await as.admin.get(`/api/admin/floor/board?storeId=${other.store.id}`);
    expect(seen.body.pickers.map((p: { id: string }) => p.id).sort()).toEqual([other.picker.id, other.picker2.id].sort());
  });
});
