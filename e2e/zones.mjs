// Where and when we deliver (issue 18) in a real Chromium (Debian's, via playwright-core — no browser
// downloads): an admin draws a store's zone and cuts a hole in it on the Leaflet map with real mouse clicks,
// saves it and tests a point inside the hole ("not served"); a customer whose address is in the hole is told
// so in the header and at checkout; the store's manager, on a phone, sets opening hours (and meets the API's
// field error for an unknown time zone); with the shop's test clock at 02:56 in the morning the header says
// when the store opens and checkout offers delivery slots. The map has no tiles here (no internet): the
// zones, markers and tests must work without them. Screenshots go to docs/screenshots/zones-*.png.
// Prints "N passed, M failed".
//
//   node e2e/zones.mjs        (builds web + api when dist is missing; E2E_BUILD=1 forces)
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, createHarness, expect, expectAccessible, runJourney, settle, startBuiltShop, waitFor } from './lib.mjs';

const root = path.resolve(import.meta.dirname, '..');
const shots = path.join(root, 'docs/screenshots');
mkdirSync(shots, { recursive: true });

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const ADMIN = { email: 'admin@fatafat.local', password: 'admin12345' };
const STORE = { name: 'Fatafat Sector 14', slug: 'gurugram-sector-14', pincode: '122001' };
const MANAGER = { email: `manager.${STORE.slug}@fatafat.local`, password: 'manager12345' };
const shot = (name) => path.join(shots, `zones-${name}.png`);

const harness = createHarness('zones-e2e');
const { test, setPage } = harness;

async function json(res) {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/** The mean of a ring's corners (without the closing repeat): inside any convex ring. */
function centre(ring) {
  const corners = ring.slice(0, -1);
  return { lng: corners.reduce((n, p) => n + p[0], 0) / corners.length, lat: corners.reduce((n, p) => n + p[1], 0) / corners.length };
}

/** Clicks the corners of a polygon on the map (offsets in px from the map's centre), then the first again to close it. */
async function clickRing(page, box, corners) {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (const [dx, dy] of corners) {
    await page.mouse.click(cx + dx, cy + dy);
    await page.waitForTimeout(120);
  }
  await page.mouse.click(cx + corners[0][0], cy + corners[0][1]);
}

async function logIn(page, who, next) {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.waitForURL((url) => url.pathname === next);
}

/** A new customer with one default address at (lat, lng) and one item in the cart; the browser context signed in. */
async function customerAt(context, baseUrl, storeId, where, tag) {
  const c = context.request;
  const reg = await c.post('/api/user/register', { data: { name: `Nisha ${tag}`, email: `nisha-${tag}@example.com`, password: 'a-good-long-password' } });
  expect(reg.status() === 201, `register: ${reg.status()}`);
  const address = await c.post('/api/address', {
    data: { label: 'home', name: 'Nisha Verma', phone: '9876543210', line1: `${tag} Park Lane`, city: 'Gurugram', state: 'Haryana', pincode: STORE.pincode, lat: where.lat, lng: where.lng, isDefault: true },
  });
  expect(address.status() === 201, `address: ${address.status()} ${await address.text()}`);
  const list = await json(await fetch(`${baseUrl}/api/product?store=${storeId}&limit=20`));
  const variant = list.items.flatMap((p) => p.variants).find((v) => v.available && v.price >= 5000);
  const added = await c.post('/api/cart/items', { data: { variantId: variant.id, quantity: 2 } });
  expect(added.ok(), `cart: ${added.status()}`);
  // The web app asks for the session only when it knows there is one (as a log-in in the page leaves it).
  await context.addInitScript(() => localStorage.setItem('fatafat:has-session', '1'));
}

async function run() {
  const server = await startBuiltShop('zones-e2e', ADMIN);
  const { baseUrl } = server;
  console.log(`zones e2e against ${baseUrl}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const errors = [];
  const watch = (page, who) => {
    page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
    page.setDefaultTimeout(15_000);
  };
  const context = (device) => browser.newContext({ ...device, baseURL: baseUrl, locale: 'en-IN', timezoneId: 'Asia/Kolkata', reducedMotion: 'reduce' });
  const adminContext = await context(DESKTOP);
  const admin = await adminContext.newPage();
  watch(admin, 'admin');
  const tag = Math.random().toString(36).slice(2, 7);
  let store;
  let hole;

  try {
    store = (await json(await fetch(`${baseUrl}/api/stores`))).items.find((s) => s.name === STORE.name);
    expect(store, `${STORE.name} in /api/stores`);

    await test('an admin draws a zone and cuts a hole in it on the map with the mouse, and saves it', async () => {
      setPage(admin);
      await logIn(admin, ADMIN, '/admin/zones');
      await admin.getByRole('list', { name: 'Stores' }).getByRole('button', { name: new RegExp(STORE.name) }).click();
      await admin.getByRole('heading', { name: STORE.name }).waitFor();
      await admin.getByText('No zone drawn').first().waitFor();
      const map = admin.getByTestId('zone-map');
      // The map is centred on the chosen store; wait for its fit to settle before clicking on it.
      await admin.waitForTimeout(600);
      const box = await map.boundingBox();
      await admin.getByRole('button', { name: 'Draw zone' }).click();
      await admin.getByText('click the first corner again to close the zone').waitFor();
      await clickRing(admin, box, [
        [-170, -170],
        [170, -170],
        [190, 150],
        [-160, 170],
      ]);
      await admin.getByText('Zone: 4 corners, 0 holes').first().waitFor();
      await admin.getByRole('button', { name: 'Cut a hole' }).click();
      // North-west of the store, away from the other stores' radii.
      await clickRing(admin, box, [
        [-110, -110],
        [-40, -110],
        [-40, -40],
        [-110, -40],
      ]);
      await admin.getByText('Zone: 4 corners, 1 hole').first().waitFor();
      await settle(admin);
      await admin.screenshot({ path: shot('editor-desktop') });
      await admin.getByRole('button', { name: 'Save zone' }).click();
      await admin.getByText(`Zone of ${STORE.name} saved`).waitFor();
      const saved = (await json(await adminContext.request.get('/api/admin/stores'))).items.find((s) => s.id === store.id);
      expect(saved.zone?.type === 'Polygon' && saved.zone.coordinates.length === 2, `a polygon with one hole saved: ${JSON.stringify(saved.zone).slice(0, 200)}`);
      hole = centre(saved.zone.coordinates[1]);
    });

    await test('the admin tests a point inside the hole on the map and reads "not served"; a point in the ring is served', async () => {
      setPage(admin);
      const box = await admin.getByTestId('zone-map').boundingBox();
      await admin.getByRole('button', { name: 'Test a point on the map' }).click();
      await admin.mouse.click(box.x + box.width / 2 - 75, box.y + box.height / 2 - 75);
      await admin.getByTestId('point-verdict').getByText('Not served').waitFor();
      await settle(admin);
      await admin.screenshot({ path: shot('point-test-desktop'), fullPage: true });
      await expectAccessible(admin, 'the zones page');
      await admin.getByLabel('Latitude').fill(String(store.lat));
      await admin.getByLabel('Longitude').fill(String(store.lng));
      await admin.getByRole('button', { name: 'Test', exact: true }).click();
      await admin.getByTestId('point-verdict').getByText(`Served by ${STORE.name}`).waitFor();
      const api = await json(await adminContext.request.get(`/api/admin/serviceability?lat=${hole.lat}&lng=${hole.lng}`));
      expect(api.serviceable === false && api.reason === 'not_in_zone', `the hole is not served: ${JSON.stringify(api)}`);
    });

    await test('a customer whose address is in the hole is told it is not served, in the header, at checkout and in the address book', async () => {
      const customerContext = await context(PHONE);
      const customer = await customerContext.newPage();
      watch(customer, 'customer');
      setPage(customer);
      await customerAt(customerContext, baseUrl, store.id, hole, `h${tag}`);
      await customer.goto('/checkout');
      await customer.getByRole('alert').getByText(/We don't deliver to this address yet/).waitFor();
      await customer.getByText('Not delivering here yet').first().waitFor();
      expect(await customer.getByTestId('place-order').isDisabled(), 'place order is disabled');
      await settle(customer);
      await customer.screenshot({ path: shot('hole-checkout-phone') });
      await expectAccessible(customer, 'checkout outside the zone');
      // The address itself carries it wherever it is listed: at checkout and in the address book.
      await customer.locator('[data-testid="address-service"][data-served="no"]').first().waitFor();
      await customer.goto('/account/addresses');
      const note = customer.locator('[data-testid="address-service"]').first();
      await note.waitFor();
      expect((await note.getAttribute('data-served')) === 'no' && /Not delivering here yet/.test(await note.textContent()), 'the address book marks the address not served');
      await customer.screenshot({ path: shot('hole-addresses-phone') });
      await customerContext.close();
    });

    const managerContext = await context(PHONE);
    const manager = await managerContext.newPage();
    watch(manager, 'manager');

    await test('the store manager, on a phone, sees only their store and sets its hours; an unknown time zone is refused under the field', async () => {
      setPage(manager);
      await logIn(manager, MANAGER, '/admin/zones');
      await manager.getByRole('heading', { name: STORE.name }).waitFor();
      const options = await manager.getByLabel('Store', { exact: true }).locator('option').allTextContents();
      expect(options.length === 1 && options[0] === STORE.name, `the manager's store only: ${options}`);
      expect((await manager.getByRole('button', { name: 'Draw zone' }).count()) === 0, 'no zone tools for a manager');
      const hours = manager.getByRole('form', { name: `Opening hours of ${STORE.name}` });
      await hours.getByLabel('Open around the clock, every day').uncheck();
      await hours.getByLabel('Sat closes').fill('02:00');
      await hours.getByText('next day').waitFor();
      await hours.getByLabel('Time zone').fill('Mars/Olympus');
      await hours.getByRole('button', { name: 'Save hours' }).click();
      await hours.getByText('not a known IANA time zone').waitFor();
      await hours.getByLabel('Time zone').fill('Asia/Kolkata');
      await hours.getByRole('button', { name: 'Add a closure' }).click();
      await hours.getByLabel('From').fill('2026-12-25');
      await hours.getByLabel('To (included)').fill('2026-12-25');
      await hours.getByLabel('Reason').fill('Christmas');
      await hours.getByRole('button', { name: 'Save hours' }).click();
      await manager.getByText(`Hours of ${STORE.name} saved`).waitFor();
      const mine = (await json(await managerContext.request.get('/api/admin/stores'))).items;
      expect(mine.length === 1 && mine[0].weekly.length === 7 && mine[0].closures.length === 1, `hours saved: ${JSON.stringify(mine[0]?.weekly)}`);
      await hours.scrollIntoViewIfNeeded();
      await settle(manager);
      await manager.screenshot({ path: shot('hours-phone'), fullPage: true });
      await expectAccessible(manager, 'the zones page on a phone');
      await admin.reload();
      await admin.getByRole('list', { name: 'Stores' }).getByRole('button', { name: new RegExp(STORE.name) }).click();
      await admin.getByLabel('Sat closes').waitFor();
      await settle(admin);
      await admin.screenshot({ path: shot('hours-desktop'), fullPage: true });
    });

    await test('at 02:56 in the morning (the test clock) the header says when the store opens and checkout offers slots', async () => {
      // The shop's test clock (PUT /api/dev/clock): registered outside production only, and only for this machine or an admin.
      const moved = await adminContext.request.put('/api/dev/clock', { data: { at: '2026-12-10T02:56:00+05:30' } });
      expect(moved.ok(), `clock: ${moved.status()}`);
      const customerContext = await context(PHONE);
      const customer = await customerContext.newPage();
      watch(customer, 'customer at night');
      setPage(customer);
      // In the ring, away from the hole: next door to the store.
      await customerAt(customerContext, baseUrl, store.id, { lat: store.lat, lng: store.lng }, `n${tag}`);
      await customer.goto('/checkout');
      await customer.getByText(/Closed · opens at .*6:00/).first().waitFor();
      const slots = customer.getByTestId('slot-picker');
      await slots.waitFor();
      const first = slots.getByRole('radio').first();
      await first.waitFor();
      expect((await slots.getByRole('radio').count()) > 4, 'several slots offered');
      await first.click();
      await settle(customer);
      await customer.screenshot({ path: shot('night-checkout-phone') });
      await expectAccessible(customer, 'checkout with slots at night');
      await customer.getByTestId('place-order').click();
      await customer.waitForURL(/\/order\//);
      await customer.getByText(/6:00.*6:30|Scheduled/).first().waitFor();
      await customerContext.close();
    });

    await test('the manager pauses the store with a reason, and the API has it', async () => {
      setPage(manager);
      const state = manager.getByRole('form', { name: `State of ${STORE.name}` });
      await state.getByText('Paused', { exact: true }).click();
      await state.getByLabel('Reason').fill('Stock count');
      await state.getByRole('button', { name: 'Save state' }).click();
      await manager.getByText(`${STORE.name} is paused`).waitFor();
      await waitFor(
        async () => (await json(await managerContext.request.get('/api/admin/stores'))).items[0].state === 'paused',
        { timeout: 5000, what: 'the paused state' },
      );
      await managerContext.request.put(`/api/admin/stores/${store.id}/state`, { data: { state: 'open' } });
      await adminContext.request.put('/api/dev/clock', { data: { at: null } });
    });

    await test('the admin drags a corner of the zone and saves it, then clears the zone (the radius serves again)', async () => {
      setPage(admin);
      await admin.goto('/admin/zones');
      await admin.getByRole('list', { name: 'Stores' }).getByRole('button', { name: new RegExp(STORE.name) }).click();
      await admin.getByText('Zone: 4 corners, 1 hole').first().waitFor();
      await admin.waitForTimeout(600);
      const before = (await json(await adminContext.request.get('/api/admin/stores'))).items.find((s) => s.id === store.id).zone;
      await admin.getByRole('button', { name: 'Edit corners' }).click();
      // Geoman's corner handles (not the midpoints that add a corner): drag the top-right one of the outline.
      const handles = admin.getByTestId('zone-map').locator('.leaflet-marker-pane .marker-icon:not(.marker-icon-middle)');
      await handles.first().waitFor();
      const boxes = (await Promise.all((await handles.all()).map((h) => h.boundingBox()))).filter(Boolean);
      const corner = boxes.reduce((a, b) => (b.x - b.y > a.x - a.y ? b : a));
      const from = { x: corner.x + corner.width / 2, y: corner.y + corner.height / 2 };
      await admin.mouse.move(from.x, from.y);
      await admin.mouse.down();
      await admin.mouse.move(from.x + 30, from.y - 20, { steps: 8 });
      await admin.mouse.up();
      await admin.getByRole('button', { name: 'Done editing' }).click();
      await admin.getByRole('button', { name: 'Save zone' }).click();
      await admin.getByText(`Zone of ${STORE.name} saved`).waitFor();
      const after = (await json(await adminContext.request.get('/api/admin/stores'))).items.find((s) => s.id === store.id).zone;
      expect(JSON.stringify(after.coordinates[0]) !== JSON.stringify(before.coordinates[0]), 'the dragged corner moved the outline');
      expect(JSON.stringify(after.coordinates[1]) === JSON.stringify(before.coordinates[1]), 'the hole stayed');
      await admin.getByRole('button', { name: 'Clear zone' }).click();
      await admin.getByRole('dialog').getByRole('button', { name: 'Clear zone' }).click();
      await admin.getByText('No zone drawn').first().waitFor();
      const cleared = (await json(await adminContext.request.get('/api/admin/stores'))).items.find((s) => s.id === store.id);
      expect(cleared.zone === null, 'the zone is cleared');
      const back = await json(await fetch(`${baseUrl}/api/serviceability?lat=${hole.lat}&lng=${hole.lng}`));
      expect(back.serviceable && back.store?.id === store.id, `the old hole is served by the radius again: ${JSON.stringify(back)}`);
    });

    expect(errors.length === 0, `no page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await runJourney(run, harness);
