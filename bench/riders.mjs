/**
 * Rider location benchmark (issue 17): 2,000 on-duty riders each pinging `POST /api/rider/location` every
 * 5 s (400 pings/s, open loop) against the PostgreSQL server with Redis, while 1,000 customers' tracking
 * streams are open on the orders those riders carry. Measures the ping's p50/p99, how long a position
 * takes to reach its order's stream (sent → received, p50/p99), and CPU per ping; the same-run baseline
 * is GET /api/health at the same open-loop rate. Rewrites the "## Rider locations" section of
 * docs/benchmarks.md.
 *
 *   node bench/riders.mjs     BENCH_SECONDS=20  BENCH_RIDERS=2000  BENCH_STREAMS=1000  BENCH_RATE=400  BENCH_NO_WRITE=1
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, fmt, request, root, scratchDatabase, startBenchApi, summarise, writeSection } from './lib.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RIDERS = Number(process.env.BENCH_RIDERS ?? 2000);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 400);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const STORE = { lat: 12.97, lng: 77.59 };

// ── server role ───────────────────────────────────────────────────────────────────────────────────────
async function serve() {
  const { sql } = await import('drizzle-orm');
  const { db, schema, sign, listen } = await startBenchApi({ url: process.env.BENCH_SERVE_URL, env: { REDIS_URL } });
  const stamp = Date.now().toString(36);

  const [store] = await db.insert(schema.stores).values({ name: 'Bench store', slug: `bench-${stamp}`, lat: STORE.lat, lng: STORE.lng, radiusKm: 8, pincodes: ['560001'] }).returning();
  // One customer per order: a customer may hold only a few live streams at once.
  await db.execute(sql`
    insert into users (name, email) select 'Customer ' || g, 'bench-c-' || lpad(g::text, 6, '0') || '-' || ${stamp} || '@example.com'
    from generate_series(1, ${STREAMS}) g`);
  // Riders on duty (a shift each); the first STREAMS carry one order each, out for delivery.
  await db.execute(sql`
    insert into users (name, email, role, store_id)
    select 'Rider ' || g, 'bench-r-' || g || '-' || ${stamp} || '@example.com', 'rider', ${store.id}
    from generate_series(1, ${RIDERS}) g`);
  const riders = (await db.execute(sql`select id from users where store_id = ${store.id} and role = 'rider' order by email`)).rows.map((r) => r.id);
  await db.execute(sql`insert into rider_shifts (rider_id, store_id) select id, ${store.id} from users where store_id = ${store.id} and role = 'rider'`);
  await db.execute(sql`
    with r as (
      select u.id as rider_id, s.id as shift_id, row_number() over (order by u.email) as n
      from users u join rider_shifts s on s.rider_id = u.id where u.store_id = ${store.id} and u.role = 'rider'
    ), o as (
      insert into orders (number, user_id, store_id, status, payment_method, payment_status, address, bill_lines, item_total, mrp_total,
                          fees, tip, discount, total, eta_minutes, promised_at, delivery_code)
      select 'FF-R' || lpad(n::text, 6, '0'),
             (select id from users where email = 'bench-c-' || lpad(n::text, 6, '0') || '-' || ${stamp} || '@example.com'), ${store.id}, 'out_for_delivery', 'cod', 'cod_due',
             jsonb_build_object('label','home','name','Bench Customer','phone','9876543210','line1','1 Bench Road','line2',null,'landmark',null,
                                'city','Bengaluru','state','Karnataka','pincode','560001','lat', ${STORE.lat}::float8 + 0.02, 'lng', ${STORE.lng}::float8),
             '[]'::jsonb, 10000, 12000, 0, 0, 0, 10000, 15, now() + interval '15 minutes', '1234'
      from r where n <= ${STREAMS}
      returning id, number
    )
    insert into deliveries (order_id, store_id, state, rider_id, shift_id, assigned_at, picked_up_at)
    select o.id, ${store.id}, 'picked_up', r.rider_id, r.shift_id, now(), now()
    from o join r on r.n = substring(o.number from 5)::int`);
  const carried = new Map(
    (await db.execute(sql`select d.rider_id, d.order_id, o.user_id from deliveries d join orders o on o.id = d.order_id where d.store_id = ${store.id}`)).rows.map(
      (r) => [r.rider_id, { orderId: r.order_id, customerToken: sign({ id: r.user_id, role: 'customer', storeId: null }) }],
    ),
  );
  const tokens = riders.map((id) => sign({ id, role: 'rider', storeId: store.id }));

  const { port, stop } = await listen();
  process.on('message', async (msg) => {
    if (msg === 'stop') {
      await stop();
      process.exit(0);
    }
  });
  process.send({
    ready: true,
    port,
    riders: riders.map((id, i) => ({ id, token: tokens[i], orderId: carried.get(id)?.orderId ?? null, customerToken: carried.get(id)?.customerToken ?? null })),
  });
}

// ── load role ─────────────────────────────────────────────────────────────────────────────────────────

/** One order's tracking stream; calls `onRider(event)` for each rider position received. */
function openStream(port, token, orderId, onRider) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: `/api/order/${orderId}/stream`, agent: false, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${orderId}: ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!message.startsWith('event: rider')) continue;
          const data = message.split('\n').find((l) => l.startsWith('data: '));
          if (data) onRider(JSON.parse(data.slice(6)));
        }
      });
      resolve(() => req.destroy());
    });
    req.on('error', reject);
  });
}

/** `rate` requests a second for `seconds`, open loop (sent on schedule whether or not earlier ones are back). */
async function openLoop(seconds, rate, send) {
  const latencies = [];
  const statuses = {};
  const inFlight = new Set();
  const started = performance.now();
  const tickMs = 20;
  let sent = 0;
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; sent < due; sent += 1) {
      const t0 = performance.now();
      const p = send(sent).then((res) => {
        latencies.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 400 && statuses[res.status] <= 3) console.error(`  ${res.status}: ${res.body.slice(0, 200)}`);
      });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    await new Promise((r) => setTimeout(r, tickMs));
  }
  await Promise.all(inFlight);
  return summarise(latencies, (performance.now() - started) / 1000, statuses);
}

async function main() {
  const loadBefore = os.loadavg()[0];
  const scratch = await scratchDatabase('ff_bench_riders');
  if (!scratch) throw new Error('the rider benchmark needs the PostgreSQL server');
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: ['--import', 'tsx'],
    cwd: path.join(root, 'apps/api'),
    env: { ...process.env, BENCH_SERVE_URL: scratch.url },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const { port, riders } = ready;
  const closers = [];
  try {
    // The streams: each position event's delay from the moment its ping was sent.
    const sentAt = new Map();
    const delays = [];
    for (const r of riders) {
      if (!r.orderId) continue;
      closers.push(
        await openStream(port, r.customerToken, r.orderId, (e) => {
          const t0 = sentAt.get(`${e.orderId}|${e.position.at}`);
          if (t0 !== undefined) delays.push(performance.now() - t0);
        }),
      );
    }
    console.log(`${closers.length} tracking streams open; ${riders.length} riders on duty`);
    const baseline = await openLoop(Math.max(5, SECONDS / 2), RATE, () => request(port, 'GET', '/api/health', {}));
    // Each rider drifts north from the store a few metres per ping, with the phone's timestamp.
    const step = new Map();
    const ping = (n) => {
      const r = riders[n % riders.length];
      const k = (step.get(r.id) ?? 0) + 1;
      step.set(r.id, k);
      const at = new Date(Date.now() - 5).toISOString();
      if (r.orderId) sentAt.set(`${r.orderId}|${at}`, performance.now());
      const body = { lat: STORE.lat + k * 0.0002, lng: STORE.lng + (n % 7) * 0.00001, accuracy: 12, speed: 8, heading: 0, at };
      return request(port, 'POST', '/api/rider/location', { authorization: `Bearer ${r.token}` }, body);
    };
    // Warm-up: every rider's first ping (fills the server's per-rider cache), not measured.
    await openLoop(riders.length / RATE, RATE, ping);
    const delaysBefore = delays.length;
    const before = cpuSeconds(child.pid);
    const pings = await openLoop(SECONDS, RATE, ping);
    await new Promise((r) => setTimeout(r, 1500));
    const after = cpuSeconds(child.pid);
    const measured = delays.slice(delaysBefore);
    const delivered = summarise(measured, SECONDS);
    const cpu = { api: ((after.api - before.api) * 1000) / pings.requests, db: ((after.db - before.db) * 1000) / pings.requests };
    const expected = Math.round((pings.requests * closers.length) / riders.length);
    console.log(`  health   ${fmt(baseline.perSecond, 0)}/s p50 ${fmt(baseline.p50)} p99 ${fmt(baseline.p99)} ms ${JSON.stringify(baseline.statuses)}`);
    console.log(`  pings    ${fmt(pings.perSecond, 0)}/s p50 ${fmt(pings.p50)} p99 ${fmt(pings.p99)} max ${fmt(pings.max)} ms ${JSON.stringify(pings.statuses)}`);
    console.log(`  to stream p50 ${fmt(delivered.p50)} p99 ${fmt(delivered.p99)} max ${fmt(delivered.max)} ms (${measured.length} of ~${expected} positions received)`);
    console.log(`  CPU per ping: API ${fmt(cpu.api, 2)} ms, PostgreSQL ${fmt(cpu.db, 2)} ms`);
    if (process.env.BENCH_NO_WRITE) return;
    const cpus = os.cpus();
    writeSection(
      '## Rider locations',
      [
        '## Rider locations',
        '',
        `\`node bench/riders.mjs\` — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, Node ${process.version}; PostgreSQL server and Redis.`,
        `${riders.length} riders on duty, each pinging \`POST /api/rider/location\` every ${fmt(riders.length / RATE, 0)} s (${RATE} pings/s, open loop: sent on schedule`,
        `whether or not earlier answers are back), ${closers.length} of them carrying an order whose customer's tracking stream is open (${closers.length} SSE`,
        `connections). ${SECONDS} s measured after every rider's first ping. "To stream" is from the moment a ping is sent to the moment its`,
        "position arrives on its order's stream. The baseline is GET /api/health at the same rate in the same run.",
        '',
        '| request | rate | p50 ms | p99 ms | max ms | statuses | CPU/request: API, DB |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        `| GET /api/health (baseline) | ${fmt(baseline.perSecond, 0)}/s | ${fmt(baseline.p50)} | ${fmt(baseline.p99)} | ${fmt(baseline.max)} | ${JSON.stringify(baseline.statuses)} | |`,
        `| POST /api/rider/location | ${fmt(pings.perSecond, 0)}/s | ${fmt(pings.p50)} | ${fmt(pings.p99)} | ${fmt(pings.max)} | ${JSON.stringify(pings.statuses)} | ${fmt(cpu.api, 2)} ms, ${fmt(cpu.db, 2)} ms |`,
        `| position → its order's stream | ${measured.length} received of ~${expected} | ${fmt(delivered.p50)} | ${fmt(delivered.p99)} | ${fmt(delivered.max)} | | |`,
        '',
        `Targets: ping p99 < 50 ms (${pings.p99 < 50 ? 'met' : 'missed'}: ${fmt(pings.p99)} ms); a position on its stream within 1 s at p99 (${delivered.p99 < 1000 ? 'met' : 'missed'}: ${fmt(delivered.p99)} ms).`,
        `Machine load average (1 min) was ${loadBefore.toFixed(1)} at the start and ${os.loadavg()[0].toFixed(1)} at the end on ${cpus.length} cores.`,
        '',
      ].join('\n'),
    );
  } finally {
    for (const close of closers) close();
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
    await scratch.drop();
  }
}

if (process.argv.includes('--serve')) {
  serve().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
