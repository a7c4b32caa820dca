import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartItems, orderEvents, products, stock } from '../../db/schema/index';
import { startTestApp, type TestApp } from '../../test/harness';
import { clientAs, createUser, type TestUser } from '../../test/factories';
import type { HttpResponse } from '../../test/http-client';
import { createStockedVariant, createTestOrder, createTestStore, stockOf, type TestStore, type TestVariant } from './order.factories';

let t: TestApp;
let store: TestStore;
let otherStore: TestStore;
let variant: TestVariant;
let customer: TestUser;
let stranger: TestUser;
let staff: TestUser;
let otherStaff: TestUser;
let admin: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  store = await createTestStore(t.deps.db);
  otherStore = await createTestStore(t.deps.db);
  variant = await createStockedVariant(t.deps.db, store.id, { onHand: 500 });
  customer = await createUser(t);
  stranger = await createUser(t);
  staff = await createUser(t, { role: 'staff', storeId: store.id });
  otherStaff = await createUser(t, { role: 'staff', storeId: otherStore.id });
  admin = await createUser(t, { role: 'admin' });
});
afterAll(async () => {
  await t.close();
});

const newOrder = (status: Parameters<typeof createTestOrder>[1]['status'] = 'confirmed', quantity = 1, userId?: string) =>
  createTestOrder(t.deps.db, { userId: userId ?? customer.id, storeId: store.id, status, lines: [{ variant, quantity }] });

describe('GET /api/order/:id', () => {
  it('when the owner asks, then the public order shape comes back with its timeline', async () => {
    const order = await newOrder('confirmed', 2);
    const res = await clientAs(t, customer).get(`/api/order/${order.id}`);
    expect(res.status).toBe(200);
    expect(res.body.order).toMatchObject({
      id: order.id,
      number: order.number,
      status: 'confirmed',
      paymentMethod: 'cod',
      paymentStatus: 'cod_due',
      store: { id: store.id, name: store.name },
      items: [{ variantId: variant.id, productId: variant.productId, name: variant.name, price: variant.price, mrp: variant.mrp, quantity: 2 }],
      bill: { itemTotal: variant.price * 2, mrpTotal: variant.mrp * 2, savings: (variant.mrp - variant.price) * 2, total: order.total },
      events: [{ status: 'confirmed', actorRole: 'customer' }],
    });
  });

  it('when staff of the store or an admin ask, then they see it; another customer or staff of another store get 404', async () => {
    const order = await newOrder();
    expect((await clientAs(t, staff).get(`/api/order/${order.id}`)).status).toBe(200);
    expect((await clientAs(t, admin).get(`/api/order/${order.id}`)).status).toBe(200);
    const a = await clientAs(t, stranger).get(`/api/order/${order.id}`);
    expect(a.status).toBe(404);
    expect(a.body.error.code).toBe('not_found');
    expect(a.text).not.toContain(order.number);
    expect((await clientAs(t, otherStaff).get(`/api/order/${order.id}`)).status).toBe(404);
    expect((await clientAs(t, otherStaff).get(`/api/admin/orders/${order.id}`)).status).toBe(404);
    expect((await t.client().get(`/api/order/${order.id}`)).status).toBe(401);
  });

  it('when the id is not a uuid or does not exist, then 400 / 404', async () => {
    expect((await clientAs(t, customer).get('/api/order/not-an-id')).status).toBe(400);
    expect((await clientAs(t, customer).get('/api/order/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('GET /api/order/history', () => {
  it('when a customer pages through their orders, then newest come first, each once, and nobody else’s appear', async () => {
    const user = await createUser(t);
    const base = Date.now() - 3_600_000;
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const o = await createTestOrder(t.deps.db, {
        userId: user.id,
        storeId: store.id,
        lines: [{ variant, quantity: 1 }],
        // Two orders share a timestamp so the id tiebreak is exercised.
        createdAt: new Date(base + Math.min(i, 3) * 1000),
      });
      made.push(o.id);
    }
    await newOrder();
    const c = clientAs(t, user);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: HttpResponse<{ items: Array<{ id: string }>; nextCursor: string | null }> = await c.get(`/api/order/history?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((o) => o.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(made));
    expect(seen.slice(0, 3).sort()).toEqual(made.slice(2).sort());
    expect(seen[3]).toBe(made[1]);
    expect(seen[4]).toBe(made[0]);
  });

  it('when the cursor is garbage, then 400 names it', async () => {
    const res = await clientAs(t, customer).get('/api/order/history?cursor=abc');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('cursor');
  });
});

describe('POST /api/order/:id/cancel', () => {
  it('when the customer cancels before packing, then the order is cancelled, stock returns and an email goes out', async () => {
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 8 });
    const order = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, lines: [{ variant: v, quantity: 3 }] });
    const res = await clientAs(t, customer).post(`/api/order/${order.id}/cancel`, { reason: 'Ordered by mistake' });
    expect(res.status).toBe(200);
    expect(res.body.order.status).toBe('cancelled');
    expect(res.body.order.events.at(-1)).toMatchObject({ status: 'cancelled', note: 'Ordered by mistake', actorRole: 'customer' });
    expect(await stockOf(t.deps.db, store.id, v.id)).toEqual({ onHand: 8, reserved: 0 });
    const mail = await t.deps.outbox.list({ to: customer.email });
    expect(mail.some((m) => m.subject === `Order ${order.number} cancelled`)).toBe(true);
  });

  it('when the customer cancels once packing started, then 409 invalid_transition and nothing changes', async () => {
    const order = await newOrder('packing', 2);
    const before = await stockOf(t.deps.db, store.id, variant.id);
    const res = await clientAs(t, customer).post(`/api/order/${order.id}/cancel`, {});
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalid_transition');
    expect(await stockOf(t.deps.db, store.id, variant.id)).toEqual(before);
  });

  it('when another customer tries to cancel, then 404', async () => {
    const order = await newOrder();
    expect((await clientAs(t, stranger).post(`/api/order/${order.id}/cancel`, {})).status).toBe(404);
  });

  it('when the body has unknown fields, then 400', async () => {
    const order = await newOrder();
    expect((await clientAs(t, customer).post(`/api/order/${order.id}/cancel`, { refund: true })).status).toBe(400);
  });

  it('when the customer cancels while staff start packing at the same moment, then exactly one wins and stock is consistent', async () => {
    for (let round = 0; round < 5; round++) {
      const v = await createStockedVariant(t.deps.db, store.id, { onHand: 4 });
      const order = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, lines: [{ variant: v, quantity: 4 }] });
      const [cancel, pack] = await Promise.all([
        clientAs(t, customer).post(`/api/order/${order.id}/cancel`, {}),
        clientAs(t, staff).post(`/api/admin/orders/${order.id}/transition`, { to: 'packing' }),
      ]);
      expect([cancel.status, pack.status].sort()).toEqual([200, 409]);
      const s = await stockOf(t.deps.db, store.id, v.id);
      const events = await t.deps.db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
      expect(events).toHaveLength(2);
      expect(s).toEqual(cancel.status === 200 ? { onHand: 4, reserved: 0 } : { onHand: 4, reserved: 4 });
    }
  });
});

describe('admin orders', () => {
  it('when staff move an order through the floor, then it is delivered, stock is consumed and the customer is emailed', async () => {
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 6 });
    const order = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, lines: [{ variant: v, quantity: 2 }] });
    const c = clientAs(t, staff);
    for (const to of ['packing', 'packed', 'out_for_delivery', 'delivered']) {
      const res = await c.post(`/api/admin/orders/${order.id}/transition`, { to, note: `now ${to}` });
      expect(res.status, to).toBe(200);
      expect(res.body.order.status).toBe(to);
    }
    const view = (await clientAs(t, customer).get(`/api/order/${order.id}`)).body.order;
    expect(view.paymentStatus).toBe('paid');
    expect(view.events.map((e: { status: string }) => e.status)).toEqual(['confirmed', 'packing', 'packed', 'out_for_delivery', 'delivered']);
    expect(view.events[1]).toMatchObject({ actorRole: 'staff', note: 'now packing' });
    expect(await stockOf(t.deps.db, store.id, v.id)).toEqual({ onHand: 4, reserved: 0 });
    const mail = await t.deps.outbox.list({ to: customer.email });
    expect(mail.some((m) => m.subject === `Order ${order.number} delivered`)).toBe(true);
  });

  it('when staff skip a step or go backwards, then 409 invalid_transition', async () => {
    const order = await newOrder('confirmed');
    const c = clientAs(t, staff);
    const skip = await c.post(`/api/admin/orders/${order.id}/transition`, { to: 'delivered' });
    expect(skip.status).toBe(409);
    expect(skip.body.error.code).toBe('invalid_transition');
    await c.post(`/api/admin/orders/${order.id}/transition`, { to: 'packing' });
    expect((await c.post(`/api/admin/orders/${order.id}/transition`, { to: 'confirmed' })).status).toBe(409);
    expect((await c.post(`/api/admin/orders/${order.id}/transition`, { to: 'shipped' })).status).toBe(400);
  });

  it('when staff may cancel until delivery, then out-for-delivery cancels and delivered does not', async () => {
    const a = await newOrder('out_for_delivery');
    expect((await clientAs(t, staff).post(`/api/admin/orders/${a.id}/transition`, { to: 'cancelled', note: 'Address unreachable' })).status).toBe(200);
    const b = await newOrder('delivered');
    expect((await clientAs(t, staff).post(`/api/admin/orders/${b.id}/transition`, { to: 'cancelled' })).status).toBe(409);
  });

  it('when staff of another store or a customer try to move an order, then 404 / 403 and nothing moves', async () => {
    const order = await newOrder('confirmed');
    const other = await clientAs(t, otherStaff).post(`/api/admin/orders/${order.id}/transition`, { to: 'packing' });
    expect(other.status).toBe(404);
    const cust = await clientAs(t, customer).post(`/api/admin/orders/${order.id}/transition`, { to: 'packing' });
    expect(cust.status).toBe(403);
    expect((await clientAs(t, admin).get(`/api/order/${order.id}`)).body.order.status).toBe('confirmed');
  });

  it('when staff list orders, then they see only their store; an admin filters by store, status and date', async () => {
    const mine = await newOrder('packing');
    const v2 = await createStockedVariant(t.deps.db, otherStore.id, { onHand: 5 });
    const theirs = await createTestOrder(t.deps.db, { userId: customer.id, storeId: otherStore.id, lines: [{ variant: v2, quantity: 1 }] });

    const staffList = await clientAs(t, staff).get('/api/admin/orders?limit=100');
    expect(staffList.status).toBe(200);
    const staffIds = staffList.body.items.map((o: { id: string }) => o.id);
    expect(staffIds).toContain(mine.id);
    expect(staffIds).not.toContain(theirs.id);
    expect((await clientAs(t, staff).get(`/api/admin/orders?store=${otherStore.id}`)).status).toBe(403);

    const byStore = await clientAs(t, admin).get(`/api/admin/orders?store=${otherStore.id}`);
    expect(byStore.body.items.map((o: { id: string }) => o.id)).toEqual([theirs.id]);
    const byStatus = await clientAs(t, admin).get(`/api/admin/orders?status=packing&limit=100`);
    expect(byStatus.body.items.every((o: { status: string }) => o.status === 'packing')).toBe(true);
    expect(byStatus.body.items.map((o: { id: string }) => o.id)).toContain(mine.id);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const future = await clientAs(t, admin).get(`/api/admin/orders?from=${tomorrow}`);
    expect(future.body.items).toEqual([]);
    const today = await clientAs(t, admin).get(`/api/admin/orders?to=${tomorrow}&store=${otherStore.id}`);
    expect(today.body.items).toHaveLength(1);
    expect((await clientAs(t, admin).get('/api/admin/orders?from=yesterday')).status).toBe(400);
    expect((await clientAs(t, customer).get('/api/admin/orders')).status).toBe(403);
  });
});

describe('the moves an order view offers (nextStatuses)', () => {
  it('when each caller reads the same order, then each is offered exactly the moves the server accepts from them', async () => {
    const order = await newOrder('confirmed');
    const next = async (who: TestUser, path: string) => (await clientAs(t, who).get(path)).body.order.nextStatuses;
    expect(await next(customer, `/api/order/${order.id}`)).toEqual(['cancelled']);
    expect(await next(staff, `/api/admin/orders/${order.id}`)).toEqual(['packing', 'cancelled']);
    // Cash on delivery, not collected yet: nothing was paid, so nothing to refund.
    expect(await next(admin, `/api/admin/orders/${order.id}`)).toEqual(['packing', 'cancelled']);

    const list = await clientAs(t, staff).get('/api/admin/orders?limit=100');
    expect(list.body.items.find((o: { id: string }) => o.id === order.id).nextStatuses).toEqual(['packing', 'cancelled']);
    const history = await clientAs(t, customer).get('/api/order/history?limit=50');
    expect(history.body.items.find((o: { id: string }) => o.id === order.id).nextStatuses).toEqual(['cancelled']);

    const moved = await clientAs(t, staff).post(`/api/admin/orders/${order.id}/transition`, { to: 'packing' });
    expect(moved.body.order.nextStatuses).toEqual(['packed', 'cancelled']);
    expect(await next(customer, `/api/order/${order.id}`)).toEqual([]);
  });

  it('when a paid card order is read by an admin, then a refund is offered, and the server takes it', async () => {
    const order = await newOrder('confirmed', 1);
    const paid = await createTestOrder(t.deps.db, { userId: customer.id, storeId: store.id, status: 'packing', paymentMethod: 'card', lines: [{ variant, quantity: 1 }] });
    expect((await clientAs(t, admin).get(`/api/admin/orders/${paid.id}`)).body.order.nextStatuses).toEqual(['packed', 'cancelled', 'refunded']);
    expect((await clientAs(t, admin).post(`/api/admin/orders/${paid.id}/transition`, { to: 'refunded' })).status).toBe(200);
    // And one the view does not offer is refused: a refund of cash never collected.
    const refused = await clientAs(t, admin).post(`/api/admin/orders/${order.id}/transition`, { to: 'refunded' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('invalid_transition');
  });

  it('when staff of the store order for themselves at another store, then their view there offers nothing (the server hides it)', async () => {
    const v2 = await createStockedVariant(t.deps.db, otherStore.id, { onHand: 5 });
    const own = await createTestOrder(t.deps.db, { userId: staff.id, storeId: otherStore.id, lines: [{ variant: v2, quantity: 1 }] });
    const view = await clientAs(t, staff).get(`/api/order/${own.id}`);
    expect(view.body.order.nextStatuses).toEqual([]);
    expect((await clientAs(t, staff).post(`/api/order/${own.id}/cancel`, {})).status).toBe(404);
  });
});

describe('POST /api/order/:id/reorder', () => {
  it('when some items are still sold, then they go into the cart (capped by max per order) and the rest are named', async () => {
    const user = await createUser(t);
    const plenty = await createStockedVariant(t.deps.db, store.id, { onHand: 50, maxPerOrder: 3 });
    const gone = await createStockedVariant(t.deps.db, store.id, { onHand: 2 });
    const retired = await createStockedVariant(t.deps.db, store.id, { onHand: 9 });
    const order = await createTestOrder(t.deps.db, {
      userId: user.id,
      storeId: store.id,
      status: 'delivered',
      lines: [
        { variant: plenty, quantity: 2 },
        { variant: gone, quantity: 1 },
        { variant: retired, quantity: 1 },
      ],
    });
    await t.deps.db.update(stock).set({ onHand: 0 }).where(and(eq(stock.storeId, store.id), eq(stock.variantId, gone.id)));
    await t.deps.db.update(products).set({ isActive: false }).where(eq(products.id, retired.productId));
    await t.deps.db.insert(cartItems).values({ userId: user.id, variantId: plenty.id, quantity: 2 });

    const res = await clientAs(t, user).post(`/api/order/${order.id}/reorder`);
    expect(res.status).toBe(200);
    expect(res.body.added).toEqual([expect.objectContaining({ variantId: plenty.id, quantity: 1 })]);
    expect(res.body.unavailable).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ variantId: gone.id, reason: 'out_of_stock' }),
        expect.objectContaining({ variantId: retired.id, reason: 'inactive' }),
      ]),
    );
    const cart = await t.deps.db.select().from(cartItems).where(eq(cartItems.userId, user.id));
    expect(cart.map((c) => [c.variantId, c.quantity])).toEqual([[plenty.id, 3]]);
  });

  it('when someone reorders another customer’s order, then 404 and their cart is untouched', async () => {
    const order = await newOrder('delivered');
    expect((await clientAs(t, stranger).post(`/api/order/${order.id}/reorder`)).status).toBe(404);
    expect(await t.deps.db.select().from(cartItems).where(eq(cartItems.userId, stranger.id))).toEqual([]);
  });
});

describe('GET /api/order/:id/invoice', () => {
  it('when the owner opens the invoice, then an HTML page with the bill comes back with user text escaped', async () => {
    const order = await newOrder('delivered', 2);
    const res = await clientAs(t, customer).get(`/api/order/${order.id}/invoice`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain(order.number);
    expect(res.text).toContain('Asha &lt;b&gt;Rao&lt;/b&gt;');
    expect(res.text).not.toContain('<b>Rao</b>');
    expect(res.text).toContain('₹115');
    expect((await clientAs(t, stranger).get(`/api/order/${order.id}/invoice`)).status).toBe(404);
  });
});
