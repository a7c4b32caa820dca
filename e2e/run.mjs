// Customer journey in a real Chromium (Debian's, via playwright-core — no browser downloads).
// Starts the production server on a free port with a fresh DATA_DIR, walks the journey of issue 5 on a
// phone, takes phone and desktop screenshots into docs/screenshots/, prints "N passed, M failed".
//
//   node e2e/run.mjs                 # builds if needed (npm start does), runs everything
//   E2E_BASE_URL=http://localhost:5000 node e2e/run.mjs   # against a server you already started
//   E2E_HEADED=1 / E2E_SLOWMO=200    # watch it
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, createHarness, expect, servedStore, settle, startShop } from './lib.mjs';

const root = path.resolve(import.meta.dirname, '..');
const shots = path.join(root, 'docs/screenshots');
mkdirSync(shots, { recursive: true });

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

// ---------- server ----------

async function startServer() {
  if (process.env.E2E_BASE_URL)
    return { baseUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''), stop: async () => {} };
  // `npm start` = scripts/start.mjs: builds whatever is stale, then serves API + SPA from one process.
  return startShop({ name: 'e2e', env: { NODE_ENV: '' } });
}

const { test, setPage, fail, finish } = createHarness('e2e');

// ---------- API helpers (setup facts, never a substitute for the UI) ----------

async function api(baseUrl, pathname, init) {
  const res = await fetch(`${baseUrl}/api${pathname}`, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function findOutOfStock(baseUrl, storeId) {
  let cursor;
  for (let page = 0; page < 40; page++) {
    const { body } = await api(
      baseUrl,
      `/product?store=${storeId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    const found = body.items.find((p) => p.variants.every((v) => !v.available));
    if (found) return found;
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  return null;
}

// ---------- journey ----------

async function run() {
  const server = await startServer();
  const { baseUrl } = server;
  console.log(`Fatafat e2e against ${baseUrl}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: !process.env.E2E_HEADED,
    slowMo: Number(process.env.E2E_SLOWMO ?? 0),
  });
  const served = await servedStore(baseUrl);
  const email = `asha.${Date.now()}@example.com`;
  const password = 'fatafat-e2e-1';
  let orderUrl;

  const phone = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-IN',
    timezoneId: 'Asia/Kolkata',
    reducedMotion: 'reduce',
  });
  const page = await phone.newPage();
  setPage(page);
  page.setDefaultTimeout(15_000);
  const consoleErrors = [];
  page.on('pageerror', (error) => consoleErrors.push(error.message));

  const shot = async (name, target = page) => {
    await settle(target);
    await target.screenshot({ path: path.join(shots, name), fullPage: false });
  };

  try {
    await test('home page loads on a phone with categories and rails', async () => {
      await page.goto(baseUrl, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { name: 'Shop by category' }).waitFor();
      await page.locator('[data-testid="product-card"]').first().waitFor();
      expect((await page.title()).includes('Fatafat'), 'title should name Fatafat');
    });

    await test('an unserved pincode gets a friendly answer', async () => {
      await page.getByTestId('location-button').click();
      await page.getByPlaceholder('Enter your 6-digit pincode').fill('110001');
      await page.getByRole('button', { name: 'Check' }).click();
      await page.getByText("We're not in 110001 yet").waitFor();
    });

    await test('a served pincode sets the delivery promise', async () => {
      await page.getByPlaceholder('Enter your 6-digit pincode').fill(served.pincode);
      await page.getByRole('button', { name: 'Check' }).click();
      await page
        .getByTestId('location-button')
        .getByText(/Delivery in \d+ minutes/)
        .waitFor();
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot('home-phone.png');
    });

    await test('search with a typo still finds products (did you mean)', async () => {
      const search = page.getByRole('combobox', { name: 'Search for products' });
      await search.fill('amul mlik');
      await page.getByRole('listbox', { name: 'Suggestions' }).waitFor();
      await search.press('Enter');
      await page.waitForURL(/\/s\?q=/);
      await page.getByRole('heading', { name: /results for/i }).waitFor();
      await page.locator('[data-testid="product-card"]').first().waitFor();
      const names = await page.locator('[data-testid="product-card"] :is(h2,h3)').allTextContents();
      expect(
        names.some((n) => /milk/i.test(n)),
        `expected milk in results, got ${names.slice(0, 5).join(' | ')}`,
      );
      const hint = await page.getByTestId('did-you-mean').textContent();
      expect(/amul milk/i.test(hint ?? ''), `expected a did-you-mean hint, got "${hint}"`);
    });

    await test('add two products to the cart', async () => {
      const adds = page
        .locator('[data-testid="product-card"]')
        .getByRole('button', { name: /^Add .* to cart$/ });
      await adds.first().click();
      await page.getByTestId('mobile-cart-bar').getByText('1 item').waitFor();
      await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
      const rail = page.locator('section[aria-labelledby^="rail-"]').first();
      await rail
        .getByRole('button', { name: /^Add .* to cart$/ })
        .first()
        .click();
      await page.getByTestId('mobile-cart-bar').getByText('2 items').waitFor();
    });

    await test('category page: subcategories, sort and filters in the URL', async () => {
      await page.locator('a[href^="/c/"]').first().click();
      await page.waitForURL(/\/c\//);
      await page
        .locator('section[aria-labelledby="category-title"] [data-testid="product-card"]')
        .first()
        .waitFor();
      await page.getByTestId('sort-select').selectOption('price_asc');
      await page.waitForURL(/sort=price_asc/);
      await page.locator('[data-testid="product-card"]').first().waitFor();
      await page.waitForLoadState('networkidle');
      await shot('category-phone.png');
      await page.goBack();
      await page.waitForURL((url) => !url.search.includes('sort='));
    });

    await test('product page: gallery, price and details', async () => {
      await page.locator('[data-testid="product-card"] :is(h2,h3) a').first().click();
      await page.waitForURL(/\/p\//);
      await page.getByRole('heading', { name: 'Why shop from Fatafat?' }).waitFor();
      await page.waitForLoadState('networkidle');
      await shot('product-phone.png');
    });

    await test('an out-of-stock product cannot be added', async () => {
      const product = await findOutOfStock(baseUrl, served.storeId);
      expect(product, 'the demo catalogue should have an out-of-stock product at this store');
      await page.goto(`${baseUrl}/p/${product.slug}`, { waitUntil: 'networkidle' });
      await page.getByText('Out of stock').first().waitFor();
      const add = page.getByRole('button', {
        name: new RegExp(`^Add ${product.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      });
      expect((await add.count()) === 0, 'no ADD for the out-of-stock product');
    });

    await test('cart drawer opens full screen with both lines', async () => {
      await page.getByTestId('mobile-cart-bar').click();
      await page.getByTestId('cart-drawer').waitFor();
      expect((await page.getByTestId('cart-line').count()) === 2, 'two lines in the cart');
      await shot('cart-phone.png');
      await page.getByTestId('proceed').click();
      await page.waitForURL(/\/checkout/);
    });

    await test('register inline at checkout; the guest cart is kept', async () => {
      await page.getByLabel('Full name').fill('Asha Verma');
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('heading', { name: 'Logged in' }).waitFor();
      await page.getByRole('heading', { name: 'Your order' }).waitFor();
      await page.getByLabel('Order summary').getByText('2 items').waitFor();
    });

    await test('add a delivery address with validation', async () => {
      await page.getByRole('button', { name: 'Save address' }).click();
      await page
        .getByText(/Pincode/)
        .first()
        .waitFor();
      await page.getByLabel('House / flat / floor').fill('Flat 402, Tower B, Palm Heights');
      await page.getByLabel('Area / sector / locality').fill('Sector 14');
      await page.getByLabel('Pincode').fill(served.pincode);
      await page.getByLabel("Receiver's phone").fill('9876543210');
      await page.getByRole('button', { name: 'Save address' }).click();
      await page.getByText(/Delivery in \d+ minutes from/).waitFor();
    });

    await test('a coupon that does not apply explains why', async () => {
      await page.getByLabel('Apply coupon').fill('NOSUCHCODE');
      await page.getByRole('button', { name: 'Apply', exact: true }).click();
      const reason = await page.getByTestId('coupon-error').textContent();
      expect(reason && reason.length > 3, 'a reason is shown');
      await page.getByTestId('grand-total').waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot('checkout-phone.png');
    });

    await test('place a cash-on-delivery order and land on tracking', async () => {
      await page.getByTestId('place-order').click();
      await page.waitForURL(/\/order\//, { timeout: 20_000 });
      orderUrl = page.url();
      await page.getByTestId('timeline').waitFor();
      await page.getByText('Order confirmed').first().waitFor();
    });

    await test('the status moves live on the tracking page (SSE, no reload)', async () => {
      const marker = await page.evaluate(() => (window.__noReload = Math.random()));
      await page
        .locator(
          '[data-testid="tracking"][data-status="packing"], [data-testid="tracking"][data-status="out_for_delivery"]',
        )
        .waitFor({ timeout: 60_000 });
      expect((await page.evaluate(() => window.__noReload)) === marker, 'page must not reload');
      await settle(page);
      await shot('tracking-phone.png');
    });

    await test('reorder from the account page', async () => {
      await page.goto(`${baseUrl}/account/orders`);
      await page.getByTestId('order-card').first().waitFor();
      await page.getByTestId('reorder').first().click();
      await page.getByText('Items added to your cart').waitFor();
      await page.getByTestId('cart-drawer').waitFor();
      await page.getByTestId('cart-line').first().waitFor();
      await page.keyboard.press('Escape');
    });

    await test('log out and back in: the cart is kept', async () => {
      const before = await page.getByTestId('mobile-cart-bar').textContent();
      // Logging out must not send the server requests that need the session it just ended.
      const refused = [];
      const onResponse = (r) => r.status() === 401 && r.url().includes('/api/') && refused.push(r.url());
      page.on('response', onResponse);
      await page.locator('[data-testid="account-button"]:visible').click();
      await page.getByTestId('logout').click();
      await page.getByText('You are logged out').waitFor();
      await page.getByTestId('mobile-cart-bar').waitFor({ state: 'detached' });
      // Let any refetch the logout set off come back (the page keeps a stream open, so no "network idle").
      await page.waitForTimeout(1500);
      page.off('response', onResponse);
      expect(refused.length === 0, `requests refused after logout: ${refused.join(', ')}`);
      await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await page.waitForURL(`${baseUrl}/`);
      const after = await page.getByTestId('mobile-cart-bar').textContent();
      expect(before === after, `cart bar should read the same: "${before}" vs "${after}"`);
    });

    await test('the pages raised no uncaught errors', async () => {
      expect(consoleErrors.length === 0, consoleErrors.join('\n'));
    });

    // Desktop screenshots of the same pages, logged in with a cart, for the README.
    await test('desktop screenshots', async () => {
      const desktop = await browser.newContext({
        viewport: DESKTOP,
        locale: 'en-IN',
        timezoneId: 'Asia/Kolkata',
        reducedMotion: 'reduce',
      });
      await desktop.addCookies((await phone.cookies()).map((c) => ({ ...c })));
      const d = await desktop.newPage();
      const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }));
      await d.goto(baseUrl);
      await d.evaluate((saved) => {
        for (const [key, value] of Object.entries(JSON.parse(saved))) localStorage.setItem(key, value);
      }, storage);
      await d.goto(baseUrl, { waitUntil: 'networkidle' });
      await d.locator('[data-testid="product-card"]').first().waitFor();
      await shot('home-desktop.png', d);
      await d.locator('a[href^="/c/"]').nth(2).click();
      await d.waitForURL(/\/c\//);
      await d
        .locator('section[aria-labelledby="category-title"] [data-testid="product-card"]')
        .first()
        .waitFor();
      await d.waitForLoadState('networkidle');
      await shot('category-desktop.png', d);
      await d.locator('[data-testid="product-card"] :is(h2,h3) a').first().click();
      await d.getByRole('heading', { name: 'Why shop from Fatafat?' }).waitFor();
      await d.waitForLoadState('networkidle');
      await shot('product-desktop.png', d);
      await d.getByTestId('cart-button').click();
      await d.getByTestId('cart-drawer').waitFor();
      await d.waitForLoadState('networkidle');
      await shot('cart-desktop.png', d);
      await d.getByTestId('proceed').click();
      await d.waitForURL(/\/checkout/);
      await d.getByTestId('grand-total').waitFor();
      await d.waitForLoadState('networkidle');
      await shot('checkout-desktop.png', d);
      await d.goto(orderUrl, { waitUntil: 'networkidle' });
      await d.getByTestId('timeline').waitFor();
      await shot('tracking-desktop.png', d);
      await desktop.close();
    });
  } finally {
    await browser.close();
    await server.stop();
  }
}

try {
  await run();
} catch (error) {
  fail('setup', error);
}
finish();
