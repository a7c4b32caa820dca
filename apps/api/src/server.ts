/**
 * The process: config → port → database → migrations → (demo data) → serve → graceful shutdown.
 */
import './lib/env-file';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { buildApp } from './app';
import { serveBackupRequests } from './db/backup/backup';
import { bootstrap, defaultWebDist } from './bootstrap';
import { loadConfig } from './config';
import { createLogger } from './lib/logger';
import { StartupError } from './lib/startup-error';
import { onStartTasks } from './start-tasks';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Until the app is built every request gets a 503, so a probe during migrations or the first seed waits. */
const starting: Handler = (_req, res) => {
  res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '2' });
  res.end(JSON.stringify({ error: { code: 'starting', message: 'The server is starting; try again shortly' } }));
};

/**
 * Binds the port before the database is opened: a port already taken fails the start at once, with the
 * data directory never locked and no background job started.
 */
function listen(port: number, host: string, handler: () => Handler) {
  const server = createServer((req, res) => handler()(req, res));
  return new Promise<typeof server>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new StartupError(`Port ${port} on ${host} is already in use by another process: stop it or set PORT to a free port.`));
      else if (err.code === 'EACCES') reject(new StartupError(`Not allowed to listen on port ${port} on ${host}: choose a port above 1023 or run with the right privileges.`));
      else reject(err);
    });
    server.listen(port, host, () => resolve(server));
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  config.webDistDir ??= defaultWebDist();
  const logger = createLogger(config.logLevel, !config.isProduction && process.stdout.isTTY);
  let handler: Handler = starting;
  const server = await listen(config.port, config.host, () => handler);
  // Keep-alive longer than a typical load balancer's idle timeout, so it closes first.
  server.keepAliveTimeout = 65_000;

  const deps = await bootstrap(config, logger);
  // A cluster worker (see cluster.ts) finds the one-time work already done by the primary.
  await onStartTasks(deps, { oneTime: process.env.FATAFAT_CLUSTER_WORKER !== '1' });
  const { app, api } = buildApp(deps);
  handler = app;
  // `npm run backup` while this process holds the PGlite directory asks it (the only one that may read it).
  if (deps.database.dataDir) {
    serveBackupRequests(deps.database.dataDir, (file) => deps.database.backup(file), (msg, err) =>
      err ? logger.error({ err }, msg) : logger.info(msg),
    );
  }
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
  // An operator's problem gets its message alone; anything else is a bug and keeps its stack.
  const text = err instanceof StartupError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`Failed to start: ${text}\n`);
  process.exit(1);
});
