import { z } from 'zod';
import { SmsNumber } from './common';
import { WHEN_SHORT } from './floor-rules';

/** staff = a store manager; picker, rider and staff work at one store; admins run every store. */
export const Role = z.enum(['customer', 'picker', 'rider', 'staff', 'admin']);
export type Role = z.infer<typeof Role>;

/** Emails are compared case-insensitively; the API stores and answers them lower-cased. */
export const Email = z.string().trim().toLowerCase().pipe(z.email('must be a valid email address').max(254));

/** bcrypt only reads the first 72 bytes, so longer passwords are refused rather than silently cut. */
export const Password = z
  .string()
  .min(8, 'must be at least 8 characters')
  .refine((s) => new TextEncoder().encode(s).length <= 72, 'must be at most 72 bytes');

export const PersonName = z.string().trim().min(1, 'is required').max(80);

/** The account as every response shows it. Never carries the password hash. */
export const User = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  role: Role,
  /** The store a picker, rider or store manager works at; null for customers and admins. */
  storeId: z.string().nullable(),
  emailVerified: z.boolean(),
  /** False for a number attached before numbers needed a code: it signs nobody in until verified. */
  mobileVerified: z.boolean(),
  avatarUrl: z.string().nullable(),
  /** The default for each cart line's "if it is out of stock" choice. */
  whenShort: z.enum(WHEN_SHORT),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const UserResponse = z.object({ user: User });
export type UserResponse = z.infer<typeof UserResponse>;

export const MessageResponse = z.object({ message: z.string() });
export type MessageResponse = z.infer<typeof MessageResponse>;

export const RegisterBody = z.object({ name: PersonName, email: Email, password: Password }).strict();
export type RegisterBody = z.infer<typeof RegisterBody>;

/** Login does not apply the password rules: an old password shorter than today's minimum still logs in. */
export const LoginBody = z
  .object({ email: Email, password: z.string().min(1, 'is required').max(200) })
  .strict();
export type LoginBody = z.infer<typeof LoginBody>;

/**
 * Role and email can never be changed here: the strict schema rejects them. The mobile number can only be
 * removed here (null); a new one is attached by proving it with a code (MobileChangeBody, MobileVerifyBody).
 */
export const UpdateProfileBody = z
  .object({
    name: PersonName.optional(),
    mobile: z
      .null({ error: 'can only be removed here; add a number with a code (POST /api/user/mobile/request)' })
      .optional(),
    whenShort: z.enum(WHEN_SHORT).optional(),
  })
  .strict()
  .refine((b) => b.name !== undefined || b.mobile !== undefined || b.whenShort !== undefined, 'give at least one of name, mobile, whenShort');
export type UpdateProfileBody = z.input<typeof UpdateProfileBody>;

/** Links in emails carry `<id>.<secret>`; the id finds the row so wrong guesses count against it. */
export const EmailToken = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[A-Za-z0-9_-]{20,100}$/, 'is not a valid token');

export const VerifyEmailBody = z.object({ token: EmailToken }).strict();
export type VerifyEmailBody = z.infer<typeof VerifyEmailBody>;

export const ForgotPasswordBody = z.object({ email: Email }).strict();
export type ForgotPasswordBody = z.infer<typeof ForgotPasswordBody>;

export const ResetPasswordBody = z.object({ token: EmailToken, password: Password }).strict();
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>;

/** currentPassword may be left out only by accounts that have none yet (created by mobile OTP). */
export const ChangePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(200).optional(), newPassword: Password })
  .strict();
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const OtpCode = z.string().regex(/^[0-9]{6}$/, 'must be the 6-digit code');

export const OtpRequestBody = z.object({ mobile: SmsNumber }).strict();
export type OtpRequestBody = z.input<typeof OtpRequestBody>;

export const OtpRequestResponse = z.object({ message: z.string(), expiresInSeconds: z.number().int() });
export type OtpRequestResponse = z.infer<typeof OtpRequestResponse>;

export const OtpVerifyBody = z.object({ mobile: SmsNumber, code: OtpCode }).strict();
export type OtpVerifyBody = z.input<typeof OtpVerifyBody>;

/** isNewUser: the account was created by this login, so the app can ask for a name. */
export const OtpVerifyResponse = z.object({ user: User, isNewUser: z.boolean() });
export type OtpVerifyResponse = z.infer<typeof OtpVerifyResponse>;

/** Asks for a code by SMS to the number that should replace (or become) the account's mobile. */
export const MobileChangeBody = z.object({ mobile: SmsNumber }).strict();
export type MobileChangeBody = z.input<typeof MobileChangeBody>;

/** The code sent to the new number: entering it attaches the number to the account. */
export const MobileVerifyBody = z.object({ mobile: SmsNumber, code: OtpCode }).strict();
export type MobileVerifyBody = z.input<typeof MobileVerifyBody>;

/** Multipart form field that carries the avatar image. */
export const AVATAR_FIELD = 'avatar';
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
