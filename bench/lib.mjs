/**
 * What the request-driving benchmarks share: keep-alive HTTP, a closed-loop driver with latency
 * percentiles, CPU seconds of the API and PostgreSQL processes (Linux /proc), a scratch PostgreSQL
 * database, and rewriting one section of docs/benchmarks.md.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

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
