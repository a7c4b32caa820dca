// Pieces the browser scripts share: Debian's Chromium and how to launch it here, a free port, polling,
// and a shop started on a throwaway embedded database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling Google's hosts, which this closed
// network refuses many times a second.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor(check, { timeout, interval = 500, what }) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

const root = path.resolve(import.meta.dirname, '..');

/**
 * Starts the shop (`args`, default `scripts/start.mjs`, i.e. `npm start`) on a free port with its own
 * data folder, and waits until it serves the demo catalogue. stop() ends it and removes the folder.
 */
export async function startShop({ args = ['scripts/start.mjs'], env = {}, name = 'shop' } = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), `fatafat-${name}-`));
  const logs = [];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (d) => logs.push(String(d)));
  child.stderr.on('data', (d) => logs.push(String(d)));
  let exited = false;
  child.on('exit', () => (exited = true));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // The first start builds what is stale, migrates and seeds the demo shop; give it time.
    await waitFor(
      async () => {
        if (exited) throw new Error(`server exited:\n${logs.join('').slice(-3000)}`);
        const res = await fetch(`${baseUrl}/api/category`);
        return res.ok && (await res.json()).items?.length > 0;
      },
      { timeout: 240_000, interval: 1000, what: 'the server and its demo catalogue' },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, logs, stop };
}
