/**
 * Catalogue benchmark: requests/s and p50/p99 for the storefront's read paths (category list, product
 * list page, list with search, product detail, suggest) against the production build with the demo
 * catalogue, on embedded PGlite and on the PostgreSQL server, beside a bare Express JSON endpoint
 * measured in the same run. Replaces the "## Catalogue" section of docs/benchmarks.md.
 *
 *   node bench/catalogue.mjs                        both engines (PostgreSQL when reachable)
 *   BENCH_DB=pglite|postgres node bench/catalogue.mjs
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=32 BENCH_PG_URL=postgres://… BENCH_NO_BUILD=1 BENCH_NO_WRITE=1
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApi as build, CONNECTIONS, load as run, machine, pgAnswers, startApi as startEngine, startBaseline, writeSection as write } from './lib.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);

const startApi = (engine) => startEngine(engine, { label: `${engine} (demo catalogue)` });

async function measure(name, base, paths) {
  await run(base, paths, WARMUP_SECONDS);
  const r = await run(base, paths, SECONDS);
  const row = {
    name,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
  console.log(`    ${name.padEnd(28)} ${String(row.rps).padStart(7)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms${row.non2xx ? `  non-2xx ${row.non2xx}` : ''}`);
  return row;
}

let counter = 0;

async function scenarios(base) {
  const cats = await (await fetch(`${base}/api/category`)).json();
  const sub = cats.items.find((c) => c.subcategories.length)?.subcategories[0];
  const cat = cats.items[0];
  const page = await (await fetch(`${base}/api/product?category=${cat.slug}&limit=24`)).json();
  const products = page.items.slice(0, 8).map((p) => p.slug);
  const total = (await (await fetch(`${base}/api/product?limit=1`)).json()).total;
  const searches = ['milk', 'amul mlik', 'choclate', 'pan', 'atta', 'rice', 'chips', 'soap'];
  return {
    summary: { categories: cats.items.length, products: total },
    list: [
      // The full middleware stack with no catalogue work: the ceiling any cached catalogue read can reach.
      ['API stack only (/api/health)', ['/api/health']],
      ['category list', ['/api/category']],
      ['product list page', [`/api/product?category=${cat.slug}&limit=24`, ...(sub ? [`/api/product?subcategory=${sub.slug}&limit=24`] : [])]],
      ['product list with search', searches.map((q) => `/api/product?q=${encodeURIComponent(q)}&limit=24`)],
      ['product detail', products.map((s) => `/api/product/${s}`)],
      ['suggest', searches.map((q) => `/api/search/suggest?q=${encodeURIComponent(q.slice(0, 4))}`)],
    ],
    // Every request a distinct filter value, so each one misses the cache and runs its queries.
    cold: [
      ['product list page, cache cold', () => `/api/product?category=${cat.slug}&limit=24&minPrice=${(counter += 1)}`],
      [
        'list with search, cache cold',
        () => `/api/product?q=${encodeURIComponent(searches[counter % searches.length])}&limit=24&minPrice=${(counter += 1)}`,
      ],
    ],
  };
}

async function benchEngine(engine) {
  console.log(`\n${engine}`);
  const api = await startApi(engine);
  const baseline = await startBaseline();
  try {
    const { summary, list, cold } = await scenarios(api.base);
    // A fresh process is slow for its first seconds (JIT, first queries, start-up jobs): warm every path first.
    await run(api.base, list.flatMap(([, paths]) => paths), Number(process.env.BENCH_START_WARMUP_SECONDS ?? 8));
    const base = await measure('bare Express JSON', baseline.base, ['/json']);
    const rows = [];
    for (const [name, paths] of list) rows.push(await measure(name, api.base, paths));
    for (const [name, next] of cold) rows.push(await measure(name, api.base, next));
    return { engine, summary, base, rows };
  } finally {
    await baseline.stop();
    await api.stop();
  }
}

function section(results, startedLoad) {
  const lines = [
    '## Catalogue',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`node bench/catalogue.mjs\`: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per scenario after ${WARMUP_SECONDS} s warm-up (and an 8 s warm-up of every path after the server starts), against the production build (\`node apps/api/dist/server.js\`, NODE_ENV=production, LOG_LEVEL=warn, rate limit raised) with the demo catalogue, on loopback. Baseline: a bare Express app answering a small JSON body (bench/baseline-server.mjs), measured in the same run. Ratio = scenario req/s ÷ baseline req/s.`,
    '',
    `Machine: ${startedLoad}. The load generator, the API and PostgreSQL share the two cores.`,
    '',
  ];
  for (const r of results) {
    lines.push(
      `### ${r.engine === 'pglite' ? 'Embedded PGlite' : 'PostgreSQL server'} (${r.summary.products} products, ${r.summary.categories} categories)`,
      '',
      '| scenario | req/s | p50 ms | p99 ms | ratio to bare Express |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| bare Express JSON | ${r.base.rps} | ${r.base.p50} | ${r.base.p99} | 1.00 |`,
      ...r.rows.map(
        (x) =>
          `| ${x.name} | ${x.rps} | ${x.p50} | ${x.p99} | ${(x.rps / r.base.rps).toFixed(2)} |${x.non2xx || x.errors ? ` ⚠ ${x.non2xx} non-2xx, ${x.errors} errors` : ''}`,
      ),
      '',
    );
  }
  lines.push('Targets: product list page ≥ 0.40 of the bare endpoint; suggest p99 < 25 ms at 32 connections.', '');
  for (const r of results) {
    const list = r.rows.find((x) => x.name === 'product list page');
    const suggest = r.rows.find((x) => x.name === 'suggest');
    const ratio = list.rps / r.base.rps;
    const engine = r.engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
    lines.push(
      `- ${engine}: product list page at ${ratio.toFixed(2)} of bare Express — ${ratio >= 0.4 ? 'met' : 'missed'}; suggest p99 ${suggest.p99} ms — ${suggest.p99 < 25 ? 'met' : 'missed'}${
        suggest.p99 >= 25 && r.base.p99 >= 25
          ? ` (the bare endpoint's own p99 in the same run is ${r.base.p99} ms: with the load average above, the shared CPUs, not the route, bound the tail; suggest p50 is ${suggest.p50} ms against the bare endpoint's ${r.base.p50} ms)`
          : ''
      }.`,
    );
  }
  lines.push(
    '',
    'The "API stack only" row is GET /api/health through the same middleware; warm catalogue reads sit close to it,',
    'so on this machine the shared stack (and the CPUs the other processes take) bounds them, not the catalogue code.',
    'Repeated runs on the shared machine moved these ratios by ±0.2; the cold rows show the database path per request.',
    '',
    'What shapes these numbers: public catalogue reads are served from an in-process cache keyed by the',
    'catalogue version (bumped on every admin write, shared through Redis when configured), with ETag and',
    'Cache-Control, so a warm run measures the API\'s middleware stack (helmet, request ids and log,',
    'rate limiting, JWT check, CSRF guard, compression filter) plus a cache lookup, not the database. Cold',
    'misses cost two to four indexed queries (count, keyset page, variants with stock) and are coalesced, so',
    'a burst on a cold key runs the queries once; the "cache cold" rows give every request its own key to',
    'show that path. Search corrects typos against an in-memory vocabulary',
    'before one full-text query, falling back to pg_trgm only when nothing matches.',
    '',
  );
  return lines.join('\n');
}

const writeSection = (text) => write('## Catalogue', text);

async function main() {
  const startedLoad = machine();
  if (!process.env.BENCH_FROM_JSON) build();
  const engines = process.env.BENCH_DB ? [process.env.BENCH_DB] : ['pglite', ...((await pgAnswers()) ? ['postgres'] : [])];
  let results = [];
  if (process.env.BENCH_FROM_JSON) results = JSON.parse(readFileSync(process.env.BENCH_FROM_JSON, 'utf8'));
  else for (const e of engines) results.push(await benchEngine(e));
  writeFileSync(path.join(os.tmpdir(), 'fatafat-bench-catalogue.json'), JSON.stringify(results));
  const text = section(results, startedLoad);
  console.log(`\n${text}`);
  if (!process.env.BENCH_NO_WRITE) writeSection(text);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
