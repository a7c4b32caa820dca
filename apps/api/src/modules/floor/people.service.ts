/**
 * Store people. Admins manage everyone; a store manager (staff) manages the pickers and riders of their own
 * store only: another store's people are hidden (404), creating for another store or creating a manager is
 * refused (403). Disabling is the account block: it revokes sessions, and access tokens stop working
 * within seconds (account-standing.ts).
 */
import type { z } from 'zod';
import type { CreatePersonBody, PeopleQuery, Person, PersonPatch } from '@fatafat/contracts/people';
import type { Db } from '../../db/client';
import type { AuthUser } from '../../http/auth-context';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../http/errors';
import { storeExists, revokeRefreshTokens } from '../admin/admin.repository';
import { hashPassword } from '../users/users.service';
import { uniqueViolation } from '../users/users.tokens';
import * as repo from './people.repository';
import type { PersonRow } from './people.repository';

type Body = z.output<typeof CreatePersonBody>;

export function toPerson(row: PersonRow): Person {
  const { storeId, storeName, blockedAt, createdAt, ...contact } = row;
  return { ...contact, store: { id: storeId, name: storeName }, disabled: blockedAt !== null, createdAt: createdAt.toISOString() };
}

/** The store a caller may manage people of: admins any (or none = all), managers their own. */
function managedStore(user: AuthUser, asked: string | undefined): string | undefined {
  if (user.role === 'admin') return asked;
  if (!user.storeId) throw forbidden('Your account is not attached to a store');
  if (asked && asked !== user.storeId) throw forbidden('You can only manage the people of your own store');
  return user.storeId;
}

export async function listPeople(db: Db, user: AuthUser, q: PeopleQuery): Promise<{ items: Person[] }> {
  const rows = await repo.listPeople(db, { storeId: managedStore(user, q.storeId), role: q.role });
  return { items: rows.map(toPerson) };
}

export async function createPerson(db: Db, user: AuthUser, body: Body, bcryptRounds: number): Promise<{ person: Person }> {
  managedStore(user, body.storeId);
  if (body.role === 'staff' && user.role !== 'admin') throw forbidden('Only an admin can appoint a store manager');
  if (!(await storeExists(db, body.storeId))) {
    throw badRequest('body.storeId: no such store', [{ path: 'body.storeId', message: 'no such store' }]);
  }
  const passwordHash = body.password ? await hashPassword(body.password, bcryptRounds) : null;
  let id: string;
  try {
    id = await repo.insertPerson(db, {
      role: body.role,
      storeId: body.storeId,
      name: body.name,
      email: body.email ?? null,
      mobile: body.mobile ?? null,
      passwordHash,
    });
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint === null) throw err;
    const field = constraint.includes('mobile') ? 'mobile' : 'email';
    throw conflict(`An account with this ${field} already exists`, [{ path: `body.${field}`, message: 'is taken' }], `${field}_taken`);
  }
  const row = await repo.findPerson(db, id);
  if (!row) throw new AppError(500, 'internal', 'The new account could not be read back');
  return { person: toPerson(row) };
}

export async function updatePerson(db: Db, user: AuthUser, id: string, patch: PersonPatch): Promise<{ person: Person }> {
  if (id === user.id) throw conflict('You cannot disable your own account');
  await db.transaction(async (tx) => {
    const row = await repo.findPerson(tx, id);
    if (!row || (user.role !== 'admin' && row.storeId !== user.storeId)) throw notFound('Person');
    if (row.role === 'staff' && user.role !== 'admin') throw forbidden('Only an admin can disable a store manager');
    const blockedAt = patch.disabled ? (row.blockedAt ?? new Date()) : null;
    await repo.setBlocked(tx, id, blockedAt);
    if (patch.disabled && row.blockedAt === null) await revokeRefreshTokens(tx, id);
  });
  const row = await repo.findPerson(db, id);
  if (!row) throw notFound('Person');
  return { person: toPerson(row) };
}
