/**
 * Backups taken while the shop takes orders, restored into an empty place: every order the shop had
 * acknowledged (201) before `npm run backup` started is in the restored database with its items, and the
 * restored database holds the shop's invariants. Embedded PGlite (the server asked through its lock) on the
 * PGlite run; pg_dump / pg_restore on the PostgreSQL server run.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type Database } from '../../db/client';
import { invariantViolations } from '../fuzz/invariants';
import { buildApi, createDatabase, runToEnd, startServer, type ServerProcess } from '../multiprocess/processes';
import { createServerDatabase } from '../server-database';
import { prepareShop, query, type Shop } from './shop';

const BASE = process.env.TEST_DATABASE_URL;

/**
 * Checkouts from every shopper, one after another per shopper, until stopped. Each acknowledged order is
 * kept with the moment its 201 arrived.
 */
function checkoutLoad(url: string, shop: Shop) {
  const acknowledged: { id: string; at: number }[] = [];
  const failures: number[] = [];
  let running = true;
  const loops = shop.shoppers.map(async (s, i) => {
    for (let n = 0; running; n += 1) {
      const items = shop.items.slice(0, 1 + ((i + n) % 3)).map((v, j) => ({ variantId: v.id, quantity: 1 + ((n + j) % 2) }));
      const res = await fetch(`${url}/api/order`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
        body: JSON.stringify({ addressId: s.addressId, paymentMethod: 'cod', items }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await res.json()) as { order?: { id: string } };
      if (res.status === 201 && body.order) acknowledged.push({ id: body.order.id, at: Date.now() });
      else failures.push(res.status);
    }
  });
  return {
    acknowledged,
    failures,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** The ids in `ids` that the restored database lacks, or holds without items. */
async function missingOrders(database: Database, ids: string[]): Promise<string[]> {
  const found = rowsOf<{ id: string }>(
    await database.db.execute(sql`select o.id from orders o where exists (select 1 from order_items i where i.order_id = o.id)`),
  );
  const have = new Set(found.map((r) => r.id));
  return ids.filter((id) => !have.has(id));
}

/** Runs checkouts, takes the backup in the middle of them, and returns what had been acknowledged before it began. */
async function backupUnderLoad(server: ServerProcess, shop: Shop, env: Record<string, string>, file: string) {
  const load = checkoutLoad(server.url, shop);
  try {
    // Let orders flow first, so the backup meets a shop in the middle of its work.
    while (load.acknowledged.length < 40) await new Promise((r) => setTimeout(r, 50));
    const startedAt = Date.now();
    const before = load.acknowledged.filter((o) => o.at < startedAt).map((o) => o.id);
    const backup = await runToEnd('npm', ['run', 'backup', '--silent', '--', '--out', file], { env, timeoutMs: 120_000 });
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain(file);
    const during = load.acknowledged.filter((o) => o.at >= startedAt).length;
    return { before, during };
  } finally {
    await load.stop();
    expect(load.failures.filter((s) => s >= 500), 'no checkout failed while the backup ran').toEqual([]);
  }
}

/** A scratch directory, the servers and databases a test starts, all gone when the suite ends. */
function workspace() {
  const place = { work: '', servers: [] as ServerProcess[], dbs: [] as { url: string; drop: () => Promise<void> }[] };
  beforeAll(() => {
    buildApi();
    place.work = mkdtempSync(path.join(os.tmpdir(), 'fatafat-backup-'));
  }, 180_000);
  afterAll(async () => {
    for (const s of place.servers) await s.stop('SIGKILL');
    for (const d of place.dbs) await d.drop();
    rmSync(place.work, { recursive: true, force: true });
  });
  return place;
}

describe.skipIf(Boolean(BASE))('a backup of the embedded database, taken while the shop takes orders', () => {
  const place = workspace();

  it('when restored into a new directory, then every order acknowledged before the backup began is there with its items', async () => {
    const live = path.join(place.work, 'live');
    const shop = await prepareShop({ dataDir: path.join(live, 'pglite') });
    const server = await startServer({ DATA_DIR: live, RATE_LIMIT_API: '100000' });
    place.servers.push(server);

    const file = path.join(place.work, 'shop.tar.gz');
    const { before, during } = await backupUnderLoad(server, shop, { DATA_DIR: live }, file);
    expect(before.length).toBeGreaterThanOrEqual(40);
    expect(during, 'orders kept flowing while the backup was written').toBeGreaterThan(0);
    expect(statSync(file).size).toBeGreaterThan(0);

    // A restore never writes over a running shop.
    const refused = await runToEnd('npm', ['run', 'restore', '--silent', '--', file], { env: { DATA_DIR: live }, timeoutMs: 60_000 });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(`pid ${server.child.pid}`);
    await server.stop();

    const restoredDir = path.join(place.work, 'restored');
    const restore = await runToEnd('npm', ['run', 'restore', '--silent', '--', file], { env: { DATA_DIR: restoredDir }, timeoutMs: 120_000 });
    expect(restore.code, restore.output).toBe(0);
    const restored = await openDatabase({ dataDir: path.join(restoredDir, 'pglite') });
    try {
      expect(await missingOrders(restored, before)).toEqual([]);
      expect(await invariantViolations(query(restored))).toEqual([]);
    } finally {
      await restored.close();
    }

    // Restoring over a stopped shop keeps the old directory aside instead of deleting it.
    const over = await runToEnd('npm', ['run', 'restore', '--silent', '--', file], { env: { DATA_DIR: live }, timeoutMs: 120_000 });
    expect(over.code, over.output).toBe(0);
    expect(over.output).toContain('before-restore');
  }, 300_000);
});

describe.skipIf(!BASE)('a backup of the PostgreSQL server database, taken while the shop takes orders', () => {
  const place = workspace();

  it('when pg_restore puts it into an empty database, then every order acknowledged before the backup began is there with its items', async () => {
    const source = await createDatabase(BASE!);
    place.dbs.push(source);
    const shop = await prepareShop({ url: source.url, poolSize: 2 });
    const server = await startServer({ DATABASE_URL: source.url, RATE_LIMIT_API: '100000' });
    place.servers.push(server);

    const file = path.join(place.work, 'shop.dump');
    const { before, during } = await backupUnderLoad(server, shop, { DATABASE_URL: source.url }, file);
    expect(before.length).toBeGreaterThanOrEqual(40);
    expect(during).toBeGreaterThanOrEqual(0);

    const target = await createServerDatabase(BASE!, 'ff_restore');
    place.dbs.push(target);
    const restore = await runToEnd('npm', ['run', 'restore', '--silent', '--', file], { env: { DATABASE_URL: target.url }, timeoutMs: 120_000 });
    expect(restore.code, restore.output).toBe(0);
    const restored = await openDatabase({ url: target.url, poolSize: 2 });
    try {
      expect(await missingOrders(restored, before)).toEqual([]);
      expect(await invariantViolations(query(restored))).toEqual([]);
    } finally {
      await restored.close();
    }
  }, 300_000);
});
