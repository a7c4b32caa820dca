/**
 * An access token is a signed statement of who someone was when it was issued (role, store), valid for
 * minutes. Blocking an account or changing its role revokes its refresh tokens, but the access token would
 * keep working until it expires. So every signed-in route checks the token against the account as it is
 * now: blocked → 403 account_blocked (the same answer login gives); deleted, or a different role or store
 * → 401, and the refresh that follows fails or issues a token for what the account is now. The answer is remembered per process for a moment, so a burst of requests
 * costs one small read, and a change takes hold everywhere within STANDING_TTL_MS.
 */
import type { Db } from '../../db/client';
import type { AuthUser } from '../../http/auth-context';
import { AppError, unauthorized } from '../../http/errors';
import { shortLived } from '../../lib/short-lived';
import { findStanding } from './users.repository';

export const STANDING_TTL_MS = 2_000;

const standing = shortLived(STANDING_TTL_MS, (db: Db, id: string) => findStanding(db, id));

/** Throws unless the token still describes the account. */
export async function assertTokenHonoured(db: Db, user: AuthUser): Promise<void> {
  const now = await standing(db, user.id);
  if (!now) throw unauthorized();
  if (now.blockedAt !== null) throw new AppError(403, 'account_blocked', 'This account has been blocked. Please contact support.');
  if (now.role !== user.role || (now.storeId ?? null) !== user.storeId) throw unauthorized();
}
