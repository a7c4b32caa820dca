/**
 * `npm run start:cluster`: one worker per core on one port, with node:cluster. Chosen over PM2 because it
 * needs no extra dependency or daemon, keeps one entry point for containers (where an orchestrator, not
 * PM2, restarts processes), and lets the primary do one-time start work (migrations, first admin, demo
 * data) before any worker accepts traffic. Workers share nothing but PostgreSQL and Redis.
 */
import './lib/env-file';
import cluster from 'node:cluster';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { bootstrap } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './lib/logger';
import { StartupError } from './lib/startup-error';
import { onStartTasks } from './start-tasks';

async function primary(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.databaseUrl) {
    // PGlite is an embedded, single-process database: several workers cannot open the same directory.
    throw new ConfigError('start:cluster needs DATABASE_URL (a PostgreSQL server); PGlite serves one process only');
  }
  if (!config.redisUrl) logger.warn('REDIS_URL is not set: rate limits and live order events stay per worker');

  // The primary's one-time work needs no Redis: connecting only to hang up a moment later logged
  // "redis unavailable" and "event bus subscribe failed" on every healthy start.
  const deps = await bootstrap({ ...config, redisUrl: undefined }, logger);
  await onStartTasks(deps, { oneTime: true, jobs: false });
  await deps.close();
  await deps.database.close();

  const workers = Number(process.env.WEB_CONCURRENCY) || os.availableParallelism();
  logger.info({ workers }, 'starting workers');
  // Workers run this file, also when `npm start:cluster` imported it from scripts/start.mjs.
  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) });
  const fork = () => cluster.fork({ FATAFAT_CLUSTER_WORKER: '1' });
  for (let i = 0; i < workers; i += 1) fork();

  let stopping = false;
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'worker died, starting a new one');
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    setTimeout(() => process.exit(0), 12_000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (cluster.isPrimary) {
  primary().catch((err: unknown) => {
    const text = err instanceof StartupError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`Failed to start: ${text}\n`);
    process.exit(1);
  });
} else {
  await import('./server');
}
