/**
 * What a supervisor sees: the pid `npm start` returns. A signal to it must stop the server (draining, the
 * data directory freed), and npm must exit with it; the old launcher left a server serving the data.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_DIR, buildApi, freePort, runToEnd, serverEnv } from '../multiprocess/processes';

const ROOT = path.resolve(API_DIR, '../..');

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

// The launcher is the same on both database runs: once is enough.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('signals to npm start', () => {
  const dirs: string[] = [];
  beforeAll(() => buildApi(), 180_000);
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`when npm start's pid gets ${signal}, then the server stops, frees its data directory and npm exits`, async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fatafat-npmstart-'));
      dirs.push(dataDir);
      const port = await freePort();
      const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...serverEnv(port, dataDir) };
      const npm = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      npm.stdout.on('data', (d: Buffer) => (out += d.toString()));
      npm.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((r) => npm.once('exit', (code) => r(code)));
      const url = `http://127.0.0.1:${port}/api/health`;
      await expect.poll(() => answers(url), { timeout: 90_000, interval: 300 }).toBe(true);

      npm.kill(signal);
      const code = await Promise.race([exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 20_000))]);
      expect(code, out).toBe(0);
      expect(await answers(url), 'the server still answers after npm exited').toBe(false);
      // Nobody holds the data directory any more: a CLI opens it at once.
      const admin = await runToEnd('npm', ['run', 'admin:create', '--silent', '--', '--email', 'ops@example.com', '--password', 'long enough secret'], {
        env: { DATA_DIR: dataDir, BCRYPT_ROUNDS: '4' },
        timeoutMs: 60_000,
      });
      expect(admin.code, admin.output).toBe(0);
    }, 150_000);
  }
});
