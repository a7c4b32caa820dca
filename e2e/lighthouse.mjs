// Lighthouse (mobile profile, simulated throttling) on the production build: the home page, a category
// page and a product page, each run 3 times in a fresh Chromium; prints the median run's scores and
// metrics. A measurement tool, not a CI gate: it always exits 0 unless Lighthouse itself fails.
//
//   node e2e/lighthouse.mjs                                  # starts `npm start` on a free port
//   LH_BASE_URL=http://127.0.0.1:5000 node e2e/lighthouse.mjs  # against a shop that is already running
//   LH_RUNS=5 node e2e/lighthouse.mjs                        # more runs per page (median of them)
//   node e2e/lighthouse.mjs --verbose                        # also list the audits that cost points
import { loadavg } from 'node:os';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { CHROMIUM, CHROMIUM_ARGS, startShop } from './lib.mjs';

const runs = Number(process.env.LH_RUNS ?? 3);
const verbose = process.argv.includes('--verbose');
const targets = { performance: 90, accessibility: 95, 'best-practices': 95 };

async function startServer() {
  if (process.env.LH_BASE_URL) return { baseUrl: process.env.LH_BASE_URL.replace(/\/$/, ''), stop: async () => {} };
  return startShop({ name: 'lighthouse' });
}

/** The first category and its first product, read from the API like the shop does. */
async function pages(baseUrl) {
  const categories = (await (await fetch(`${baseUrl}/api/category`)).json()).items;
  const category = categories[0];
  const products = (await (await fetch(`${baseUrl}/api/product?category=${category.slug}&limit=1`)).json())
    .items;
  return [
    { name: 'home', url: `${baseUrl}/` },
    { name: 'category', url: `${baseUrl}/c/${category.slug}` },
    { name: 'product', url: `${baseUrl}/p/${products[0].slug}` },
  ];
}

/** One run; Lighthouse now and then fails to record a trace (NO_NAVSTART…), so such a run is retried. */
async function audit(url, attempts = 3) {
  try {
    return await auditOnce(url);
  } catch (error) {
    if (attempts <= 1) throw error;
    console.log(`      retrying ${url}: ${error.message}`);
    return audit(url, attempts - 1);
  }
}

async function auditOnce(url) {
  // A fresh browser per run: no warm HTTP cache or compiled code carried from the previous run.
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_ARGS });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: Object.keys(targets),
    });
    if (!result?.lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.message}`);
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

const score = (lhr, id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
const metric = (lhr, id) => lhr.audits[id]?.numericValue ?? NaN;
const ms = (n) => `${Math.round(n)} ms`.padStart(8);

/** Audits that failed in a category, heaviest first: what to fix to win the points back. */
function costs(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0 || category !== 'performance')
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(
      ({ audit }) =>
        audit && audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'notApplicable',
    )
    .map(
      ({ ref, audit }) =>
        `      ${category}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''} [weight ${ref.weight}]`,
    );
}

const server = await startServer();
try {
  const list = await pages(server.baseUrl);
  const load = () =>
    loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
  console.log(`mobile profile · ${runs} runs per page, median run shown · load average ${load()}`);
  console.log('page       perf  a11y  b.p.       FCP      LCP      TBT    CLS      SI');
  let version = '';
  for (const page of list) {
    const lhrs = [];
    for (let i = 0; i < runs; i++) lhrs.push(await audit(page.url));
    const lhr = computeMedianRun(lhrs);
    version ||= `Lighthouse ${lhr.lighthouseVersion}, ${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0]}`;
    const below = Object.entries(targets).filter(([id, min]) => score(lhr, id) < min);
    console.log(
      [
        page.name.padEnd(9),
        String(score(lhr, 'performance')).padStart(5),
        String(score(lhr, 'accessibility')).padStart(5),
        String(score(lhr, 'best-practices')).padStart(5),
        ms(metric(lhr, 'first-contentful-paint')),
        ms(metric(lhr, 'largest-contentful-paint')),
        ms(metric(lhr, 'total-blocking-time')),
        metric(lhr, 'cumulative-layout-shift').toFixed(3).padStart(6),
        ms(metric(lhr, 'speed-index')),
        below.length ? `  below target: ${below.map(([id]) => id).join(', ')}` : '',
      ].join(' '),
    );
    if (verbose) {
      console.log(
        `      performance scores of the ${runs} runs: ${lhrs.map((l) => score(l, 'performance')).join(', ')}`,
      );
      for (const category of Object.keys(targets)) for (const line of costs(lhr, category)) console.log(line);
    }
  }
  console.log(`${version} · load average after: ${load()}`);
} finally {
  await server.stop();
}
