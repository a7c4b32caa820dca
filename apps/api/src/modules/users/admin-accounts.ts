/** Creating administrators: the `admin:create` command and the first-start admin outside production. */
import type { AppDeps } from '../../deps';
import type { Db } from '../../db/client';
import * as repo from './users.repository';
import { hashPassword } from './users.service';
import { uniqueViolation } from './users.tokens';

export interface AdminInput {
  email: string;
  password: string;
  name?: string;
  rounds: number;
}

/** Creates the admin, or promotes and re-passwords an existing account with that email. */
export async function createOrPromoteAdmin(
  db: Db,
  input: AdminInput,
): Promise<{ id: string; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password, input.rounds);
  return db.transaction(async (tx) => {
    const existing = await repo.findUserByEmail(tx, email);
    if (existing) {
      await repo.updateUser(tx, existing.id, { role: 'admin', passwordHash });
      await repo.revokeAllRefreshTokens(tx, existing.id);
      return { id: existing.id, created: false };
    }
    const row = await repo.insertUser(tx, {
      name: input.name ?? 'Administrator',
      email,
      passwordHash,
      role: 'admin',
    });
    return { id: row.id, created: true };
  });
}

/** Start task: outside production, an empty database gets an admin from ADMIN_EMAIL / ADMIN_PASSWORD. */
export async function ensureAdmin(deps: AppDeps): Promise<void> {
  const { config, db, logger } = deps;
  if (config.isProduction) return;
  if ((await repo.countUsers(db)) > 0) return;
  try {
    await repo.insertUser(db, {
      name: 'Administrator',
      email: config.admin.email.toLowerCase(),
      passwordHash: await hashPassword(config.admin.password, config.bcryptRounds),
      role: 'admin',
    });
    logger.info(
      { email: config.admin.email },
      'created the first admin account (ADMIN_EMAIL / ADMIN_PASSWORD)',
    );
  } catch (err) {
    // Another process starting at the same time created it first.
    if (uniqueViolation(err) === null) throw err;
  }
}
