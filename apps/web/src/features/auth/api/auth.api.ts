import { api } from '@/lib/api';
import type { OtpRequestResponse } from '@fatafat/contracts/users';
import type { LoginInput, RegisterInput, User } from '../types';

interface UserResponse {
  user: User;
}

/**
 * A non-secret hint that this browser has logged in, so a guest's first visit doesn't ask for a profile
 * only to get a 401 (noise in the console and a wasted request). The session itself stays in HttpOnly
 * cookies; this flag grants nothing.
 */
const SESSION_HINT = 'fatafat:has-session';
function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT) === '1';
  } catch {
    return true;
  }
}
function setSessionHint(on: boolean): void {
  try {
    if (on) localStorage.setItem(SESSION_HINT, '1');
    else localStorage.removeItem(SESSION_HINT);
  } catch {
    // Storage blocked: we simply ask the server every time.
  }
}
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

export const authApi = api.injectEndpoints({
  endpoints: (build) => ({
    // A guest gets 401 here; that is an answer ("nobody is logged in"), not a failure to report.
    getProfile: build.query<User | null, void>({
      queryFn: async (_arg, _api, _extra, baseQuery) => {
        if (!hasSessionHint()) return { data: null };
        const result = await baseQuery({ url: '/user/profile' });
        if (result.error) {
          if (result.error.status === 401 || result.error.status === 403) {
            setSessionHint(false);
            return { data: null };
          }
          return { error: result.error };
        }
        return { data: (result.data as UserResponse).user };
      },
      extraOptions: { quiet: true },
      providesTags: ['Profile'],
    }),
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
      onQueryStarted: () => setSessionHint(false),
      invalidatesTags: [...sessionTags],
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
    updateProfile: build.mutation<User, { name?: string; mobile?: string | null }>({
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
  useGetProfileQuery,
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
  useUploadAvatarMutation,
} = authApi;

/** The logged-in user, `null` for a guest, `undefined` while we do not know yet. */
export function useCurrentUser(): { user: User | null | undefined; isLoading: boolean } {
  const { data, isLoading } = useGetProfileQuery();
  return { user: data, isLoading };
}
