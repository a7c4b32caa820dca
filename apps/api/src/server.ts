/**
 * The process: config → database → migrations → (demo data) → listen → graceful shutdown.
 */
import 'dotenv/config';
import type { Server } from 'node:http';
import { buildApp } from './app';
import { bootstrap, defaultWebDist } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './lib/logger';
import { onStartTasks } from './start-tasks';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  config.webDistDir ??= defaultWebDist();
  const logger = createLogger(config.logLevel, !config.isProduction && process.stdout.isTTY);
  const deps = await bootstrap(config, logger);
  // A cluster worker (see cluster.ts) finds the one-time work already done by the primary.
  await onStartTasks(deps, { oneTime: process.env.FATAFAT_CLUSTER_WORKER !== '1' });
  const { app, api } = buildApp(deps);

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  // Keep-alive longer than a typical load balancer's idle timeout, so it closes first.
  server.keepAliveTimeout = 65_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, database: deps.database.kind }, `Fatafat is serving on http://localhost:${port}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    // Stop accepting, end background jobs and live streams, then let in-flight requests (a checkout
    // mid-transaction) finish before the pool closes: closing it first would turn them into 500s.
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    // A keep-alive connection turns idle when its last response is out; close each one as it does, or an
    // idle client would hold the stop open until its keep-alive timeout.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    await deps.stopWork();
    // Connections drained, and every route handler finished (one whose client hung up no longer holds a
    // connection open but may still be waiting for the pool).
    await Promise.race([
      drained.then(() => api.settled()),
      new Promise((resolve) => setTimeout(resolve, 10_000).unref()),
    ]);
    clearInterval(sweep);
    server.closeAllConnections();
    // Only now: the last handlers published their order events and sent their mail.
    await deps.close();
    await deps.database.close();
    clearTimeout(force);
    logger.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
