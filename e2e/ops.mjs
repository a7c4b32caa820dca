// The store floor in a real Chromium on a phone (issue 16): a customer orders three items; a picker signs
// in at /ops, claims the order, scans two lines by typing their barcodes, marks the third short and
// proposes a substitute; the customer accepts it on the tracking page (live, over the order's stream);
// the picker packs it into two bags and sees the bag labels. Screenshots of the queue, the pick list, the
// substitute sheet, the customer's prompt and the labels go to docs/screenshots/. Prints "N passed, M failed".
//   node e2e/ops.mjs        (builds if needed)   E2E_BASE_URL=… to use a running server
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, expectAccessible, startBuiltShop } from './lib.mjs';

const root = path.resolve(import.meta.dirname, '..');
const shots = path.join(root, 'docs/screenshots');
mkdirSync(shots, { recursive: true });
const ADMIN = { email: process.env.ADMIN_EMAIL ?? 'admin@fatafat.local', password: process.env.ADMIN_PASSWORD ?? 'admin12345' };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function startServer() {
  if (process.env.E2E_BASE_URL) return { baseUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''), stop: async () => {} };
  return startBuiltShop('ops-e2e', ADMIN);
}

const results = [];
let currentPage = null;
async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push(true);
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push(false);
    await currentPage?.screenshot({ path: path.join(tmpdir(), `fatafat-ops-failure-${results.length}.png`) }).catch(() => {});
    console.log(`  ✗ ${name}\n      ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n      ')}`);
  }
}
function expect(ok, what) {
  if (!ok) throw new Error(`expected ${what}`);
}
const json = async (res) => {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
};

async function run() {
  const server = await startServer();
  const { baseUrl } = server;
  console.log(`ops e2e against ${baseUrl}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const errors = [];
  const tag = Math.random().toString(36).slice(2, 7);
  try {
    const stores = (await json(await fetch(`${baseUrl}/api/stores`))).items;
    const store = stores.find((s) => s.pincodes.length) ?? stores[0];
    const customerContext = await browser.newContext({ ...PHONE, baseURL: baseUrl });
    const pickerContext = await browser.newContext({ ...PHONE, baseURL: baseUrl });
    const picker = await pickerContext.newPage();
    currentPage = picker;
    picker.on('pageerror', (e) => errors.push(`picker: ${e.message}`));
    let order;
    let shortLine;

    await test('a customer places an order of three items at the store', async () => {
      const c = customerContext.request;
      expect((await c.post('/api/user/register', { data: { name: 'Asha Rao', email: `asha-${tag}@example.com`, password: 'a-good-long-password' } })).status() === 201, 'register');
      const address = await json(
        await c.post('/api/address', {
          data: { label: 'home', name: 'Asha Rao', phone: '9876543210', line1: '12 Lake View Road', city: 'Gurugram', state: 'Haryana', pincode: store.pincodes[0] },
        }),
      );
      const list = await json(await c.get(`/api/product?store=${store.id}&limit=40&sort=price_desc`));
      // The dearest first: the third line (the one that comes up short) then has cheaper look-alikes to offer.
      const variants = list.items.flatMap((p) => p.variants.filter((v) => v.available).slice(0, 1)).slice(0, 3);
      expect(variants.length === 3, 'three available products');
      const placed = await c.post('/api/order', {
        data: { addressId: address.address?.id ?? address.id, paymentMethod: 'cod', items: variants.map((v) => ({ variantId: v.id, quantity: 1 })) },
      });
      const body = await json(placed);
      expect(placed.status() === 201 || placed.status() === 200, `order placed: ${placed.status()} ${JSON.stringify(body).slice(0, 200)}`);
      order = body.order;
    });

    await test('a picker signs in at /ops and sees the order in the live queue', async () => {
      // The store's demo picker, as the admin's People page lists them.
      const adminContext = await browser.newContext({ baseURL: baseUrl });
      await adminContext.request.post('/api/user/login', { data: ADMIN });
      const people = await json(await adminContext.request.get(`/api/admin/people?storeId=${order.store?.id ?? store.id}&role=picker`));
      const email = people.items.find((p) => p.email?.startsWith('picker1.'))?.email;
      expect(email, `a demo picker at the store: ${JSON.stringify(people).slice(0, 200)}`);
      await adminContext.close();
      await picker.goto('/ops');
      await picker.waitForURL(/\/login\?next=/);
      await picker.getByLabel('Email', { exact: true }).fill(email);
      await picker.getByLabel('Password', { exact: true }).fill('picker12345');
      await picker.getByRole('button', { name: 'Log in', exact: true }).click();
      await picker.waitForURL(/\/ops$/);
      await picker.locator(`[data-order="${order.number}"]`).waitFor();
      await picker.getByLabel('Live').waitFor();
      await picker.screenshot({ path: path.join(shots, 'ops-queue-phone.png') });
    });

    await test('the picker claims it and walks the list: two lines scanned by typing, one short', async () => {
      await picker.getByRole('button', { name: `Claim ${order.number}` }).click();
      await picker.getByRole('heading', { name: order.number }).waitFor();
      const pick = (await json(await pickerContext.request.get(`/api/ops/picks/${order.id}`))).pick;
      expect(pick.lines.length === 3, 'three pick lines');
      const scan = picker.getByLabel('Barcode');
      for (const line of pick.lines.slice(0, 2)) {
        await scan.fill(line.barcode);
        await scan.press('Enter');
        await picker.locator(`li[data-variant="${line.variantId}"]`, { hasText: 'Scanned' }).waitFor();
      }
      await picker.screenshot({ path: path.join(shots, 'ops-pick-phone.png'), fullPage: true });
      const wrong = pick.lines[0].barcode;
      await scan.fill(wrong);
      await scan.press('Enter');
      await picker.getByText(/^You scanned /).waitFor();
      const last = pick.lines[2];
      await picker.getByRole('button', { name: `Short ${last.name}` }).click();
      await picker.getByRole('dialog').getByRole('button', { name: 'Damaged' }).click();
      await picker.locator(`li[data-variant="${last.variantId}"]`, { hasText: 'Damaged' }).waitFor();
      shortLine = last;
    });

    await test('the picker proposes a substitute for the short line, and the customer sees the prompt live and accepts it', async () => {
      const tracking = await customerContext.newPage();
      tracking.on('pageerror', (e) => errors.push(`customer: ${e.message}`));
      await tracking.goto(`/order/${order.id}`);
      await tracking.getByTestId('tracking').waitFor();
      await picker.getByRole('button', { name: `Find a substitute for ${shortLine.name}` }).click();
      const sheet = picker.getByRole('dialog', { name: `Substitute for ${shortLine.name}` });
      await sheet.getByRole('button', { name: /^Propose / }).first().waitFor();
      await picker.screenshot({ path: path.join(shots, 'ops-substitute-phone.png') });
      await sheet.getByRole('button', { name: /^Propose / }).first().click();
      await picker.locator(`li[data-variant="${shortLine.variantId}"]`, { hasText: 'Waiting for the customer' }).waitFor();

      // No reload: the proposal arrives over the order's stream.
      const prompt = tracking.getByTestId('substitution-prompt');
      await prompt.waitFor({ timeout: 15_000 });
      await expectAccessible(tracking, 'the substitution prompt');
      await tracking.screenshot({ path: path.join(shots, 'ops-customer-substitute-phone.png') });
      await prompt.getByRole('button', { name: 'Yes, send it' }).click();
      await prompt.waitFor({ state: 'detached' });
      await picker.locator(`li[data-variant="${shortLine.variantId}"]`, { hasText: 'Accepted: pack it' }).waitFor({ timeout: 15_000 });
      await tracking.close();
    });

    await test('the picker packs two bags and sees two labels with the QR; the order is packed', async () => {
      await picker.getByRole('button', { name: 'More bags' }).click();
      await picker.getByRole('button', { name: 'Packed', exact: true }).click();
      await picker.getByRole('list', { name: 'Bag labels' }).waitFor();
      expect((await picker.getByAltText(`QR code of order ${order.number}`).count()) === 2, 'two labels');
      await picker.getByText('Bag 2 of 2').waitFor();
      await picker.screenshot({ path: path.join(shots, 'ops-labels-phone.png'), fullPage: true });
      const view = (await json(await customerContext.request.get(`/api/order/${order.id}`))).order;
      expect(view.status === 'packed', `order packed, got ${view.status}`);
      const sent = view.items.find((i) => i.substituteFor === shortLine.variantId);
      expect(sent && sent.quantity === 1, `the substitute is on the order: ${JSON.stringify(view.items).slice(0, 300)}`);
      expect(view.substitutions[0]?.status === 'sent', 'the substitution is sent');
    });
    expect(errors.length === 0, `no page errors: ${errors.join('; ')}`);
  } catch (error) {
    results.push(false);
    console.log(`  ✗ ${error.message}`);
  } finally {
    await browser.close();
    await server.stop();
  }
  const failed = results.filter((r) => !r).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await run();
