/**
 * The zone lookup alone, in process: which of the benchmark's 200 stores cover each of its 4,000 points, as
 * serving.ts answers it (compiled zones, bounding-box prefilter, then Turf's point-in-polygon), beside the
 * same answer without the prefilter. Prints one JSON line: microseconds per lookup for each.
 *
 *   node --import tsx bench/zone-lookup.mjs '<stores JSON>' '<points JSON>'   (bench/serviceability.mjs runs it)
 */
import { readFileSync } from 'node:fs';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { coveringStores } from '../apps/api/src/modules/zones/serving.ts';
import { compileZone, radiusBBox } from '../apps/api/src/modules/zones/zone-geometry.ts';

const { stores, points } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const rows = stores.map((s) => {
  const compiledZone = compileZone(s.zone);
  return { ...s, radiusKm: 3, isActive: true, compiledZone, area: compiledZone?.bbox ?? radiusBBox(s.lat, s.lng, 3) };
});

function time(fn, rounds) {
  const started = process.hrtime.bigint();
  let found = 0;
  for (let r = 0; r < rounds; r += 1) for (const p of points) found += fn(p);
  return { usPerLookup: Number(process.hrtime.bigint() - started) / 1000 / (rounds * points.length), found: found / rounds };
}

const withIndex = (p) => coveringStores(rows, p).length;
const naive = (p) => rows.filter((s) => booleanPointInPolygon([p.lng, p.lat], s.zone)).length;
time(withIndex, 2); // warm the JIT
time(naive, 1);
const a = time(withIndex, 10);
const b = time(naive, 2);
if (a.found !== b.found) throw new Error(`the prefilter changed the answer: ${a.found} against ${b.found} covering stores`);
console.log(JSON.stringify({ prefiltered: a.usPerLookup, naive: b.usPerLookup, coveredPerPoint: a.found / points.length }));
