/**
 * An access token is a signed statement of who someone was when it was issued (role, store) and of the
 * session it belongs to, valid for minutes. Blocking an account or changing its role revokes its refresh
 * tokens, and logout, a password change or reset end sessions, but the access token would keep working
 * until it expires. So every signed-in route checks the token against the account as it is now: blocked →
 * 403 account_blocked (the same answer login gives); deleted, a different role or store, or an ended
 * session → 401, and the refresh that follows fails or issues a token for what the account is now. The
 * answer is remembered per process for a moment, so a burst of requests costs one small read; a change
 * takes hold everywhere within STANDING_TTL_MS, and at once wherever its account event is heard.
 */
import type { Db } from '../../db/client';
import type { AppDeps } from '../../deps';
import type { AuthUser } from '../../http/auth-context';
import { AppError, unauthorized } from '../../http/errors';
import type { AccountEvent, EventBus } from '../../lib/events/event-bus';
import { shortLived } from '../../lib/short-lived';
import { findStanding } from './users.repository';

export const STANDING_TTL_MS = 2_000;

// Keyed `<user id> <session id>`: one account's entries can be forgotten together.
const standing = shortLived(STANDING_TTL_MS, (db: Db, key: string) => {
  const [id, sessionId] = key.split(' ') as [string, string];
  return findStanding(db, id, sessionId);
});

/** The reason a token is no longer honoured, or null while it is. */
export async function tokenRefusal(db: Db, user: AuthUser): Promise<AppError | null> {
  // verifyAccessToken refuses a token without a session; an AuthUser made in code has none to end.
  const now = await standing(db, `${user.id} ${user.sessionId ?? ''}`);
  if (!now) return unauthorized();
  if (now.blockedAt !== null) return new AppError(403, 'account_blocked', 'This account has been blocked. Please contact support.');
  if (now.role !== user.role || (now.storeId ?? null) !== user.storeId || now.sessionEnded) return unauthorized();
  return null;
}

/** Throws unless the token still describes the account and its session is live. */
export async function assertTokenHonoured(db: Db, user: AuthUser): Promise<void> {
  const refusal = await tokenRefusal(db, user);
  if (refusal) throw refusal;
}

/** Forgets what this process remembered about the account: the next check reads it. */
export function forgetStanding(db: Db, userId: string): void {
  standing.forget(db, (key) => key.startsWith(`${userId} `));
}

/** Forgets what this process remembered about an account whenever any process says it changed. */
export function forgetStandingOnChange(db: Db, accountEvents: EventBus<AccountEvent>): () => void {
  return accountEvents.subscribe((event) => forgetStanding(db, event.userId));
}

/**
 * Tells every process that an account changed in a way that may end its sessions (they forget its cached
 * standing and re-check its live streams). Called after the change is stored; never fails the request.
 */
export async function announceAccountChange(
  deps: Pick<AppDeps, 'accountEvents' | 'logger'>,
  event: Omit<AccountEvent, 'type'>,
): Promise<void> {
  try {
    await deps.accountEvents.publish({ type: 'account.changed', ...event });
  } catch (err) {
    // Processes that miss the notice still refuse the token within STANDING_TTL_MS.
    deps.logger.warn({ err: (err as Error).message, userId: event.userId }, 'account event not published');
  }
}
