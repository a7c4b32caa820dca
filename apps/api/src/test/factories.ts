/**
 * Test data made per test through the real tables, never shared global fixtures.
 * Domain modules add their own factories beside their tests; these are the cross-cutting ones.
 */
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { isStoreRole, stores, users } from '../db/schema/index';
import { ACCESS_COOKIE, signAccessToken, type AuthUser, type Role } from '../http/auth-context';
import type { HttpClient } from './http-client';
import type { TestApp } from './harness';

export interface TestUser extends AuthUser {
  email: string;
  password: string;
  name: string;
}

export async function createUser(
  t: TestApp,
  overrides: { role?: Role; storeId?: string | null; email?: string; password?: string; name?: string } = {},
): Promise<TestUser> {
  const email = overrides.email ?? `user-${randomBytes(5).toString('hex')}@example.com`;
  const password = overrides.password ?? 'correct-horse-battery';
  const name = overrides.name ?? 'Test User';
  const role = overrides.role ?? 'customer';
  // Pickers, riders and managers must work at a store (users_store_ck): one is made when none is given.
  const storeId = overrides.storeId ?? (isStoreRole(role) ? await createBareStore(t) : null);
  const [row] = await t.deps.db
    .insert(users)
    .values({
      name,
      email,
      // Cost 4 keeps factories fast; the auth module's own code hashes with the configured cost.
      passwordHash: await bcrypt.hash(password, 4),
      role,
      storeId,
    })
    .returning({ id: users.id, role: users.role, storeId: users.storeId });
  return { id: row!.id, role: row!.role, storeId: row!.storeId, email, password, name };
}

/** Closed to shoppers, so it never takes the orders of tests that share the database. */
async function createBareStore(t: TestApp): Promise<string> {
  const s = randomBytes(4).toString('hex');
  const [row] = await t.deps.db
    .insert(stores)
    .values({ name: `Store ${s}`, slug: `store-${s}`, lat: 0, lng: 0, pincodes: [], isActive: false })
    .returning({ id: stores.id });
  return row!.id;
}

/** A client holding a real access token for the user, as if they had just logged in. */
export function clientAs(t: TestApp, user: AuthUser): HttpClient {
  const c = t.client();
  c.cookies.set(ACCESS_COOKIE, signAccessToken(user, t.config.jwtSecret, t.config.accessTokenTtlSeconds));
  return c;
}
