import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, deliveryOffers, riderCash, stockMovements } from '../../db/schema/index';
import { clientAs, createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import { stockOf } from '../orders/order.factories';
import { dispatchStore } from './dispatch.service';
import { createDispatchStore, createPackedOrder, createRider, offset, sendPosition, STORE_AT, wrongCode } from './dispatch.factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ DISPATCH_UNREACHABLE_WAIT_SECONDS: '1', DISPATCH_BREACH_SECONDS: '1' });
});
afterAll(async () => {
  await t.close();
});

const deliveryOf = async (orderId: string) => (await t.deps.db.select().from(deliveries).where(eq(deliveries.orderId, orderId)))[0];
const openOfferOf = async (orderId: string) =>
  (await t.deps.db.select().from(deliveryOffers).where(and(eq(deliveryOffers.orderId, orderId), eq(deliveryOffers.status, 'open'))))[0];

describe('rider shifts and positions', () => {
  it('when a rider goes on duty, pings and goes off duty, then the shift opens and closes and pings off duty are refused', async () => {
    const store = await createDispatchStore(t);
    const rider = await createRider(t, store.id, { onDuty: false });
    expect((await sendPosition(rider.client, STORE_AT)).status).toBe(409);
    const on = await rider.client.post('/api/rider/shift', { onDuty: true });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ onDuty: true, shift: { deliveries: 0, cashInHand: 0, endedAt: null } });
    const again = await rider.client.post('/api/rider/shift', { onDuty: true });
    expect(again.body.shift.id).toBe(on.body.shift.id);
    const ping = await sendPosition(rider.client, STORE_AT);
    expect(ping.status).toBe(202);
    expect(ping.body).toEqual({ accepted: true, reason: null });
    const off = await rider.client.post('/api/rider/shift', { onDuty: false });
    expect(off.body).toEqual({ onDuty: false, shift: null });
    expect((await sendPosition(rider.client, STORE_AT)).status).toBe(409);
  });

  it('when a position is inaccurate, from the future, stale or an impossible jump, then it is ignored with the reason', async () => {
    const store = await createDispatchStore(t);
    const rider = await createRider(t, store.id, { at: STORE_AT });
    expect((await sendPosition(rider.client, STORE_AT, { accuracy: 900 })).body).toEqual({ accepted: false, reason: 'inaccurate' });
    expect((await sendPosition(rider.client, STORE_AT, { when: new Date(Date.now() + 5 * 60_000) })).body.reason).toBe('future');
    expect((await sendPosition(rider.client, STORE_AT, { when: new Date(Date.now() - 10 * 60_000) })).body.reason).toBe('stale');
    // 20 km in a few seconds.
    expect((await sendPosition(rider.client, offset(STORE_AT, 20_000, 0), { when: new Date(Date.now() + 2000) })).body.reason).toBe('jump');
    expect((await sendPosition(rider.client, offset(STORE_AT, 30, 0), { when: new Date(Date.now() + 3000) })).body.accepted).toBe(true);
  });

  it('when the body is not a position, then 400 names the field', async () => {
    const store = await createDispatchStore(t);
    const rider = await createRider(t, store.id);
    const res = await rider.client.post('/api/rider/location', { lat: 123, lng: 77, accuracy: 5, at: new Date().toISOString() });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('body.lat');
  });

  it('when a rider still holds an order, then going off duty is refused', async () => {
    const store = await createDispatchStore(t);
    const rider = await createRider(t, store.id, { at: STORE_AT });
    const order = await createPackedOrder(t, store);
    await dispatchStore(t.deps, store.id);
    expect((await rider.client.post(`/api/rider/tasks/${order.id}/accept`)).status).toBe(200);
    const off = await rider.client.post('/api/rider/shift', { onDuty: false });
    expect(off.status).toBe(409);
    expect(off.body.error.code).toBe('tasks_open');
  });
});

describe('dispatch', () => {
  it('when an order is packed, then the nearest free rider is offered it, and fewest deliveries breaks a tie', async () => {
    const store = await createDispatchStore(t);
    const far = await createRider(t, store.id, { at: offset(STORE_AT, 2000, 0) });
    const near = await createRider(t, store.id, { at: offset(STORE_AT, 100, 0) });
    await createRider(t, store.id); // no position yet: asked last
    const order = await createPackedOrder(t, store);
    expect(await dispatchStore(t.deps, store.id)).toBe(1);
    expect((await openOfferOf(order.id))!.riderId).toBe(near.user.id);
    const tasks = await near.client.get('/api/rider/tasks');
    expect(tasks.body.tasks).toHaveLength(1);
    expect(tasks.body.tasks[0]).toMatchObject({ orderId: order.id, state: 'offered', amountDue: order.total, paymentMethod: 'cod' });
    expect(Date.parse(tasks.body.tasks[0].offerExpiresAt) - Date.now()).toBeGreaterThan(25_000);
    expect((await far.client.get('/api/rider/tasks')).body.tasks).toEqual([]);
  });

  it('when the rider declines or lets the offer lapse, then the next rider is offered it; nobody left, it waits with a breach', async () => {
    const store = await createDispatchStore(t);
    const a = await createRider(t, store.id, { at: offset(STORE_AT, 50, 0) });
    const b = await createRider(t, store.id, { at: offset(STORE_AT, 500, 0) });
    const order = await createPackedOrder(t, store);
    await dispatchStore(t.deps, store.id);
    expect((await openOfferOf(order.id))!.riderId).toBe(a.user.id);
    expect((await a.client.post(`/api/rider/tasks/${order.id}/decline`)).status).toBe(200);
    expect((await openOfferOf(order.id))!.riderId).toBe(b.user.id);
    // b does not answer within 30 s.
    await dispatchStore(t.deps, store.id, new Date(Date.now() + 31_000));
    expect(await openOfferOf(order.id)).toBeUndefined();
    expect((await deliveryOf(order.id))!.state).toBe('waiting');
    const late = await b.client.post(`/api/rider/tasks/${order.id}/accept`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('offer_gone');

    await new Promise((r) => setTimeout(r, 1100));
    const manager = clientAs(t, await createUser(t, { role: 'staff', storeId: store.id }));
    const boardRes = await manager.get('/api/dispatch/board');
    expect(boardRes.status).toBe(200);
    expect(boardRes.body.needsRider).toEqual([expect.objectContaining({ orderId: order.id, state: 'waiting', breach: true, riderId: null })]);
    // The manager gives it to a by hand.
    const assigned = await manager.post(`/api/dispatch/${order.id}/assign`, { riderId: a.user.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body.active).toEqual([expect.objectContaining({ orderId: order.id, state: 'assigned', riderId: a.user.id })]);
    expect((await a.client.get('/api/rider/tasks')).body.tasks[0]).toMatchObject({ orderId: order.id, state: 'assigned' });
  });

  it('when two packed orders drop close together and the promise holds, then the second goes to the same rider; a far one does not', async () => {
    const store = await createDispatchStore(t);
    const a = await createRider(t, store.id, { at: offset(STORE_AT, 20, 0) });
    const b = await createRider(t, store.id, { at: offset(STORE_AT, 900, 0) });
    const first = await createPackedOrder(t, store, { drop: offset(STORE_AT, 1500, 0) });
    await dispatchStore(t.deps, store.id);
    await a.client.post(`/api/rider/tasks/${first.id}/accept`);
    const near = await createPackedOrder(t, store, { drop: offset(STORE_AT, 1700, 200) });
    const tight = await createPackedOrder(t, store, { drop: offset(STORE_AT, 1600, 100), promisedInMinutes: 3 });
    await dispatchStore(t.deps, store.id);
    expect((await openOfferOf(near.id))!.riderId).toBe(a.user.id);
    // Its promise would break with the detour: a free rider takes it instead.
    expect((await openOfferOf(tight.id))!.riderId).toBe(b.user.id);
    await a.client.post(`/api/rider/tasks/${near.id}/accept`);
    const far = await createPackedOrder(t, store, { drop: offset(STORE_AT, -3000, 0) });
    await dispatchStore(t.deps, store.id);
    // a holds two already; b has an open offer: nobody free.
    expect(await openOfferOf(far.id)).toBeUndefined();
    expect((await a.client.get('/api/rider/tasks')).body.tasks.map((x: { orderId: string }) => x.orderId)).toEqual([first.id, near.id]);
  });
});

describe('pickup, handover and cash', () => {
  async function assignedTo(opts: Parameters<typeof createPackedOrder>[2] = {}, riderAt = STORE_AT) {
    const store = await createDispatchStore(t);
    const rider = await createRider(t, store.id, { at: riderAt, name: 'Manoj Kumar' });
    const order = await createPackedOrder(t, store, opts);
    await dispatchStore(t.deps, store.id);
    const accepted = await rider.client.post(`/api/rider/tasks/${order.id}/accept`);
    expect(accepted.status).toBe(200);
    return { store, rider, order };
  }

  it('when the rider scans the wrong bag, then 422; the right one moves the order out for delivery with a navigation link', async () => {
    const { rider, order } = await assignedTo();
    const wrong = await rider.client.post(`/api/rider/tasks/${order.id}/pickup`, { scan: 'FF-NOTTHIS' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('wrong_bag');
    // The floor's bag label QR carries the order id.
    const res = await rider.client.post(`/api/rider/tasks/${order.id}/pickup`, { scan: order.id });
    expect(res.status).toBe(200);
    expect(res.body.task).toMatchObject({ state: 'picked_up' });
    expect(res.body.task.navigation.geoUri).toBe(`geo:${order.drop.lat},${order.drop.lng}?q=${order.drop.lat},${order.drop.lng}`);
    expect(res.body.task.navigation.mapsUrl).toContain('destination=');
    const view = await order.customerClient.get(`/api/order/${order.id}`);
    expect(view.body.order.status).toBe('out_for_delivery');
    const again = await rider.client.post(`/api/rider/tasks/${order.id}/pickup`, { scan: order.number });
    expect(again.status).toBe(409);
  });

  it('when an order is still being packed, then the rider may accept it but not pick it up', async () => {
    const { rider, order } = await assignedTo({ status: 'packing' });
    const res = await rider.client.post(`/api/rider/tasks/${order.id}/pickup`, { scan: order.number });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('not_packed');
  });

  it('when the customer tracks the order, then they see the code, the rider first name and the store number; staff and the rider never see the code', async () => {
    const { store, rider, order } = await assignedTo();
    const mine = await order.customerClient.get(`/api/order/${order.id}`);
    expect(mine.body.order.deliveryCode).toBe(order.code);
    expect(mine.body.order.delivery).toMatchObject({ supportPhone: '+918011112222', store: STORE_AT, rider: { name: 'Manoj', position: null, trail: [] } });
    expect(JSON.stringify(mine.body)).not.toContain(rider.user.id);
    const manager = clientAs(t, await createUser(t, { role: 'staff', storeId: store.id }));
    const staffView = await manager.get(`/api/order/${order.id}`);
    expect(staffView.status).toBe(200);
    expect(staffView.body.order.deliveryCode).toBeNull();
    const admin = clientAs(t, await createUser(t, { role: 'admin' }));
    expect((await admin.get(`/api/order/${order.id}`)).body.order.deliveryCode).toBeNull();
    const tasks = await rider.client.get('/api/rider/tasks');
    expect(JSON.stringify(tasks.body)).not.toContain(`"${order.code}"`);
    expect((await rider.client.get(`/api/order/${order.id}`)).status).toBe(404);
  });

  it('when the rider moves after pickup, then the customer sees the trail and the rider marker', async () => {
    const { rider, order } = await assignedTo();
    await rider.client.post(`/api/rider/tasks/${order.id}/pickup`, { scan: order.number });
    const start = Date.now();
    for (let i = 1; i <= 3; i++) {
      const res = await sendPosition(rider.client, offset(STORE_AT, 100 * i, 0), { when: new Date(start + i * 5000) });
      expect(res.body.accepted).toBe(true);
    }
    await new Promise((r) => setTimeout(r, 1300)); // the trail is appended once a second
    const view = await order.customerClient.get(`/api/order/${order.id}`);
    expect(view.body.order.delivery.rider.trail).toHaveLength(3);
    expect(view.body.order.delivery.rider.position.lat).toBeCloseTo(offset(STORE_AT, 300, 0).lat, 6);
  });

  it('when the code is wrong three times, then the task locks until the manager unlocks it with a reason; then the right code delivers and records the cash', async () => {
    const { store, rider, order } = await assignedTo();
    await rider.client.post(`/api/rider/tasks/${order.id}/pickup`, { scan: order.number });
    const collected = { method: 'cash', amount: order.total };
    const first = await rider.client.post(`/api/rider/tasks/${order.id}/deliver`, { code: wrongCode(order.code), collected });
    expect(first.status).toBe(422);
    expect(first.body.error).toMatchObject({ code: 'wrong_code', details: { attemptsLeft: 2 } });
    expect((await rider.client.post(`/api/rider/tasks/${order.id}/deliver`, { code: wrongCode(order.code), collected })).body.error.details.attemptsLeft).toBe(1);
    const third = await rider.client.post(`/api/rider/tasks/${order.id}/deliver`, { code: wrongCode(order.code), collected });
    expect(third.status).toBe(423);
    // Locked: even the right code is refused now.
    expect((await rider.client.post(`/api/rider/tasks/${order.id}/deliver`, { code: order.code, collected })).status).toBe(423);
    expect((await rider.client.get('/api/rider/tasks')).body.tasks[0]).toMatchObject({ locked: true, codeAttemptsLeft: 0 });

    const manager = clientAs(t, await createUser(t, { role: 'staff', storeId: store.id }));
    expect((await manager.post(`/api/dispatch/${order.id}/unlock`, { reason: '' })).status).toBe(400);
    expect((await manager.post(`/api/dispatch/${order.id}/unlock`, { reason: 'Customer read the old code' })).status).toBe(200);
    const short = await rider.client.post(`/api/rider/tasks/${order.id}/deliver`, { code: order.code, collected: { method: 'cash', amount: order.total - 100 } });
    expect(short.status).toBe(422);
    expect(short.body.error.code).toBe('amount_mismatch');
    const missing = await rider.client.post(`/api/rider/tasks/${order.id}/deliver`, { code: order.code });
    expect(missing.status).toBe(400);
    const done = await rider.client.post(`/api/rider/tasks/${order.id}/deliver`, { code: order.code, collected });
    expect(done.status).toBe(200);
    const view = await order.customerClient.get(`/api/order/${order.id}`);
    expect(view.body.order).toMatchObject({ status: 'delivered', paymentStatus: 'paid' });
    const ledger = await t.deps.db.select().from(riderCash).where(eq(riderCash.orderId, order.id));
    expect(ledger).toEqual([expect.objectContaining({ kind: 'cash', amount: order.total, riderId: rider.user.id })]);
    const shift = await rider.client.get('/api/rider/tasks');
    expect(shift.body).toMatchObject({ tasks: [], shift: { deliveries: 1, cashInHand: order.total } });
  });

  it('when riders collect cash and UPI and the manager records deposits, then the reconciliation sums per shift and shows the difference', async () => {
    const store = await createDispatchStore(t);
    const rider = await createRider(t, store.id, { at: STORE_AT });
    const orders = [];
    for (const method of ['cash', 'cash', 'upi'] as const) {
      const order = await createPackedOrder(t, store);
      await dispatchStore(t.deps, store.id);
      await rider.client.post(`/api/rider/tasks/${order.id}/accept`);
      await rider.client.post(`/api/rider/tasks/${order.id}/pickup`, { scan: order.number });
      const res = await rider.client.post(`/api/rider/tasks/${order.id}/deliver`, { code: order.code, collected: { method, amount: order.total } });
      expect(res.status).toBe(200);
      orders.push({ ...order, method });
    }
    const prepaid = await createPackedOrder(t, store, { paymentMethod: 'card' });
    await dispatchStore(t.deps, store.id);
    await rider.client.post(`/api/rider/tasks/${prepaid.id}/accept`);
    await rider.client.post(`/api/rider/tasks/${prepaid.id}/pickup`, { scan: prepaid.number });
    expect((await rider.client.post(`/api/rider/tasks/${prepaid.id}/deliver`, { code: prepaid.code, collected: { method: 'cash', amount: 1 } })).status).toBe(400);
    expect((await rider.client.post(`/api/rider/tasks/${prepaid.id}/deliver`, { code: prepaid.code })).status).toBe(200);

    const cash = orders.filter((o) => o.method === 'cash').reduce((n, o) => n + o.total, 0);
    const upi = orders.filter((o) => o.method === 'upi').reduce((n, o) => n + o.total, 0);
    const manager = clientAs(t, await createUser(t, { role: 'staff', storeId: store.id }));
    const before = await manager.get('/api/dispatch/cash');
    expect(before.body.shifts).toEqual([expect.objectContaining({ riderId: rider.user.id, cash, upi, deposited: 0, difference: cash, orders: 3 })]);
    const shiftId = before.body.shifts[0].shiftId;
    const dep = await manager.post(`/api/dispatch/cash/${shiftId}/deposit`, { amount: cash - 500, note: 'short by ₹5' });
    expect(dep.status).toBe(201);
    expect(dep.body.shifts[0]).toMatchObject({ deposited: cash - 500, difference: 500 });
    expect((await manager.post(`/api/dispatch/cash/${shiftId}/deposit`, { amount: -1 })).status).toBe(400);
  });

  it('when the customer cannot be reached, then after the wait the rider marks it, and a return cancels the order and puts the units back', async () => {
    const drop = offset(STORE_AT, 800, 300);
    const { store, rider, order } = await assignedTo({ drop }, offset(drop, 300, 0));
    await rider.client.post(`/api/rider/tasks/${order.id}/pickup`, { scan: order.number });
    const stockBefore = await stockOf(t.deps.db, store.id, store.variant.id);
    // Arrives at the door (within 200 m of the drop).
    expect((await sendPosition(rider.client, order.drop, { when: new Date(Date.now() + 15_000) })).body.accepted).toBe(true);
    expect((await deliveryOf(order.id))!.arrivedAt).not.toBeNull();
    const early = await rider.client.post(`/api/rider/tasks/${order.id}/unreachable`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('too_early');
    await new Promise((r) => setTimeout(r, 1100));
    const marked = await rider.client.post(`/api/rider/tasks/${order.id}/unreachable`);
    expect(marked.status).toBe(200);
    expect(marked.body.task.state).toBe('unreachable');

    const manager = clientAs(t, await createUser(t, { role: 'staff', storeId: store.id }));
    const again = await manager.post(`/api/dispatch/${order.id}/resolve`, { action: 'reattempt', reason: 'Customer called back' });
    expect(again.status).toBe(200);
    expect((await deliveryOf(order.id))!.state).toBe('picked_up');
    await sendPosition(rider.client, offset(order.drop, 10, 0), { when: new Date(Date.now() + 20_000) });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await rider.client.post(`/api/rider/tasks/${order.id}/unreachable`)).status).toBe(200);
    const returned = await manager.post(`/api/dispatch/${order.id}/resolve`, { action: 'return', reason: 'Nobody home' });
    expect(returned.status).toBe(200);
    const view = await order.customerClient.get(`/api/order/${order.id}`);
    expect(view.body.order.status).toBe('cancelled');
    expect(view.body.order.events.at(-1).note).toBe('Returned to store: Nobody home');
    const after = await stockOf(t.deps.db, store.id, store.variant.id);
    expect(after).toEqual({ onHand: stockBefore.onHand, reserved: stockBefore.reserved - 1 });
    const moves = await t.deps.db.select().from(stockMovements).where(eq(stockMovements.orderId, order.id));
    expect(moves.map((m) => m.reason)).toEqual(['order_returned']);
    expect((await deliveryOf(order.id))!.state).toBe('returned');
    expect((await rider.client.get('/api/rider/tasks')).body.tasks).toEqual([]);
  });
});
