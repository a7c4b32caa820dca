/**
 * Test data for cart and checkout: a shopper with an address near a store, and coupons. Stores and
 * stocked variants come from the orders module's factories so every test builds the same shapes.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import { addresses, coupons } from '../../db/schema/index';
import { clientAs, createUser, type TestUser } from '../../test/factories';
import type { TestApp } from '../../test/harness';
import type { HttpClient } from '../../test/http-client';

export { createStockedVariant, createTestStore, stockOf, type TestStore, type TestVariant } from '../orders/order.factories';

export async function createAddress(
  db: Db,
  userId: string,
  overrides: Partial<typeof addresses.$inferInsert> = {},
): Promise<{ id: string }> {
  const [row] = await db
    .insert(addresses)
    .values({
      userId,
      label: 'home',
      name: 'Asha Rao',
      phone: '9876543210',
      line1: '12 MG Road',
      city: 'Bengaluru',
      state: 'Karnataka',
      pincode: '560001',
      // ~1 km from the factory store at 12.97, 77.59.
      lat: 12.979,
      lng: 77.59,
      isDefault: true,
      ...overrides,
    })
    .returning({ id: addresses.id });
  return row!;
}

export interface Shopper {
  user: TestUser;
  client: HttpClient;
  addressId: string;
}

/** A customer, logged in, with a default address the factory store serves. */
export async function createShopper(t: TestApp, address: Partial<typeof addresses.$inferInsert> = {}): Promise<Shopper> {
  const user = await createUser(t);
  const { id } = await createAddress(t.deps.db, user.id, address);
  return { user, client: clientAs(t, user), addressId: id };
}

export async function createCoupon(db: Db, overrides: Partial<typeof coupons.$inferInsert> = {}) {
  const [row] = await db
    .insert(coupons)
    .values({ code: `T${randomBytes(4).toString('hex').toUpperCase()}`, kind: 'flat', value: 5000, ...overrides })
    .returning();
  return row!;
}
