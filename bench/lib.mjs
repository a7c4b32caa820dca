/**
 * Pieces the benchmarks share: the API's production build on a free port (embedded PGlite, or a scratch
 * PostgreSQL database made for the run and dropped after it), the bare-Express baseline, an autocannon run,
 * CPU seconds per process from /proc, the machine line and the rewrite of one section of docs/benchmarks.md.
 */
import { fork, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const here = import.meta.dirname;
export const root = path.resolve(here, '..');
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
export const PG_URL = process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
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

export async function pgReachable() {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** A scratch database on the server (never an existing one), with its URL and a drop(). */
export async function createPgDatabase(prefix = 'ff_bench') {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: PG_URL });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
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
  const child = fork(path.join(here, 'baseline-server.mjs'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
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

/** Every process on this machine with its name, parent and CPU seconds so far (Linux /proc; none elsewhere). */
export function processes() {
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

/** CPU seconds so far of each of `pids` still running (a process that ended is missing). */
export function cpuOfPids(pids) {
  const wanted = new Set(pids);
  return new Map(processes().filter((p) => wanted.has(p.pid)).map((p) => [p.pid, p.cpu]));
}

/** CPU seconds so far of a server process (and its children) and of every PostgreSQL process on the machine. */
export function cpuSeconds(serverPid) {
  const all = processes();
  const api = all.filter((p) => p.pid === serverPid || p.ppid === serverPid).reduce((n, p) => n + p.cpu, 0);
  const db = all.filter((p) => p.name.startsWith('postgres')).reduce((n, p) => n + p.cpu, 0);
  return { api, db };
}

export function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}; load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`;
}

/** Replaces the `heading` section of docs/benchmarks.md with `text` (appends it when there is none). */
export function writeSection(heading, text) {
  const file = path.join(root, 'docs/benchmarks.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const start = current.indexOf(heading);
  let next;
  if (start >= 0) {
    const after = current.indexOf('\n## ', start + 3);
    next = current.slice(0, start) + text + (after >= 0 ? current.slice(after + 1) : '');
  } else {
    next = `${current.trimEnd()}\n\n${text}`;
  }
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
  console.log(`\nwrote the ${heading.replace(/^#+ /, '')} section of ${path.relative(root, file)}`);
}
