/**
 * Accounts: registration, password and OTP login, rotating refresh sessions, email verification,
 * password reset, profile. Plain data in and out; the routes turn sessions into cookies.
 */
import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { ChangePasswordBody, RegisterBody, User } from '@fatafat/contracts/users';
import type { AppDeps } from '../../deps';
import { signAccessToken } from '../../http/auth-context';
import { AppError, badRequest, conflict, unauthorized } from '../../http/errors';
import { rateLimited } from '../../http/rate-limit';
import { otpSms, passwordResetEmail, verificationEmail, type RenderedMail } from '../../lib/mail/templates';
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
  uniqueViolation,
} from './users.tokens';

export const LIMITS = {
  /** Guesses a single code or link accepts before it is dead. */
  tokenAttempts: 5,
  verifyEmailHours: 24,
  resetPasswordMinutes: 60,
  otpMinutes: 10,
  /** Failed logins per account, whatever the per-IP settings say. */
  loginFailures: 10,
  loginFailureWindowSeconds: 15 * 60,
  /** Codes or links sent to one mobile number or email address per window. */
  sendsPerTarget: 5,
  sendWindowSeconds: 15 * 60,
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
    avatarUrl: row.avatarUrl,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function hashPassword(password: string, rounds: number): Promise<string> {
  return bcrypt.hash(password, rounds);
}

export function createUsersService(deps: AppDeps) {
  const { db, config, logger, rateLimitStore } = deps;
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

  /** True when the target is still under its sending budget; sending past it is silently skipped. */
  async function underSendBudget(kind: string, target: string): Promise<{ ok: boolean; retryAfter: number }> {
    const hit = await rateLimitStore.hit(`send:${kind}:${target}`, LIMITS.sendWindowSeconds);
    return { ok: hit.count <= LIMITS.sendsPerTarget, retryAfter: hit.resetInSeconds };
  }

  async function issueSession(user: UserRow, familyId: string = randomUUID()): Promise<Session> {
    const refreshToken = randomSecret();
    await repo.insertRefreshToken(db, {
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + config.refreshTokenTtlDays * 86_400_000),
    });
    const accessToken = signAccessToken(
      { id: user.id, role: user.role, storeId: user.storeId },
      config.jwtSecret,
      config.accessTokenTtlSeconds,
    );
    return { accessToken, refreshToken };
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

    async login(email: string, password: string): Promise<Authenticated> {
      // Counted before the check and cleared on success: the account locks after N failures in a row,
      // and a correct password does not get through while it is locked.
      const key = `login-account:${email.toLowerCase()}`;
      const hit = await rateLimitStore.hit(key, LIMITS.loginFailureWindowSeconds);
      if (hit.count > LIMITS.loginFailures) {
        throw rateLimited(
          hit.resetInSeconds,
          'Too many failed logins for this account. Please try again later.',
        );
      }
      const row = await repo.findUserWithHashByEmail(db, email);
      const ok = await bcrypt.compare(password, row?.passwordHash ?? dummyHash);
      if (!row || !row.passwordHash || !ok)
        throw new AppError(401, 'invalid_credentials', INVALID_CREDENTIALS);
      if (row.blockedAt) throw blocked();
      await rateLimitStore.reset(key);
      return { user: toUser(row), session: await issueSession(row) };
    },

    /** Rotates the refresh token. A token presented twice means it leaked: the whole family dies. */
    async refresh(token: string | undefined): Promise<Authenticated> {
      const expired = () =>
        new AppError(401, 'session_expired', 'Your session has ended. Please log in again.');
      if (!token) throw expired();
      const row = await repo.findRefreshTokenByHash(db, sha256(token));
      if (!row || row.revokedAt) throw expired();
      if (row.rotatedAt) {
        await repo.revokeRefreshFamily(db, row.familyId);
        logger.warn(
          { userId: row.userId, familyId: row.familyId },
          'refresh token reused; session family revoked',
        );
        throw expired();
      }
      if (row.expiresAt <= new Date()) throw expired();
      const user = await repo.findUserById(db, row.userId);
      if (!user || user.blockedAt) {
        await repo.revokeRefreshFamily(db, row.familyId);
        throw expired();
      }
      const rotated = await db.transaction(async (tx) => {
        if (!(await repo.markRefreshTokenRotated(tx, row.id))) return false;
        await repo.deleteExpiredRefreshTokens(tx, row.userId);
        return true;
      });
      if (!rotated) {
        // Lost a race with another use of the same token: that is reuse too.
        await repo.revokeRefreshFamily(db, row.familyId);
        throw expired();
      }
      return { user: toUser(user), session: await issueSession(user, row.familyId) };
    },

    async logout(token: string | undefined): Promise<void> {
      if (!token) return;
      const row = await repo.findRefreshTokenByHash(db, sha256(token));
      if (row) await repo.revokeRefreshFamily(db, row.familyId);
    },

    async profile(userId: string): Promise<User> {
      return toUser(await activeUser(userId));
    },

    async update(
      userId: string,
      body: { name?: string | undefined; mobile?: string | null | undefined },
    ): Promise<User> {
      const current = await activeUser(userId);
      if (body.mobile === null && !current.email) {
        // An account made by mobile OTP with no email would have no way left to log in.
        throw badRequest('body.mobile: cannot be removed from an account without an email', [
          { path: 'body.mobile', message: 'cannot be removed from an account without an email' },
        ]);
      }
      try {
        const row = await repo.updateUser(db, userId, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.mobile !== undefined ? { mobile: body.mobile } : {}),
        });
        if (!row) throw unauthorized();
        return toUser(row);
      } catch (err) {
        if (uniqueViolation(err) !== null) throw conflict('This mobile number belongs to another account');
        throw err;
      }
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
    async forgotPassword(email: string): Promise<void> {
      const work = async () => {
        const user = await repo.findUserByEmail(db, email);
        if (!user?.email || user.blockedAt) return;
        if (!(await underSendBudget('reset', user.email)).ok) return;
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
      await db.transaction(async (tx) => {
        if (!(await repo.consumeToken(tx, row.id, LIMITS.tokenAttempts))) throw invalidLink();
        const user = await repo.findUserById(tx, row.userId!);
        if (!user || user.blockedAt) throw invalidLink();
        await repo.updateUser(tx, user.id, {
          passwordHash,
          // The link reached the inbox, which proves the address.
          ...(user.emailVerifiedAt || user.email?.toLowerCase() !== row.target.toLowerCase()
            ? {}
            : { emailVerifiedAt: new Date() }),
        });
        await repo.revokeAllRefreshTokens(tx, user.id);
        await repo.retireTokens(tx, 'reset_password', { userId: user.id });
      });
      await rateLimitStore.reset(`login-account:${row.target.toLowerCase()}`);
    },

    async requestOtp(mobile: string): Promise<{ expiresInSeconds: number }> {
      const budget = await underSendBudget('otp', mobile);
      if (!budget.ok)
        throw rateLimited(budget.retryAfter, 'Too many codes requested. Please try again later.');
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
      await deps.sms.send({ to: mobile, text: otpSms({ code, expiresInMinutes: LIMITS.otpMinutes }) });
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
        if (existing) return { user: existing, isNewUser: false };
        const created = await repo.insertUserByMobile(tx, `Customer ${mobile.slice(-4)}`, mobile);
        return created
          ? { user: created, isNewUser: true }
          : { user: (await repo.findUserByMobile(tx, mobile))!, isNewUser: false };
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
