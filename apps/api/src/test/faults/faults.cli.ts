/**
 * The full fault run (`npm run faults`), the long version of the scaled-down suites beside it:
 *
 *   1. embedded PGlite: `kill -9` of the server at a random moment 0.3–2 s after it is ready, N times on
 *      one data directory, while shoppers keep checking out and retry (same Idempotency-Key) until answered;
 *   2. PostgreSQL server (TEST_DATABASE_URL or --pg): the same with two server processes, one killed per
 *      round, then the database cut off (a TCP proxy of our own, so the shared server keeps running) for
 *      5–10 s under load, twice.
 *
 * After each part the database is opened and checked: every acknowledged checkout is there once, nothing
 * was placed that was not acknowledged, the invariants hold, stock matches its audit trail, every order
 * has items and a first event. Prints a table; exits 1 if anything failed.
 *
 *   npm run faults -- [--rounds 20] [--pg] [--server-rounds 10] [--cuts 2] [--shoppers 16]
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type DatabaseOptions } from '../../db/client';
import { invariantViolations, type Query } from '../fuzz/invariants';
import { buildApi, createDatabase, REDIS_URL, redisReachable, startServer, type ServerProcess } from '../multiprocess/processes';
import { startProxy } from '../multiprocess/tcp-proxy';
import { prepareShop, query, type Shop } from './shop';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    'server-rounds': { type: 'string', default: '10' },
    cuts: { type: 'string', default: '2' },
    shoppers: { type: 'string', default: '16' },
    pg: { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(args.rounds);
const SERVER_ROUNDS = Number(args['server-rounds']);
const CUTS = Number(args.cuts);
const SHOPPERS = Number(args.shoppers);
const PG_BASE = process.env.TEST_DATABASE_URL ?? (args.pg ? 'postgres://postgres@127.0.0.1:5432/test' : undefined);
/** A checkout still unanswered after this long is given up (and counted): a retry loop must end. */
const GIVE_UP_MS = 120_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

/** Checks beyond the shared invariants that hold for a shop whose opening stock is on its audit trail. */
const TRAIL_CHECKS: Array<[string, string]> = [
  ['every order has a first event', `select o.id from orders o where not exists (select 1 from order_events e where e.order_id = o.id)`],
  [
    'the audit trail sums to the stock',
    `select s.store_id, s.variant_id, s.on_hand, s.reserved, m.on_hand as trail_on_hand, m.reserved as trail_reserved from stock s
       left join (select store_id, variant_id, sum(delta_on_hand)::int as on_hand, sum(delta_reserved)::int as reserved
                  from stock_movements group by store_id, variant_id) m on m.store_id = s.store_id and m.variant_id = s.variant_id
       where s.on_hand <> coalesce(m.on_hand, 0) or s.reserved <> coalesce(m.reserved, 0)`,
  ],
];

interface Ack {
  key: string;
  userId: string;
  orderId: string;
  at: number;
  /** Which server answered: the heal time of a restarted process is its first acknowledgement. */
  url: string;
}

/** What the shoppers saw in one part of the run. */
class Tally {
  attempted = 0;
  acks: Ack[] = [];
  rejected = new Map<number, number>();
  unavailable = 0;
  slowest503Ms = 0;
  networkErrors = 0;
  other5xx: string[] = [];
  givenUp = 0;
  /** Requests sent and not yet answered: what a kill cuts off. */
  open = 0;
  heals: number[] = [];
}

/** Every shopper checks out one order after another; each order retries under its own key until answered. */
function checkoutStreams(shop: Shop, targets: () => string[], tally: Tally) {
  let running = true;
  const loops = shop.shoppers.map(async (s, i) => {
    for (let n = 0; running; n += 1) {
      const key = randomUUID();
      // The same body on every retry: another body under the same key is 422 idempotency_key_reused.
      const items = shop.items.slice(0, 1 + ((i + n) % 3)).map((v, j) => ({ variantId: v.id, quantity: 1 + ((n + j) % 2) }));
      const body = JSON.stringify({ addressId: s.addressId, paymentMethod: 'cod', items });
      const started = Date.now();
      tally.attempted += 1;
      for (let attempt = 0; ; attempt += 1) {
        if (Date.now() - started > GIVE_UP_MS) {
          tally.givenUp += 1;
          break;
        }
        const urls = targets();
        const url = urls[(i + attempt) % Math.max(urls.length, 1)];
        if (!url) {
          await sleep(100);
          continue;
        }
        const sent = Date.now();
        let status: number;
        let text: string;
        tally.open += 1;
        try {
          const res = await fetch(`${url}/api/order`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}`, 'idempotency-key': key },
            body,
            signal: AbortSignal.timeout(15_000),
          });
          status = res.status;
          text = await res.text();
        } catch {
          // Refused, reset or cut off mid-answer by the kill: the client cannot know, so it asks again.
          tally.networkErrors += 1;
          await sleep(between(50, 250));
          continue;
        } finally {
          tally.open -= 1;
        }
        if (status === 201 || status === 200) {
          const { order } = JSON.parse(text) as { order: { id: string } };
          tally.acks.push({ key, userId: s.userId, orderId: order.id, at: Date.now(), url });
          break;
        }
        if (status >= 500) {
          if (status === 503) {
            tally.unavailable += 1;
            tally.slowest503Ms = Math.max(tally.slowest503Ms, Date.now() - sent);
          } else tally.other5xx.push(`${status} ${text.slice(0, 200)}`);
          await sleep(between(100, 400));
          continue;
        }
        tally.rejected.set(status, (tally.rejected.get(status) ?? 0) + 1);
        break;
      }
    }
  });
  return {
    /** No new checkouts; the ones begun are retried to their answer. */
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Waits for the first checkout that `url` acknowledges after `since`; the milliseconds from `since`. */
async function healedAt(tally: Tally, since: number, url?: string): Promise<number> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ack = tally.acks.find((a) => a.at >= since && (url === undefined || a.url === url));
    if (ack) return ack.at - since;
    if (Date.now() > deadline) throw new Error(`no checkout acknowledged${url ? ` by ${url}` : ''} within 60 s`);
    await sleep(50);
  }
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The CPU milliseconds (user + system) a process has used, from /proc; null where there is none. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: count fields from after it (field 3 on).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/**
 * CPU used by the server processes since each was ready, leaving out start-up (migrations, PGlite's
 * boot). Only the Node processes: a PostgreSQL server's own backends are not counted.
 */
class CpuMeter {
  private ended = 0;
  private known = true;
  private readonly live = new Map<ServerProcess, number | null>();
  ready(s: ServerProcess) {
    this.live.set(s, cpuMs(s.child.pid));
  }
  /** Call just before the process is killed or stopped: after that /proc has nothing to read. */
  end(s: ServerProcess) {
    this.ended += this.since(s);
    this.live.delete(s);
  }
  /** Milliseconds so far, ended processes and live ones; NaN once a reading failed. */
  used(): number {
    let sum = this.ended;
    for (const s of this.live.keys()) sum += this.since(s);
    return this.known ? sum : NaN;
  }
  private since(s: ServerProcess): number {
    const from = this.live.get(s);
    const to = cpuMs(s.child.pid);
    if (from == null || to === null) {
      this.known = false;
      return 0;
    }
    return to - from;
  }
}

const perCheckout = (ms: number, checkouts: number) => (Number.isFinite(ms) && checkouts > 0 ? (ms / checkouts).toFixed(1) : 'n/a');

async function killHard(s: ServerProcess) {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGKILL');
  await exited;
  // Removes the process's scratch directory; the shop's own data directory is not it.
  await s.stop();
}

interface Verdict {
  lost: number;
  duplicated: number;
  unacknowledged: number;
  violations: string[];
}

/**
 * Opens the database after the part and compares it with what the shoppers were told (in this part and
 * the `earlier` ones on the same database, whose orders are there too).
 */
async function verdict(where: DatabaseOptions, shop: Shop, tally: Tally, earlier: Ack[] = []): Promise<Verdict> {
  const database = await openDatabase(where);
  try {
    const q: Query = query(database);
    const placed = (await q(
      `select id, user_id, idempotency_key from orders where store_id = '${shop.storeId}'`,
    )) as Array<{ id: string; user_id: string; idempotency_key: string | null }>;
    const byKey = new Map<string, string[]>();
    for (const o of placed) {
      const k = `${o.user_id}/${o.idempotency_key ?? 'none'}`;
      byKey.set(k, [...(byKey.get(k) ?? []), o.id]);
    }
    const acked = new Map<string, Set<string>>();
    for (const a of [...earlier, ...tally.acks]) acked.set(`${a.userId}/${a.key}`, (acked.get(`${a.userId}/${a.key}`) ?? new Set()).add(a.orderId));
    let lost = 0;
    let duplicated = 0;
    for (const [k, ids] of acked) {
      const found = byKey.get(k) ?? [];
      if (!found.some((id) => ids.has(id))) lost += 1;
      // Two orders for one intended checkout, or one key answered with two different orders.
      duplicated += Math.max(found.length - 1, 0) + (ids.size - 1);
    }
    const unacknowledged = [...byKey.keys()].filter((k) => !acked.has(k)).length;
    const violations = await invariantViolations(q);
    for (const [name, text] of TRAIL_CHECKS) {
      const rows = await q(text);
      if (rows.length) violations.push(`${name}: ${rows.length} rows, e.g. ${JSON.stringify(rows.slice(0, 3))}`);
    }
    return { lost, duplicated, unacknowledged, violations };
  } finally {
    await database.close();
  }
}

interface Part {
  name: string;
  rounds: number;
  tally: Tally;
  verdict: Verdict;
  cpu: string;
}

const log = (line: string) => console.log(line);

async function pgliteKills(work: string): Promise<Part> {
  const dataDir = path.join(work, 'pglite-shop');
  const where = { dataDir: path.join(dataDir, 'pglite') };
  const shop = await prepareShop(where, { shoppers: SHOPPERS, tokenSeconds: 3600 });
  const env = { DATA_DIR: dataDir, RATE_LIMIT_API: '1000000' };
  const tally = new Tally();
  const cpu = new CpuMeter();
  let current: ServerProcess | null = await startServer(env);
  cpu.ready(current);
  const streams = checkoutStreams(shop, () => (current ? [current.url] : []), tally);
  try {
    for (let r = 1; r <= ROUNDS; r += 1) {
      await sleep(between(300, 2000));
      const victim: ServerProcess = current!;
      const inFlight = tally.open;
      const killedAt = Date.now();
      cpu.end(victim);
      current = null;
      await killHard(victim);
      const next = await startServer(env);
      cpu.ready(next);
      current = next;
      const heal = await healedAt(tally, killedAt, next.url);
      tally.heals.push(heal);
      log(`  pglite round ${r}/${ROUNDS}: kill -9 with ${inFlight} checkout requests open; next process acknowledged its first checkout ${(heal / 1000).toFixed(1)} s after the kill`);
    }
  } finally {
    await streams.stop();
    if (current) {
      cpu.end(current);
      await current.stop();
    }
  }
  return { name: 'PGlite: kill -9', rounds: ROUNDS, tally, verdict: await verdict(where, shop, tally), cpu: perCheckout(cpu.used(), tally.acks.length) };
}

/** Two server processes on one database through a proxy of ours: kill -9 one per round, then cut the database off. */
async function serverFaults(base: string): Promise<Part[]> {
  const db = await createDatabase(base);
  const target = new URL(db.url);
  const proxy = await startProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = new URL(db.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  const where = { url: db.url, poolSize: 2 };
  const parts: Part[] = [];
  const servers: ServerProcess[] = [];
  try {
    const shop = await prepareShop(where, { shoppers: SHOPPERS, tokenSeconds: 3600 });
    const env: Record<string, string> = { DATABASE_URL: viaProxy.toString(), RATE_LIMIT_API: '1000000' };
    // Both processes share rate limits and the event bus through Redis when there is one.
    if (await redisReachable()) env.REDIS_URL = REDIS_URL;
    const cpu = new CpuMeter();
    const alive = new Set<ServerProcess>();
    for (let i = 0; i < 2; i += 1) {
      const s = await startServer(env);
      servers.push(s);
      alive.add(s);
      cpu.ready(s);
    }
    const targets = () => [...alive].map((s) => s.url);

    const kills = new Tally();
    let streams = checkoutStreams(shop, targets, kills);
    try {
      for (let r = 1; r <= SERVER_ROUNDS; r += 1) {
        await sleep(between(300, 2000));
        const i = r % servers.length;
        const victim = servers[i]!;
        const inFlight = kills.open;
        const killedAt = Date.now();
        cpu.end(victim);
        alive.delete(victim);
        await killHard(victim);
        const next = await startServer(env);
        servers[i] = next;
        alive.add(next);
        cpu.ready(next);
        const heal = await healedAt(kills, killedAt, next.url);
        kills.heals.push(heal);
        log(`  server round ${r}/${SERVER_ROUNDS}: kill -9 of one of two with ${inFlight} checkout requests open; its replacement acknowledged its first checkout ${(heal / 1000).toFixed(1)} s after the kill`);
      }
    } finally {
      await streams.stop();
    }
    const killsCpu = cpu.used();
    parts.push({ name: 'Server: kill -9 (1 of 2)', rounds: SERVER_ROUNDS, tally: kills, verdict: await verdict(where, shop, kills), cpu: perCheckout(killsCpu, kills.acks.length) });

    const cuts = new Tally();
    streams = checkoutStreams(shop, targets, cuts);
    try {
      for (let c = 1; c <= CUTS; c += 1) {
        await sleep(2000);
        const length = between(5000, 10_000);
        proxy.cut();
        await sleep(length);
        const restoredAt = Date.now();
        proxy.restore();
        const heal = await healedAt(cuts, restoredAt);
        // Healed means both processes answer ready again, not only the first to reconnect.
        for (const s of servers) {
          while ((await fetch(`${s.url}/api/ready`).then((r) => r.status, () => 0)) !== 200) await sleep(100);
        }
        const ready = Date.now() - restoredAt;
        cuts.heals.push(Math.max(heal, ready));
        log(`  database cut ${c}/${CUTS}: ${(length / 1000).toFixed(1)} s; first checkout ${(heal / 1000).toFixed(1)} s after the restore, both ready after ${(ready / 1000).toFixed(1)} s`);
      }
      await sleep(2000);
    } finally {
      await streams.stop();
    }
    const cutsCpu = cpu.used() - killsCpu;
    parts.push({ name: 'Server: database cut 5–10 s', rounds: CUTS, tally: cuts, verdict: await verdict(where, shop, cuts, kills.acks), cpu: perCheckout(cutsCpu, cuts.acks.length) });
    return parts;
  } finally {
    for (const s of servers) await s.stop();
    await proxy.close();
    await db.drop();
  }
}

function seconds(ms: number[]): string {
  if (ms.length === 0) return 'n/a';
  const sorted = [...ms].sort((a, b) => a - b);
  return `${(sorted[Math.floor((sorted.length - 1) / 2)]! / 1000).toFixed(1)} / ${(sorted[sorted.length - 1]! / 1000).toFixed(1)}`;
}

function report(parts: Part[]): boolean {
  log('');
  log('| fault | rounds | checkouts attempted | acknowledged | lost | duplicated | placed, not acknowledged | invariant violations | 5xx other than 503 | 503s | connection errors | given up | heal s (median / max) | server CPU ms per checkout |');
  log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  let clean = true;
  for (const p of parts) {
    const { tally: t, verdict: v } = p;
    log(
      `| ${p.name} | ${p.rounds} | ${t.attempted} | ${t.acks.length} | ${v.lost} | ${v.duplicated} | ${v.unacknowledged} | ${v.violations.length} | ${t.other5xx.length} | ${t.unavailable} | ${t.networkErrors} | ${t.givenUp} | ${seconds(t.heals)} | ${p.cpu} |`,
    );
    if (v.lost || v.duplicated || v.unacknowledged || v.violations.length || t.other5xx.length || t.givenUp) clean = false;
  }
  for (const p of parts) {
    const rejected = [...p.tally.rejected].map(([s, n]) => `${n}× ${s}`).join(', ');
    if (rejected) log(`${p.name}: refused checkouts ${rejected}`);
    if (p.tally.unavailable) log(`${p.name}: slowest 503 answered in ${p.tally.slowest503Ms} ms`);
    for (const v of p.verdict.violations) log(`${p.name}: VIOLATION ${v}`);
    for (const e of p.tally.other5xx.slice(0, 5)) log(`${p.name}: 5xx ${e}`);
  }
  return clean;
}

const started = Date.now();
buildApi();
const work = mkdtempSync(path.join(os.tmpdir(), 'fatafat-faults-'));
const parts: Part[] = [];
try {
  log(`${ROUNDS} kill -9 rounds on embedded PGlite, ${SHOPPERS} shoppers`);
  parts.push(await pgliteKills(work));
  if (PG_BASE) {
    log(`${SERVER_ROUNDS} kill -9 rounds and ${CUTS} database cuts on the PostgreSQL server, two processes, ${SHOPPERS} shoppers`);
    parts.push(...(await serverFaults(PG_BASE)));
  } else log('PostgreSQL server part skipped: set TEST_DATABASE_URL or pass --pg');
} finally {
  rmSync(work, { recursive: true, force: true });
}
const clean = report(parts);
log(`\n${new Date().toISOString()}, ${os.cpus().length} cores, ${((Date.now() - started) / 1000).toFixed(0)} s: ${clean ? 'clean' : 'FAILED'}`);
process.exit(clean ? 0 : 1);
