import { api } from '@/lib/api';
import type {
  Order,
  OrderPage,
  PaymentsConfig,
  PlaceOrderInput,
  PlaceOrderResult,
  RazorpayVerifyInput,
  RazorpayVerifyResult,
  ReorderResult,
} from '../types';

export const ordersApi = api.injectEndpoints({
  endpoints: (build) => ({
    placeOrder: build.mutation<PlaceOrderResult, PlaceOrderInput>({
      query: ({ idempotencyKey, ...body }) => ({
        url: '/order',
        method: 'POST',
        body,
        // The same key on a retry (double tap, flaky network) returns the same order, never a second one.
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
      extraOptions: { quiet: true },
      invalidatesTags: ['Cart', 'OrderList', 'Product'],
    }),
    getOrders: build.infiniteQuery<OrderPage, void, string | null>({
      infiniteQueryOptions: {
        initialPageParam: null,
        getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
      },
      query: ({ pageParam }) =>
        `/order/history${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`,
      providesTags: ['OrderList'],
    }),
    getOrder: build.query<Order, string>({
      query: (id) => `/order/${encodeURIComponent(id)}`,
      transformResponse: (response: { order: Order }) => response.order,
      providesTags: (_result, _error, id) => [{ type: 'Order', id }],
    }),
    cancelOrder: build.mutation<Order | null, { id: string; reason?: string }>({
      query: ({ id, reason }) => ({
        url: `/order/${encodeURIComponent(id)}/cancel`,
        method: 'POST',
        body: reason ? { reason } : {},
      }),
      transformResponse: (response: { order?: Order } | null) => response?.order ?? null,
      extraOptions: { quiet: true },
      invalidatesTags: (_result, _error, { id }) => [{ type: 'Order', id }, 'OrderList', 'Product'],
    }),
    /** The customer's answer to a proposed substitute; the answer is the order as it now is. */
    answerSubstitution: build.mutation<Order, { orderId: string; variantId: string; accept: boolean }>({
      query: ({ orderId, variantId, accept }) => ({
        url: `/order/${encodeURIComponent(orderId)}/substitutions/${encodeURIComponent(variantId)}`,
        method: 'POST',
        body: { accept },
      }),
      transformResponse: (response: { order: Order }) => response.order,
      extraOptions: { quiet: true },
      async onQueryStarted({ orderId }, { dispatch, queryFulfilled }) {
        const { data } = await queryFulfilled.catch(() => ({ data: null }));
        if (data) dispatch(ordersApi.util.upsertQueryData('getOrder', orderId, data));
      },
    }),
    reorder: build.mutation<ReorderResult, string>({
      query: (id) => ({ url: `/order/${encodeURIComponent(id)}/reorder`, method: 'POST' }),
      extraOptions: { quiet: true },
      invalidatesTags: ['Cart'],
    }),
    // Razorpay Checkout's success callback, passed on so the order is confirmed without waiting for the webhook.
    verifyRazorpayPayment: build.mutation<RazorpayVerifyResult, RazorpayVerifyInput>({
      query: (body) => ({ url: '/payments/razorpay/verify', method: 'POST', body }),
      extraOptions: { quiet: true },
      invalidatesTags: (_result, _error, { orderId }) => [{ type: 'Order', id: orderId }, 'OrderList'],
    }),
    getPaymentConfig: build.query<PaymentsConfig, void>({
      query: () => '/payments/config',
      extraOptions: { quiet: true },
      keepUnusedDataFor: 3600,
    }),
  }),
});

export const {
  usePlaceOrderMutation,
  useGetOrdersInfiniteQuery,
  useGetOrderQuery,
  useCancelOrderMutation,
  useReorderMutation,
  useAnswerSubstitutionMutation,
  useGetPaymentConfigQuery,
  useVerifyRazorpayPaymentMutation,
} = ordersApi;
