/** /api/user: accounts, sessions (cookies) and profile. Thin: validate, call the service, set cookies. */
import type { CookieOptions, RequestHandler, Response } from 'express';
import multer from 'multer';
import {
  AVATAR_FIELD,
  AVATAR_MAX_BYTES,
  ChangePasswordBody,
  ForgotPasswordBody,
  LoginBody,
  MessageResponse,
  MobileChangeBody,
  MobileVerifyBody,
  OtpRequestBody,
  OtpRequestResponse,
  OtpVerifyBody,
  OtpVerifyResponse,
  RegisterBody,
  ResetPasswordBody,
  UpdateProfileBody,
  UserResponse,
  VerifyEmailBody,
} from '@fatafat/contracts/users';
import type { AppDeps } from '../../deps';
import type { ApiRouter } from '../../http/api-router';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../../http/auth-context';
import { badRequest, unauthorized } from '../../http/errors';
import { rateLimit } from '../../http/rate-limit';
import { createUsersService, type Session } from './users.service';

const TAG = 'user';
/** The refresh cookie only travels to the account routes, never with every API call. */
export const REFRESH_COOKIE_PATH = '/api/user';

export function registerUserRoutes(api: ApiRouter, deps: AppDeps): void {
  const { config } = deps;
  const users = createUsersService(deps);
  const authLimit = rateLimit(deps.rateLimitStore, {
    name: 'auth',
    limit: config.rateLimit.auth,
    windowSeconds: 60,
  });

  const base: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: config.isProduction };
  const setSession = (res: Response, session: Session) => {
    res.cookie(ACCESS_COOKIE, session.accessToken, {
      ...base,
      path: '/',
      maxAge: config.accessTokenTtlSeconds * 1000,
    });
    res.cookie(REFRESH_COOKIE, session.refreshToken, {
      ...base,
      path: REFRESH_COOKIE_PATH,
      maxAge: config.refreshTokenTtlDays * 86_400_000,
    });
  };
  const clearSession = (res: Response) => {
    res.clearCookie(ACCESS_COOKIE, { ...base, path: '/' });
    res.clearCookie(REFRESH_COOKIE, { ...base, path: REFRESH_COOKIE_PATH });
  };
  const refreshCookie = (cookies: unknown) =>
    (cookies as Record<string, string> | undefined)?.[REFRESH_COOKIE];

  // Multipart is parsed only for logged-in callers, so anonymous uploads cost nothing.
  const requireUser: RequestHandler = (req, _res, next) => next(req.user ? undefined : unauthorized());
  const avatarUpload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: AVATAR_MAX_BYTES, files: 1 },
  }).single(AVATAR_FIELD);

  api.route(
    {
      method: 'post',
      path: '/user/register',
      summary: 'Create an account with email and password; logs in and sends a verification email',
      tag: TAG,
      auth: 'public',
      errors: [409],
      body: RegisterBody,
      response: UserResponse,
      status: 201,
      location: () => '/api/user/profile',
      setsCookies: true,
      before: [authLimit],
    },
    async ({ body, res }) => {
      const { user, session } = await users.register(body);
      setSession(res, session);
      return { user };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/user/login',
      summary: 'Log in with email and password; sets the session cookies',
      tag: TAG,
      auth: 'public',
      setsCookies: true,
      errors: [401],
      body: LoginBody,
      response: UserResponse,
      before: [authLimit],
    },
    async ({ body, req, res }) => {
      const { user, session } = await users.login(body.email, body.password, req.ip ?? 'unknown');
      setSession(res, session);
      return { user };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/user/refresh',
      summary:
        'Rotate the refresh cookie and issue a new access cookie (reuse of an old one ends the session)',
      tag: TAG,
      auth: 'public',
      setsCookies: true,
      usesRefreshCookie: true,
      errors: [401],
      response: UserResponse,
    },
    async ({ req, res }) => {
      try {
        const { user, session } = await users.refresh(refreshCookie(req.cookies));
        setSession(res, session);
        return { user };
      } catch (err) {
        clearSession(res);
        throw err;
      }
    },
  );

  api.route(
    {
      method: 'post',
      path: '/user/logout',
      summary: 'End this session: revoke the refresh token and clear the cookies',
      tag: TAG,
      auth: 'public',
      setsCookies: true,
      usesRefreshCookie: true,
      status: 204,
    },
    async ({ req, res }) => {
      await users.logout(refreshCookie(req.cookies));
      clearSession(res);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/user/profile',
      summary: 'The logged-in account',
      tag: TAG,
      auth: 'user',
      response: UserResponse,
    },
    async ({ user }) => ({ user: await users.profile(user.id) }),
  );

  api.route(
    {
      method: 'put',
      path: '/user/update',
      summary: 'Change the name, or remove the mobile number (a new number needs a code: /user/mobile/request)',
      tag: TAG,
      auth: 'user',
      errors: [409],
      body: UpdateProfileBody,
      response: UserResponse,
    },
    async ({ user, body }) => ({ user: await users.update(user.id, body) }),
  );

  api.route(
    {
      method: 'post',
      path: '/user/mobile/request',
      summary: 'Send a code by SMS to a number to add to (or replace on) the account; nothing changes yet',
      tag: TAG,
      auth: 'user',
      errors: [409, 422],
      body: MobileChangeBody,
      response: OtpRequestResponse,
      before: [authLimit],
    },
    async ({ user, body, req }) => {
      const { expiresInSeconds } = await users.requestMobileChange(user.id, body.mobile, req.ip ?? 'unknown');
      return { message: 'We have sent a code by SMS to the new number.', expiresInSeconds };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/user/mobile/verify',
      summary: 'Attach the number with the code sent to it; the old number and the email are told',
      tag: TAG,
      auth: 'user',
      body: MobileVerifyBody,
      response: UserResponse,
      before: [authLimit],
    },
    async ({ user, body }) => ({ user: await users.verifyMobileChange(user.id, body.mobile, body.code) }),
  );

  api.route(
    {
      method: 'put',
      path: '/user/password',
      summary: 'Change the password; ends every other session',
      tag: TAG,
      auth: 'user',
      errors: [403],
      body: ChangePasswordBody,
      response: UserResponse,
      before: [authLimit],
    },
    async ({ user, body, res }) => {
      const result = await users.changePassword(user.id, body);
      setSession(res, result.session);
      return { user: result.user };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/user/avatar',
      summary: `Upload an avatar (multipart field "${AVATAR_FIELD}", JPEG/PNG/WebP/GIF up to 2 MB; stored as 256px WebP)`,
      tag: TAG,
      auth: 'user',
      errors: [415],
      bodyContentType: 'multipart/form-data',
      response: UserResponse,
      before: [requireUser, avatarUpload],
    },
    async ({ user, req }) => {
      if (!req.file)
        throw badRequest(`Attach the image in the "${AVATAR_FIELD}" form field`, [
          { path: `body.${AVATAR_FIELD}`, message: 'is required' },
        ]);
      return { user: await users.setAvatar(user.id, req.file.buffer) };
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/user/avatar',
      summary: 'Remove the avatar',
      tag: TAG,
      auth: 'user',
      response: UserResponse,
    },
    async ({ user }) => ({ user: await users.removeAvatar(user.id) }),
  );

  api.route(
    {
      method: 'post',
      path: '/user/verify-email',
      summary: 'Confirm an email address with the token from the verification link',
      tag: TAG,
      auth: 'public',
      errors: [401],
      body: VerifyEmailBody,
      response: UserResponse,
      before: [authLimit],
    },
    async ({ body }) => ({ user: await users.verifyEmail(body.token) }),
  );

  api.route(
    {
      method: 'post',
      path: '/user/verify-email/resend',
      summary: 'Send a new verification email to the logged-in account',
      tag: TAG,
      auth: 'user',
      response: MessageResponse,
      before: [authLimit],
    },
    async ({ user }) => {
      await users.resendVerification(user.id);
      return { message: 'We have sent a new verification link.' };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/user/forgot-password',
      summary: 'Email a password reset link (same answer whether or not the account exists)',
      tag: TAG,
      auth: 'public',
      body: ForgotPasswordBody,
      response: MessageResponse,
      before: [authLimit],
    },
    async ({ body, req }) => {
      await users.forgotPassword(body.email, req.ip ?? 'unknown');
      return { message: 'If an account exists for this email, a reset link is on its way.' };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/user/reset-password',
      summary: 'Set a new password with the token from the reset link; ends every session',
      tag: TAG,
      auth: 'public',
      errors: [401],
      body: ResetPasswordBody,
      response: MessageResponse,
      before: [authLimit],
    },
    async ({ body, res }) => {
      await users.resetPassword(body.token, body.password);
      clearSession(res);
      return { message: 'Your password has been changed. Please log in.' };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/user/otp/request',
      summary: 'Send a 6-digit login code by SMS',
      tag: TAG,
      auth: 'public',
      errors: [422],
      body: OtpRequestBody,
      response: OtpRequestResponse,
      before: [authLimit],
    },
    async ({ body, req }) => {
      const { expiresInSeconds } = await users.requestOtp(body.mobile, req.ip ?? 'unknown');
      return { message: 'We have sent a code by SMS.', expiresInSeconds };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/user/otp/verify',
      summary: 'Log in with the SMS code; the first login of a number creates its account',
      tag: TAG,
      auth: 'public',
      setsCookies: true,
      errors: [401],
      body: OtpVerifyBody,
      response: OtpVerifyResponse,
      before: [authLimit],
    },
    async ({ body, res }) => {
      const { user, isNewUser, session } = await users.verifyOtp(body.mobile, body.code);
      setSession(res, session);
      return { user, isNewUser };
    },
  );
}
