import { api } from '@/lib/api';
import type { User } from '../types';

export interface UserResponse {
  user: User;
}

/**
 * A non-secret hint that this browser has logged in, so a guest's first visit doesn't ask for a profile
 * only to get a 401 (noise in the console and a wasted request). The session itself stays in HttpOnly
 * cookies; this flag grants nothing.
 */
const SESSION_HINT = 'fatafat:has-session';
export function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT) === '1';
  } catch {
    return true;
  }
}
export function setSessionHint(on: boolean): void {
  try {
    if (on) localStorage.setItem(SESSION_HINT, '1');
    else localStorage.removeItem(SESSION_HINT);
  } catch {
    // Storage blocked: we simply ask the server every time.
  }
}

/**
 * Who is logged in: the one auth request every page makes. Logging in and out, and editing the account,
 * live in account.api.ts, which only the pages and menus that do those things load.
 */
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
  }),
});

export const { useGetProfileQuery } = authApi;

/** The logged-in user, `null` for a guest, `undefined` while we do not know yet. */
export function useCurrentUser(): { user: User | null | undefined; isLoading: boolean } {
  const { data, isLoading } = useGetProfileQuery();
  return { user: data, isLoading };
}
