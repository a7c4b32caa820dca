import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { WHEN_SHORT } from '@fatafat/contracts/floor-rules';
import { createdAt, id, tz, updatedAt } from './columns';

/** Every account role. Store-bound roles (picker, rider, staff) must carry a store (users_store_ck). */
export const ROLES = ['customer', 'picker', 'rider', 'staff', 'admin'] as const;
export const STORE_ROLES = ['picker', 'rider', 'staff'] as const;
export type StoreRole = (typeof STORE_ROLES)[number];
export const isStoreRole = (role: string): role is StoreRole => (STORE_ROLES as readonly string[]).includes(role);

export const users = pgTable(
  'users',
  {
    id: id(),
    name: text('name').notNull(),
    /** Nullable: an account created by mobile OTP may have no email yet. Unique case-insensitively. */
    email: text('email'),
    mobile: text('mobile'),
    /** Set when an OTP sent to the number was entered; an unverified number never signs anyone in. */
    mobileVerifiedAt: tz('mobile_verified_at'),
    passwordHash: text('password_hash'),
    role: text('role', { enum: ROLES }).notNull().default('customer'),
    /** Pickers, riders and staff (store managers) work at one dark store; null for customers and admins. */
    storeId: uuid('store_id'),
    emailVerifiedAt: tz('email_verified_at'),
    /** The last password reset (a proof of the email); numbers verified before it are dropped by it. */
    passwordResetAt: tz('password_reset_at'),
    avatarUrl: text('avatar_url'),
    /** The default for a cart line's "if it is out of stock" choice. */
    whenShort: text('when_short', { enum: WHEN_SHORT }).notNull().default('substitute'),
    blockedAt: tz('blocked_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_lower_uq').on(sql`lower(${t.email})`),
    uniqueIndex('users_mobile_uq').on(t.mobile),
    check('users_role_ck', sql`${t.role} in ('customer', 'picker', 'rider', 'staff', 'admin')`),
    check('users_store_ck', sql`${t.role} not in ('picker', 'rider', 'staff') or ${t.storeId} is not null`),
    check('users_when_short_ck', sql`${t.whenShort} in ('substitute', 'call', 'refund')`),
    index('users_store_role_ix').on(t.storeId, t.role).where(sql`${t.storeId} IS NOT NULL`),
  ],
);

/** Rotating refresh tokens: only the hash is stored; reuse of a rotated token revokes its whole family. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: tz('expires_at').notNull(),
    rotatedAt: tz('rotated_at'),
    revokedAt: tz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_uq').on(t.tokenHash), index('refresh_tokens_family_ix').on(t.familyId)],
);

/** Email verification, password reset and OTP login codes: hashed, expiring, single use, attempt-limited. */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: id(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify_email', 'reset_password', 'otp_login', 'verify_mobile'] }).notNull(),
    /** The email or mobile number the code was sent to. */
    target: text('target').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: tz('expires_at').notNull(),
    usedAt: tz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('one_time_tokens_target_ix').on(t.purpose, t.target)],
);

export const addresses = pgTable(
  'addresses',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text('label', { enum: ['home', 'work', 'other'] }).notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    line1: text('line1').notNull(),
    line2: text('line2'),
    landmark: text('landmark'),
    city: text('city').notNull(),
    state: text('state').notNull(),
    pincode: text('pincode').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('addresses_user_ix').on(t.userId),
    // At most one default address per user, enforced by the database rather than by hope.
    uniqueIndex('addresses_one_default_uq').on(t.userId).where(sql`${t.isDefault}`),
  ],
);
