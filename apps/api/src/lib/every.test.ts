/**
 * Background passes and shutdown: a pass in flight when the app closes finishes before the database
 * closes under it, and no pass starts afterwards. Closing the pool under a delivery simulator pass logged
 * "Cannot use a pool after calling end on the pool" (PGlite: "PGlite is closed") on every stop.
 */
import { describe, expect, it } from 'vitest';
import { createStockedVariant, createTestOrder, createTestStore } from '../modules/orders/order.factories';
import { runDeliverySimulatorOnce } from '../modules/orders/order.jobs';
import { createUser } from '../test/factories';
import { startTestApp } from '../test/harness';
import { capturedLogger } from '../test/log-capture';
import { every } from './every';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('every', () => {
  it('when the app closes during a delivery simulator pass, then the pass finishes before the pool closes, nothing is logged and no pass starts after', async () => {
    const { logger, lines } = capturedLogger('warn');
    const app = await startTestApp({}, { logger });
    const store = await createTestStore(app.deps.db, { slug: 'every-pass' });
    const variant = await createStockedVariant(app.deps.db, store.id);
    const user = await createUser(app);
    // The demo's simulated picker of the store: the pass's work is their claim of the order.
    await createUser(app, { role: 'picker', storeId: store.id, email: 'picker2.every-pass@fatafat.local' });
    await createTestOrder(app.deps.db, { userId: user.id, storeId: store.id, lines: [{ variant, quantity: 1 }] });

    let started = 0;
    let finished = 0;
    let moved = 0;
    let entered!: () => void;
    const inFlight = new Promise<void>((r) => (entered = r));
    every(app.deps, 'delivery simulator', 5, async () => {
      started += 1;
      entered();
      // Still in its first query's wait when close() begins.
      await delay(200);
      // A minute on, so the confirmed order is due to move to packing.
      moved += await runDeliverySimulatorOnce(app.deps, new Date(Date.now() + 60_000));
      finished += 1;
    });

    await inFlight;
    await app.close();
    expect(finished, 'the pass in flight finished before close() returned').toBe(started);
    expect(moved).toBe(1);
    const startedAtClose = started;
    await delay(100);
    expect(started, 'no pass starts after close').toBe(startedAtClose);
    expect(lines, 'nothing logged at warn or above').toEqual([]);
  });
});
