// Paying online in a real Chromium (Debian's, via playwright-core — no browser downloads): a card payment
// declined once and then retried, and a UPI payment through Razorpay Checkout. The providers' own HTTP APIs
// are the local fakes the API tests use; the two browser scripts (Stripe.js, Razorpay's checkout.js) are
// stood in for by small fakes served at their real URLs, which drive the real server path: signed Stripe
// webhooks for the card, and a callback signed with the key secret (as Razorpay signs it) for UPI.
// Screenshots: docs/screenshots/pay-*.png. Prints "N passed, M failed".
//
//   node e2e/pay.mjs                          # builds web + api when dist is missing (E2E_BUILD=1 forces)
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import Stripe from 'stripe';
import { tsImport } from 'tsx/esm/api';
import { CHROMIUM, CHROMIUM_ARGS, createHarness, expect, runJourney, rememberLocation, servedStore, settle, startBuiltShop } from './lib.mjs';

const root = path.resolve(import.meta.dirname, '..');
const shots = path.join(root, 'docs/screenshots');
mkdirSync(shots, { recursive: true });

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const ADMIN = { email: 'admin@fatafat.local', password: 'admin12345' };
const harness = createHarness('pay-e2e');
const { test, setPage } = harness;

/** Stripe.js as far as the Payment Element and confirmPayment go; confirming asks the journey what happened. */
const FAKE_STRIPE_JS = `
(() => {
  function element() {
    let node = null;
    const handlers = {};
    return {
      mount(target) {
        node = typeof target === 'string' ? document.querySelector(target) : target;
        node.innerHTML = '<div data-testid="fake-card" style="border:1px solid #d7dce0;border-radius:8px;padding:14px;font:14px system-ui">Card number <b>4242 4242 4242 4242</b> · 12/34 · 123</div>';
        setTimeout(() => (handlers.ready || []).forEach((fn) => fn({ elementType: 'payment' })), 0);
      },
      on(event, fn) { (handlers[event] = handlers[event] || []).push(fn); return this; },
      off() { return this; }, update() {}, unmount() {}, destroy() { if (node) node.innerHTML = ''; }, focus() {}, blur() {}, clear() {},
    };
  }
  function Stripe() {
    let secret = null;
    return {
      elements(options) {
        secret = options && options.clientSecret;
        const made = {};
        return { create(type) { return (made[type] = element()); }, getElement(type) { return made[type] || null; }, update() {}, submit: async () => ({}), fetchUpdates: async () => ({}), on() {} };
      },
      confirmPayment: () => window.fakeStripeConfirm(secret),
      createToken() {}, createPaymentMethod() {}, confirmCardPayment() {}, retrievePaymentIntent() {},
      _registerWrapper() {}, registerAppInfo() {},
    };
  }
  Stripe.version = 'endive';
  window.Stripe = Stripe;
})();
`;

/** Razorpay Checkout: open() pays at once with what the journey signs, as the real one does after UPI. */
const FAKE_RAZORPAY_JS = `
window.Razorpay = function (options) {
  this.open = async () => options.handler(await window.fakeRazorpayPay(options.order_id, options.amount));
};
`;

async function json(res) {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

async function run() {
  const { startFakeStripe } = await tsImport('../apps/api/src/modules/payments/stripe.fake.ts', import.meta.url);
  const { startFakeRazorpay } = await tsImport('../apps/api/src/modules/payments/razorpay.fake.ts', import.meta.url);
  const stripeApi = await startFakeStripe();
  const razorpayApi = await startFakeRazorpay();
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const server = await startBuiltShop('pay-e2e', ADMIN, {
    STRIPE_SECRET_KEY: 'sk_test_e2e',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_e2e',
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_BASE: stripeApi.url,
    RAZORPAY_KEY_ID: razorpayApi.keyId,
    RAZORPAY_KEY_SECRET: razorpayApi.keySecret,
    RAZORPAY_API_BASE: razorpayApi.url,
  });
  const { baseUrl } = server;
  console.log(`pay e2e against ${baseUrl}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const errors = [];
  const context = await browser.newContext({ ...PHONE, baseURL: baseUrl, locale: 'en-IN', timezoneId: 'Asia/Kolkata', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  setPage(page);
  page.on('pageerror', (e) => errors.push(e.message));
  await context.route('https://js.stripe.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: FAKE_STRIPE_JS }));
  await context.route('https://checkout.razorpay.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: FAKE_RAZORPAY_JS }));

  // The card: the first confirmation is declined (Stripe sends payment_failed), the second succeeds.
  let confirmations = 0;
  const signer = new Stripe('sk_test_signer');
  const sendStripe = async (type, intentId, amount, orderId) => {
    const payload = JSON.stringify({
      id: `evt_${randomBytes(8).toString('hex')}`,
      object: 'event',
      type,
      data: { object: { id: intentId, object: 'payment_intent', amount, amount_received: type.endsWith('succeeded') ? amount : 0, currency: 'inr', metadata: { orderId } } },
    });
    const res = await fetch(`${baseUrl}/api/payments/stripe/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret }) },
      body: payload,
    });
    expect(res.ok, `webhook ${type}: ${res.status}`);
  };
  await context.exposeFunction('fakeStripeConfirm', async (clientSecret) => {
    const intentId = clientSecret.split('_secret_')[0];
    const created = stripeApi.requests.filter((r) => r.path === '/v1/payment_intents').at(-1);
    const amount = Number(created.form.get('amount'));
    const orderId = created.form.get('metadata[orderId]');
    confirmations += 1;
    if (confirmations === 1) {
      await sendStripe('payment_intent.payment_failed', intentId, amount, orderId);
      return { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } };
    }
    await sendStripe('payment_intent.succeeded', intentId, amount, orderId);
    return { paymentIntent: { id: intentId, status: 'succeeded' } };
  });
  // UPI: Razorpay signs order_id|payment_id with the key secret; the server checks it.
  await context.exposeFunction('fakeRazorpayPay', async (razorpayOrderId) => {
    const paymentId = `pay_${randomBytes(7).toString('hex')}`;
    const signature = createHmac('sha256', razorpayApi.keySecret).update(`${razorpayOrderId}|${paymentId}`).digest('hex');
    return { razorpay_order_id: razorpayOrderId, razorpay_payment_id: paymentId, razorpay_signature: signature };
  });

  try {
    const served = await servedStore(baseUrl);
    await rememberLocation(context, baseUrl, served);
    const reg = await context.request.post('/api/user/register', {
      data: { name: 'Arjun Mehta', email: `arjun-${Date.now()}@example.com`, password: 'a-good-long-password' },
    });
    expect(reg.status() === 201, `register: ${reg.status()}`);
    await page.goto('/');
    await page.evaluate(() => localStorage.setItem('fatafat:has-session', '1'));
    await context.request.post('/api/address', {
      data: { label: 'home', name: 'Arjun Mehta', phone: '9876543210', line1: '21 Golf Course Road', city: 'Gurugram', state: 'Haryana', pincode: served.pincode, isDefault: true },
    });
    const list = await json(await fetch(`${baseUrl}/api/product?store=${served.storeId}&limit=50`));
    const inStock = list.items.map((p) => p.variants.find((v) => v.available)).filter(Boolean);
    const fillCart = async (variant) => {
      const added = await context.request.post('/api/cart/items', { data: { variantId: variant.id, quantity: 1 } });
      expect(added.ok(), `cart: ${added.status()}`);
    };
    const statusOf = async (orderId) => (await json(await context.request.get(`/api/order/${orderId}`))).order;

    await test('a card declined at the first try is retried in the same sheet, and the order is paid and confirmed', async () => {
      await fillCart(inStock[0]);
      await page.goto('/checkout', { waitUntil: 'networkidle' });
      await page.getByRole('radio', { name: /Credit or debit card/ }).click();
      await page.getByTestId('place-order').click();
      const sheet = page.getByRole('dialog');
      await sheet.getByTestId('fake-card').waitFor();
      await sheet.getByRole('button', { name: /^Pay / }).click();
      await sheet.getByText('Your card was declined.').waitFor();
      await settle(page);
      await page.screenshot({ path: path.join(shots, 'pay-card-declined-phone.png') });
      await sheet.getByRole('button', { name: /^Pay / }).click();
      await page.waitForURL(/\/order\//);
      const id = page.url().split('/order/')[1].split(/[?#]/)[0];
      const order = await statusOf(id);
      expect(order.status === 'confirmed' && order.paymentStatus === 'paid', `card order ${order.status} / ${order.paymentStatus}`);
      expect(confirmations === 2, `confirmations ${confirmations}`);
    });

    await test('UPI through Razorpay Checkout: the signed callback is verified by the server and the order is paid', async () => {
      await fillCart(inStock[1]);
      await page.goto('/checkout', { waitUntil: 'networkidle' });
      await page.getByRole('radio', { name: /UPI, cards, netbanking/ }).click();
      await settle(page);
      await page.screenshot({ path: path.join(shots, 'pay-upi-choice-phone.png') });
      await page.getByTestId('place-order').click();
      await page.waitForURL(/\/order\//);
      const id = page.url().split('/order/')[1].split(/[?#]/)[0];
      const order = await statusOf(id);
      expect(order.status === 'confirmed' && order.paymentStatus === 'paid', `UPI order ${order.status} / ${order.paymentStatus}`);
      const created = razorpayApi.requests.find((r) => r.path === '/v1/orders');
      expect(created && Number(created.body.amount) === order.bill.total, `Razorpay order amount ${created?.body.amount} for ${order.bill.total}`);
      await page.locator('[data-testid="tracking"][data-status="confirmed"]').waitFor();
      await settle(page);
      await page.screenshot({ path: path.join(shots, 'pay-upi-paid-phone.png') });
    });

    await test('no page errors', async () => {
      expect(errors.length === 0, errors.join('\n'));
    });
  } finally {
    await browser.close();
    await server.stop();
    await stripeApi.close();
    await razorpayApi.close();
  }
}

await runJourney(run, harness);
