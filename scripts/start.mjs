// `npm start`: build what is missing (API bundle, web app), then serve the whole shop from one process.
// Settings come from the environment (or .env at the repository root); nothing here overrides them.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const newest = (dir) => {
  if (statSync(dir).isFile()) return statSync(dir).mtimeMs;
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) t = Math.max(t, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return t;
};
const stale = (out, ...sources) =>
  !existsSync(out) || sources.some((s) => existsSync(s) && newest(s) > statSync(out).mtimeMs);

const run = (args) => {
  const r = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const contracts = path.join(root, 'packages/contracts/src');
const web = (...parts) => path.join(root, 'apps/web', ...parts);
// The HTML shell and the build plugins shape the output as much as src/ does.
const webSources = [web('src'), web('index.html'), web('vite.config.ts'), web('build-plugins.ts'), contracts];
if (stale(web('dist/index.html'), ...webSources)) {
  console.log('Building the web app…');
  run(['run', 'build', '-w', 'apps/web']);
}
if (stale(path.join(root, 'apps/api/dist/server.js'), path.join(root, 'apps/api/src'), contracts)) {
  console.log('Building the API…');
  run(['run', 'build', '-w', 'apps/api']);
}

// The server runs in this very process, so the pid a supervisor (or npm, which runs this with `exec`)
// signals is the server's: SIGTERM drains and exits, and nothing is left holding the data directory.
const entry = process.argv.includes('--cluster') ? 'dist/cluster.js' : 'dist/server.js';
process.setSourceMapsEnabled(true);
await import(pathToFileURL(path.join(root, 'apps/api', entry)).href);
