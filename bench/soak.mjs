/**
 * Soak: the mixed workload of bench/mixed.mjs held for 10 minutes (BENCH_SECONDS overrides), sampling each
 * worker's resident memory every BENCH_SAMPLE_SECONDS (10 s); reports growth from start to end and from
 * the first minute (after warm-up: JIT, caches, pools) to the end. Target: growth under 10 %.
 *
 *   npm run bench:soak        BENCH_SECONDS=600 BENCH_CONNECTIONS=64 WEB_CONCURRENCY=2 BENCH_JSON=path
 */
import { writeFileSync } from 'node:fs';
import { describeResult, runMixed } from './mixed.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 600);
const s = await runMixed({ seconds, quiet: true });
console.log(`\n${describeResult(s)}`);
const warm = s.samples.find((x) => x.t >= (s.samples[0]?.t ?? 0) + 60) ?? s.samples[0];
const last = s.workersAtEnd.map((w) => w.rss);
const growth = (from, to) => (from && to ? `${(((to - from) / from) * 100).toFixed(1)} %` : 'n/a');
console.log('memory samples (MiB per worker):');
for (const x of s.samples) console.log(`  t=${x.t}s  ${x.rss.join('  ')}`);
s.workersAtStart.forEach((w, i) => {
  console.log(`worker ${i + 1}: start ${w.rss} MiB, after warm-up ${warm?.rss[i]} MiB, end ${last[i]} MiB; growth ${growth(w.rss, last[i])} overall, ${growth(warm?.rss[i], last[i])} after warm-up`);
});
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(s, null, 2));
