// Money journey in a real Chromium (Debian's, via playwright-core — no browser downloads): a customer with
// Fatafat Cash (an admin's goodwill credit) pays part of an order from it and the rest in cash at the
// door; after delivery the store manager refunds one line from the admin order drawer to the wallet; the
// customer sees the refund on the order and the new balance in Fatafat Cash. Screenshots go to
// docs/screenshots/money-*.png. Prints "N passed, M failed" and exits non-zero on failure.
//
//   node e2e/money.mjs                        # builds web + api when dist is missing (E2E_BUILD=1 forces)
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, createHarness, expect, expectAccessible, runJourney, rememberLocation, servedStore, settle, startBuiltShop } from './lib.mjs';

const root = path.resolve(import.meta.dirname, '..');
const shots = path.join(root, 'docs/screenshots');
mkdirSync(shots, { recursive: true });

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1440, height: 900 } };
const ADMIN = { email: 'admin@fatafat.local', password: 'admin12345' };

const harness = createHarness('money-e2e');
const { test, setPage } = harness;

async function json(res) {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

async function run() {
  const server = await startBuiltShop('money-e2e', ADMIN);
  const { baseUrl } = server;
  console.log(`money e2e against ${baseUrl}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const errors = [];
  const adminContext = await browser.newContext({ ...DESKTOP, baseURL: baseUrl, locale: 'en-IN', timezoneId: 'Asia/Kolkata' });
  const admin = await adminContext.newPage();
  admin.on('pageerror', (e) => errors.push(`admin: ${e.message}`));
  const customerContext = await browser.newContext({ ...PHONE, baseURL: baseUrl, locale: 'en-IN', timezoneId: 'Asia/Kolkata', reducedMotion: 'reduce' });
  const customer = await customerContext.newPage();
  customer.on('pageerror', (e) => errors.push(`customer: ${e.message}`));
  customer.setDefaultTimeout(15_000);
  admin.setDefaultTimeout(15_000);
  const tag = Math.random().toString(36).slice(2, 7);
  let order;
  let line;

  try {
    const served = await servedStore(baseUrl);
    await rememberLocation(customerContext, baseUrl, served);

    await test('an admin gives a new customer ₹100 of Fatafat Cash as goodwill', async () => {
      setPage(customer);
      const reg = await customerContext.request.post('/api/user/register', {
        data: { name: 'Kavya Iyer', email: `kavya-${tag}@example.com`, password: 'a-good-long-password' },
      });
      expect(reg.status() === 201, `register: ${reg.status()}`);
      const me = (await json(reg)).user;
      await customer.goto('/');
      await customer.evaluate(() => localStorage.setItem('fatafat:has-session', '1'));
      const login = await adminContext.request.post('/api/user/login', { data: ADMIN });
      expect(login.ok(), `admin login: ${login.status()}`);
      const credit = await adminContext.request.post(`/api/admin/users/${me.id}/wallet-credits`, {
        data: { amount: 10_000, reason: 'Welcome to Fatafat' },
      });
      expect(credit.status() === 201, `credit: ${credit.status()} ${await credit.text()}`);
      await customer.goto('/account/wallet');
      await customer.getByTestId('wallet-balance').getByText('₹100').waitFor();
      await settle(customer);
      await customer.screenshot({ path: path.join(shots, 'money-wallet-phone.png') });
      await expectAccessible(customer, 'Fatafat Cash page');
    });

    await test('at checkout the wallet pays ₹100 and the rest is cash on delivery', async () => {
      setPage(customer);
      await customerContext.request.post('/api/address', {
        data: { label: 'home', name: 'Kavya Iyer', phone: '9876543210', line1: '7 Palm Grove', city: 'Gurugram', state: 'Haryana', pincode: served.pincode, isDefault: true },
      });
      const list = await json(await fetch(`${baseUrl}/api/product?store=${served.storeId}&limit=50`));
      const picks = [];
      for (const p of list.items) {
        const v = p.variants.find((x) => x.available && x.price >= 6000 && x.price <= 40_000);
        if (v) picks.push(v);
        if (picks.length === 2) break;
      }
      expect(picks.length === 2, 'two products in stock between ₹60 and ₹400');
      for (const v of picks) {
        const added = await customerContext.request.post('/api/cart/items', { data: { variantId: v.id, quantity: 1 } });
        expect(added.ok(), `cart: ${added.status()}`);
      }
      await customer.goto('/checkout', { waitUntil: 'networkidle' });
      const toggle = customer.getByTestId('use-wallet');
      await toggle.waitFor();
      expect(await toggle.isChecked(), 'Fatafat Cash is used by default');
      await customer.getByText('₹100 will be used').waitFor();
      await customer.getByText('To pay').waitFor();
      await settle(customer);
      await customer.screenshot({ path: path.join(shots, 'money-checkout-phone.png') });
      await expectAccessible(customer, 'checkout with Fatafat Cash');
      // The smallest phone people carry: the wallet row and the "To pay" bar still fit.
      await customer.setViewportSize({ width: 360, height: 800 });
      await settle(customer);
      await customer.screenshot({ path: path.join(shots, 'money-checkout-360.png') });
      const overflow = await customer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow <= 0, `the checkout is ${overflow} px wider than a 360 px screen`);
      await customer.setViewportSize(PHONE.viewport);
      await customer.getByTestId('place-order').click();
      await customer.waitForURL(/\/order\//);
      const id = customer.url().split('/order/')[1].split(/[?#]/)[0];
      order = (await json(await customerContext.request.get(`/api/order/${id}`))).order;
      expect(order.walletPaid === 10_000, `walletPaid ${order.walletPaid}`);
      expect(order.paymentStatus === 'cod_due', `payment ${order.paymentStatus}`);
      line = order.items[0];
      const wallet = await json(await customerContext.request.get('/api/wallet'));
      expect(wallet.balance === 0, `balance after checkout ${wallet.balance}`);
    });

    await test('after delivery the admin refunds one line to the wallet from the order drawer', async () => {
      setPage(admin);
      for (const to of ['packing', 'packed', 'out_for_delivery', 'delivered']) {
        const moved = await adminContext.request.post(`/api/admin/orders/${order.id}/transition`, { data: { to } });
        expect(moved.ok(), `${to}: ${moved.status()} ${await moved.text()}`);
      }
      await admin.goto('/admin/orders');
      const row = admin.locator(`tr[data-order="${order.number}"]`);
      await row.waitFor();
      await row.click();
      const drawer = admin.getByRole('dialog');
      await drawer.getByTestId('refund-items').click();
      await drawer.getByLabel(`Units of ${line.name} to refund`).selectOption('1');
      await drawer.getByTestId('refund-reason').fill('Missing from the bag');
      await drawer.getByTestId('refund-submit').click();
      await drawer.getByText('Missing from the bag', { exact: false }).first().waitFor();
      await settle(admin);
      await admin.screenshot({ path: path.join(shots, 'money-admin-refund.png') });
      await expectAccessible(admin, 'admin order drawer with refunds');
      await admin.keyboard.press('Escape');
    });

    await test('the customer sees the refund on the order and in Fatafat Cash', async () => {
      setPage(customer);
      await customer.goto(`/account/orders/${order.id}`);
      const refunds = customer.getByTestId('order-refunds');
      await refunds.getByText('Missing from the bag', { exact: false }).waitFor();
      await refunds.getByText('to Fatafat Cash').first().waitFor();
      await refunds.scrollIntoViewIfNeeded();
      await settle(customer);
      await customer.screenshot({ path: path.join(shots, 'money-order-refund-phone.png') });
      await expectAccessible(customer, 'order page with its refund');
      const wallet = await json(await customerContext.request.get('/api/wallet'));
      expect(wallet.balance === line.price, `balance after the refund ${wallet.balance}`);
      await customer.goto('/account/wallet');
      await customer.getByText('Missing from the bag', { exact: false }).waitFor();
      await customer.setViewportSize(DESKTOP.viewport);
      await settle(customer);
      await customer.screenshot({ path: path.join(shots, 'money-wallet-desktop.png') });
    });

    await test('no page errors', async () => {
      expect(errors.length === 0, errors.join('\n'));
    });
  } finally {
    await browser.close();
    await server.stop();
  }
}

await runJourney(run, harness);
