import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { orderEvents, orders, stockMovements } from '../../db/schema/index';
import { AppError } from '../../http/errors';
import { startTestApp, type TestApp } from '../../test/harness';
import { createUser } from '../../test/factories';
import { ORDER_STATUSES } from '../../db/schema/index';
import { canTransition, SYSTEM_ACTOR, transitionOrder } from './order-state';
import { createStockedVariant, createTestOrder, createTestStore, stockOf, type TestStore, type TestVariant } from './order.factories';

// The pure rules (table, roles, sets) are pinned by hand where they live: packages/contracts/src/order-rules.test.ts.
// Here every pair of that table is tried against the database.
const PAIRS = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => ({ from, to, ok: canTransition(from, to, 'system') })));

describe('order state machine (against the database)', () => {
  let t: TestApp;
  let store: TestStore;
  let variant: TestVariant;
  let customerId: string;

  beforeAll(async () => {
    t = await startTestApp();
    store = await createTestStore(t.deps.db);
    variant = await createStockedVariant(t.deps.db, store.id, { onHand: 1000 });
    customerId = (await createUser(t)).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('when every from → to pair is tried, then allowed moves commit with an event and the rest are 409 invalid_transition changing nothing', async () => {
    const results: string[] = [];
    for (const { from, to, ok } of PAIRS) {
      const order = await createTestOrder(t.deps.db, { userId: customerId, storeId: store.id, status: from, lines: [{ variant, quantity: 1 }] });
      const before = await stockOf(t.deps.db, store.id, variant.id);
      let outcome: string;
      try {
        await transitionOrder(t.deps, order.id, to, SYSTEM_ACTOR, 'table test');
        outcome = 'ok';
      } catch (err) {
        outcome = err instanceof AppError && err.status === 409 && err.code === 'invalid_transition' ? '409' : `unexpected ${String(err)}`;
      }
      const [row] = await t.deps.db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
      const [events] = await t.deps.db.select({ n: count() }).from(orderEvents).where(eq(orderEvents.orderId, order.id));
      if (outcome === 'ok') {
        expect(row!.status, `${from}→${to}`).toBe(to);
        expect(events!.n, `${from}→${to}`).toBe(2);
      } else {
        expect(row!.status, `${from}→${to}`).toBe(from);
        expect(events!.n, `${from}→${to}`).toBe(1);
        expect(await stockOf(t.deps.db, store.id, variant.id)).toEqual(before);
      }
      results.push(`${from}→${to}:${outcome === 'ok' ? 'ok' : outcome}`);
      if ((outcome === 'ok') !== ok) throw new Error(`${from}→${to} gave ${outcome}, expected ${ok ? 'ok' : '409'}`);
    }
    expect(results).toHaveLength(PAIRS.length);
  });

  it('when an order that holds stock is cancelled, expired or fails payment, then exactly its units return to sale with a movement row', async () => {
    for (const to of ['cancelled', 'expired', 'payment_failed'] as const) {
      const v = await createStockedVariant(t.deps.db, store.id, { onHand: 10 });
      const order = await createTestOrder(t.deps.db, { userId: customerId, storeId: store.id, status: 'pending_payment', lines: [{ variant: v, quantity: 3 }] });
      expect(await stockOf(t.deps.db, store.id, v.id)).toEqual({ onHand: 10, reserved: 3 });
      await transitionOrder(t.deps, order.id, to, SYSTEM_ACTOR);
      expect(await stockOf(t.deps.db, store.id, v.id), to).toEqual({ onHand: 10, reserved: 0 });
      const moves = await t.deps.db.select().from(stockMovements).where(eq(stockMovements.orderId, order.id));
      expect(moves).toMatchObject([{ variantId: v.id, deltaOnHand: 0, deltaReserved: -3, reason: 'order_released' }]);
    }
  });

  it('when an order is delivered, then its units leave on_hand and reserved; a later refund touches no stock', async () => {
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 10 });
    const w = await createStockedVariant(t.deps.db, store.id, { onHand: 5 });
    const order = await createTestOrder(t.deps.db, {
      userId: customerId,
      storeId: store.id,
      status: 'out_for_delivery',
      lines: [
        { variant: v, quantity: 4 },
        { variant: w, quantity: 5 },
      ],
    });
    await transitionOrder(t.deps, order.id, 'delivered', SYSTEM_ACTOR);
    expect(await stockOf(t.deps.db, store.id, v.id)).toEqual({ onHand: 6, reserved: 0 });
    expect(await stockOf(t.deps.db, store.id, w.id)).toEqual({ onHand: 0, reserved: 0 });
    await transitionOrder(t.deps, order.id, 'refunded', SYSTEM_ACTOR);
    expect(await stockOf(t.deps.db, store.id, v.id)).toEqual({ onHand: 6, reserved: 0 });
    const moves = await t.deps.db.select().from(stockMovements).where(eq(stockMovements.orderId, order.id));
    expect(moves.map((m) => [m.deltaOnHand, m.deltaReserved, m.reason]).sort()).toEqual([
      [-4, -4, 'order_delivered'],
      [-5, -5, 'order_delivered'],
    ]);
  });

  it('when an order moves along its way (confirmed → packing → packed → out for delivery), then stock stays reserved', async () => {
    const v = await createStockedVariant(t.deps.db, store.id, { onHand: 10 });
    const order = await createTestOrder(t.deps.db, { userId: customerId, storeId: store.id, status: 'confirmed', lines: [{ variant: v, quantity: 2 }] });
    await transitionOrder(t.deps, order.id, 'packing', SYSTEM_ACTOR);
    await transitionOrder(t.deps, order.id, 'packed', SYSTEM_ACTOR);
    await transitionOrder(t.deps, order.id, 'out_for_delivery', SYSTEM_ACTOR);
    expect(await stockOf(t.deps.db, store.id, v.id)).toEqual({ onHand: 10, reserved: 2 });
  });

  it('when a move happens, then every process hears order.updated after commit', async () => {
    const order = await createTestOrder(t.deps.db, { userId: customerId, storeId: store.id, status: 'confirmed', lines: [{ variant, quantity: 1 }] });
    const heard: string[] = [];
    const off = t.deps.events.subscribe((e) => {
      if (e.orderId === order.id) heard.push(`${e.type}:${e.status}`);
    });
    await transitionOrder(t.deps, order.id, 'packing', SYSTEM_ACTOR);
    await expect(transitionOrder(t.deps, order.id, 'confirmed', SYSTEM_ACTOR)).rejects.toMatchObject({ code: 'invalid_transition' });
    off();
    expect(heard).toEqual(['order.updated:packing']);
  });
});
