/**
 * Accounts: registration, password and OTP login, rotating refresh sessions, email verification,
 * password reset, profile. Plain data in and out; the routes turn sessions into cookies.
 */
import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { WhenShort } from '@fatafat/contracts/floor-rules';
import type { ChangePasswordBody, RegisterBody, User } from '@fatafat/contracts/users';
import type { AppDeps } from '../../deps';
import type { AccountEvent } from '../../lib/events/event-bus';
import { signAccessToken } from '../../http/auth-context';
import { AppError, badRequest, conflict, unauthorized } from '../../http/errors';
import { rateLimited } from '../../http/rate-limit';
import {
  mobileChangedEmail,
  mobileRemovedSms,
  otpSms,
  passwordResetEmail,
  verificationEmail,
  verifyMobileSms,
  type RenderedMail,
} from '../../lib/mail/templates';
import { SmsSendError } from '../../lib/mail/sms.drivers';
import { announceAccountChange } from './account-standing';
import { removeAvatarFile, storeAvatar } from './avatar';
import * as repo from './users.repository';
import type { UserRow } from './users.repository';
import {
  hashCode,
  randomOtp,
  randomSecret,
  sameHash,
  sha256,
  splitLinkToken,
  successorToken,
  uniqueViolation,
} from './users.tokens';

export const LIMITS = {
  /** Guesses a single code or link accepts before it is dead. */
  tokenAttempts: 5,
  verifyEmailHours: 24,
  resetPasswordMinutes: 60,
  otpMinutes: 10,
  /** Failed logins one source may make for one account before each try has to wait. */
  loginFreeFailures: 5,
  /** Failures for one account from all sources past which a failing source waits from its first miss. */
  loginAlarmFailures: 20,
  /** How long failures are remembered, and the longest wait (the wait doubles per failure up to it). */
  loginFailureWindowSeconds: 15 * 60,
  loginMaxDelaySeconds: 15 * 60,
  /** Codes or links sent to one mobile number or email address per window. */
  sendsPerTarget: 5,
  sendsPerTargetAllSources: 20,
  sendWindowSeconds: 15 * 60,
  /** How long after its rotation a refresh token presented again answers its successor instead of ending the session. */
  refreshGraceSeconds: 20,
} as const;

export interface Session {
  accessToken: string;
  refreshToken: string;
}

export interface Authenticated {
  user: User;
  session: Session;
}

const INVALID_CREDENTIALS = 'Incorrect email or password';
const invalidLink = () => new AppError(400, 'invalid_token', 'This link is invalid or has expired');
const unverifiedNumber = () =>
  new AppError(
    409,
    'mobile_unverified',
    'This number is on an account that has not verified it. Log in with your email and add the number again from your profile.',
  );
const blocked = () =>
  new AppError(403, 'account_blocked', 'This account has been blocked. Please contact support.');

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    mobile: row.mobile,
    role: row.role,
    storeId: row.storeId,
    emailVerified: row.emailVerifiedAt !== null,
    mobileVerified: row.mobile !== null && row.mobileVerifiedAt !== null,
    avatarUrl: row.avatarUrl,
    whenShort: row.whenShort,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function hashPassword(password: string, rounds: number): Promise<string> {
  return bcrypt.hash(password, rounds);
}

export function createUsersService(deps: AppDeps) {
  const { db, config, logger, rateLimitStore, smsGuard } = deps;
  const rounds = config.bcryptRounds;
  // Compared against when the email is unknown, so both failures take the same time.
  const dummyHash = bcrypt.hashSync(randomSecret(), rounds);

  async function sendMail(to: string, mail: RenderedMail): Promise<void> {
    try {
      await deps.mail.send({ to, ...mail });
    } catch (err) {
      // A mail outage must not fail the request that triggered it; the user can ask again.
      logger.error({ err: (err as Error).message, driver: deps.mail.name }, 'sending mail failed');
    }
  }

  /** A notice nobody asked for: the country rule and the daily caps still hold, and a refusal is an error to log. */
  async function sendSms(to: string, text: string): Promise<void> {
    if (!smsGuard.allows(to)) throw new Error('SMS to this country is not allowed');
    const admitted = await smsGuard.admit(to, null);
    if (!admitted.ok) throw new Error(`SMS daily cap reached (${admitted.cap})`);
    await deps.sms.send({ to, text });
  }

  const mobileIssue = (status: number, code: string, message: string) =>
    new AppError(status, code, `body.mobile: ${message}`, { issues: [{ path: 'body.mobile', message }] });

  /**
   * Whether a code may be sent by SMS: the country first (a refused number counts against nothing), then
   * the short per-target budget, then the daily caps against SMS pumping. `ip` is the client's address.
   */
  async function admitCode(kind: string, mobile: string, budgetSource: string, ip: string): Promise<void> {
    if (!smsGuard.allows(mobile))
      throw mobileIssue(422, 'sms_country_not_allowed', 'we cannot send SMS to numbers in this country');
    const budget = await underSendBudget(kind, mobile, budgetSource);
    if (!budget.ok) throw rateLimited(budget.retryAfter, 'Too many codes requested. Please try again later.');
    const caps = await smsGuard.admit(mobile, ip);
    if (!caps.ok) {
      // The cap, never the number: a pumping run would otherwise fill the log with its targets.
      logger.warn({ cap: caps.cap, kind }, 'sms daily cap reached');
      throw rateLimited(caps.retryAfter, 'Too many codes requested today. Please try again later.');
    }
  }

  /**
   * Sends a stored code. When the provider does not take it the code is retired, so no code stays live
   * that nobody received, and the answer says what happened instead of a 500.
   */
  async function deliverCode(mobile: string, text: string, retire: () => Promise<void>): Promise<void> {
    try {
      await deps.sms.send({ to: mobile, text });
    } catch (err) {
      await retire();
      logger.error({ err: (err as Error).message, driver: deps.sms.name }, 'sending sms failed');
      if (err instanceof SmsSendError && err.reason === 'invalid_number')
        throw mobileIssue(422, 'invalid_mobile', 'this number cannot receive SMS');
      throw new AppError(503, 'sms_unavailable', 'We could not send the SMS just now. Please try again in a minute.', {
        retryAfter: 60,
      });
    }
  }

  /**
   * Tells the old contact that the account's number changed (or went): an SMS to the number that left, and
   * an email to the account's address. Best effort: a notice that cannot be sent must not undo the change.
   */
  async function noticeMobileChange(user: UserRow, after: string | null, reason?: string): Promise<void> {
    const before = user.mobile;
    if (before === after) return;
    const jobs: Array<Promise<void>> = [];
    if (before) jobs.push(sendSms(before, mobileRemovedSms({ replaced: after !== null })));
    if (user.email) jobs.push(sendMail(user.email, mobileChangedEmail({ name: user.name, before, after, ...(reason ? { reason } : {}) })));
    for (const r of await Promise.allSettled(jobs))
      if (r.status === 'rejected') logger.error({ err: (r.reason as Error).message }, 'mobile change notice failed');
  }

  /**
   * True when the target is still under its sending budget; sending past it is silently skipped or refused.
   * Counted per target and source, so a stranger asking for codes from one place cannot use up the
   * owner's budget; a larger budget per target across all sources bounds what many places can send.
   */
  async function underSendBudget(
    kind: string,
    target: string,
    source = 'account',
  ): Promise<{ ok: boolean; retryAfter: number }> {
    const [pair, all] = await Promise.all([
      rateLimitStore.hit(`send:${kind}:${target}:${source}`, LIMITS.sendWindowSeconds),
      rateLimitStore.hit(`send:${kind}:${target}`, LIMITS.sendWindowSeconds),
    ]);
    const over = pair.count > LIMITS.sendsPerTarget || all.count > LIMITS.sendsPerTargetAllSources;
    return { ok: !over, retryAfter: Math.max(pair.resetInSeconds, all.resetInSeconds) };
  }

  const refreshExpiry = () => new Date(Date.now() + config.refreshTokenTtlDays * 86_400_000);

  /** The access token is issued in the family: ending the family (logout, password change or reset) ends it. */
  function sessionOf(user: UserRow, familyId: string, refreshToken: string): Session {
    const accessToken = signAccessToken(
      { id: user.id, role: user.role, storeId: user.storeId },
      config.jwtSecret,
      config.accessTokenTtlSeconds,
      familyId,
    );
    return { accessToken, refreshToken };
  }

  async function issueSession(user: UserRow): Promise<Session> {
    const familyId = randomUUID();
    const refreshToken = randomSecret();
    await repo.insertRefreshToken(db, { userId: user.id, familyId, tokenHash: sha256(refreshToken), expiresAt: refreshExpiry() });
    return sessionOf(user, familyId, refreshToken);
  }

  /** Ends a session for good and tells every process (cached standing, live streams). */
  async function endFamily(row: repo.RefreshTokenRow): Promise<void> {
    await repo.revokeRefreshFamily(db, row.familyId);
    await announce({ userId: row.userId, reason: 'logout', sessionId: row.familyId });
  }

  const announce = (event: Omit<AccountEvent, 'type'>) => announceAccountChange(deps, event);

  const sessionExpired = () => new AppError(401, 'session_expired', 'Your session has ended. Please log in again.');

  /** A refresh token presented after it was rotated (by an earlier request, or one racing this one). */
  async function replayed(token: string, next: string): Promise<Authenticated> {
    const [row, successor] = await Promise.all([
      repo.findRefreshTokenByHash(db, sha256(token)),
      repo.findRefreshTokenByHash(db, sha256(next)),
    ]);
    if (!row) throw sessionExpired();
    const elapsedMs = row.rotatedAt ? deps.clock.now().getTime() - row.rotatedAt.getTime() : Infinity;
    const inGrace =
      !row.revokedAt &&
      elapsedMs >= 0 &&
      elapsedMs <= LIMITS.refreshGraceSeconds * 1000 &&
      successor?.familyId === row.familyId &&
      !successor.rotatedAt &&
      !successor.revokedAt &&
      successor.expiresAt > new Date();
    if (inGrace) {
      const user = await repo.findUserById(db, row.userId);
      if (user && !user.blockedAt) return { user: toUser(user), session: sessionOf(user, row.familyId, next) };
    }
    if (!row.revokedAt) {
      await endFamily(row);
      logger.warn({ userId: row.userId, familyId: row.familyId }, 'refresh token reused; session family revoked');
    }
    throw sessionExpired();
  }

  async function createLinkToken(userId: string, purpose: repo.TokenPurpose, target: string, ttlMs: number) {
    const secret = randomSecret();
    const id = await db.transaction(async (tx) => {
      await repo.retireTokens(tx, purpose, { userId });
      return repo.insertOneTimeToken(tx, {
        userId,
        purpose,
        target,
        codeHash: sha256(secret),
        expiresAt: new Date(Date.now() + ttlMs),
      });
    });
    return `${id}.${secret}`;
  }

  /** Checks a `<id>.<secret>` link: counts wrong guesses, refuses used, expired or burnt rows. */
  async function checkLinkToken(token: string, purpose: repo.TokenPurpose): Promise<repo.OneTimeTokenRow> {
    const { id, secret } = splitLinkToken(token);
    const row = await repo.findOneTimeToken(db, id, purpose);
    if (!row || row.usedAt || row.expiresAt <= new Date() || row.attempts >= LIMITS.tokenAttempts)
      throw invalidLink();
    if (!sameHash(row.codeHash, sha256(secret))) {
      await repo.addTokenAttempt(db, row.id);
      throw invalidLink();
    }
    return row;
  }

  async function sendVerification(user: UserRow): Promise<void> {
    if (!user.email) return;
    const token = await createLinkToken(
      user.id,
      'verify_email',
      user.email,
      LIMITS.verifyEmailHours * 3_600_000,
    );
    const url = `${config.publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
    await sendMail(
      user.email,
      verificationEmail({ name: user.name, url, expiresInHours: LIMITS.verifyEmailHours }),
    );
  }

  async function activeUser(id: string): Promise<UserRow> {
    const row = await repo.findUserById(db, id);
    // A deleted or blocked account's access token must stop working for account routes.
    if (!row || row.blockedAt) throw unauthorized();
    return row;
  }

  return {
    async register(body: RegisterBody): Promise<Authenticated> {
      if (await repo.findUserByEmail(db, body.email))
        throw conflict('An account with this email already exists');
      const passwordHash = await hashPassword(body.password, rounds);
      let row: UserRow;
      try {
        row = await repo.insertUser(db, { name: body.name, email: body.email, passwordHash });
      } catch (err) {
        // Two registrations racing for one address: the unique index decides.
        if (uniqueViolation(err) !== null) throw conflict('An account with this email already exists');
        throw err;
      }
      await sendVerification(row);
      return { user: toUser(row), session: await issueSession(row) };
    },

    /**
     * Failed logins slow down the source that made them, never the account as a whole (OWASP's
     * authentication guidance): after a few misses from one source for one account, each further try
     * from that source waits twice as long as the last, up to a cap. A stranger's failures therefore
     * never keep the owner out: a correct password from a source with no recent failures gets in.
     * When an account sees many failures from everywhere (a spread-out guess), a failing source waits
     * from its first miss.
     */
    async login(email: string, password: string, source: string): Promise<Authenticated> {
      const account = email.toLowerCase();
      const pairKey = `login-fail:${account}:${source}`;
      const waitKey = `login-wait:${account}:${source}`;
      const waiting = await rateLimitStore.peek(waitKey);
      if (waiting) {
        throw rateLimited(waiting.resetInSeconds, 'Too many failed logins from here. Please wait before trying again.');
      }
      const row = await repo.findUserWithHashByEmail(db, email);
      const ok = await bcrypt.compare(password, row?.passwordHash ?? dummyHash);
      if (!row || !row.passwordHash || !ok) {
        const window = LIMITS.loginFailureWindowSeconds;
        const [pair, all] = await Promise.all([
          rateLimitStore.hit(pairKey, window),
          rateLimitStore.hit(`login-fail:${account}`, window),
        ]);
        const free = all.count > LIMITS.loginAlarmFailures ? 0 : LIMITS.loginFreeFailures;
        if (pair.count > free) {
          const delay = Math.min(2 ** (pair.count - free - 1), LIMITS.loginMaxDelaySeconds);
          await rateLimitStore.hit(waitKey, delay);
        }
        throw new AppError(401, 'invalid_credentials', INVALID_CREDENTIALS);
      }
      if (row.blockedAt) throw blocked();
      await rateLimitStore.reset(pairKey);
      return { user: toUser(row), session: await issueSession(row) };
    },

    /**
     * Rotates the refresh token. Its successor is derived from it with the server secret, so presenting the
     * same token again within LIMITS.refreshGraceSeconds of its rotation (two tabs refreshing at once, a
     * response lost on a flaky network) answers the same successor instead of ending the session, as
     * identity providers' reuse intervals do. Later, or once the successor itself was used, a token
     * presented twice means it leaked: the whole family dies.
     */
    async refresh(token: string | undefined): Promise<Authenticated> {
      if (!token) throw sessionExpired();
      const row = await repo.findRefreshTokenByHash(db, sha256(token));
      if (!row || row.revokedAt) throw sessionExpired();
      const next = successorToken(config.jwtSecret, token);
      if (!row.rotatedAt) {
        if (row.expiresAt <= new Date()) throw sessionExpired();
        const user = await repo.findUserById(db, row.userId);
        if (!user || user.blockedAt) {
          await repo.revokeRefreshFamily(db, row.familyId);
          throw sessionExpired();
        }
        // One transaction: a request that loses the race finds the successor stored when it looks.
        const rotated = await db.transaction(async (tx) => {
          if (!(await repo.markRefreshTokenRotated(tx, row.id, deps.clock.now()))) return false;
          await repo.deleteExpiredRefreshTokens(tx, row.userId);
          await repo.insertRefreshToken(tx, { userId: row.userId, familyId: row.familyId, tokenHash: sha256(next), expiresAt: refreshExpiry() });
          return true;
        });
        if (rotated) return { user: toUser(user), session: sessionOf(user, row.familyId, next) };
      }
      return replayed(token, next);
    },

    async logout(token: string | undefined): Promise<void> {
      if (!token) return;
      const row = await repo.findRefreshTokenByHash(db, sha256(token));
      if (row) await endFamily(row);
    },

    async profile(userId: string): Promise<User> {
      return toUser(await activeUser(userId));
    },

    async update(
      userId: string,
      body: { name?: string | undefined; mobile?: string | null | undefined; whenShort?: WhenShort | undefined },
    ): Promise<User> {
      const current = await activeUser(userId);
      if (body.mobile === null && !current.email) {
        // An account made by mobile OTP with no email would have no way left to log in.
        throw badRequest('body.mobile: cannot be removed from an account without an email', [
          { path: 'body.mobile', message: 'cannot be removed from an account without an email' },
        ]);
      }
      const row = await repo.updateUser(db, userId, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.mobile === null ? { mobile: null, mobileVerifiedAt: null } : {}),
        ...(body.whenShort !== undefined ? { whenShort: body.whenShort } : {}),
      });
      if (!row) throw unauthorized();
      if (body.mobile === null) await noticeMobileChange(current, null);
      return toUser(row);
    },

    /** Sends a code to the number that should become the account's mobile; nothing changes until it is entered. */
    async requestMobileChange(userId: string, mobile: string, ip: string): Promise<{ expiresInSeconds: number }> {
      const current = await activeUser(userId);
      if (current.mobile === mobile && current.mobileVerifiedAt)
        throw conflict('This number is already on your account', undefined, 'already_verified');
      await admitCode('verify-mobile', mobile, 'account', ip);
      const code = randomOtp();
      await db.transaction(async (tx) => {
        await repo.retireTokens(tx, 'verify_mobile', { userId });
        await repo.insertOneTimeToken(tx, {
          userId,
          purpose: 'verify_mobile',
          target: mobile,
          codeHash: hashCode(config.jwtSecret, `verify:${mobile}`, code),
          expiresAt: new Date(Date.now() + LIMITS.otpMinutes * 60_000),
        });
      });
      await deliverCode(mobile, verifyMobileSms({ code, expiresInMinutes: LIMITS.otpMinutes }), () =>
        repo.retireTokens(db, 'verify_mobile', { userId }),
      );
      return { expiresInSeconds: LIMITS.otpMinutes * 60 };
    },

    /**
     * Attaches the number once the code sent to it is entered by the account that asked for it. A number
     * another account holds unverified is taken from it (the proof wins); one verified elsewhere is a 409.
     */
    async verifyMobileChange(userId: string, mobile: string, code: string): Promise<User> {
      const wrong = () => new AppError(400, 'invalid_code', 'The code is incorrect or has expired');
      const before = await activeUser(userId);
      const row = await repo.findLatestLiveToken(db, 'verify_mobile', mobile, userId);
      if (!row || row.attempts >= LIMITS.tokenAttempts) throw wrong();
      if (!sameHash(row.codeHash, hashCode(config.jwtSecret, `verify:${mobile}`, code))) {
        await repo.addTokenAttempt(db, row.id);
        throw wrong();
      }
      let updated: UserRow | undefined;
      try {
        updated = await db.transaction(async (tx) => {
          if (!(await repo.consumeToken(tx, row.id, LIMITS.tokenAttempts))) throw wrong();
          await repo.releaseUnverifiedMobile(tx, mobile, userId);
          return repo.updateUser(tx, userId, { mobile, mobileVerifiedAt: new Date() });
        });
      } catch (err) {
        if (uniqueViolation(err) !== null)
          throw conflict('This mobile number belongs to another account', undefined, 'mobile_taken');
        throw err;
      }
      if (!updated) throw unauthorized();
      await noticeMobileChange(before, mobile);
      return toUser(updated);
    },

    /** Changes the password, ends every other session and returns a fresh one for this device. */
    async changePassword(userId: string, body: ChangePasswordBody): Promise<Authenticated> {
      const row = await repo.findUserWithHashById(db, userId);
      if (!row || row.blockedAt) throw unauthorized();
      if (row.passwordHash) {
        if (!body.currentPassword)
          throw badRequest('body.currentPassword: is required', [
            { path: 'body.currentPassword', message: 'is required' },
          ]);
        if (!(await bcrypt.compare(body.currentPassword, row.passwordHash))) {
          throw new AppError(403, 'wrong_password', 'Current password is incorrect');
        }
      }
      const passwordHash = await hashPassword(body.newPassword, rounds);
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, userId, { passwordHash });
        await repo.revokeAllRefreshTokens(tx, userId);
        await repo.retireTokens(tx, 'reset_password', { userId });
      });
      await announce({ userId, reason: 'password' });
      return { user: toUser(row), session: await issueSession(row) };
    },

    async setAvatar(userId: string, image: Buffer): Promise<User> {
      const before = await activeUser(userId);
      const url = await storeAvatar(config.dataDir, userId, image);
      const row = await repo.updateUser(db, userId, { avatarUrl: url });
      await removeAvatarFile(config.dataDir, before.avatarUrl);
      return toUser(row!);
    },

    async removeAvatar(userId: string): Promise<User> {
      const before = await activeUser(userId);
      const row = await repo.updateUser(db, userId, { avatarUrl: null });
      await removeAvatarFile(config.dataDir, before.avatarUrl);
      return toUser(row!);
    },

    async verifyEmail(token: string): Promise<User> {
      const row = await checkLinkToken(token, 'verify_email');
      const user = await db.transaction(async (tx) => {
        if (!(await repo.consumeToken(tx, row.id, LIMITS.tokenAttempts))) throw invalidLink();
        const current = await repo.findUserById(tx, row.userId!);
        // The link proves the address it was sent to, not whatever the account holds now.
        if (!current || current.email?.toLowerCase() !== row.target.toLowerCase()) throw invalidLink();
        return current.emailVerifiedAt
          ? current
          : repo.updateUser(tx, current.id, { emailVerifiedAt: new Date() });
      });
      return toUser(user!);
    },

    async resendVerification(userId: string): Promise<void> {
      const user = await activeUser(userId);
      if (!user.email) throw badRequest('This account has no email address');
      if (user.emailVerifiedAt)
        throw conflict('This email address is already verified', undefined, 'already_verified');
      const budget = await underSendBudget('verify', user.email);
      if (!budget.ok) throw rateLimited(budget.retryAfter, 'Too many emails sent. Please try again later.');
      await sendVerification(user);
    },

    /** Answers the same whether or not the address has an account; the mail goes out in the background. */
    async forgotPassword(email: string, source: string): Promise<void> {
      const work = async () => {
        const user = await repo.findUserByEmail(db, email);
        if (!user?.email || user.blockedAt) return;
        if (!(await underSendBudget('reset', user.email, source)).ok) return;
        const token = await createLinkToken(
          user.id,
          'reset_password',
          user.email,
          LIMITS.resetPasswordMinutes * 60_000,
        );
        const url = `${config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
        await sendMail(
          user.email,
          passwordResetEmail({ name: user.name, url, expiresInMinutes: LIMITS.resetPasswordMinutes }),
        );
      };
      // Not awaited: the response time must not tell whether the account exists.
      work().catch((err: unknown) =>
        logger.error({ err: (err as Error).message }, 'password reset mail failed'),
      );
    },

    /** Sets the new password, and ends every session: whoever knew the old one is out. */
    async resetPassword(token: string, password: string): Promise<void> {
      const row = await checkLinkToken(token, 'reset_password');
      const passwordHash = await hashPassword(password, rounds);
      const reset = await db.transaction(async (tx) => {
        if (!(await repo.consumeToken(tx, row.id, LIMITS.tokenAttempts))) throw invalidLink();
        const user = await repo.findUserById(tx, row.userId!);
        if (!user || user.blockedAt) throw invalidLink();
        const now = new Date();
        // The reset proves the email and nothing else. A number verified before the last proof of the
        // email (or never) may have been attached by whoever knew an earlier password (a pre-hijack:
        // someone registered this address with their own phone): it stops signing anyone in.
        const keepMobile =
          user.mobile !== null &&
          user.mobileVerifiedAt !== null &&
          user.passwordResetAt !== null &&
          user.mobileVerifiedAt > user.passwordResetAt;
        await repo.updateUser(tx, user.id, {
          passwordHash,
          passwordResetAt: now,
          ...(user.mobile !== null && !keepMobile ? { mobile: null, mobileVerifiedAt: null } : {}),
          // The link reached the inbox, which proves the address.
          ...(user.emailVerifiedAt || user.email?.toLowerCase() !== row.target.toLowerCase()
            ? {}
            : { emailVerifiedAt: new Date() }),
        });
        await repo.revokeAllRefreshTokens(tx, user.id);
        await repo.retireTokens(tx, 'reset_password', { userId: user.id });
        await repo.retireTokens(tx, 'verify_mobile', { userId: user.id });
        return { user, dropped: user.mobile !== null && !keepMobile };
      });
      await announce({ userId: reset.user.id, reason: 'password' });
      const dropped = reset.dropped ? reset.user : null;
      if (dropped)
        await noticeMobileChange(dropped, null, 'by the password reset; add it again from your profile with a code');

    },

    async requestOtp(mobile: string, source: string): Promise<{ expiresInSeconds: number }> {
      await admitCode('otp', mobile, source, source);
      const code = randomOtp();
      await db.transaction(async (tx) => {
        await repo.retireTokens(tx, 'otp_login', { target: mobile });
        await repo.insertOneTimeToken(tx, {
          userId: null,
          purpose: 'otp_login',
          target: mobile,
          codeHash: hashCode(config.jwtSecret, mobile, code),
          expiresAt: new Date(Date.now() + LIMITS.otpMinutes * 60_000),
        });
      });
      await deliverCode(mobile, otpSms({ code, expiresInMinutes: LIMITS.otpMinutes }), () =>
        repo.retireTokens(db, 'otp_login', { target: mobile }),
      );
      return { expiresInSeconds: LIMITS.otpMinutes * 60 };
    },

    /** Logs in with the code; the first login of a number creates its account. */
    async verifyOtp(mobile: string, code: string): Promise<Authenticated & { isNewUser: boolean }> {
      const wrong = () => new AppError(401, 'invalid_code', 'The code is incorrect or has expired');
      const row = await repo.findLatestLiveToken(db, 'otp_login', mobile);
      if (!row || row.attempts >= LIMITS.tokenAttempts) throw wrong();
      if (!sameHash(row.codeHash, hashCode(config.jwtSecret, mobile, code))) {
        await repo.addTokenAttempt(db, row.id);
        throw wrong();
      }
      const result = await db.transaction(async (tx) => {
        if (!(await repo.consumeToken(tx, row.id, LIMITS.tokenAttempts))) throw wrong();
        const existing = await repo.findUserByMobile(tx, mobile);
        // A number attached without proof signs nobody in: the code proves the caller holds the number,
        // not that the account's owner put it there.
        if (existing && !existing.mobileVerifiedAt) throw unverifiedNumber();
        if (existing) return { user: existing, isNewUser: false };
        const created = await repo.insertUserByMobile(tx, `Customer ${mobile.slice(-4)}`, mobile);
        if (created) return { user: created, isNewUser: true };
        const winner = (await repo.findUserByMobile(tx, mobile))!;
        if (!winner.mobileVerifiedAt) throw unverifiedNumber();
        return { user: winner, isNewUser: false };
      });
      if (result.user.blockedAt) throw blocked();
      return {
        user: toUser(result.user),
        isNewUser: result.isNewUser,
        session: await issueSession(result.user),
      };
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
