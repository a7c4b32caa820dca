// `npm start`: build what is missing (API bundle, web app), then serve the whole shop from one process.
// Settings come from the environment (or .env); nothing here overrides them.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';

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

const entry = process.argv.includes('--cluster') ? 'dist/cluster.js' : 'dist/server.js';
const child = spawn(process.execPath, ['--enable-source-maps', entry], {
  cwd: path.join(root, 'apps/api'),
  stdio: 'inherit',
  env: { ...process.env, DATA_DIR: process.env.DATA_DIR ?? path.join(root, 'data') },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
