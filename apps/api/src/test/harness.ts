/**
 * Starts the real app on a free port against a database of its own: in-memory PGlite by default, or a
 * fresh database on the PostgreSQL server named by TEST_DATABASE_URL (created here, dropped on close).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../app';
import { buildOpenApi } from '../modules/docs/openapi';
import { loadConfig, type Config } from '../config';
import { openDatabase, type Database } from '../db/client';
import { runMigrations } from '../db/migrate';
import { createDeps, type AppDeps } from '../deps';
import { createLogger, type Logger } from '../lib/logger';
import { ContractCheck } from './contract-check';
import { HttpClient } from './http-client';
import { createServerDatabase } from './server-database';

export interface TestApp {
  url: string;
  config: Config;
  deps: AppDeps;
  database: Database;
  /** The PostgreSQL URL of the test database (absent on PGlite). */
  databaseUrl?: string | undefined;
  /** A fresh cookie-jar client, like a new browser. */
  client(): HttpClient;
  close(): Promise<void>;
}

export async function openTestDatabase(
  statementTimeoutMs?: number,
): Promise<{ database: Database; url?: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const created = await createServerDatabase(serverUrl);
    const database = await openDatabase({ url: created.url, poolSize: 20, statementTimeoutMs });
    await runMigrations(database);
    return { database, url: created.url, drop: created.drop };
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  await runMigrations(database);
  return { database, drop: async () => undefined };
}

export interface TestAppOptions {
  /**
   * Start a second app (like another server process) on the database of an existing test app: its own
   * pool on PostgreSQL, the same PGlite instance otherwise. Closing it leaves the database to its owner.
   */
  attachTo?: TestApp;
  /** The app's logger instead of one on stdout (a test that reads what the app logs). */
  logger?: Logger;
}

async function attachDatabase(
  owner: TestApp,
  statementTimeoutMs: number,
): Promise<{ database: Database; url?: string; drop: () => Promise<void>; shared: boolean }> {
  if (owner.databaseUrl) {
    const database = await openDatabase({ url: owner.databaseUrl, poolSize: 20, statementTimeoutMs });
    return { database, url: owner.databaseUrl, drop: async () => undefined, shared: false };
  }
  return { database: owner.database, drop: async () => undefined, shared: true };
}

export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fatafat-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DELIVERY_SIMULATOR: 'off',
    ...env,
  });
  // The statement timeout production has (DATABASE_STATEMENT_TIMEOUT_MS), on the server database.
  const timeout = config.databaseStatementTimeoutMs;
  const opened = options.attachTo
    ? await attachDatabase(options.attachTo, timeout)
    : { ...(await openTestDatabase(timeout)), shared: false };
  const { database, drop } = opened;
  const deps = await createDeps(config, database, options.logger ?? createLogger(config.logLevel));
  const { app, api } = buildApp(deps);
  // Every answer a test client receives is checked against the document this very app serves.
  const contract = new ContractCheck(buildOpenApi(api.routes, config.publicUrl));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    config,
    deps,
    database,
    databaseUrl: opened.url,
    client: () => new HttpClient(url, (...answer) => contract.check(...answer)),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await deps.close();
      if (!opened.shared) await database.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
