import {
  createApi,
  fetchBaseQuery,
  type BaseQueryFn,
  type FetchArgs,
  type FetchBaseQueryError,
} from '@reduxjs/toolkit/query/react';
import { notify } from '@/lib/notify';
import { env } from '@/config/env';

/** The API's one error envelope: `{ error: { code, message, details? } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const rawBaseQuery = fetchBaseQuery({
  baseUrl: env.apiBase,
  // Auth lives in HttpOnly cookies; the browser attaches them, no token ever touches JS.
  credentials: 'include',
});

// Several requests can hit a 401 at once (say the cart and the profile after the access cookie expired).
// They all wait for the same refresh instead of racing each other and revoking the rotated token. Live
// streams (which the server ends when the access cookie expires) renew through the same single flight.
let refreshing: Promise<boolean> | null = null;

// A page being left closes its live streams, which reads to them like a refusal. A refresh started then
// rotates the token at the server while the browser may drop the answer (and its new cookie) with the
// page; the next refresh would present the old token and end the session as if it had leaked.
let leaving = false;
if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => (leaving = true));
  window.addEventListener('pageshow', () => (leaving = false));
}

/** Rotates the session cookies; true when the session is still good. */
export function renewSession(): Promise<boolean> {
  if (leaving) return Promise.resolve(false);
  // keepalive: the answer (its Set-Cookie) is kept even if the page goes away while it is in flight.
  refreshing ??= fetch(`${env.apiBase}/user/refresh`, { method: 'POST', credentials: 'include', keepalive: true })
    .then(
      (res) => res.ok,
      () => false,
    )
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

function isAuthUrl(args: string | FetchArgs): boolean {
  const url = typeof args === 'string' ? args : args.url;
  return /^\/user\/(login|register|refresh|logout|otp)/.test(url);
}

/** Requests whose failure the caller already explains, so the global toast stays quiet. */
export interface QuietExtra {
  quiet?: boolean;
}

const baseQueryWithRefresh: BaseQueryFn<
  string | FetchArgs,
  unknown,
  FetchBaseQueryError,
  QuietExtra
> = async (args, api, extraOptions = {}) => {
  let result = await rawBaseQuery(args, api, extraOptions);
  if (result.error?.status === 401 && !isAuthUrl(args)) {
    if (await renewSession()) {
      result = await rawBaseQuery(args, api, extraOptions);
    }
  }
  const error = result.error;
  if (error && !extraOptions.quiet) {
    if (error.status === 'FETCH_ERROR') {
      notify.error('You seem to be offline. Check your connection and try again.', { id: 'offline' });
    } else if (typeof error.status === 'number' && error.status >= 500) {
      notify.error('Something went wrong on our side. Please try again.', { id: 'server-error' });
    } else if (error.status === 429) {
      notify.error('Too many requests — give it a few seconds.', { id: 'rate-limit' });
    }
  }
  return result;
};

export const api = createApi({
  reducerPath: 'api',
  baseQuery: baseQueryWithRefresh,
  tagTypes: ['Profile', 'Cart', 'Address', 'Order', 'OrderList', 'Product', 'Category', 'RiderTasks', 'Wallet'],
  // Features add their endpoints with injectEndpoints; nothing is defined here.
  endpoints: () => ({}),
});

/** Extracts a human sentence from any RTK Query error (API envelope, network failure or thrown value). */
export function errorMessage(error: unknown, fallback = 'Something went wrong. Please try again.'): string {
  if (!error || typeof error !== 'object') return fallback;
  if ('data' in error) {
    const data = (error as { data: unknown }).data;
    if (data && typeof data === 'object' && 'error' in data) {
      const body = (data as ApiErrorBody).error;
      if (body && typeof body.message === 'string') return body.message;
    }
  }
  if ('status' in error && (error as { status: unknown }).status === 'FETCH_ERROR') {
    return 'You seem to be offline. Check your connection and try again.';
  }
  return fallback;
}

/** The API's error code (`out_of_stock`, `invalid_input`…) when there is one. */
export function errorCode(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'data' in error) {
    const data = (error as { data: unknown }).data;
    if (data && typeof data === 'object' && 'error' in data) return (data as ApiErrorBody).error?.code;
  }
  return undefined;
}

export function errorStatus(error: unknown): number | string | undefined {
  if (error && typeof error === 'object' && 'status' in error)
    return (error as { status: number | string }).status;
  return undefined;
}

export function errorDetails(error: unknown): unknown {
  if (error && typeof error === 'object' && 'data' in error) {
    const data = (error as { data: unknown }).data;
    if (data && typeof data === 'object' && 'error' in data) return (data as ApiErrorBody).error?.details;
  }
  return undefined;
}
