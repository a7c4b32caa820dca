import type { WhenShort } from '@fatafat/contracts/floor-rules';
import { api } from '@/lib/api';
import type { OtpRequestResponse } from '@fatafat/contracts/users';
import type { LoginInput, RegisterInput, User } from '../types';
import { authApi, hasSessionHint, setSessionHint, type UserResponse } from './auth.api';

// Set before the request finishes, so the profile refetch that login triggers already sees it.
async function rememberSession(_arg: unknown, { queryFulfilled }: { queryFulfilled: Promise<unknown> }) {
  const before = hasSessionHint();
  setSessionHint(true);
  try {
    await queryFulfilled;
  } catch {
    setSessionHint(before);
  }
}

// Logging in or out changes whose cart, addresses and orders we are looking at: drop them all.
const sessionTags = ['Profile', 'Cart', 'Address', 'Order', 'OrderList'] as const;

/** Logging in and out, and managing the account: injected by the pages and menus that need it. */
export const accountApi = api.injectEndpoints({
  endpoints: (build) => ({
    login: build.mutation<User, LoginInput>({
      query: (body) => ({ url: '/user/login', method: 'POST', body }),
      transformResponse: (response: UserResponse) => response.user,
      extraOptions: { quiet: true },
      onQueryStarted: rememberSession,
      invalidatesTags: [...sessionTags],
    }),
    register: build.mutation<User, RegisterInput>({
      query: (body) => ({ url: '/user/register', method: 'POST', body }),
      transformResponse: (response: UserResponse) => response.user,
      extraOptions: { quiet: true },
      onQueryStarted: rememberSession,
      invalidatesTags: [...sessionTags],
    }),
    requestOtp: build.mutation<OtpRequestResponse, { mobile: string }>({
      query: (body) => ({ url: '/user/otp/request', method: 'POST', body }),
      extraOptions: { quiet: true },
    }),
    verifyOtp: build.mutation<User, { mobile: string; code: string }>({
      query: (body) => ({ url: '/user/otp/verify', method: 'POST', body }),
      transformResponse: (response: UserResponse) => response.user,
      extraOptions: { quiet: true },
      onQueryStarted: rememberSession,
      invalidatesTags: [...sessionTags],
    }),
    logout: build.mutation<void, void>({
      query: () => ({ url: '/user/logout', method: 'POST' }),
      // Become a guest in the cache at once instead of refetching: a refetch of the cart, addresses or
      // orders would race the profile and ask the server for them without a session (a 401 for nothing).
      // Their cached copies are no longer shown (those queries are skipped for guests), and the next
      // login invalidates them.
      onQueryStarted: async (_arg, { dispatch, queryFulfilled }) => {
        setSessionHint(false);
        await queryFulfilled.catch(() => undefined);
        dispatch(authApi.util.upsertQueryData('getProfile', undefined, null));
      },
    }),
    verifyEmail: build.mutation<void, { token: string }>({
      query: (body) => ({ url: '/user/verify-email', method: 'POST', body }),
      extraOptions: { quiet: true },
      invalidatesTags: ['Profile'],
    }),
    resendVerification: build.mutation<void, void>({
      query: () => ({ url: '/user/verify-email/resend', method: 'POST' }),
      extraOptions: { quiet: true },
    }),
    forgotPassword: build.mutation<void, { email: string }>({
      query: (body) => ({ url: '/user/forgot-password', method: 'POST', body }),
      extraOptions: { quiet: true },
    }),
    resetPassword: build.mutation<void, { token: string; password: string }>({
      query: (body) => ({ url: '/user/reset-password', method: 'POST', body }),
      extraOptions: { quiet: true },
    }),
    changePassword: build.mutation<void, { currentPassword?: string; newPassword: string }>({
      query: (body) => ({ url: '/user/password', method: 'PUT', body }),
      extraOptions: { quiet: true },
    }),
    requestMobileChange: build.mutation<OtpRequestResponse, { mobile: string }>({
      query: (body) => ({ url: '/user/mobile/request', method: 'POST', body }),
      extraOptions: { quiet: true },
    }),
    verifyMobileChange: build.mutation<User, { mobile: string; code: string }>({
      query: (body) => ({ url: '/user/mobile/verify', method: 'POST', body }),
      transformResponse: (response: UserResponse) => response.user,
      extraOptions: { quiet: true },
      invalidatesTags: ['Profile'],
    }),
    /** Name, or `mobile: null` to remove the number; a new number goes through the code above. */
    updateProfile: build.mutation<User, { name?: string; mobile?: null; whenShort?: WhenShort }>({
      query: (body) => ({ url: '/user/update', method: 'PUT', body }),
      transformResponse: (response: UserResponse) => response.user,
      extraOptions: { quiet: true },
      invalidatesTags: ['Profile'],
    }),
    uploadAvatar: build.mutation<User, File>({
      query: (file) => {
        const body = new FormData();
        body.append('avatar', file);
        return { url: '/user/avatar', method: 'POST', body };
      },
      transformResponse: (response: UserResponse) => response.user,
      extraOptions: { quiet: true },
      invalidatesTags: ['Profile'],
    }),
  }),
});

export const {
  useLoginMutation,
  useRegisterMutation,
  useRequestOtpMutation,
  useVerifyOtpMutation,
  useLogoutMutation,
  useVerifyEmailMutation,
  useResendVerificationMutation,
  useForgotPasswordMutation,
  useResetPasswordMutation,
  useChangePasswordMutation,
  useUpdateProfileMutation,
  useRequestMobileChangeMutation,
  useVerifyMobileChangeMutation,
  useUploadAvatarMutation,
} = accountApi;
