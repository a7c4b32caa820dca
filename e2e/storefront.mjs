// Storefront regressions in a real Chromium (Debian's, via playwright-core — no browser downloads): each
// step is a defect a walk-through of the shop found (issue 19), checked on the phone sizes people carry
// (360×800, 390×844, 412×915 with touch) and on a desktop. Prints "N passed, M failed".
//
//   node e2e/storefront.mjs                                 # starts `npm start` on a free port
//   E2E_BASE_URL=http://127.0.0.1:5000 node e2e/storefront.mjs
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, createHarness, expect, rememberLocation, servedStore, startShop } from './lib.mjs';

const { test, setPage, fail, finish } = createHarness('storefront-e2e');

const PHONES = [
  { width: 360, height: 800 },
  { width: 390, height: 844 },
  { width: 412, height: 915 },
];
const DESKTOP = { width: 1280, height: 800 };
const devices = [
  ...PHONES.map((viewport) => ({
    name: `phone ${viewport.width}×${viewport.height}`,
    options: { viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  })),
  { name: 'desktop', options: { viewport: DESKTOP } },
];

async function startServer() {
  if (process.env.E2E_BASE_URL)
    return { baseUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''), stop: async () => {} };
  return startShop({ name: 'storefront-e2e', env: { NODE_ENV: '', DELIVERY_SIMULATOR: 'false' } });
}

async function api(baseUrl, pathname, init) {
  const res = await fetch(`${baseUrl}/api${pathname}`, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The category with the most products at this store, and how many it has. */
async function biggestCategory(baseUrl, storeId) {
  const { body } = await api(baseUrl, '/category');
  let best = null;
  for (const category of body.items) {
    const list = await api(baseUrl, `/product?category=${category.slug}&store=${storeId}&limit=1`);
    if (!best || list.body.total > best.total) best = { slug: category.slug, total: list.body.total };
  }
  return best;
}

let people = 0;
/** Registers a new customer in this browser context (its cookies are the context's; `page` is told). */
async function signUp(context, page, baseUrl, name = 'Meera Nair') {
  const email = `meera.${Date.now()}.${people++}@example.com`;
  const res = await context.request.post(`${baseUrl}/api/user/register`, {
    data: { name, email, password: 'fatafat-e2e-1' },
  });
  expect(res.ok(), `register: ${res.status()} ${await res.text()}`);
  // The shop asks for a profile only once this browser has logged in (a non-secret hint).
  await page.evaluate(() => localStorage.setItem('fatafat:has-session', '1'));
  return email;
}

async function addAddress(context, baseUrl, fields) {
  const res = await context.request.post(`${baseUrl}/api/address`, {
    data: {
      label: 'home',
      name: 'Meera Nair',
      phone: '9876543210',
      city: 'Gurugram',
      state: 'Haryana',
      ...fields,
    },
  });
  expect(res.ok(), `address: ${res.status()} ${await res.text()}`);
  return (await res.json()).address;
}

/** The first product at the store with a variant in stock. */
async function inStock(baseUrl, storeId) {
  const { body } = await api(baseUrl, `/product?store=${storeId}&limit=50`);
  for (const product of body.items) {
    const variant = product.variants.find((v) => v.available);
    if (variant) return { product, variant };
  }
  throw new Error('nothing in stock');
}

/**
 * A fresh browser context for a device, already delivering to the served pincode (remembered on the
 * device as the header's location picker leaves it; e2e/run.mjs drives the picker itself).
 */
async function openShop(browser, baseUrl, device, served) {
  const context = await browser.newContext({
    ...device.options,
    locale: 'en-IN',
    timezoneId: 'Asia/Kolkata',
    reducedMotion: 'reduce',
  });
  await rememberLocation(context, baseUrl, served);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  setPage(page);
  await page.goto(baseUrl, { waitUntil: 'domcontentloaded' });
  return { context, page };
}

async function run() {
  const server = await startServer();
  const { baseUrl } = server;
  console.log(`Fatafat storefront regressions against ${baseUrl}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const served = await servedStore(baseUrl);
    const big = await biggestCategory(baseUrl, served.storeId);
    expect(big.total > 48, `a category with more than two pages of products (largest: ${big.total})`);

    for (const device of devices) {
      await test(`${device.name}: every product of a ${big.total}-product category can be reached by scrolling`, async () => {
        const { context, page } = await openShop(browser, baseUrl, device, served);
        await page.goto(`${baseUrl}/c/${big.slug}`, { waitUntil: 'networkidle' });
        const cards = page.locator('section[aria-labelledby="category-title"] [data-testid="product-card"]');
        await cards.first().waitFor();
        let count = 0;
        for (let i = 0; i < 30 && count < big.total; i++) {
          if (device.options.hasTouch) await page.mouse.wheel(0, 2500);
          await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
          await page.waitForTimeout(300);
          count = await cards.count();
        }
        expect(count === big.total, `scrolled to ${count} of ${big.total} products`);
        await context.close();
      });
    }

    await test('phone: a "Load more" button fetches the next page without scrolling', async () => {
      const { context, page } = await openShop(browser, baseUrl, devices[1], served);
      await page.goto(`${baseUrl}/c/${big.slug}`, { waitUntil: 'networkidle' });
      const cards = page.locator('section[aria-labelledby="category-title"] [data-testid="product-card"]');
      await cards.first().waitFor();
      const before = await cards.count();
      const button = page.getByTestId('load-more');
      expect(await button.isVisible(), 'a visible "Load more" button under the first page');
      // Pressed where it is, without scrolling to it (scrolling there loads the next page by itself).
      await button.dispatchEvent('click');
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="product-card"]').length > n,
        before,
      );
      await context.close();
    });
    for (const device of [devices[0], devices[3]]) {
      await test(`${device.name}: the pack-size chooser is centred`, async () => {
        const { context, page } = await openShop(browser, baseUrl, device, served);
        await page.goto(`${baseUrl}/c/${big.slug}`, { waitUntil: 'networkidle' });
        await page
          .getByRole('button', { name: /choose from \d+ pack sizes/ })
          .first()
          .click();
        const dialog = page.getByRole('dialog');
        await dialog.getByText('Choose a pack size').waitFor();
        const box = await dialog.boundingBox();
        const width = device.options.viewport.width;
        const left = box.x;
        const right = width - (box.x + box.width);
        expect(
          Math.abs(left - right) <= 2,
          `dialog ${Math.round(left)} px from the left, ${Math.round(right)} px from the right`,
        );
        await context.close();
      });
    }

    await test('phone: checkout keeps the address the customer picked across a reload', async () => {
      const { context, page } = await openShop(browser, baseUrl, devices[1], served);
      await signUp(context, page, baseUrl);
      // The default address is one the shop does not serve; the second one is served.
      await addAddress(context, baseUrl, { line1: 'House 9, Hauz Khas', pincode: '110016', isDefault: true });
      const served2 = await addAddress(context, baseUrl, {
        label: 'work',
        line1: 'Tower C, Cyber Park',
        pincode: served.pincode,
      });
      const { variant } = await inStock(baseUrl, served.storeId);
      const added = await context.request.post(`${baseUrl}/api/cart/items`, {
        data: { variantId: variant.id, quantity: 1 },
      });
      expect(added.ok(), `cart: ${added.status()} ${await added.text()}`);
      await page.goto(`${baseUrl}/checkout`, { waitUntil: 'networkidle' });
      const choice = page.getByRole('radio', { name: /Cyber Park/ });
      await choice.click();
      await page.getByText(/Delivery in \d+ minutes from/).waitFor();
      expect(
        await page.getByTestId('place-order').isEnabled(),
        'Place order is enabled for the served address',
      );
      await page.reload({ waitUntil: 'networkidle' });
      await page.getByRole('radio', { name: /Cyber Park/, checked: true }).waitFor();
      await page.getByText(/Delivery in \d+ minutes from/).waitFor();
      expect(
        await page.getByTestId('place-order').isEnabled(),
        'Place order is still enabled after a reload',
      );
      expect(
        (await page.getByTestId('location-button').first().textContent())?.includes('Cyber Park'),
        'the header shows the chosen address',
      );
      expect(served2.isDefault === false, 'the served address is not the default one');
      await context.close();
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
