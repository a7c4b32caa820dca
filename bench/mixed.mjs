/**
 * Mixed workload against the cluster (`node apps/api/dist/cluster.js`, WEB_CONCURRENCY workers) on the
 * PostgreSQL server and Redis: browse 70 %, search 15 %, cart 10 %, checkout 5 %, with autocannon.
 * Reports throughput, p50/p95/p99, errors and each worker's resident memory at start and end.
 *
 *   npm run bench:mixed                 60 s at 64 connections (build apps/api first: npm run build -w apps/api)
 *   BENCH_SECONDS=600 …                 (bench/soak.mjs sets this and reports memory growth)
 *   BENCH_CONNECTIONS=64  WEB_CONCURRENCY=2  BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test
 *   REDIS_URL=redis://127.0.0.1:6379  BENCH_JSON=path (write the result as JSON too)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { createPgDatabase, freePort } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const WORKERS = process.env.WEB_CONCURRENCY ?? '2';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SAMPLE_EVERY_S = Number(process.env.BENCH_SAMPLE_SECONDS ?? 10);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resident memory (MiB) of a process, from /proc. */
function rssMiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

function childrenOf(pid) {
  const kids = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) kids.push(Number(d));
    } catch {
      // The process ended while we looked.
    }
  }
  return kids.sort((a, b) => a - b);
}

async function json(base, method, p, body, token) {
  const res = await fetch(base + p, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${text.slice(0, 200)}`);
  return { body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** The list in a response, whatever the wrapper is called ({ items }, { stores }, or a bare array). */
function firstArray(x) {
  if (Array.isArray(x)) return x;
  return Object.values(x ?? {}).find(Array.isArray) ?? [];
}

function shuffle(a, seed) {
  let s = seed;
  for (let i = a.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

export async function runMixed({ seconds = SECONDS, connections = CONNECTIONS, quiet = false } = {}) {
  const db = await createPgDatabase();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fatafat-mixed-'));
  const base = `http://127.0.0.1:${port}`;
  const cluster = spawn(process.execPath, [path.join(root, 'apps/api/dist/cluster.js')], {
    cwd: path.join(root, 'apps/api'),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PUBLIC_URL: 'http://localhost',
      JWT_SECRET: randomBytes(32).toString('hex'),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      REDIS_URL,
      WEB_CONCURRENCY: WORKERS,
      SEED_DEMO: 'on',
      LOG_LEVEL: 'warn',
      DELIVERY_SIMULATOR: 'off',
      RATE_LIMIT_API: '100000000',
      RATE_LIMIT_AUTH: '100000000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = async () => {
    cluster.kill('SIGTERM');
    await Promise.race([new Promise((r) => cluster.once('exit', r)), sleep(15_000)]);
    if (cluster.exitCode === null && cluster.signalCode === null) cluster.kill('SIGKILL');
    await db.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i += 1) {
      if (cluster.exitCode !== null) throw new Error('cluster exited during start');
      if (i > 600) throw new Error('cluster did not become ready in 120 s');
      const ok = await fetch(`${base}/api/ready`).then((r) => r.ok, () => false);
      if (ok && childrenOf(cluster.pid).length >= Number(WORKERS)) break;
      await sleep(200);
    }
    // ── data: the demo catalogue, ample stock, one account + address per connection ──
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query('update stock set on_hand = on_hand + 1000000');
    await c.end();
    const { body: storesBody } = await json(base, 'GET', '/api/stores');
    const store = firstArray(storesBody)[0];
    const { body: cats } = await json(base, 'GET', '/api/category');
    const categories = firstArray(cats).map((x) => x.slug ?? x.id);
    const { body: list } = await json(base, 'GET', `/api/product?limit=50&store=${store.id}`);
    const products = firstArray(list).filter((p) => (p.variants ?? []).length || p.variant);
    const slugs = products.map((p) => p.slug ?? p.id);
    const variantIds = products.flatMap((p) => (p.variants ?? [p.variant]).filter((v) => v && (v.available ?? v.inStock ?? true) !== false).map((v) => v.id));
    if (!variantIds.length) throw new Error(`no variants in ${JSON.stringify(list).slice(0, 300)}`);
    const words = [...new Set(products.flatMap((p) => p.name.toLowerCase().split(/\W+/).filter((w) => w.length > 3)))].slice(0, 30);
    const shoppers = [];
    for (let i = 0; i < connections; i += 1) {
      const reg = await fetch(`${base}/api/user/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Bench Shopper ${i}`, email: `bench-${i}-${randomBytes(3).toString('hex')}@example.com`, password: 'a-good-long-password' }),
      });
      if (reg.status !== 201) throw new Error(`register → ${reg.status} ${await reg.text()}`);
      const access = reg.headers.getSetCookie().find((x) => x.startsWith('ff_access='));
      const token = access.split(';')[0].slice('ff_access='.length);
      const { body: addr } = await json(base, 'POST', '/api/address', {
        label: 'home', name: 'Bench Shopper', phone: '9876543210', line1: '1 Bench Road', city: 'Bengaluru', state: 'Karnataka',
        pincode: store.pincodes?.[0] ?? '560001', lat: store.lat, lng: store.lng,
      }, token);
      shoppers.push({ token, addressId: (addr.address ?? addr).id });
    }
    // Prove the checkout path works before measuring it.
    await json(base, 'POST', '/api/order', { addressId: shoppers[0].addressId, paymentMethod: 'cod', items: [{ variantId: variantIds[0], quantity: 1 }] }, shoppers[0].token);

    // ── the mix: each connection cycles through 20 requests, 14 browse / 3 search / 2 cart / 1 checkout ──
    const pick = (arr, n) => arr[n % arr.length];
    let nextShopper = 0;
    const step = (kind, n) => ({
      kind,
      setupRequest: (req, ctx) => {
        ctx.shopper ??= shoppers[nextShopper++ % shoppers.length];
        ctx.n = (ctx.n ?? 0) + 1;
        const k = ctx.n + n;
        const s = ctx.shopper;
        const headers = { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' };
        const v = pick(variantIds, k);
        switch (kind) {
          case 'category': return { ...req, method: 'GET', path: '/api/category', headers };
          case 'list': return { ...req, method: 'GET', path: `/api/product?category=${encodeURIComponent(pick(categories, k))}&store=${store.id}&limit=24`, headers };
          case 'product': return { ...req, method: 'GET', path: `/api/product/${encodeURIComponent(pick(slugs, k))}?store=${store.id}`, headers };
          case 'search': return { ...req, method: 'GET', path: `/api/product?q=${encodeURIComponent(pick(words, k))}&store=${store.id}`, headers };
          case 'suggest': return { ...req, method: 'GET', path: `/api/search/suggest?q=${encodeURIComponent(pick(words, k).slice(0, 3))}`, headers };
          case 'cart-add': return { ...req, method: 'POST', path: '/api/cart/items', headers, body: JSON.stringify({ variantId: v, quantity: 1 }) };
          case 'cart-remove': return { ...req, method: 'DELETE', path: `/api/cart/items/${v}`, headers };
          case 'checkout':
            return { ...req, method: 'POST', path: '/api/order', headers, body: JSON.stringify({ addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: pick(variantIds, k + 7), quantity: 1 }] }) };
        }
        return req;
      },
    });
    const sequence = shuffle(
      [
        ...Array(4).fill('category'), ...Array(5).fill('list'), ...Array(5).fill('product'),
        ...Array(2).fill('search'), 'suggest',
      ],
      7,
    );
    // Cart add and remove stay adjacent so a cart never outgrows its limits; checkout closes the cycle.
    const requests = [...sequence.slice(0, 9), 'cart-add', 'cart-remove', ...sequence.slice(9), 'checkout'].map((k, i) => step(k, i));

    const workersAtStart = childrenOf(cluster.pid).map((pid) => ({ pid, rss: rssMiB(pid) }));
    const samples = [];
    const sampler = setInterval(() => samples.push({ t: Math.round(process.uptime()), rss: childrenOf(cluster.pid).map(rssMiB) }), SAMPLE_EVERY_S * 1000);
    const byStatus = {};
    const result = await new Promise((resolve, reject) => {
      const inst = autocannon({ url: base, connections, duration: seconds, requests, timeout: 30 }, (err, res) => (err ? reject(err) : resolve(res)));
      inst.on('response', (_client, statusCode) => {
        byStatus[statusCode] = (byStatus[statusCode] ?? 0) + 1;
      });
      if (!quiet) autocannon.track(inst, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
    });
    clearInterval(sampler);
    const workersAtEnd = workersAtStart.map(({ pid }) => ({ pid, rss: rssMiB(pid) }));
    const { rows } = await (async () => {
      const q = new pg.Client({ connectionString: db.url });
      await q.connect();
      const r = await q.query('select count(*)::int as orders from orders');
      await q.end();
      return r;
    })();
    const summary = {
      seconds,
      connections,
      workers: Number(WORKERS),
      requests: result.requests.total,
      throughput: Math.round(result.requests.average),
      latencyMs: { p50: result.latency.p50, p95: result.latency.p97_5 !== undefined ? percentile95(result) : null, p99: result.latency.p99, max: result.latency.max },
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      byStatus,
      ordersPlaced: rows[0].orders,
      workersAtStart,
      workersAtEnd,
      samples,
    };
    return summary;
  } finally {
    await stop();
  }
}

/** autocannon reports p50/p90/p97.5/p99; p95 is read from its HDR histogram when present, else interpolated. */
function percentile95(res) {
  const l = res.latency;
  if (typeof l.p95 === 'number') return l.p95;
  return Math.round((l.p90 + (l.p97_5 - l.p90) * (5 / 7.5)) * 10) / 10;
}

export function describeResult(s) {
  const mem = s.workersAtStart
    .map((w, i) => {
      const end = s.workersAtEnd[i]?.rss;
      const growth = end && w.rss ? `${(((end - w.rss) / w.rss) * 100).toFixed(1)} %` : 'n/a';
      return `worker ${i + 1}: ${w.rss} → ${end} MiB (${growth})`;
    })
    .join('; ');
  return [
    `${s.requests} requests in ${s.seconds} s at ${s.connections} connections, ${s.workers} workers: ${s.throughput} req/s`,
    `latency p50 ${s.latencyMs.p50} ms, p95 ${s.latencyMs.p95} ms, p99 ${s.latencyMs.p99} ms, max ${s.latencyMs.max} ms`,
    `errors: ${s.errors} socket errors, ${s.timeouts} timeouts, ${s.non2xx} non-2xx (by status ${JSON.stringify(s.byStatus)}); orders placed ${s.ordersPlaced}`,
    `RSS ${mem}`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await runMixed();
  console.log(`\n${describeResult(s)}`);
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(s, null, 2));
}
