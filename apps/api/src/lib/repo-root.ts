/**
 * The repository root (the folder holding apps/api), found from this file wherever it runs: src/ under
 * tsx or vitest, or the bundle in dist/. Every entry point resolves its defaults (DATA_DIR, .env) from
 * here, so `npm start`, `npm run seed` and `npm run admin:create` share one database whatever their
 * working directory.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

export function repoRoot(): string {
  if (found) return found;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    if (existsSync(path.join(dir, 'apps', 'api', 'package.json'))) return (found = dir);
    dir = path.dirname(dir);
  }
  return (found = process.cwd());
}
