// The store manager's floor board in a real Chromium (issues 16 and 17), with the demo's simulated pickers
// and riders at work: a customer places three orders; a person (the first demo picker) claims one and answers
// a line; the manager opens /admin/floor and sees each order's time per stage, the picker on it, and, without
// a reload, the simulated pickers claim and pack the others (the board follows the live notices). Screenshots:
// docs/screenshots/floor-board-desktop.png (1280×800) and floor-board-phone.png (390×844, touch).
// Prints "N passed, M failed".
//   node e2e/board.mjs        (builds if needed)   E2E_BASE_URL=… to use a running server (simulator on)
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, createHarness, expect, runJourney, settle, startBuiltShop } from './lib.mjs';

const root = path.resolve(import.meta.dirname, '..');
const shots = path.join(root, 'docs/screenshots');
mkdirSync(shots, { recursive: true });
const ADMIN = { email: process.env.ADMIN_EMAIL ?? 'admin@fatafat.local', password: process.env.ADMIN_PASSWORD ?? 'admin12345' };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function startServer() {
  if (process.env.E2E_BASE_URL) return { baseUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''), stop: async () => {} };
  // The simulated pickers and riders are the point here: they work every order a person does not.
  return startBuiltShop('board-e2e', ADMIN, { DELIVERY_SIMULATOR: 'true' });
}

const json = async (res) => {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
};

const { test, setPage, finish, fail } = createHarness('board-e2e');

async function signIn(page, email, password, next) {
  await page.goto(next);
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.waitForURL(new RegExp(`${next.replace(/\//g, '\\/')}$`));
}

async function run() {
  const server = await startServer();
  const { baseUrl } = server;
  console.log(`board e2e against ${baseUrl}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const errors = [];
  const tag = Math.random().toString(36).slice(2, 7);
  try {
    const stores = (await json(await fetch(`${baseUrl}/api/stores`))).items;
    const store = stores.find((s) => s.pincodes.length) ?? stores[0];
    const api = await browser.newContext({ baseURL: baseUrl });
    const orders = [];
    let crew;

    await test('a customer places three cash orders at the store', async () => {
      const c = (await browser.newContext({ baseURL: baseUrl })).request;
      expect((await c.post('/api/user/register', { data: { name: 'Asha Rao', email: `asha-${tag}@example.com`, password: 'a-good-long-password' } })).status() === 201, 'register');
      const address = await json(
        await c.post('/api/address', {
          data: { label: 'home', name: 'Asha Rao', phone: '9876543210', line1: '12 Lake View Road', city: 'Gurugram', state: 'Haryana', pincode: store.pincodes[0] },
        }),
      );
      const list = await json(await c.get(`/api/product?store=${store.id}&limit=40`));
      const variants = list.items.flatMap((p) => p.variants.filter((v) => v.available).slice(0, 1));
      for (let i = 0; i < 3; i += 1) {
        const items = variants.slice(i * 3, i * 3 + 2 + i).map((v) => ({ variantId: v.id, quantity: 1 }));
        const placed = await c.post('/api/order', { data: { addressId: address.address?.id ?? address.id, paymentMethod: 'cod', items } });
        const body = await json(placed);
        expect(placed.status() === 201 || placed.status() === 200, `order placed: ${placed.status()} ${JSON.stringify(body).slice(0, 200)}`);
        orders.push(body.order);
      }
    });

    await test('a person at the store (demo picker 1) claims the first order and answers one line', async () => {
      await api.request.post('/api/user/login', { data: ADMIN });
      const people = await json(await api.request.get(`/api/admin/people?storeId=${store.id}`));
      crew = {
        picker: people.items.find((p) => p.email?.startsWith('picker1.'))?.email,
        manager: people.items.find((p) => p.role === 'staff')?.email,
      };
      expect(crew.picker && crew.manager, `demo picker and manager: ${JSON.stringify(people).slice(0, 200)}`);
      const picker = (await browser.newContext({ baseURL: baseUrl })).request;
      await picker.post('/api/user/login', { data: { email: crew.picker, password: 'picker12345' } });
      const claim = await json(await picker.post('/api/ops/picks/claim', { data: { orderId: orders[0].id } }));
      expect(claim?.pick?.orderId === orders[0].id, `claimed: ${JSON.stringify(claim).slice(0, 200)}`);
      const line = claim.pick.lines[0];
      const answered = await picker.post(`/api/ops/picks/${orders[0].id}/lines/${line.variantId}`, { data: { found: line.quantity, ...(line.barcode ? { barcode: line.barcode } : {}) } });
      expect(answered.status() === 200, `line answered: ${answered.status()}`);
    });

    const desktop = await (await browser.newContext({ ...DESKTOP, baseURL: baseUrl })).newPage();
    desktop.on('pageerror', (e) => errors.push(`desktop: ${e.message}`));
    setPage(desktop);

    await test("the store manager opens Floor from the console's navigation and sees each order's stage times", async () => {
      await signIn(desktop, crew.manager, 'manager12345', '/admin');
      await desktop.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Floor' }).click();
      await desktop.waitForURL(/\/admin\/floor$/);
      await desktop.getByRole('heading', { name: 'Floor' }).waitFor();
      await desktop.getByText('Live', { exact: true }).waitFor();
      for (const o of orders) await desktop.locator(`[data-testid="floor-order"][data-order-id="${o.id}"]`).waitFor();
      const first = desktop.locator(`[data-testid="floor-order"][data-order-id="${orders[0].id}"]`);
      expect(/1\/\d+ lines/.test(await first.innerText()), 'the person picking with one line done');
      const claim = await first.locator('[data-stage="claim"]').innerText();
      expect(/\d+s/.test(claim), `claim time shown: ${claim}`);
      const pack = first.locator('[data-stage="pack"]');
      const before = await pack.innerText();
      await desktop.waitForTimeout(2100);
      expect((await pack.innerText()) !== before, `the pack stage ticks (${before})`);
      await desktop.getByTestId('floor-picker').filter({ hasText: orders[0].number }).waitFor();
    });

    await test('without a reload, the simulated pickers claim and pack the other orders', async () => {
      const marker = await desktop.evaluate(() => (window.__noReload = Math.random()));
      for (const o of orders.slice(1)) {
        await desktop
          .locator(`[data-testid="floor-order"][data-order-id="${o.id}"]`)
          .filter({ has: desktop.locator('[data-stage="pack"]', { hasText: /\d+s/ }) })
          .waitFor({ timeout: 60_000 });
      }
      // Sealed and gone to a rider: the pickup stage has begun (or the simulated rider already took it).
      await desktop
        .locator(`[data-testid="floor-order"][data-order-id="${orders[1].id}"] [data-stage="pickup"]`, { hasText: /\d+s/ })
        .waitFor({ timeout: 60_000 });
      expect((await desktop.evaluate(() => window.__noReload)) === marker, 'page must not reload');
      const stats = await json(await api.request.get(`/api/admin/floor/stats?storeId=${store.id}`));
      expect(stats.stages[0].count >= 1 && stats.pickers.length >= 1, `stats of the day: ${JSON.stringify(stats.stages[0])}`);
      await desktop.getByTestId('floor-stats').getByText(/ \/h$/).first().waitFor({ timeout: 15_000 });
    });

    await test('the manager gives a waiting order to a rider by hand and records a cash deposit', async () => {
      // Demo rider 1 is a person: on duty, nothing simulated takes their offers.
      const people = await json(await api.request.get(`/api/admin/people?storeId=${store.id}&role=rider`));
      const rider = people.items.find((p) => p.email?.startsWith('rider1.'));
      expect(rider, 'demo rider 1');
      const riderApi = (await browser.newContext({ baseURL: baseUrl })).request;
      await riderApi.post('/api/user/login', { data: { email: rider.email, password: 'rider12345' } });
      expect((await riderApi.post('/api/rider/shift', { data: { onDuty: true } })).status() === 200, 'rider 1 on duty');
      await desktop.reload();
      const list = desktop.getByTestId('needs-rider');
      const entry = list.locator('li').first();
      await entry.waitFor();
      const number = (await entry.locator('.font-mono').innerText()).trim();
      await entry.getByLabel(`Rider for ${number}`).selectOption({ value: rider.id });
      await entry.getByRole('button', { name: 'Assign' }).click();
      await desktop.getByText(`${number} is with ${rider.name}`).waitFor();
      await list.locator('li', { hasText: number }).waitFor({ state: 'detached' });
      await desktop.locator('[data-testid="floor-order"]', { hasText: number }).filter({ hasText: `rider ${rider.name}` }).waitFor();
      const cash = desktop.getByTestId('rider-cash').locator('li', { hasText: rider.name });
      await cash.getByRole('button', { name: 'Record deposit' }).click();
      await cash.getByLabel(`Deposit from ${rider.name}`).fill('50');
      await cash.getByRole('button', { name: 'Save' }).click();
      await cash.getByText('₹50 over').waitFor();
    });

    await test('the manager tightens the claim budget in the Budgets sheet: orders claimed later than it turn red', async () => {
      await desktop.getByRole('button', { name: 'Budgets' }).click();
      const sheet = desktop.getByRole('dialog', { name: 'Stage budgets' });
      const claim = sheet.getByLabel('Placed → claimed');
      await claim.fill('2');
      await sheet.getByRole('button', { name: 'Save budgets' }).click();
      await sheet.getByText('Whole seconds from 5 to 3600').waitFor();
      await claim.fill('10');
      await sheet.getByRole('button', { name: 'Save budgets' }).click();
      await sheet.waitFor({ state: 'hidden' });
      // The simulated pickers claimed after ~20 s: over a 10 s budget.
      await desktop.locator(`[data-testid="floor-order"][data-order-id="${orders[1].id}"][data-breach="true"] [data-stage="claim"][data-breach="true"]`).waitFor();
      const first = desktop.locator(`[data-testid="floor-order"][data-order-id="${orders[0].id}"] [data-stage="claim"]`);
      expect((await first.getAttribute('data-breach')) === 'false', 'the order the person claimed at once is within budget');
      const budgets = await json(await api.request.get(`/api/admin/floor/budgets?storeId=${store.id}`));
      expect(budgets.budgets.claim === 10, `claim budget saved: ${JSON.stringify(budgets)}`);
      await settle(desktop);
      await desktop.screenshot({ path: path.join(shots, 'floor-board-desktop.png'), fullPage: true });
    });

    await test('on a phone the board reads top to bottom with the same live stage times', async () => {
      const phone = await (await browser.newContext({ ...PHONE, baseURL: baseUrl })).newPage();
      phone.on('pageerror', (e) => errors.push(`phone: ${e.message}`));
      setPage(phone);
      await signIn(phone, crew.manager, 'manager12345', '/admin/floor');
      await phone.locator(`[data-testid="floor-order"][data-order-id="${orders[0].id}"] [data-stage="claim"]`, { hasText: /\d+s/ }).waitFor();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow <= 0, `no sideways scroll on a phone (${overflow}px)`);
      await settle(phone);
      await phone.screenshot({ path: path.join(shots, 'floor-board-phone.png'), fullPage: true });
    });
    expect(errors.length === 0, `no page errors: ${errors.join('; ')}`);
  } catch (error) {
    fail('board', error);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await runJourney(run, { finish, fail });
