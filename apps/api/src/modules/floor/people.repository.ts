/** Database calls for store people (pickers, riders, store managers). */
import { and, asc, eq, getTableColumns, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { STORE_ROLES, stores, users, type StoreRole } from '../../db/schema/index';

export interface PersonRow {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  role: StoreRole;
  storeId: string;
  storeName: string;
  blockedAt: Date | null;
  createdAt: Date;
}

const { id, name, email, mobile, role, storeId, blockedAt, createdAt } = getTableColumns(users);
const personColumns = { id, name, email, mobile, role, storeId, storeName: stores.name, blockedAt, createdAt };

/** The store-bound role and store are guaranteed by users_store_ck and the role filter. */
const asPerson = (r: { role: string; storeId: string | null } & Omit<PersonRow, 'role' | 'storeId'>): PersonRow => ({
  ...r,
  role: r.role as StoreRole,
  storeId: r.storeId!,
});

export async function listPeople(
  db: DbOrTx,
  filter: { storeId?: string | undefined; role?: StoreRole | undefined },
): Promise<PersonRow[]> {
  const conditions: SQL[] = [inArray(users.role, filter.role ? [filter.role] : [...STORE_ROLES])];
  if (filter.storeId) conditions.push(eq(users.storeId, filter.storeId));
  const rows = await db
    .select(personColumns)
    .from(users)
    .innerJoin(stores, eq(stores.id, users.storeId))
    .where(and(...conditions))
    .orderBy(asc(stores.name), asc(users.role), asc(users.name), asc(users.id));
  return rows.map(asPerson);
}

export async function findPerson(db: DbOrTx, personId: string): Promise<PersonRow | null> {
  const [row] = await db
    .select(personColumns)
    .from(users)
    .innerJoin(stores, eq(stores.id, users.storeId))
    .where(and(eq(users.id, personId), inArray(users.role, [...STORE_ROLES])));
  return row ? asPerson(row) : null;
}

export async function insertPerson(
  db: DbOrTx,
  values: { role: StoreRole; storeId: string; name: string; email: string | null; mobile: string | null; passwordHash: string | null },
): Promise<string> {
  // An admin or manager entering a colleague's number vouches for it: it may sign them in by OTP.
  const [row] = await db
    .insert(users)
    .values({ ...values, mobileVerifiedAt: values.mobile ? new Date() : null })
    .returning({ id: users.id });
  return row!.id;
}

export async function setBlocked(db: DbOrTx, id: string, blockedAt: Date | null): Promise<void> {
  await db.update(users).set({ blockedAt, updatedAt: new Date() }).where(eq(users.id, id));
}
