/**
 * A shop for the fault suites and `npm run faults`: written straight into the database before any server
 * starts (PGlite lets one process open a directory), then driven over HTTP by its shoppers.
 */
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf, type Database, type DatabaseOptions } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { stockMovements } from '../../db/schema';
import { signAccessToken } from '../../http/auth-context';
import { createAddress } from '../../modules/checkout/checkout.factories';
import { createStockedVariant, createTestStore, type TestVariant } from '../../modules/orders/order.factories';
import { createUser } from '../factories';
import type { TestApp } from '../harness';
import { JWT_SECRET } from '../multiprocess/processes';

export interface Shopper {
  userId: string;
  token: string;
  addressId: string;
}

export interface Shop {
  storeId: string;
  shoppers: Shopper[];
  items: TestVariant[];
}

/** Plain SQL against an open database, the shape invariantViolations asks for. */
export const query = (database: Database) => async (text: string) =>
  rowsOf<Record<string, unknown>>(await database.db.execute(sql.raw(text)));

/**
 * A migrated database with a store, three deep-stocked items and shoppers with addresses. The opening
 * stock is written to the audit trail too (as the seed does), so the trail must sum to the stock after.
 */
export async function prepareShop(where: DatabaseOptions, opts: { shoppers?: number; tokenSeconds?: number } = {}): Promise<Shop> {
  const database = await openDatabase(where);
  try {
    await runMigrations(database);
    const shim = { deps: { db: database.db } } as unknown as TestApp;
    const store = await createTestStore(database.db);
    const onHand = 1_000_000;
    const items = await Promise.all([1, 2, 3].map(() => createStockedVariant(database.db, store.id, { onHand, maxPerOrder: 10 })));
    await database.db.insert(stockMovements).values(items.map((v) => ({ storeId: store.id, variantId: v.id, deltaOnHand: onHand, reason: 'seed' })));
    const shoppers = await Promise.all(
      Array.from({ length: opts.shoppers ?? 8 }, async () => {
        const user = await createUser(shim);
        const { id } = await createAddress(database.db, user.id);
        return { userId: user.id, token: signAccessToken(user, JWT_SECRET, opts.tokenSeconds ?? 600), addressId: id };
      }),
    );
    return { storeId: store.id, shoppers, items };
  } finally {
    await database.close();
  }
}
