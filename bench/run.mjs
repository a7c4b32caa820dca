// `npm run bench`: every benchmark in one go, each beside its own baseline measured in the same run.
// Each script rewrites only its own section of docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const here = import.meta.dirname;
for (const script of ['catalogue.mjs', 'checkout.mjs', 'picks.mjs']) {
  console.log(`\n▶ bench/${script}`);
  const r = spawnSync(process.execPath, [path.join(here, script)], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
