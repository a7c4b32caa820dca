/**
 * Demo floor staff: outside production (SEED_DEMO on), every demo store gets a manager, three pickers and two
 * riders, so the picker app, the rider app and the floor board have someone to show. Logins (README):
 * `<role><n>.<store slug>@fatafat.local` with the password `<role>12345` (manager: `manager12345`), and a
 * mobile number for OTP sign-in. Idempotent: accounts whose email exists are left alone.
 */
import { asc, inArray } from 'drizzle-orm';
import type { AppDeps } from '../../deps';
import { stores, users, type StoreRole } from '../../db/schema/index';
import { hashPassword } from '../users/users.service';

const CREW: Array<{ role: StoreRole; login: string; count: number; names: string[] }> = [
  { role: 'staff', login: 'manager', count: 1, names: ['Meera Kapoor', 'Arjun Malhotra', 'Kavita Sharma'] },
  { role: 'picker', login: 'picker', count: 3, names: ['Ravi', 'Pooja', 'Imran', 'Sunita', 'Deepak', 'Anjali', 'Vikram', 'Neha', 'Sahil'] },
  { role: 'rider', login: 'rider', count: 2, names: ['Manoj', 'Salman', 'Gurpreet', 'Rohit', 'Ajay', 'Farhan'] },
];

export const DEMO_PASSWORD_OF: Record<StoreRole, string> = {
  staff: 'manager12345',
  picker: 'picker12345',
  rider: 'rider12345',
};

export function demoLogin(login: string, n: number, storeSlug: string): string {
  return `${login}${login === 'manager' ? '' : n}.${storeSlug}@fatafat.local`;
}

export async function seedDemoPeople(deps: Pick<AppDeps, 'db' | 'config'>): Promise<number> {
  const storeRows = await deps.db.select({ id: stores.id, slug: stores.slug }).from(stores).orderBy(asc(stores.slug));
  const hashes = Object.fromEntries(
    await Promise.all(
      Object.entries(DEMO_PASSWORD_OF).map(async ([role, pw]) => [role, await hashPassword(pw, deps.config.bcryptRounds)] as const),
    ),
  ) as Record<StoreRole, string>;
  const rows: Array<typeof users.$inferInsert> = [];
  storeRows.forEach((store, s) => {
    for (const [c, crew] of CREW.entries()) {
      for (let n = 1; n <= crew.count; n += 1) {
        const first = crew.names[(s * crew.count + n - 1) % crew.names.length]!;
        rows.push({
          role: crew.role,
          storeId: store.id,
          name: crew.role === 'staff' ? first : `${first} (${crew.login} ${n})`,
          email: demoLogin(crew.login, n, store.slug),
          // 90000 <store> <crew> <n>: stable, valid Indian numbers for OTP sign-in in the demo.
          mobile: `90000${String(s).padStart(2, '0')}${c}${String(n).padStart(2, '0')}`,
          mobileVerifiedAt: new Date(),
          passwordHash: hashes[crew.role],
          emailVerifiedAt: new Date(),
        });
      }
    }
  });
  if (!rows.length) return 0;
  const existing = await deps.db
    .select({ email: users.email })
    .from(users)
    .where(inArray(users.email, rows.map((r) => r.email!)));
  const taken = new Set(existing.map((e) => e.email));
  const fresh = rows.filter((r) => !taken.has(r.email!));
  if (!fresh.length) return 0;
  const inserted = await deps.db.insert(users).values(fresh).onConflictDoNothing().returning({ id: users.id });
  return inserted.length;
}
