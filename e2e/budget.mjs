// Home-page JavaScript budget (issue 5: at most 120 KB gzipped). Reads the built apps/web/dist/index.html,
// follows the entry script and its modulepreloads (what the home page downloads before it is interactive),
// gzips each file and prints the total. Exits 1 over budget.
//   node e2e/budget.mjs [--budget=120]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../apps/web/dist');
const budgetKb = Number(process.argv.find((a) => a.startsWith('--budget='))?.split('=')[1] ?? 120);
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const files = [
  ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
].map((m) => m[1]);

let total = 0;
let totalBr = 0;
const kb = (n) => `${(n / 1024).toFixed(1).padStart(6)} KB`;
console.log('     gzip     brotli  file');
for (const file of [...new Set(files)]) {
  const bytes = readFileSync(path.join(dist, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total += gz;
  totalBr += br;
  console.log(`${kb(gz)} ${kb(br)}  ${file}`);
}
console.log(`${kb(total)} ${kb(totalBr)}  total JavaScript on the home page (budget ${budgetKb} KB gzipped)`);
process.exit(total / 1024 <= budgetKb ? 0 : 1);
