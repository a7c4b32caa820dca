/**
 * Real server processes for the multi-process and fault suites: `node dist/server.js` on its own port,
 * against a fresh database on the PostgreSQL server named by TEST_DATABASE_URL.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServerDatabase } from '../server-database';

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const JWT_SECRET = 'multi-process-test-secret-'.padEnd(48, 'x');

/** Builds dist/ once per run; the lock keeps two suites (or two engineers) from building over each other. */
export function buildApi(): void {
  execFileSync('flock', ['/tmp/fatafat-api-build.lock', 'npm', 'run', 'build', '--silent'], {
    cwd: API_DIR,
    stdio: 'pipe',
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Closes a test's TCP proxy: its open sockets at once (they would hold server.close() open), then the listener. */
export function closeProxy(server: net.Server, sockets: Iterable<net.Socket>): Promise<void> {
  return new Promise<void>((r) => {
    for (const s of sockets) s.destroy();
    server.close(() => r());
  });
}

/** A database of its own for a multi-process suite. */
export const createDatabase = (baseUrl: string) => createServerDatabase(baseUrl, 'ff_mp');

/** The environment of a test server process: quiet, no demo data, no simulator, cheap password hashes. */
export const serverEnv = (port: number, dataDir: string): Record<string, string> => ({
  NODE_ENV: 'test',
  PORT: String(port),
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  JWT_SECRET,
  SEED_DEMO: 'off',
  LOG_LEVEL: 'warn',
  DELIVERY_SIMULATOR: 'off',
  BCRYPT_ROUNDS: '4',
});

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServer(
  env: Record<string, string>,
  script = 'dist/server.js',
): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fatafat-mp-'));
  const child = spawn(process.execPath, [path.join(API_DIR, script)], {
    cwd: API_DIR,
    env: { PATH: process.env.PATH ?? '', ...serverEnv(port, dataDir), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  // A first start on PGlite may load the whole demo catalogue before it answers.
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in 150 s: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    child,
    output: () => out,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill(signal);
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** True when something answers on the Redis port (the suites need a real Redis for cross-process parts). */
export async function redisReachable(url = REDIS_URL): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect(Number(u.port || 6379), u.hostname);
    s.setTimeout(1000);
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.on('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  ms: number;
}

/** Runs a command to its end (killed after timeoutMs) and returns its exit and everything it printed. */
export async function runToEnd(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<Finished> {
  const started = Date.now();
  const child = spawn(command, args, {
    cwd: options.cwd ?? API_DIR,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  const [code, signal] = (await new Promise((resolve) => child.once('exit', (c, s) => resolve([c, s])))) as [
    number | null,
    NodeJS.Signals | null,
  ];
  clearTimeout(timer);
  return { code, signal, output, ms: Date.now() - started };
}

export { API_DIR };
