// Riders in a real Chromium on phones (issue 17): a customer orders; a picker packs it (over the API);
// the store's rider goes on duty in /rider, gets the offer, accepts it, scans the bag (types the order
// number) and rides: the test posts positions along the way, and the customer's tracking map moves its
// rider marker and the arrival estimate falls to "Arriving". The rider enters the customer's delivery
// code, collects the cash, and the order is delivered on the customer's page. Screenshots of the rider
// app and the tracking map go to docs/screenshots/riders-*.png. Prints "N passed, M failed".
//   node e2e/riders.mjs        (builds if needed)
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, createHarness, expect, expectAccessible, runJourney, startBuiltShop, waitFor } from './lib.mjs';

const root = path.resolve(import.meta.dirname, '..');
const shots = path.join(root, 'docs/screenshots');
mkdirSync(shots, { recursive: true });
const ADMIN = { email: 'admin@fatafat.local', password: 'admin12345' };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'en-IN', timezoneId: 'Asia/Kolkata' };

const harness = createHarness('riders-e2e');
const { test, setPage } = harness;

const json = async (res) => {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
};

/** About `metres` north of a point. */
const north = (p, metres) => ({ lat: p.lat + metres / 111_320, lng: p.lng });

async function run() {
  const server = await startBuiltShop('riders-e2e', ADMIN);
  const { baseUrl } = server;
  console.log(`riders e2e against ${baseUrl}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const errors = [];
  const tag = Math.random().toString(36).slice(2, 7);
  // The rider's own phone never grants its position here: the test posts it, step by step.
  const riderContext = await browser.newContext({ ...PHONE, baseURL: baseUrl });
  const customerContext = await browser.newContext({ ...PHONE, baseURL: baseUrl, reducedMotion: 'reduce' });
  const rider = await riderContext.newPage();
  const customer = await customerContext.newPage();
  rider.on('pageerror', (e) => errors.push(`rider: ${e.message}`));
  customer.on('pageerror', (e) => errors.push(`customer: ${e.message}`));
  rider.setDefaultTimeout(20_000);
  customer.setDefaultTimeout(20_000);
  let order;
  let store;
  let drop;
  let staff;

  try {
    await test('a customer about a kilometre from a store orders two items, cash on delivery', async () => {
      setPage(customer);
      const stores = (await json(await fetch(`${baseUrl}/api/stores`))).items;
      // A store and a point ~1 km from it that the store itself serves.
      for (const s of stores) {
        for (const metres of [900, 600, 1200, 400]) {
          const p = north(s, metres);
          const check = await json(await fetch(`${baseUrl}/api/serviceability?lat=${p.lat}&lng=${p.lng}`));
          if (check.serviceable && check.store?.id === s.id) {
            store = s;
            drop = p;
            break;
          }
        }
        if (store) break;
      }
      expect(store, 'a store serving a point about a kilometre away');
      const c = customerContext.request;
      expect((await c.post('/api/user/register', { data: { name: 'Rohan Mehta', email: `rohan-${tag}@example.com`, password: 'a-good-long-password' } })).status() === 201, 'register');
      const address = await json(
        await c.post('/api/address', {
          data: { label: 'home', name: 'Rohan Mehta', phone: '9876543210', line1: '4 Park Street', city: 'Gurugram', state: 'Haryana', pincode: store.pincodes[0] ?? '122001', lat: drop.lat, lng: drop.lng },
        }),
      );
      const list = await json(await c.get(`/api/product?store=${store.id}&limit=10`));
      const items = list.items.flatMap((p) => p.variants.filter((v) => v.available).slice(0, 1)).slice(0, 2);
      const placed = await c.post('/api/order', {
        data: { addressId: (address.address ?? address).id, paymentMethod: 'cod', items: items.map((v) => ({ variantId: v.id, quantity: 1 })) },
        headers: { 'idempotency-key': `riders-${tag}` },
      });
      order = (await json(placed)).order;
      expect(placed.status() === 201, `order placed: ${placed.status()}`);
      await customer.goto('/');
      await customer.evaluate(() => localStorage.setItem('fatafat:has-session', '1'));
      await customer.goto(`/order/${order.id}`);
      await customer.getByTestId('tracking').waitFor();
    });

    await test('the store’s picker packs it', async () => {
      // The store's demo floor staff, as the admin's People page lists them.
      const adminContext = await browser.newContext({ baseURL: baseUrl });
      await adminContext.request.post('/api/user/login', { data: ADMIN });
      const emailOf = async (role) =>
        (await json(await adminContext.request.get(`/api/admin/people?storeId=${store.id}&role=${role}`))).items.find((p) => p.email?.startsWith(`${role}1.`))?.email;
      staff = { picker: await emailOf('picker'), rider: await emailOf('rider') };
      await adminContext.close();
      expect(staff.picker && staff.rider, `demo floor staff at the store: ${JSON.stringify(staff)}`);
      const pickerContext = await browser.newContext({ baseURL: baseUrl });
      const p = pickerContext.request;
      expect((await p.post('/api/user/login', { data: { email: staff.picker, password: 'picker12345' } })).status() === 200, 'picker login');
      const claimed = await json(await p.post('/api/ops/picks/claim', { data: { orderId: order.id } }));
      for (const line of claimed.pick.lines) {
        const answered = await p.post(`/api/ops/picks/${order.id}/lines/${line.variantId}`, { data: { found: line.quantity, ...(line.barcode ? { barcode: line.barcode } : {}) } });
        expect(answered.status() === 200, `line answered: ${answered.status()}`);
      }
      expect((await p.post(`/api/ops/picks/${order.id}/packed`, { data: { bags: 1 } })).status() === 200, 'packed');
      await pickerContext.close();
      await customer.locator('[data-testid="tracking"][data-status="packed"]').waitFor();
    });

    await test('the rider signs in at /rider, goes on duty, gets the offer and accepts it', async () => {
      setPage(rider);
      await rider.goto('/rider');
      await rider.getByRole('link', { name: 'Sign in' }).click();
      await rider.waitForURL(/\/login\?next=/);
      await rider.getByLabel('Email', { exact: true }).fill(staff.rider);
      await rider.getByLabel('Password', { exact: true }).fill('rider12345');
      await rider.getByRole('button', { name: 'Log in', exact: true }).click();
      await rider.waitForURL(/\/rider$/);
      await rider.getByTestId('duty-toggle').click();
      await rider.locator('[data-testid="rider-app"][data-duty="on"]').waitFor();
      // At the store: the dispatcher offers the packed order to the nearest free rider.
      const at = north(store, 20);
      const ping = await riderContext.request.post('/api/rider/location', { data: { ...at, accuracy: 12, at: new Date(Date.now() - 110_000).toISOString() } });
      expect(ping.status() < 300, `first position: ${ping.status()} ${await ping.text()}`);
      const accept = rider.getByTestId('accept-offer');
      await accept.waitFor({ timeout: 30_000 });
      await expectAccessible(rider, 'the rider offer');
      await rider.screenshot({ path: path.join(shots, 'riders-offer-phone.png') });
      await accept.click();
      await rider.locator(`[data-testid="rider-task"][data-order="${order.id}"]`).getByTestId('pickup').waitFor();
    });

    await test('the rider scans the bag (types the order number) and the customer sees who is coming on the map', async () => {
      await rider.getByLabel('Scan the bag label, or type the order number').fill(order.number);
      await rider.getByTestId('pickup').click();
      await rider.getByTestId('deliver').waitFor();
      await customer.locator('[data-testid="tracking"][data-status="out_for_delivery"]').waitFor();
      await customer.getByTestId('rider-card').waitFor();
      await customer.getByTestId('delivery-map').waitFor();
    });

    await test('as the rider moves, the marker moves on the customer’s map and the arrival estimate falls to "Arriving"', async () => {
      setPage(customer);
      const marker = customer.getByRole('img', { name: /rider/i }).first();
      const etaText = async () => (await customer.getByTestId('rider-eta').textContent().catch(() => '')) ?? '';
      const minutes = (text) => Number(/(\d+) min/.exec(text)?.[1] ?? NaN);
      let firstBox = null;
      let firstEta = NaN;
      // Ten steps of ~90 m, 10 s apart (a scooter's pace), the last within 200 m of the door.
      const steps = 10;
      for (let i = 1; i <= steps; i += 1) {
        const p = north(store, 20 + ((Math.max(0, drop.lat - store.lat) * 111_320 - 150) * i) / steps);
        const at = new Date(Date.now() - (steps - i) * 10_000).toISOString();
        const res = await riderContext.request.post('/api/rider/location', { data: { ...p, accuracy: 10, speed: 9, heading: 0, at } });
        expect(res.status() < 300, `position ${i}: ${res.status()} ${await res.text()}`);
        if (i === 2) {
          await marker.waitFor();
          await customer.waitForTimeout(800);
          firstBox = await marker.boundingBox();
          firstEta = minutes(await etaText());
          await customer.screenshot({ path: path.join(shots, 'riders-tracking-map-phone.png'), fullPage: true });
        }
      }
      await waitFor(async () => /Arriving/.test(await etaText()), { timeout: 15_000, what: `"Arriving" on the rider card (saw "${await etaText()}")` });
      const lastBox = await marker.boundingBox();
      expect(firstBox && lastBox && Math.abs(lastBox.y - firstBox.y) + Math.abs(lastBox.x - firstBox.x) > 5, `the marker moved: ${JSON.stringify(firstBox)} → ${JSON.stringify(lastBox)}`);
      expect(Number.isNaN(firstEta) || firstEta >= 1, `an estimate in minutes while far away (${firstEta})`);
      await expectAccessible(customer, 'the tracking map');
      await customer.screenshot({ path: path.join(shots, 'riders-arriving-phone.png'), fullPage: true });
    });

    await test('the rider enters the customer’s delivery code, collects the cash, and the order is delivered', async () => {
      setPage(rider);
      const code = (await customer.getByTestId('delivery-code').textContent()).replace(/\D/g, '');
      expect(code.length === 4, `a 4-digit code on the customer's page: ${code}`);
      const due = await rider.getByTestId('amount-due').textContent();
      expect(/₹/.test(due ?? ''), `cash to collect shown: ${due}`);
      await rider.screenshot({ path: path.join(shots, 'riders-handover-phone.png'), fullPage: true });
      await rider.getByLabel(/Delivery code from the customer/).fill(code);
      await rider.getByTestId('deliver').click();
      await rider.getByText(`Delivered #${order.number}`).waitFor();
      await customer.locator('[data-testid="tracking"][data-status="delivered"]').waitFor();
      const shift = (await json(await riderContext.request.get('/api/rider/tasks'))).shift;
      expect(shift.deliveries === 1 && shift.cashInHand === order.bill.total, `the shift counts the delivery and the cash: ${JSON.stringify(shift)}`);
    });
    expect(errors.length === 0, `no page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await runJourney(run, harness);
