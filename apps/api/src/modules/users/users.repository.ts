/** The only place the accounts module talks to the database. Returns plain objects, never the hash unless asked. */
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { oneTimeTokens, refreshTokens, users } from '../../db/schema/index';
import type { Role } from '../../http/auth-context';
import type { WhenShort } from '@fatafat/contracts/floor-rules';

export interface UserRow {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  mobileVerifiedAt: Date | null;
  role: Role;
  storeId: string | null;
  emailVerifiedAt: Date | null;
  avatarUrl: string | null;
  whenShort: WhenShort;
  blockedAt: Date | null;
  passwordResetAt: Date | null;
  createdAt: Date;
}

export interface UserWithHash extends UserRow {
  passwordHash: string | null;
}

const publicColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  mobile: users.mobile,
  mobileVerifiedAt: users.mobileVerifiedAt,
  role: users.role,
  storeId: users.storeId,
  emailVerifiedAt: users.emailVerifiedAt,
  avatarUrl: users.avatarUrl,
  whenShort: users.whenShort,
  blockedAt: users.blockedAt,
  passwordResetAt: users.passwordResetAt,
  createdAt: users.createdAt,
};

const byEmail = (email: string) => sql`lower(${users.email}) = ${email.toLowerCase()}`;

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
  return row;
}

const standingQuery = preparedQuery((db) =>
  db
    .select({
      role: users.role,
      storeId: users.storeId,
      blockedAt: users.blockedAt,
      // A family is revoked as a whole (logout, reuse, password change or reset, block): one revoked row
      // means the session ended. A session with no rows at all was minted outside a login (tests, tools).
      // Spelled out with table names: Drizzle leaves columns unqualified in a one-table select.
      sessionEnded: sql<boolean>`exists (select 1 from refresh_tokens r where r.user_id = users.id and r.family_id = nullif(${sql.placeholder('sid')}, '')::uuid and r.revoked_at is not null)`,
    })
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare('account_standing'),
);

/**
 * What an access token's claims are checked against: the account's role, store and blocked state now,
 * and whether the token's session has been ended.
 */
export async function findStanding(
  db: DbOrTx,
  id: string,
  sessionId: string,
): Promise<{ role: Role; storeId: string | null; blockedAt: Date | null; sessionEnded: boolean } | undefined> {
  const [row] = await standingQuery(db).execute({ id, sid: sessionId });
  return row;
}

export async function findUserWithHashById(db: DbOrTx, id: string): Promise<UserWithHash | undefined> {
  const [row] = await db
    .select({ ...publicColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, id));
  return row;
}

export async function findUserWithHashByEmail(db: DbOrTx, email: string): Promise<UserWithHash | undefined> {
  const [row] = await db
    .select({ ...publicColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(byEmail(email));
  return row;
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select(publicColumns).from(users).where(byEmail(email));
  return row;
}

export async function findUserByMobile(db: DbOrTx, mobile: string): Promise<UserRow | undefined> {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.mobile, mobile));
  return row;
}

export async function insertUser(
  db: DbOrTx,
  values: {
    name: string;
    email?: string | null;
    mobile?: string | null;
    passwordHash?: string | null;
    role?: Role;
  },
): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning(publicColumns);
  return row!;
}

/** Inserts unless the mobile number is taken (two first logins racing); undefined when it was. */
export async function insertUserByMobile(
  db: DbOrTx,
  name: string,
  mobile: string,
): Promise<UserRow | undefined> {
  const [row] = await db
    .insert(users)
    .values({ name, mobile, mobileVerifiedAt: new Date() })
    .onConflictDoNothing({ target: users.mobile })
    .returning(publicColumns);
  return row;
}

export async function updateUser(
  db: DbOrTx,
  id: string,
  values: Partial<{
    name: string;
    mobile: string | null;
    mobileVerifiedAt: Date | null;
    passwordHash: string;
    passwordResetAt: Date;
    avatarUrl: string | null;
    emailVerifiedAt: Date;
    role: Role;
    whenShort: WhenShort;
  }>,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning(publicColumns);
  return row;
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

// ---- refresh tokens -------------------------------------------------------------------------------

export interface RefreshTokenRow {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

export async function insertRefreshToken(
  db: DbOrTx,
  values: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db.insert(refreshTokens).values(values);
}

export async function findRefreshTokenByHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<RefreshTokenRow | undefined> {
  const [row] = await db
    .select({
      id: refreshTokens.id,
      userId: refreshTokens.userId,
      familyId: refreshTokens.familyId,
      expiresAt: refreshTokens.expiresAt,
      rotatedAt: refreshTokens.rotatedAt,
      revokedAt: refreshTokens.revokedAt,
    })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, tokenHash));
  return row;
}

/** Marks the token used; false when another request rotated or revoked it first. */
export async function markRefreshTokenRotated(db: DbOrTx, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(refreshTokens)
    .set({ rotatedAt: at })
    .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.rotatedAt), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length === 1;
}

export async function revokeRefreshFamily(db: DbOrTx, familyId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

export async function revokeAllRefreshTokens(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}

/** Housekeeping: expired tokens are useless, so they can go. */
export async function deleteExpiredRefreshTokens(db: DbOrTx, userId: string): Promise<void> {
  await db
    .delete(refreshTokens)
    .where(and(eq(refreshTokens.userId, userId), lt(refreshTokens.expiresAt, new Date())));
}

// ---- one-time tokens (verify email, reset password, OTP) ------------------------------------------

export type TokenPurpose = 'verify_email' | 'reset_password' | 'otp_login' | 'verify_mobile';

export interface OneTimeTokenRow {
  id: string;
  userId: string | null;
  purpose: TokenPurpose;
  target: string;
  codeHash: string;
  attempts: number;
  expiresAt: Date;
  usedAt: Date | null;
}

const tokenColumns = {
  id: oneTimeTokens.id,
  userId: oneTimeTokens.userId,
  purpose: oneTimeTokens.purpose,
  target: oneTimeTokens.target,
  codeHash: oneTimeTokens.codeHash,
  attempts: oneTimeTokens.attempts,
  expiresAt: oneTimeTokens.expiresAt,
  usedAt: oneTimeTokens.usedAt,
};

export async function insertOneTimeToken(
  db: DbOrTx,
  values: { userId: string | null; purpose: TokenPurpose; target: string; codeHash: string; expiresAt: Date },
): Promise<string> {
  const [row] = await db.insert(oneTimeTokens).values(values).returning({ id: oneTimeTokens.id });
  return row!.id;
}

export async function findOneTimeToken(
  db: DbOrTx,
  id: string,
  purpose: TokenPurpose,
): Promise<OneTimeTokenRow | undefined> {
  const [row] = await db
    .select(tokenColumns)
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.id, id), eq(oneTimeTokens.purpose, purpose)));
  return row;
}

/** The newest live code sent to a target (mobile OTP), optionally only one asked for by this account. */
export async function findLatestLiveToken(
  db: DbOrTx,
  purpose: TokenPurpose,
  target: string,
  userId?: string,
): Promise<OneTimeTokenRow | undefined> {
  const [row] = await db
    .select(tokenColumns)
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.purpose, purpose),
        eq(oneTimeTokens.target, target),
        userId === undefined ? undefined : eq(oneTimeTokens.userId, userId),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(oneTimeTokens.createdAt))
    .limit(1);
  return row;
}

/** Counts a wrong guess; the row stops accepting guesses once attempts reach the limit. */
export async function addTokenAttempt(db: DbOrTx, id: string): Promise<void> {
  await db
    .update(oneTimeTokens)
    .set({ attempts: sql`${oneTimeTokens.attempts} + 1` })
    .where(eq(oneTimeTokens.id, id));
}

/** Uses the token once; false when it was already used, burnt by guesses or expired meanwhile. */
export async function consumeToken(db: DbOrTx, id: string, maxAttempts: number): Promise<boolean> {
  const rows = await db
    .update(oneTimeTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(oneTimeTokens.id, id),
        isNull(oneTimeTokens.usedAt),
        lt(oneTimeTokens.attempts, maxAttempts),
        gt(oneTimeTokens.expiresAt, new Date()),
      ),
    )
    .returning({ id: oneTimeTokens.id });
  return rows.length === 1;
}

/** Retires every live token of a purpose for a target or user, so only the newest link or code works. */
export async function retireTokens(
  db: DbOrTx,
  purpose: TokenPurpose,
  by: { target: string } | { userId: string },
): Promise<void> {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(oneTimeTokens.purpose, purpose),
        'target' in by ? eq(oneTimeTokens.target, by.target) : eq(oneTimeTokens.userId, by.userId),
        isNull(oneTimeTokens.usedAt),
      ),
    );
}

/**
 * Frees a number that another account holds without having verified it: whoever just proved they hold it
 * wins over an unproven claim. Returns the account it was taken from, if any.
 */
export async function releaseUnverifiedMobile(db: DbOrTx, mobile: string, exceptUserId: string): Promise<string | undefined> {
  const [row] = await db
    .update(users)
    .set({ mobile: null, mobileVerifiedAt: null, updatedAt: new Date() })
    .where(and(eq(users.mobile, mobile), isNull(users.mobileVerifiedAt), sql`${users.id} <> ${exceptUserId}`))
    .returning({ id: users.id });
  return row?.id;
}
