/** Test data for dispatch: a store with a location, riders on duty at it, packed orders with drops near it. */
import { eq } from 'drizzle-orm';
import { orders, stores } from '../../db/schema/index';
import { clientAs, createUser, type TestUser } from '../../test/factories';
import type { HttpClient } from '../../test/http-client';
import type { TestApp } from '../../test/harness';
import { createStockedVariant, createTestOrder, createTestStore, type TestStore, type TestVariant } from '../orders/order.factories';

/** Bengaluru, MG Road: the store every dispatch test starts from. */
export const STORE_AT = { lat: 12.9716, lng: 77.5946 };

/** A point `metresNorth` and `metresEast` of `from` (good enough for a few km). */
export function offset(from: { lat: number; lng: number }, metresNorth: number, metresEast: number) {
  return {
    lat: from.lat + metresNorth / 111_320,
    lng: from.lng + metresEast / (111_320 * Math.cos((from.lat * Math.PI) / 180)),
  };
}

export interface DispatchStore extends TestStore {
  variant: TestVariant;
}

export async function createDispatchStore(t: TestApp): Promise<DispatchStore> {
  const store = await createTestStore(t.deps.db, { ...STORE_AT, supportPhone: '+918011112222' });
  const variant = await createStockedVariant(t.deps.db, store.id, { onHand: 500, price: 10_000 });
  return { ...store, variant };
}

export interface TestRider {
  user: TestUser;
  client: HttpClient;
}

export async function createRider(t: TestApp, storeId: string, opts: { onDuty?: boolean; at?: { lat: number; lng: number }; name?: string } = {}): Promise<TestRider> {
  const user = await createUser(t, { role: 'rider', storeId, name: opts.name ?? 'Manoj Kumar' });
  const client = clientAs(t, user);
  if (opts.onDuty ?? true) {
    const res = await client.post('/api/rider/shift', { onDuty: true });
    if (res.status !== 200) throw new Error(`on duty failed: ${res.status} ${res.text}`);
    if (opts.at) await sendPosition(client, opts.at);
  }
  return { user, client };
}

export function sendPosition(client: HttpClient, at: { lat: number; lng: number }, extra: { accuracy?: number; when?: Date } = {}) {
  return client.post('/api/rider/location', { lat: at.lat, lng: at.lng, accuracy: extra.accuracy ?? 10, at: (extra.when ?? new Date()).toISOString() });
}

/** A customer's order at the store, packed (or another status), dropping at `drop`. */
export async function createPackedOrder(
  t: TestApp,
  store: DispatchStore,
  opts: { drop?: { lat: number; lng: number }; status?: 'packing' | 'packed'; paymentMethod?: 'cod' | 'card'; customer?: TestUser; promisedInMinutes?: number } = {},
) {
  const customer = opts.customer ?? (await createUser(t));
  const order = await createTestOrder(t.deps.db, {
    userId: customer.id,
    storeId: store.id,
    status: opts.status ?? 'packed',
    paymentMethod: opts.paymentMethod ?? 'cod',
    lines: [{ variant: store.variant, quantity: 1 }],
  });
  const drop = opts.drop ?? offset(STORE_AT, 800, 300);
  const [row] = await t.deps.db.select({ address: orders.address }).from(orders).where(eq(orders.id, order.id));
  await t.deps.db
    .update(orders)
    .set({
      address: { ...row!.address, lat: drop.lat, lng: drop.lng },
      promisedAt: new Date(Date.now() + (opts.promisedInMinutes ?? 20) * 60_000),
    })
    .where(eq(orders.id, order.id));
  const [code] = await t.deps.db.select({ code: orders.deliveryCode }).from(orders).where(eq(orders.id, order.id));
  return { ...order, customer, customerClient: clientAs(t, customer), code: code!.code, drop };
}

export async function storeSupportPhone(t: TestApp, storeId: string): Promise<string> {
  const [row] = await t.deps.db.select({ phone: stores.supportPhone }).from(stores).where(eq(stores.id, storeId));
  return row!.phone;
}

/** A code that is not the order's. */
export const wrongCode = (code: string) => String((Number(code) + 1) % 10_000).padStart(4, '0');
