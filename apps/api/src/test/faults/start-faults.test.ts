/**
 * Start-up faults on the embedded database, with real processes: two openers of one PGlite data
 * directory (the second refused, naming the holder), the holder killed -9 (the lock frees itself), and a
 * port already taken (a clear message and a non-zero exit, not a server that never listens).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf } from '../../db/client';
import { demoStores } from '../../db/seed/stores.data';
import { API_DIR, buildApi, freePort, runToEnd, serverEnv, startServer, type ServerProcess } from '../multiprocess/processes';


// Embedded-database faults: nothing here changes on the PostgreSQL server run, so it runs once.
const onServerRun = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(onServerRun)('one PGlite data directory, one process', () => {
  let dataDir: string;
  const servers: ServerProcess[] = [];

  beforeAll(() => {
    buildApi();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fatafat-lock-'));
  }, 180_000);
  afterAll(async () => {
    for (const s of servers) await s.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when a server holds the directory, then a second server, npm run seed and npm run admin:create exit at once naming its pid', async () => {
    const holder = await startServer({ DATA_DIR: dataDir });
    servers.push(holder);
    const pid = String(holder.child.pid);

    const second = await runToEnd(process.execPath, ['dist/server.js'], { env: serverEnv(await freePort(), dataDir), timeoutMs: 20_000 });
    expect(second.code, second.output).toBe(1);
    expect(second.output).toContain(`pid ${pid}`);
    expect(second.output).toContain(path.join(dataDir, 'pglite'));
    expect(second.output).not.toMatch(/\n\s+at /); // a message, not a stack trace

    const seed = await runToEnd('npm', ['run', 'seed', '--silent'], { env: { DATA_DIR: dataDir }, timeoutMs: 60_000 });
    expect(seed.code, seed.output).not.toBe(0);
    expect(seed.output).toContain(`pid ${pid}`);

    const admin = await runToEnd('npm', ['run', 'admin:create', '--silent', '--', '--email', 'ops@example.com', '--password', 'long enough secret'], {
      env: { DATA_DIR: dataDir },
      timeoutMs: 60_000,
    });
    expect(admin.code, admin.output).not.toBe(0);
    expect(admin.output).toContain(`pid ${pid}`);
    expect(admin.output).not.toContain('Created admin');

    // The holder never noticed.
    expect((await fetch(`${holder.url}/api/ready`)).status).toBe(200);
  }, 120_000);

  it('when the holder is killed -9, then the lock frees itself and the next server opens the directory', async () => {
    const holder = servers[0] ?? (await startServer({ DATA_DIR: dataDir }));
    holder.child.kill('SIGKILL');
    await new Promise((r) => holder.child.once('exit', r));
    const next = await startServer({ DATA_DIR: dataDir });
    servers.push(next);
    expect((await fetch(`${next.url}/api/ready`)).status).toBe(200);
  }, 60_000);
});

describe.skipIf(onServerRun)('a port already in use', () => {
  it('when the port is taken, then the server says so and exits non-zero without opening the database', async () => {
    const port = await freePort();
    const squatter = net.createServer();
    await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', () => r()));
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fatafat-port-'));
    try {
      const run = await runToEnd(process.execPath, ['dist/server.js'], { env: serverEnv(port, dataDir), timeoutMs: 20_000 });
      expect(run.code, run.output).toBe(1);
      expect(run.output).toContain(`Port ${port}`);
      expect(run.output).toContain('already in use');
      expect(run.output).not.toContain('serving on');
    } finally {
      squatter.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(onServerRun)('an interrupted first seed', () => {
  it('when the first start is killed -9 while loading the demo catalogue, then the next start completes it', async () => {
    buildApi();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fatafat-seedkill-'));
    try {
      const env = { PATH: process.env.PATH ?? '', ...serverEnv(await freePort(), dataDir), SEED_DEMO: 'on', LOG_LEVEL: 'info' };
      const first = spawn(process.execPath, ['dist/server.js'], { cwd: API_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      const killed = new Promise<void>((resolve) => {
        first.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          // Products are in, stores and stock are not yet: the state the old start mistook for "seeded".
          if (out.includes('"phase":"products"') && first.exitCode === null) first.kill('SIGKILL');
        });
        first.once('exit', () => resolve());
      });
      await killed;
      expect(out).not.toContain('demo catalogue loaded');

      const second = await startServer({ DATA_DIR: dataDir, SEED_DEMO: 'on', LOG_LEVEL: 'info' });
      expect(second.output()).toContain('interrupted');
      await second.stop();

      const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
      try {
        const [row] = rowsOf<{ stores: number; stock: number; done: boolean }>(
          await database.db.execute(sql`select (select count(*)::int from stores) as stores, (select count(*)::int from stock) as stock,
            (select completed_at is not null from setup_runs where name = 'demo-seed') as done`),
        );
        expect(row).toMatchObject({ stores: demoStores.length, done: true });
        expect(row!.stock).toBeGreaterThan(0);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
