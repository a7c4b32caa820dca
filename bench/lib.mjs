/**
 * What the request-driving benchmarks share: keep-alive HTTP, a closed-loop driver with latency
 * percentiles, CPU seconds of the API and PostgreSQL processes (Linux /proc), a scratch PostgreSQL
 * database, and rewriting one section of docs/benchmarks.md; for the autocannon benchmarks, the API's
 * production build on a free port, the bare-Express baseline and an autocannon run.
 */
import { fork, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

export const root = path.resolve(import.meta.dirname, '..');
export const PG_URL = process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

export function request(port, method, pathName, headers, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: pathName,
        agent,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode, body: data }));
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export function pct(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Latency summary of one kind of request. */
export function summarise(latencies, elapsedSeconds, statuses = {}) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    perSecond: sorted.length / elapsedSeconds,
    p50: pct(sorted, 50),
    p99: pct(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    statuses,
  };
}

/** `concurrency` closed loops for `seconds`, each sending what `makeRequest(worker, n)` says. */
export async function drive(port, seconds, concurrency, makeRequest) {
  const latencies = [];
  const statuses = {};
  let stop = false;
  const started = performance.now();
  const timer = setTimeout(() => (stop = true), seconds * 1000);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      let n = 0;
      while (!stop) {
        const { method, path: p, headers, body } = makeRequest(worker, n++);
        const t0 = performance.now();
        const res = await request(port, method, p, headers, body);
        latencies.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 400 && statuses[res.status] <= 3) console.error(`  ${res.status}: ${res.body.slice(0, 200)}`);
      }
    }),
  );
  clearTimeout(timer);
  return summarise(latencies, (performance.now() - started) / 1000, statuses);
}

/** Every process on this machine with its name, parent and CPU seconds so far (Linux /proc; none elsewhere). */
function processes() {
  let dirs;
  try {
    dirs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  return dirs.flatMap((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      // fields: state ppid … utime(11) stime(12), in USER_HZ ticks
      return [{ pid: Number(pid), name: stat.slice(stat.indexOf('(') + 1, close), ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / 100 }];
    } catch {
      return []; // the process ended while we looked
    }
  });
}

/** CPU seconds of the API (the server process and its cluster workers) and of PostgreSQL's processes. */
export function cpuSeconds(serverPid) {
  const all = processes();
  const api = all.filter((p) => p.pid === serverPid || p.ppid === serverPid).reduce((n, p) => n + p.cpu, 0);
  const db = all.filter((p) => p.name.startsWith('postgres')).reduce((n, p) => n + p.cpu, 0);
  return { api, db };
}

export async function pgReachable() {
  const { default: pg } = await import(pathToFileURL(path.join(root, 'node_modules/pg/lib/index.js')).href).catch(() => import('pg'));
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return { pg, client: c };
  } catch {
    return null;
  }
}

/** A fresh database on the PostgreSQL server, and how to drop it; null when the server is not reachable. */
export async function scratchDatabase(prefix) {
  const conn = await pgReachable();
  if (!conn) return null;
  const name = `${prefix}_${Date.now().toString(36)}`;
  await conn.client.query(`create database ${name}`);
  await conn.client.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new conn.pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Replaces (or appends) the section of docs/benchmarks.md that starts with `heading`. */
export function writeSection(heading, section) {
  const file = path.join(root, 'docs/benchmarks.md');
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const start = doc.indexOf(heading);
  if (start >= 0) {
    const next = doc.indexOf('\n## ', start + 1);
    doc = doc.slice(0, start) + section + (next >= 0 ? doc.slice(next + 1) : '');
  } else {
    doc = `${doc.trimEnd()}\n\n${section}`;
  }
  writeFileSync(file, doc);
  console.log(`wrote the ${heading.replace(/^#+ /, '')} section of ${path.relative(root, file)}`);
}

export const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');

// ── autocannon benchmarks (catalogue, serviceability) ─────────────────────────────────────────────────

export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function buildApi() {
  if (process.env.BENCH_NO_BUILD) return;
  console.log('building apps/api …');
  const r = spawnSync('npm', ['run', 'build', '-w', 'apps/api'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('build failed');
}

export function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Whether the PostgreSQL server answers (the probe connection closed again). */
export async function pgAnswers() {
  const conn = await pgReachable();
  await conn?.client.end();
  return !!conn;
}

/** A scratch database (scratchDatabase), refusing to go on when the server is not reachable. */
export async function createPgDatabase(prefix = 'ff_bench') {
  const db = await scratchDatabase(`${prefix}_${randomBytes(3).toString('hex')}`);
  if (!db) throw new Error(`PostgreSQL is not reachable at ${PG_URL}`);
  return db;
}

/**
 * `node apps/api/dist/server.js` in production mode (rate limit raised, simulator off) on `engine`
 * ('pglite' | 'postgres'), ready once /api/health answers (migrations and any seed run before it listens).
 */
export async function startApi(engine, { env = {}, label = engine, prefix, execArgv = [] } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fatafat-bench-'));
  const port = await freePort();
  const pgDb = engine === 'postgres' ? await createPgDatabase(prefix) : null;
  const child = spawn(process.execPath, [...execArgv, path.join(root, 'apps/api/dist/server.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PUBLIC_URL: 'http://localhost',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'on',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_API: '100000000',
      DELIVERY_SIMULATOR: 'off',
      REDIS_URL: '',
      DATABASE_URL: pgDb ? pgDb.url : '',
      DATABASE_POOL_SIZE: process.env.BENCH_POOL ?? '20',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await pgDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const started = Date.now();
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}`);
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() - started > 300_000) throw new Error('API did not start within 5 minutes');
      await sleep(250);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  console.log(`  ${label}: API up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { base, pid: child.pid, databaseUrl: pgDb?.url ?? null, stop };
}

/** The bare Express app of bench/baseline-server.mjs (GET /json), for the same-run baseline. */
export async function startBaseline() {
  const child = fork(path.join(import.meta.dirname, 'baseline-server.mjs'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** autocannon for `seconds` over fixed paths, or a function giving each request its path. */
export function load(url, paths, seconds, connections = CONNECTIONS) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration: seconds,
        requests:
          typeof paths === 'function'
            ? [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths() }) }]
            : paths.map((p) => ({ method: 'GET', path: p })),
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

/** CPU seconds so far of each of `pids` still running (a process that ended is missing). */
export function cpuOfPids(pids) {
  const wanted = new Set(pids);
  return new Map(processes().filter((p) => wanted.has(p.pid)).map((p) => [p.pid, p.cpu]));
}

export function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}; load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`;
}

const apiModule = (p) => import(pathToFileURL(path.join(root, 'apps/api/src', p)).href);

/**
 * The API for a bench's server role (run under `node --import tsx`): production config with limits lifted
 * and no demo, a fresh migrated database (PGlite in a temp directory, or `url`), listening on a free port.
 * Answers what the bench seeds with, and `stop()` for its 'stop' message.
 */
export async function startBenchApi({ url, env = {} } = {}) {
  const [{ loadConfig }, { openDatabase }, { runMigrations }, { createDeps }, { createLogger }, { buildApp }, auth, schema] = await Promise.all(
    ['config.ts', 'db/client.ts', 'db/migrate.ts', 'deps.ts', 'lib/logger.ts', 'app.ts', 'http/auth-context.ts', 'db/schema/index.ts'].map(apiModule),
  );
  const { mkdtempSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const { randomBytes } = await import('node:crypto');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fatafat-bench-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    PUBLIC_URL: 'http://localhost',
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_API: '100000000',
    DELIVERY_SIMULATOR: 'off',
    SEED_DEMO: 'off',
    ...(url ? { DATABASE_URL: url, DATABASE_POOL_SIZE: process.env.BENCH_POOL ?? '20' } : {}),
    ...env,
  });
  const database = await openDatabase({ url, dataDir: path.join(dataDir, 'pglite'), poolSize: config.databasePoolSize });
  await runMigrations(database);
  const deps = await createDeps(config, database, createLogger('warn'));
  const sign = (user) => auth.signAccessToken(user, config.jwtSecret, 3600);
  const listen = async () => {
    const { app } = buildApp(deps);
    const server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    server.keepAliveTimeout = 65_000;
    const stop = async () => {
      server.closeAllConnections();
      server.close();
      await deps.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    };
    return { port: server.address().port, stop };
  };
  return { db: deps.db, schema, kind: database.kind, sign, listen };
}
