/**
 * Paying with Fatafat Cash at checkout: part or all of the total, the rest by card or at the door; races
 * for one balance; the wallet part coming back when the order cannot go ahead.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, walletEntries, wallets } from '../../db/schema/index';
import { createShopper, createStockedVariant, createTestStore, type Shopper, type TestStore } from '../checkout/checkout.factories';
import { startCardShop, type CardShop } from '../payments/payments.factories';
import { creditWallet } from './wallet.repository';

let shop: CardShop;
let store: TestStore;

beforeAll(async () => {
  shop = await startCardShop();
  store = await createTestStore(shop.t.deps.db);
});
afterAll(async () => {
  await shop?.close();
});

/** A shopper with this much Fatafat Cash (goodwill, written as the admin route writes it). */
async function shopperWith(balance: number): Promise<Shopper> {
  const s = await createShopper(shop.t);
  await shop.t.deps.db.transaction((tx) => creditWallet(tx, { userId: s.user.id, amount: balance, kind: 'goodwill', reason: 'test credit' }));
  return s;
}

const ledgerSum = async (userId: string) =>
  (await shop.t.deps.db.select().from(walletEntries).where(eq(walletEntries.userId, userId))).reduce((n, e) => n + e.amount, 0);
const balanceOf = async (userId: string) => (await shop.t.deps.db.select().from(wallets).where(eq(wallets.userId, userId)))[0]?.balance ?? 0;

describe('paying with Fatafat Cash', () => {
  it('when a shopper with ₹50 pays a cash order with the wallet, then ₹50 is taken, the order shows it, and the rest is due at the door', async () => {
    const s = await shopperWith(5000);
    const v = await createStockedVariant(shop.t.deps.db, store.id, { price: 20_000, mrp: 20_000 });
    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod', useWallet: true, items: [{ variantId: v.id, quantity: 1 }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.order).toMatchObject({ status: 'confirmed', paymentStatus: 'cod_due', walletPaid: 5000 });
    const wallet = await s.client.get('/api/wallet');
    expect(wallet.body.balance).toBe(0);
    expect(wallet.body.entries[0]).toMatchObject({ amount: -5000, kind: 'checkout', orderId: res.body.order.id });
    expect(await ledgerSum(s.user.id)).toBe(await balanceOf(s.user.id));
  });

  it('when the wallet covers a card order whole, then it is confirmed and paid and no PaymentIntent is made', async () => {
    const s = await shopperWith(100_000);
    const v = await createStockedVariant(shop.t.deps.db, store.id, { price: 20_000, mrp: 20_000 });
    const seen = shop.fake.requests.length;
    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'card', useWallet: true, items: [{ variantId: v.id, quantity: 1 }] });
    expect(res.status).toBe(201);
    expect(res.body.order).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
    expect(res.body.order.walletPaid).toBe(res.body.order.bill.total);
    expect(res.body.payment).toBeUndefined();
    expect(shop.fake.requests.slice(seen).filter((r) => r.path === '/v1/payment_intents')).toEqual([]);
    expect(await balanceOf(s.user.id)).toBe(100_000 - res.body.order.bill.total);
  });

  it('when the wallet pays part of a card order, then the PaymentIntent is for the rest only', async () => {
    const s = await shopperWith(3000);
    const v = await createStockedVariant(shop.t.deps.db, store.id, { price: 20_000, mrp: 20_000 });
    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'card', useWallet: true, items: [{ variantId: v.id, quantity: 1 }] });
    expect(res.status).toBe(201);
    expect(res.body.order).toMatchObject({ status: 'pending_payment', walletPaid: 3000 });
    const intent = shop.fake.requests.find((r) => r.form.get('metadata[orderId]') === res.body.order.id);
    expect(intent?.form.get('amount')).toBe(String(res.body.order.bill.total - 3000));
  });

  it('when five checkouts spend one balance at once, then exactly one gets it, the others are 409 wallet_balance_changed, and the balance never goes below zero', async () => {
    const s = await shopperWith(10_000);
    const v = await createStockedVariant(shop.t.deps.db, store.id, { price: 20_000, mrp: 20_000, onHand: 50 });
    const all = await Promise.all(
      Array.from({ length: 5 }, () => s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod', useWallet: true, items: [{ variantId: v.id, quantity: 1 }] })),
    );
    const placed = all.filter((r) => r.status === 201);
    expect(placed.filter((r) => r.body.order.walletPaid === 10_000)).toHaveLength(1);
    for (const r of all.filter((x) => x.status !== 201)) expect([r.status, r.body.error.code]).toEqual([409, 'wallet_balance_changed']);
    expect(await balanceOf(s.user.id)).toBe(0);
    expect(await ledgerSum(s.user.id)).toBe(0);
    // A refused checkout left nothing behind.
    const mine = await shop.t.deps.db.select().from(orders).where(eq(orders.userId, s.user.id));
    expect(mine).toHaveLength(placed.length);
  });

  it('when an order paid partly from the wallet is cancelled, then the wallet part comes back', async () => {
    const s = await shopperWith(5000);
    const v = await createStockedVariant(shop.t.deps.db, store.id, { price: 20_000, mrp: 20_000 });
    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod', useWallet: true, items: [{ variantId: v.id, quantity: 1 }] });
    expect(res.status).toBe(201);
    const cancel = await s.client.post(`/api/order/${res.body.order.id}/cancel`, { reason: 'Ordered by mistake' });
    expect(cancel.status).toBe(200);
    expect(await balanceOf(s.user.id)).toBe(5000);
    expect(cancel.body.order.refunds).toMatchObject([{ amount: 5000, method: 'wallet' }]);
    expect(await ledgerSum(s.user.id)).toBe(5000);
  });

  it('when useWallet is not asked for, then the balance is left alone', async () => {
    const s = await shopperWith(5000);
    const v = await createStockedVariant(shop.t.deps.db, store.id);
    const res = await s.client.post('/api/order', { addressId: s.addressId, paymentMethod: 'cod', items: [{ variantId: v.id, quantity: 1 }] });
    expect(res.body.order.walletPaid).toBe(0);
    expect(await balanceOf(s.user.id)).toBe(5000);
  });
});
