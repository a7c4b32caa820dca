/**
 * Start-up shared by the server, the CLI scripts and the benchmark: config → database → migrations → deps.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import type { Config } from './config';
import { openDatabase, type Database } from './db/client';
import { runMigrations } from './db/migrate';
import { createDeps, type AppDeps } from './deps';
import { createLogger, type Logger } from './lib/logger';

/** The built SPA sits beside the API in the monorepo: apps/web/dist. */
export function defaultWebDist(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = path.join(dir, 'web', 'dist');
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({
    url: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'pglite'),
    poolSize: config.databasePoolSize,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
  });
}

export async function bootstrap(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<AppDeps> {
  const database = await openConfiguredDatabase(config);
  await runMigrations(database);
  logger.info({ database: database.kind }, 'database ready');
  return createDeps(config, database, logger);
}
