// Pieces the browser scripts share: Debian's Chromium and how to launch it here, a free port, polling,
// and a shop started on a throwaway embedded database.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
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
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
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

/**
 * The journeys' tiny test harness: test(name, fn) runs one step and records it (a failing step saves a
 * screenshot of the current page), finish() prints "N passed, M failed" and exits non-zero on a failure.
 */
export function createHarness(name) {
  const results = [];
  let currentPage = null;
  // E2E_ONLY=text runs only the steps whose title contains it (for working on one step).
  const only = process.env.E2E_ONLY;
  async function test(title, fn) {
    if (only && !title.includes(only)) return;
    const started = Date.now();
    try {
      await fn();
      results.push({ title, ok: true });
      console.log(`  ✓ ${title} (${Date.now() - started} ms)`);
    } catch (error) {
      results.push({ title, ok: false, error });
      const file = path.join(tmpdir(), `fatafat-${name}-failure-${results.length}.png`);
      await currentPage?.screenshot({ path: file }).catch(() => {});
      console.log(
        `  ✗ ${title}\n      ${String(error?.message ?? error)
          .split('\n')
          .slice(0, 8)
          .join('\n      ')}\n      (screenshot: ${file})`,
      );
    }
  }
  return {
    test,
    setPage: (page) => (currentPage = page),
    fail: (title, error) => {
      results.push({ title, ok: false, error });
      console.log(`  ✗ ${title}\n      ${error?.stack ?? error}`);
    },
    finish() {
      const passed = results.filter((r) => r.ok).length;
      const failed = results.length - passed;
      console.log(`${passed} passed, ${failed} failed`);
      process.exit(failed === 0 ? 0 : 1);
    },
  };
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Waits until the page is quiet and every image in view has painted, so screenshots are complete. */
export async function settle(target) {
  await target.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
  await target
    .waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 10_000 })
    .catch(() => {});
  await target.evaluate(async () => {
    const inView = [...document.images].filter((img) => {
      const r = img.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight && r.width > 0;
    });
    await Promise.all(inView.map((img) => (img.complete ? null : img.decode().catch(() => null))));
  });
  // Toasts fade after a few seconds; a screenshot shows the page, not a transient message.
  await target.evaluate(() =>
    document.querySelectorAll('[role="status"][aria-live]').forEach((n) => n.closest('div[style]')?.remove()),
  );
}

async function json(res) {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/** The first pincode /api/stores lists that a store serves, with that store. */
export async function servedStore(baseUrl) {
  const stores = await json(await fetch(`${baseUrl}/api/stores`));
  for (const store of stores.items) {
    for (const pincode of store.pincodes) {
      const check = await json(await fetch(`${baseUrl}/api/serviceability?pincode=${pincode}`));
      if (check.serviceable) return { pincode, storeId: check.store.id, storeName: check.store.name };
    }
  }
  throw new Error('no served pincode in /api/stores');
}

/**
 * The production build (web + api, built when dist is missing or E2E_BUILD=1) on a free port with a fresh
 * DATA_DIR and the embedded database, the delivery simulator off (the journey moves orders itself).
 */
export async function startBuiltShop(name, admin, env = {}) {
  const root = path.resolve(import.meta.dirname, '..');
  const built = existsSync(path.join(root, 'apps/web/dist/index.html')) && existsSync(path.join(root, 'apps/api/dist/server.js'));
  if (process.env.E2E_BUILD === '1' || !built) {
    console.log('building web and api…');
    execFileSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
    execFileSync('npm', ['run', 'build', '-w', 'apps/api'], { cwd: root, stdio: 'inherit' });
  }
  return startShop({
    name,
    args: ['apps/api/dist/server.js'],
    env: {
      NODE_ENV: '',
      DATABASE_URL: '',
      REDIS_URL: '',
      WEB_DIST_DIR: path.join(root, 'apps/web/dist'),
      DELIVERY_SIMULATOR: 'false',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      ...env,
    },
  });
}

/** Runs a journey and prints its result line; anything thrown outside a step fails the run as "setup". */
export async function runJourney(run, harness) {
  try {
    await run();
  } catch (error) {
    harness.fail('setup', error);
  }
  harness.finish();
}

/** The delivery location on this device, as the header's location picker leaves it (served pincode, its store). */
export async function rememberLocation(context, baseUrl, served) {
  const check = await json(await fetch(`${baseUrl}/api/serviceability?pincode=${served.pincode}`));
  const location = { label: served.pincode, pincode: served.pincode, serviceable: true, storeId: check.store.id, storeName: check.store.name, etaMinutes: check.etaMinutes };
  await context.addInitScript(
    (saved) => localStorage.getItem('fatafat:v1') || localStorage.setItem('fatafat:v1', saved),
    JSON.stringify({ guestItems: [], location }),
  );
}

/**
 * axe-core (the same rules as Lighthouse's accessibility audit) on the page as it stands; throws naming
 * each serious or critical violation and where it is.
 */
export async function expectAccessible(page, what) {
  // Evaluated through the DevTools protocol, which the shop's Content-Security-Policy rightly does not allow a <script> to do.
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  const found = await page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
  });
  expect(found.length === 0, `${what}: ${found.join('\n')}`);
}
