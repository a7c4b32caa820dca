// Admin console journey in a real Chromium (Debian's, via playwright-core — no browser downloads).
// Starts the production build on a free port with a fresh DATA_DIR, walks issue 6's "Done when":
// an admin creates a category, a subcategory and a product with an uploaded image and two variants,
// stocks it, sees it in the shop; advances a customer's order while the customer's tracking page (a
// second browser context) updates live; a customer opening /admin is refused. Screenshots go to
// docs/screenshots/admin-*.png. Prints "N passed, M failed" and exits non-zero on failure.
//
//   node e2e/admin.mjs                        # builds web + api when dist is missing (E2E_BUILD=1 forces)
//   E2E_BASE_URL=http://localhost:5000 node e2e/admin.mjs   # against a running server (simulator off!)
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  createHarness,
  expect,
  servedStore,
  settle,
  startBuiltShop,
  waitFor,
} from './lib.mjs';
import sharp from 'sharp';

const root = path.resolve(import.meta.dirname, '..');
const shots = path.join(root, 'docs/screenshots');
mkdirSync(shots, { recursive: true });

const DESKTOP = { width: 1440, height: 900 };
const ADMIN = {
  email: process.env.ADMIN_EMAIL ?? 'admin@fatafat.local',
  password: process.env.ADMIN_PASSWORD ?? 'admin12345',
};

// ---------- server ----------

async function startServer() {
  if (process.env.E2E_BASE_URL)
    return { baseUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''), stop: async () => {} };
  return startBuiltShop('admin-e2e', ADMIN);
}

const { test, setPage, fail, finish } = createHarness('admin-e2e');

async function json(res) {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/** A product photo made on the spot: a soft tile with a packet shape, as a real PNG. */
function productPng() {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800">
    <rect width="800" height="800" fill="#FFF3D1"/>
    <rect x="250" y="170" width="300" height="460" rx="36" fill="#F9C22E"/>
    <rect x="250" y="170" width="300" height="70" rx="30" fill="#E0A800"/>
    <circle cx="400" cy="420" r="90" fill="#fff" opacity="0.9"/>
    <text x="400" y="440" font-family="sans-serif" font-size="64" font-weight="700" text-anchor="middle" fill="#1C1C1C">E2E</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

// ---------- journey ----------

async function run() {
  const server = await startServer();
  const { baseUrl } = server;
  console.log(`admin e2e against ${baseUrl}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: process.env.E2E_HEADED !== '1',
    slowMo: Number(process.env.E2E_SLOWMO ?? 0),
  });
  const consoleErrors = [];
  const tag = Math.random().toString(36).slice(2, 7);
  const categoryName = `Party Snacks ${tag}`;
  const subName = `Nachos ${tag}`;
  const productName = `Crunchy Nachos ${tag}`;
  const imagePath = path.join(tmpdir(), `fatafat-e2e-${tag}.png`);
  await sharp(await productPng()).toFile(imagePath);
  let served;
  let productId;
  let product;
  let order;

  const adminContext = await browser.newContext({ viewport: DESKTOP, baseURL: baseUrl });
  const admin = await adminContext.newPage();
  setPage(admin);
  admin.on('pageerror', (e) => consoleErrors.push(`admin pageerror: ${e.message}`));
  admin.on('console', (m) => {
    // 4xx responses the UI handles (401 before login) show up as console noise in Chromium; only app errors count.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text()))
      consoleErrors.push(`admin: ${m.text()}`);
  });
  const customerContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    baseURL: baseUrl,
  });
  const customer = await customerContext.newPage();
  customer.on('pageerror', (e) => consoleErrors.push(`customer pageerror: ${e.message}`));

  try {
    served = await servedStore(baseUrl);

    await test('an anonymous visitor opening /admin is sent to log in, then lands on the dashboard', async () => {
      await admin.goto('/admin/products');
      await admin.waitForURL(/\/login\?next=/);
      await admin.getByLabel('Email', { exact: true }).fill(ADMIN.email);
      await admin.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await admin.getByRole('button', { name: 'Log in', exact: true }).click();
      await admin.waitForURL(/\/admin\/products$/);
      await admin.getByRole('heading', { name: 'Products' }).waitFor();
      await admin.getByRole('link', { name: 'Dashboard' }).click();
      await admin.getByText('Orders today').waitFor();
    });

    await test('create a category and a subcategory (with an image)', async () => {
      await admin.getByRole('link', { name: 'Categories' }).click();
      await admin.getByRole('button', { name: 'New category' }).click();
      const dialog = admin.getByRole('dialog', { name: 'New category' });
      await dialog.getByLabel('Name').fill(categoryName);
      await dialog.getByLabel('category image').setInputFiles(imagePath);
      await dialog.locator('img[src*="/uploads/"]').waitFor();
      await dialog.getByRole('button', { name: 'Save' }).click();
      const row = admin.locator('li[data-category]', { hasText: categoryName });
      await row.waitFor();
      await row.getByRole('button', { name: 'Subcategory' }).click();
      const subDialog = admin.getByRole('dialog', { name: 'New subcategory' });
      await subDialog.getByLabel('Name').fill(subName);
      await subDialog.getByRole('button', { name: 'Save' }).click();
      await row.getByText(subName).waitFor();
    });

    await test('a category in use cannot be deleted, and the API says why', async () => {
      const row = admin.locator('li[data-category]', { hasText: categoryName });
      await row.getByRole('button', { name: `Delete ${categoryName}` }).click();
      await admin.locator('.swal2-confirm').click();
      await admin
        .locator('[role="status"]', { hasText: /still has .* subcategor/ })
        .waitFor({ timeout: 5000 });
      await row.waitFor();
    });

    await test('create a product with an uploaded image and two variants', async () => {
      await admin.getByRole('link', { name: 'Products' }).click();
      await admin.getByRole('button', { name: 'New product' }).click();
      await admin.waitForURL(/\/admin\/products\/new$/);
      // Inline validation before anything is sent.
      await admin.getByRole('button', { name: 'Create product' }).click();
      await admin.getByText('choose a category', { exact: true }).waitFor();
      await admin.getByLabel('Name', { exact: true }).fill(productName);
      await admin.getByLabel('Brand').fill('Fatafat Foods');
      await admin.getByLabel('Description').fill('Corn tortilla chips, lightly salted. Made for sharing.');
      await admin.getByLabel('Category', { exact: true }).selectOption({ label: categoryName });
      await admin.getByLabel(subName).check();
      const v1 = admin.getByRole('group', { name: 'Variant 1' });
      await v1.getByLabel('Pack size').fill('150 g');
      await v1.getByLabel('MRP').fill('60');
      await v1.getByLabel('Price').fill('49');
      await admin.getByRole('button', { name: 'Add variant' }).click();
      const v2 = admin.getByRole('group', { name: 'Variant 2' });
      await v2.getByLabel('Pack size').fill('300 g');
      await v2.getByLabel('MRP').fill('110');
      await v2.getByLabel('Price').fill('120');
      await admin.getByLabel('Upload product images').setInputFiles(imagePath);
      await admin.getByLabel('Product images').locator('img[src*="/uploads/"]').waitFor();
      await admin.getByRole('button', { name: 'Create product' }).click();
      await v2.getByText('price must not exceed MRP').waitFor();
      await v2.getByLabel('Price').fill('95');
      await admin.getByRole('button', { name: 'Create product' }).click();
      await admin.waitForURL(/\/admin\/products\/[0-9a-f-]{36}$/);
      productId = admin.url().split('/').pop();
      await admin.getByRole('heading', { name: productName }).waitFor();
      await settle(admin);
      await admin.screenshot({ path: path.join(shots, 'admin-product-editor.png'), fullPage: true });
      // Editing: change a price and save; the variant is patched in place.
      await admin.getByRole('group', { name: 'Variant 1' }).getByLabel('Price').fill('45');
      await admin.getByRole('button', { name: 'Save changes' }).click();
      await admin.locator('[role="status"]', { hasText: 'Saved' }).waitFor();
      const res = await adminContext.request.get(`/api/admin/products/${productId}`);
      product = await json(res);
      expect(
        product.variants.some((v) => v.price === 4500),
        'edited price saved',
      );
      expect(product.variants.length === 2, `two variants, got ${product.variants.length}`);
      expect(product.images.length === 1, 'one image');
      expect(
        product.subcategories.some((s) => s.name === subName),
        'subcategory attached',
      );
      expect(
        product.variants.some((v) => v.price === 9500 && v.mrp === 11000),
        'prices stored in paise',
      );
    });

    await test('set its stock at the served store, with the audit trail', async () => {
      await admin.goto(`/admin/stock?store=${served.storeId}&q=${encodeURIComponent(productName)}`);
      for (const variant of product.variants) {
        await admin.getByRole('button', { name: `Change stock of ${productName} ${variant.label}` }).click();
        const drawer = admin.getByRole('dialog');
        await drawer.getByLabel('Units on hand').fill('40');
        await drawer.getByLabel('Reason (optional)').fill('Opening stock');
        await drawer.getByRole('button', { name: 'Save' }).click();
        await drawer.waitFor({ state: 'hidden' });
      }
      const firstRow = admin.locator(`tr[data-sku="${product.variants[0].sku}"]`);
      await firstRow.getByText('40').first().waitFor();
      await firstRow.getByRole('button', { name: /Change stock/ }).click();
      await admin.getByRole('dialog').getByText('Opening stock').waitFor();
      await admin.getByRole('button', { name: 'Adjust by' }).click();
      await admin.getByLabel('Change (+ or −)').fill('-2');
      await admin.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
      await admin.getByRole('dialog').getByText('say why').waitFor();
      await admin.getByLabel('Reason', { exact: true }).fill('Damaged in transit');
      await admin.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
      await firstRow.getByText('38').first().waitFor();
    });

    await test('the product is on sale in the shop for a served pincode', async () => {
      const list = await json(
        await fetch(`${baseUrl}/api/product?store=${served.storeId}&q=${encodeURIComponent(productName)}`),
      );
      const card = list.items.find((p) => p.id === productId);
      expect(card, `${productName} is listed for store ${served.storeName}`);
      expect(
        card.variants.length === 2 && card.variants.every((v) => v.available),
        'both variants available',
      );
      await customer.goto(`/p/${product.slug}`);
      await customer.getByRole('heading', { name: productName }).waitFor();
    });

    await test("a customer's order moves live on their tracking page as the admin advances it", async () => {
      const reg = await customerContext.request.post('/api/user/register', {
        data: { name: 'Ravi Kumar', email: `ravi-${tag}@example.com`, password: 'a-good-long-password' },
      });
      expect(reg.status() === 201, `register: ${reg.status()}`);
      const address = await json(
        await customerContext.request.post('/api/address', {
          data: {
            label: 'home',
            name: 'Ravi Kumar',
            phone: '9876543210',
            line1: '12 Lake View Road',
            city: 'Bengaluru',
            state: 'Karnataka',
            pincode: served.pincode,
          },
        }),
      );
      const placed = await customerContext.request.post('/api/order', {
        data: {
          addressId: address.address?.id ?? address.id,
          paymentMethod: 'cod',
          items: [{ variantId: product.variants[0].id, quantity: 2 }],
        },
      });
      const placedBody = await json(placed);
      expect(
        placed.status() === 201 || placed.status() === 200,
        `order: ${placed.status()} ${JSON.stringify(placedBody).slice(0, 300)}`,
      );
      order = placedBody.order;
      await customer.goto(`/order/${order.id}`);
      await customer.locator('[data-testid="tracking"][data-status="confirmed"]').waitFor();
      const marker = await customer.evaluate(() => (window.__noReload = Math.random()));

      await admin.goto('/admin/orders');
      const row = admin.locator(`tr[data-order="${order.number}"]`);
      await row.waitFor({ timeout: 15_000 });
      await row.click();
      const drawer = admin.getByRole('dialog');
      await drawer.getByText('12 Lake View Road').waitFor();
      await drawer.getByRole('button', { name: 'Start packing' }).click();
      await customer.locator('[data-testid="tracking"][data-status="packing"]').waitFor({ timeout: 20_000 });
      await drawer.getByRole('button', { name: 'Mark packed' }).click();
      await customer.locator('[data-testid="tracking"][data-status="packed"]').waitFor({ timeout: 20_000 });
      await drawer.getByRole('button', { name: 'Hand to rider' }).click();
      await customer
        .locator('[data-testid="tracking"][data-status="out_for_delivery"]')
        .waitFor({ timeout: 20_000 });
      // Running late: the store moves the promise and the customer's countdown follows, live.
      const minutesLeft = /Arriving in (\d+):/;
      const shown = (await customer.locator('#tracking-headline').textContent()) ?? '';
      const before = Number(shown.match(minutesLeft)?.[1]);
      expect(Number.isInteger(before), `countdown before the delay: "${shown}"`);
      await drawer.getByRole('button', { name: '+15 min' }).click();
      await customer.waitForFunction(
        ([source, least]) =>
          Number(document.querySelector('#tracking-headline')?.textContent?.match(new RegExp(source))?.[1]) >=
          least,
        [minutesLeft.source, before + 14],
        { timeout: 20_000 },
      );
      await customer.getByText(/^Running a little late: now arriving by /).waitFor({ timeout: 10_000 });
      await settle(admin);
      await admin.screenshot({ path: path.join(shots, 'admin-order-drawer.png') });
      expect(
        (await customer.evaluate(() => window.__noReload)) === marker,
        'the tracking page must not reload',
      );
      await admin.keyboard.press('Escape');
    });

    await test('a new order flashes on the board without a reload, and cancelling asks first', async () => {
      const address = await json(await customerContext.request.get('/api/address'));
      const addressId = (address.items ?? address.addresses ?? address)[0].id;
      // A busier board for the screenshot: a few more orders, one already being packed.
      for (const [i, quantity] of [3, 1, 2].entries()) {
        const extra = await json(
          await customerContext.request.post('/api/order', {
            data: {
              addressId,
              paymentMethod: 'cod',
              items: [{ variantId: product.variants[i % 2].id, quantity }],
            },
          }),
        );
        if (i === 0)
          await adminContext.request.post(`/api/admin/orders/${extra.order.id}/transition`, {
            data: { to: 'packing' },
          });
      }
      await admin.locator('tbody tr').nth(3).waitFor({ timeout: 15_000 });
      const placed = await json(
        await customerContext.request.post('/api/order', {
          data: {
            addressId,
            paymentMethod: 'cod',
            items: [{ variantId: product.variants[1].id, quantity: 1 }],
          },
        }),
      );
      const second = placed.order;
      const row = admin.locator(`tr[data-order="${second.number}"]`);
      await row.waitFor({ timeout: 15_000 });
      await row.getByText('New').waitFor();
      await settle(admin);
      await admin.screenshot({ path: path.join(shots, 'admin-orders.png') });
      await row.click();
      await admin.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await admin.locator('.swal2-popup').getByText(`Cancel ${second.number}?`).waitFor();
      await admin.locator('.swal2-confirm').click();
      await admin.getByRole('dialog').getByText('Cancelled', { exact: true }).first().waitFor();
      await admin.keyboard.press('Escape');
    });

    await test('the products table pages, sorts and searches on the server', async () => {
      await admin.goto('/admin/products');
      await admin.locator('tbody tr').nth(5).waitFor();
      const total = Number((await admin.getByText(/^\d+ products$/).textContent()).split(' ')[0]);
      expect(total > 25, `demo catalogue has more than a page, got ${total}`);
      await admin.getByRole('button', { name: 'Price from' }).click();
      await admin.waitForURL(/sort=minPrice/);
      await admin.getByRole('button', { name: 'Next page' }).click();
      await admin.waitForURL(/page=2/);
      await admin.getByRole('button', { name: 'Columns' }).click();
      await admin.getByRole('checkbox', { name: 'Brand' }).uncheck();
      await admin.getByRole('columnheader', { name: 'Brand' }).waitFor({ state: 'detached' });
      await admin.getByRole('checkbox', { name: 'Brand' }).check();
      await admin.getByRole('button', { name: 'Columns' }).click();
      await admin.goto('/admin/products');
      await admin.locator('tbody tr').nth(10).waitFor();
      await admin
        .getByRole('checkbox', { name: /^Select / })
        .nth(1)
        .check();
      await admin
        .getByRole('checkbox', { name: /^Select / })
        .nth(2)
        .check();
      await admin.getByText('2 selected').waitFor();
      await settle(admin);
      await admin.screenshot({ path: path.join(shots, 'admin-products.png') });
      await admin.getByRole('button', { name: 'Clear' }).click();
      await admin.getByRole('searchbox', { name: 'Search products' }).fill(productName);
      await waitFor(async () => (await admin.locator('tbody tr').count()) === 1, {
        timeout: 10_000,
        what: 'search to narrow to the one product',
      });
      await admin.locator('tbody tr', { hasText: productName }).waitFor();
    });

    await test('customers: search, open, block and unblock', async () => {
      await admin.goto('/admin/customers');
      await admin.getByRole('searchbox', { name: 'Search customers' }).fill(`ravi-${tag}`);
      await admin.locator('tbody tr', { hasText: 'Ravi Kumar' }).waitFor();
      await admin.getByRole('link', { name: 'Ravi Kumar' }).click();
      const drawer = admin.getByRole('dialog');
      await drawer.getByText(order.number).waitFor();
      await drawer.getByRole('button', { name: 'Block' }).click();
      await admin.locator('.swal2-confirm').click();
      await drawer.getByText('Blocked').first().waitFor();
      await drawer.getByRole('button', { name: 'Unblock' }).click();
      await drawer.getByRole('button', { name: 'Block' }).waitFor();
    });

    await test('coupons: create with inline validation, then disable', async () => {
      const code = `E2E${tag.toUpperCase()}`;
      await admin.goto('/admin/coupons');
      await admin.getByRole('button', { name: 'New coupon' }).click();
      const drawer = admin.getByRole('dialog');
      await drawer.getByLabel('Code').fill('x');
      await drawer.getByRole('button', { name: 'Save' }).click();
      await drawer.getByText('3–30 letters, digits, - or _').waitFor();
      await drawer.getByLabel('Code').fill(code);
      await drawer.getByLabel('Description').fill('₹25 off your basket');
      await drawer.getByLabel('Amount off').fill('25');
      await drawer.getByLabel('Minimum order').fill('199');
      await drawer.getByRole('button', { name: 'Save' }).click();
      const row = admin.locator('tbody tr', { hasText: code });
      await row.getByText('Live').waitFor();
      await row.getByRole('button', { name: 'Disable' }).click();
      await admin.locator('.swal2-confirm').click();
      await row.getByText('Disabled').waitFor();
    });

    await test('a customer opening /admin is refused, and the API answers 403', async () => {
      // Blocking ended Ravi's sessions (unblocking does not bring them back): he logs in again.
      const login = await customerContext.request.post('/api/user/login', {
        data: { email: `ravi-${tag}@example.com`, password: 'a-good-long-password' },
      });
      expect(login.ok(), `login again after the unblock: ${login.status()}`);
      await customer.goto('/admin');
      await customer.waitForURL((url) => !url.pathname.startsWith('/admin'));
      await customer.getByText('The admin console is for Fatafat staff only.').waitFor();
      const res = await customerContext.request.get('/api/admin/dashboard');
      expect(res.status() === 403, `dashboard as customer: ${res.status()}`);
      const res2 = await customerContext.request.get('/api/admin/customers');
      expect(res2.status() === 403, `customers as customer: ${res2.status()}`);
    });

    await test('the dashboard shows today, the 14-day chart and low stock; each page survives a reload', async () => {
      await admin.goto('/admin');
      await admin.getByText('Orders today').waitFor();
      await admin.getByRole('img', { name: /last 14 days/ }).waitFor();
      await settle(admin);
      await admin.screenshot({ path: path.join(shots, 'admin-dashboard.png') });
      for (const [url, heading] of [
        ['/admin/orders', 'Orders'],
        ['/admin/products', 'Products'],
        [`/admin/products/${productId}`, productName],
        ['/admin/categories', 'Categories'],
        ['/admin/stock', 'Stock'],
        ['/admin/customers', 'Customers'],
        ['/admin/coupons', 'Coupons'],
      ]) {
        await admin.goto(url);
        await admin.getByRole('heading', { name: heading, exact: true }).waitFor();
      }
    });

    await test('the pages raised no uncaught errors', async () => {
      expect(consoleErrors.length === 0, consoleErrors.join('\n'));
    });
  } finally {
    await browser.close();
    rmSync(imagePath, { force: true });
    await server.stop();
  }
}

try {
  await run();
} catch (error) {
  fail('setup', error);
}
finish();
