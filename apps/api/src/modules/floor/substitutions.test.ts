/**
 * Substitutions over HTTP: a picker proposes a similar item for a short line, the customer accepts,
 * declines or lets it lapse, and packing bills what was sent (a substitute never costs more than what
 * it replaces), with the money going back the way it came.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderItems, orders, refunds, stock, substitutions } from '../../db/schema/index';
import { clientAs, createUser } from '../../test/factories';
import type { TestApp } from '../../test/harness';
import type { HttpClient } from '../../test/http-client';
import { createTestOrder } from '../orders/order.factories';
import { SYSTEM_ACTOR, transitionOrder } from '../orders/order-state';
import { createDispatchStore, type DispatchStore } from '../dispatch/dispatch.factories';
import { payCardOrder, startCardShop, type CardShop } from '../payments/payments.factories';
import { createFloorLine, type FloorLine } from './floor.factories';
import { openSse, type SseMessage } from '../tracking/sse.client';
import { expireOverdueSubstitutions } from './substitutions.service';

let shop: CardShop;
let t: TestApp;
let store: DispatchStore;
let otherStore: DispatchStore;
let picker: HttpClient;
let otherPicker: HttpClient;

beforeAll(async () => {
  shop = await startCardShop();
  ({ t } = shop);
  store = await createDispatchStore(t);
  otherStore = await createDispatchStore(t);
  otherPicker = clientAs(t, await createUser(t, { role: 'picker', storeId: otherStore.id, name: 'Asha Rao' }));
});
afterAll(async () => {
  await shop?.close();
});

const orderRow = async (id: string) => (await t.deps.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const refundRows = (id: string) => t.deps.db.select().from(refunds).where(eq(refunds.orderId, id));
const reservedOf = async (variantId: string) =>
  (await t.deps.db.select({ r: stock.reserved, h: stock.onHand }).from(stock).where(and(eq(stock.storeId, store.id), eq(stock.variantId, variantId))))[0]!;

type WhenShort = 'substitute' | 'call' | 'refund';

/**
 * An order of 2 × ₹100 (line a) and 1 × ₹200 (line b) with a ₹50 coupon and the ₹15 fee: ₹365. Line a's
 * subcategory also holds `alike` (₹90), `dearer` (₹105, within 10 %), `tooDear` (₹115) and `soldOut`.
 */
async function shortOrder(o: { paymentMethod?: 'cod' | 'card'; whenShort?: WhenShort } = {}) {
  const customer = await createUser(t, { name: 'Neha Verma' });
  // A picker holds one order at a time: each order gets its own.
  picker = clientAs(t, await createUser(t, { role: 'picker', storeId: store.id, name: 'Ravi Kumar' }));
  const a = await createFloorLine(t.deps.db, store.id, { price: 10_000, mrp: 11_000, onHand: 20, name: 'Amul Taaza Milk' });
  const b = await createFloorLine(t.deps.db, store.id, { price: 20_000, mrp: 22_000, onHand: 20 });
  const alike = await createFloorLine(t.deps.db, store.id, { price: 9000, mrp: 10_000, onHand: 5, subcategoryId: a.subcategoryId, name: 'Mother Dairy Milk' });
  const dearer = await createFloorLine(t.deps.db, store.id, { price: 10_500, mrp: 12_000, onHand: 5, subcategoryId: a.subcategoryId, name: 'Nandini Milk' });
  const tooDear = await createFloorLine(t.deps.db, store.id, { price: 11_500, mrp: 12_000, onHand: 5, subcategoryId: a.subcategoryId, name: 'Organic Milk' });
  const soldOut = await createFloorLine(t.deps.db, store.id, { price: 9500, mrp: 10_000, onHand: 0, subcategoryId: a.subcategoryId, name: 'Gone Milk' });
  const paymentMethod = o.paymentMethod ?? 'cod';
  const order = await createTestOrder(t.deps.db, {
    userId: customer.id,
    storeId: store.id,
    status: paymentMethod === 'card' ? 'pending_payment' : 'confirmed',
    paymentMethod,
    discount: 5000,
    lines: [
      { variant: a, quantity: 2, whenShort: o.whenShort ?? 'substitute' },
      { variant: b, quantity: 1 },
    ],
  });
  if (paymentMethod === 'card') expect(await payCardOrder(shop, order)).toBe(200);
  return { order, customer, me: clientAs(t, customer), a, b, alike, dearer, tooDear, soldOut };
}

/** Claims the order, finds line b in full and line a one short. */
async function pickOneShort(order: { id: string }, a: FloorLine, b: FloorLine): Promise<void> {
  expect((await picker.post('/api/ops/picks/claim', { orderId: order.id })).status).toBe(200);
  expect((await picker.post(`/api/ops/picks/${order.id}/lines/${b.id}`, { found: 1, barcode: b.barcode })).status).toBe(200);
  const short = await picker.post(`/api/ops/picks/${order.id}/lines/${a.id}`, { found: 1, reason: 'damaged' });
  expect(short.status, JSON.stringify(short.body)).toBe(200);
}

const propose = (orderId: string, variantId: string, substituteVariantId: string, extra: object = {}) =>
  picker.post(`/api/ops/picks/${orderId}/substitutions`, { variantId, substituteVariantId, ...extra });

describe('substitute options for a short line', () => {
  it('when the picker asks what may replace a short line, then only in-stock items of its subcategory at most 10 % dearer are offered, the nearest price first, each at what the customer would pay', async () => {
    const s = await shortOrder();
    await pickOneShort(s.order, s.a, s.b);

    const res = await picker.get(`/api/ops/picks/${s.order.id}/lines/${s.a.id}/substitutes`);

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.options.map((o: { variantId: string }) => o.variantId)).toEqual([s.dearer.id, s.alike.id]);
    expect(res.body.options[0]).toMatchObject({ shelfPrice: 10_500, price: 10_000, available: 5, barcode: s.dearer.barcode, bin: 'A-01-A-1' });
    expect(res.body.options[1]).toMatchObject({ shelfPrice: 9000, price: 9000 });
  });

  it('when the line was found in full, or its customer asked for a refund, then there is nothing to propose (409 naming why)', async () => {
    const s = await shortOrder({ whenShort: 'refund' });
    await pickOneShort(s.order, s.a, s.b);

    const full = await picker.get(`/api/ops/picks/${s.order.id}/lines/${s.b.id}/substitutes`);
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('line_not_short');
    const refundLine = await propose(s.order.id, s.a.id, s.alike.id);
    expect(refundLine.status).toBe(409);
    expect(refundLine.body.error).toMatchObject({ code: 'customer_wants_refund', message: expect.stringContaining('Amul Taaza Milk') });
  });

  it('when a substitute is too dear, sold out, of another kind or scanned wrong, then the proposal is refused with 422 and nothing is reserved', async () => {
    const s = await shortOrder();
    await pickOneShort(s.order, s.a, s.b);
    const other = await createFloorLine(t.deps.db, store.id, { price: 5000 });

    for (const v of [s.tooDear, s.soldOut, other, s.b]) {
      const res = await propose(s.order.id, s.a.id, v.id);
      expect(res.status, v.name).toBe(422);
      expect(res.body.error.code).toBe('substitute_not_allowed');
    }
    const wrong = await propose(s.order.id, s.a.id, s.alike.id, { barcode: s.dearer.barcode });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatchObject({ code: 'wrong_item', message: expect.stringContaining('Mother Dairy Milk') });
    expect(await reservedOf(s.alike.id)).toEqual({ r: 0, h: 5 });
    expect(await t.deps.db.select().from(substitutions).where(eq(substitutions.orderId, s.order.id))).toEqual([]);
  });
});

describe('the customer answers a substitute', () => {
  it('when a cash order’s short unit is replaced by a cheaper item the customer accepts, then it goes out at its own price, the bill falls by the difference and the rider collects that', async () => {
    const s = await shortOrder();
    await pickOneShort(s.order, s.a, s.b);

    const proposed = await propose(s.order.id, s.a.id, s.alike.id, { barcode: s.alike.barcode });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
    const line = proposed.body.pick.lines.find((l: { variantId: string }) => l.variantId === s.a.id);
    expect(line.substitution).toMatchObject({ variantId: s.alike.id, name: 'Mother Dairy Milk', price: 9000, quantity: 1, status: 'proposed' });
    expect(await reservedOf(s.alike.id)).toEqual({ r: 1, h: 5 });

    // The customer's order shows the prompt, with 90 s to answer.
    const seen = await s.me.get(`/api/order/${s.order.id}`);
    const prompt = seen.body.order.substitutions[0];
    expect(prompt).toMatchObject({ forVariantId: s.a.id, variantId: s.alike.id, status: 'proposed', price: 9000 });
    const window = Date.parse(prompt.expiresAt) - Date.parse(prompt.proposedAt);
    expect(window).toBeGreaterThanOrEqual(89_000);
    expect(window).toBeLessThanOrEqual(91_000);

    // Packing waits for the answer.
    const early = await picker.post(`/api/ops/picks/${s.order.id}/packed`, { bags: 1 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('substitution_pending');

    const answer = await s.me.post(`/api/order/${s.order.id}/substitutions/${s.a.id}`, { accept: true });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.order.substitutions[0].status).toBe('accepted');

    const packed = await picker.post(`/api/ops/picks/${s.order.id}/packed`, { bags: 1 });
    expect(packed.status, JSON.stringify(packed.body)).toBe(200);
    // ₹400 of items becomes ₹390 (the ₹90 substitute for a ₹100 unit); the coupon stays whole.
    expect(await orderRow(s.order.id)).toMatchObject({ status: 'packed', itemTotal: 39_000, discount: 5000, total: 35_500, paymentStatus: 'cod_due' });
    const items = await t.deps.db.select().from(orderItems).where(eq(orderItems.orderId, s.order.id));
    expect(items.find((i) => i.variantId === s.a.id)).toMatchObject({ quantity: 1, orderedQuantity: 2 });
    expect(items.find((i) => i.variantId === s.alike.id)).toMatchObject({ quantity: 1, orderedQuantity: 1, price: 9000, substituteFor: s.a.id });
    expect(await refundRows(s.order.id)).toEqual([]);
    const view = await s.me.get(`/api/order/${s.order.id}`);
    expect(view.body.order.substitutions[0].status).toBe('sent');
    expect(view.body.order.items.find((i: { variantId: string }) => i.variantId === s.alike.id)).toMatchObject({ substituteFor: s.a.id, quantity: 1 });

    // Delivered: the substitute's unit leaves the shelf with the rest, once.
    await transitionOrder(t.deps, s.order.id, 'out_for_delivery', SYSTEM_ACTOR);
    await transitionOrder(t.deps, s.order.id, 'delivered', SYSTEM_ACTOR);
    expect(await reservedOf(s.alike.id)).toEqual({ r: 0, h: 4 });
    expect(await reservedOf(s.a.id)).toMatchObject({ r: 0 });
  });

  it('when a card order’s substitute costs more than the original, then the customer pays the original’s price and nothing is charged or refunded', async () => {
    const s = await shortOrder({ paymentMethod: 'card' });
    await pickOneShort(s.order, s.a, s.b);
    expect((await propose(s.order.id, s.a.id, s.dearer.id)).status).toBe(200);
    expect((await s.me.post(`/api/order/${s.order.id}/substitutions/${s.a.id}`, { accept: true })).status).toBe(200);

    expect((await picker.post(`/api/ops/picks/${s.order.id}/packed`, { bags: 2 })).status).toBe(200);

    expect(await orderRow(s.order.id)).toMatchObject({ itemTotal: 40_000, total: 36_500, paymentStatus: 'paid' });
    const items = await t.deps.db.select().from(orderItems).where(eq(orderItems.orderId, s.order.id));
    expect(items.find((i) => i.variantId === s.dearer.id)).toMatchObject({ price: 10_000, quantity: 1 });
    expect(await refundRows(s.order.id)).toEqual([]);
  });

  it('when a card order’s cheaper substitute is accepted, then the card gets the difference back through the ledger', async () => {
    const s = await shortOrder({ paymentMethod: 'card' });
    await pickOneShort(s.order, s.a, s.b);
    expect((await propose(s.order.id, s.a.id, s.alike.id)).status).toBe(200);
    expect((await s.me.post(`/api/order/${s.order.id}/substitutions/${s.a.id}`, { accept: true })).status).toBe(200);

    expect((await picker.post(`/api/ops/picks/${s.order.id}/packed`, { bags: 1 })).status).toBe(200);

    expect(await orderRow(s.order.id)).toMatchObject({ total: 35_500 });
    const rows = await refundRows(s.order.id);
    expect(rows.map((r) => ({ amount: r.amount, method: r.method, shortPick: r.shortPick }))).toEqual([{ amount: 1000, method: 'source', shortPick: true }]);
    expect(rows[0]!.reason).toContain('replaced by Mother Dairy Milk');
  });

  it('when the customer declines, then the substitute goes back on the shelf and the short unit is refunded at packing', async () => {
    const s = await shortOrder({ paymentMethod: 'card' });
    await pickOneShort(s.order, s.a, s.b);
    expect((await propose(s.order.id, s.a.id, s.alike.id)).status).toBe(200);

    const no = await s.me.post(`/api/order/${s.order.id}/substitutions/${s.a.id}`, { accept: false });
    expect(no.status).toBe(200);
    expect(no.body.order.substitutions[0].status).toBe('declined');
    expect(await reservedOf(s.alike.id)).toEqual({ r: 0, h: 5 });
    // A change of mind after answering is refused; the same answer again is a no-op.
    expect((await s.me.post(`/api/order/${s.order.id}/substitutions/${s.a.id}`, { accept: false })).status).toBe(200);
    const flip = await s.me.post(`/api/order/${s.order.id}/substitutions/${s.a.id}`, { accept: true });
    expect(flip.status).toBe(409);
    expect(flip.body.error.code).toBe('substitution_answered');

    expect((await picker.post(`/api/ops/picks/${s.order.id}/packed`, { bags: 1 })).status).toBe(200);
    expect(await orderRow(s.order.id)).toMatchObject({ total: 27_750 });
    expect((await refundRows(s.order.id)).map((r) => r.amount)).toEqual([8750]);
  });

  it('when nobody answers within 90 s, then the proposal lapses, its units are released once, a late answer is refused and the unit is refunded', async () => {
    const s = await shortOrder();
    await pickOneShort(s.order, s.a, s.b);
    expect((await propose(s.order.id, s.a.id, s.alike.id)).status).toBe(200);

    expect(await expireOverdueSubstitutions(t.deps, new Date(Date.now() + 60_000))).toBe(0);
    expect(await expireOverdueSubstitutions(t.deps, new Date(Date.now() + 91_000))).toBeGreaterThanOrEqual(1);
    expect(await reservedOf(s.alike.id)).toEqual({ r: 0, h: 5 });
    expect(await expireOverdueSubstitutions(t.deps, new Date(Date.now() + 120_000))).toBe(0);
    expect(await reservedOf(s.alike.id)).toEqual({ r: 0, h: 5 });

    const late = await s.me.post(`/api/order/${s.order.id}/substitutions/${s.a.id}`, { accept: true });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('substitution_answered');
    expect((await picker.post(`/api/ops/picks/${s.order.id}/packed`, { bags: 1 })).status).toBe(200);
    expect(await orderRow(s.order.id)).toMatchObject({ total: 36_500 - 8750 });
  });

  it('when the answer comes after its time but before the sweeper ran, then it is refused as expired and the units go back', async () => {
    const s = await shortOrder();
    await pickOneShort(s.order, s.a, s.b);
    expect((await propose(s.order.id, s.a.id, s.alike.id)).status).toBe(200);
    await t.deps.db.update(substitutions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(substitutions.orderId, s.order.id));

    const late = await s.me.post(`/api/order/${s.order.id}/substitutions/${s.a.id}`, { accept: true });

    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('substitution_expired');
    expect(await reservedOf(s.alike.id)).toEqual({ r: 0, h: 5 });
    expect((await s.me.get(`/api/order/${s.order.id}`)).body.order.substitutions[0].status).toBe('expired');
  });

  it('when the order is cancelled while a substitute waits, then its units are given back exactly once', async () => {
    const s = await shortOrder();
    await pickOneShort(s.order, s.a, s.b);
    expect((await propose(s.order.id, s.a.id, s.alike.id)).status).toBe(200);

    await transitionOrder(t.deps, s.order.id, 'cancelled', SYSTEM_ACTOR, 'test');
    expect(await reservedOf(s.alike.id)).toEqual({ r: 0, h: 5 });
    await expireOverdueSubstitutions(t.deps, new Date(Date.now() + 91_000));
    expect(await reservedOf(s.alike.id)).toEqual({ r: 0, h: 5 });
    expect((await s.me.post(`/api/order/${s.order.id}/substitutions/${s.a.id}`, { accept: true })).status).toBe(409);
  });

  it('when someone other than the order’s customer answers, or a picker of another store proposes, then the order is not found', async () => {
    const s = await shortOrder();
    await pickOneShort(s.order, s.a, s.b);
    expect((await propose(s.order.id, s.a.id, s.alike.id)).status).toBe(200);

    const stranger = clientAs(t, await createUser(t));
    expect((await stranger.post(`/api/order/${s.order.id}/substitutions/${s.a.id}`, { accept: true })).status).toBe(404);
    expect((await otherPicker.post(`/api/ops/picks/${s.order.id}/substitutions`, { variantId: s.a.id, substituteVariantId: s.dearer.id })).status).toBe(404);
    expect((await otherPicker.get(`/api/ops/picks/${s.order.id}/lines/${s.a.id}/substitutes`)).status).toBe(404);
    const bad = await s.me.post(`/api/order/${s.order.id}/substitutions/${s.a.id}`, { accept: 'yes' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('accept');
    expect((await s.me.get(`/api/order/${s.order.id}`)).body.order.substitutions[0].status).toBe('proposed');
  });
});

describe('the customer’s open tracking page', () => {
  it('when a substitute is proposed and then lapses, then the order stream pushes each change to the customer, with no reload', async () => {
    const s = await shortOrder();
    await pickOneShort(s.order, s.a, s.b);
    const stream = await openSse(t.url, `/api/order/${s.order.id}/stream`, s.me);
    const substitutionIs = (status: string) => (m: SseMessage) => JSON.parse(m.data).order?.substitutions?.[0]?.status === status;
    try {
      expect(stream.status).toBe(200);
      await stream.waitFor((m) => m.event === 'order');
      expect((await propose(s.order.id, s.a.id, s.alike.id)).status).toBe(200);
      const proposed = JSON.parse((await stream.waitFor(substitutionIs('proposed'), 5000)).data).order;
      expect(proposed.substitutions[0]).toMatchObject({ name: 'Mother Dairy Milk', price: 9000 });
      await expireOverdueSubstitutions(t.deps, new Date(Date.now() + 91_000));
      await stream.waitFor(substitutionIs('expired'), 5000);
    } finally {
      stream.close();
    }
  });
});

describe('a customer who asked to be called', () => {
  it('when a line whose customer chose "call me" is short, then the picker sees the number, records the call, and a substitute agreed on the phone needs no answer in the app', async () => {
    const s = await shortOrder({ whenShort: 'call' });
    await pickOneShort(s.order, s.a, s.b);

    const pick = await picker.get(`/api/ops/picks/${s.order.id}`);
    expect(pick.body.pick.customerPhone).toMatch(/^\+?[0-9]{10,13}$/);
    expect(pick.body.pick.lines.find((l: { variantId: string }) => l.variantId === s.a.id).whenShort).toBe('call');

    const called = await picker.post(`/api/ops/picks/${s.order.id}/lines/${s.a.id}/call`, { outcome: 'agreed_substitute', note: 'ok with Mother Dairy' });
    expect(called.status, JSON.stringify(called.body)).toBe(200);
    const byPhone = await propose(s.order.id, s.a.id, s.alike.id, { byPhone: true });
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.pick.lines.find((l: { variantId: string }) => l.variantId === s.a.id).substitution).toMatchObject({ status: 'accepted', byPhone: true });

    expect((await picker.post(`/api/ops/picks/${s.order.id}/packed`, { bags: 1 })).status).toBe(200);
    const view = await s.me.get(`/api/order/${s.order.id}`);
    expect(view.body.order.events.some((e: { note: string | null }) => e.note?.includes('agreed to a substitute (ok with Mother Dairy)'))).toBe(true);
    expect(view.body.order.bill.total).toBe(35_500);
  });

  it('when the picker claims an agreement on the phone for a customer who did not ask for a call, then it is refused with 400 naming byPhone, and no number is shown', async () => {
    const s = await shortOrder({ whenShort: 'substitute' });
    await pickOneShort(s.order, s.a, s.b);
    expect((await picker.get(`/api/ops/picks/${s.order.id}`)).body.pick.customerPhone).toBeNull();
    const res = await propose(s.order.id, s.a.id, s.alike.id, { byPhone: true });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('byPhone');
    const call = await picker.post(`/api/ops/picks/${s.order.id}/lines/${s.a.id}/call`, { outcome: 'refund' });
    expect(call.status).toBe(409);
    expect(call.body.error.code).toBe('no_call_asked');
  });
});
