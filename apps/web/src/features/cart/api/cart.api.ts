import { api } from '@/lib/api';
import type { WhenShort } from '@fatafat/contracts/floor-rules';
import type { Cart } from '../types';

/** The cart (and its bill) is priced for an address: its store decides stock, fees and ETA. */
export interface CartArgs {
  addressId?: string;
}

function withAddress(url: string, addressId: string | undefined): string {
  return addressId ? `${url}?addressId=${encodeURIComponent(addressId)}` : url;
}

export const cartApi = api.injectEndpoints({
  endpoints: (build) => ({
    getCart: build.query<Cart, CartArgs>({
      query: ({ addressId }) => withAddress('/cart', addressId),
      providesTags: ['Cart'],
    }),
    // Every cart route answers with the whole cart; we write it straight into the cache.
    setCartQuantity: build.mutation<Cart, CartArgs & { variantId: string; quantity: number; isNew: boolean }>(
      {
        query: ({ variantId, quantity, isNew, addressId }) =>
          isNew
            ? { url: withAddress('/cart/items', addressId), method: 'POST', body: { variantId, quantity } }
            : {
                url: withAddress(`/cart/items/${encodeURIComponent(variantId)}`, addressId),
                method: 'PATCH',
                body: { quantity },
              },
        extraOptions: { quiet: true },
        // Optimistic stepper: move the number now, roll back if the server says no.
        async onQueryStarted({ variantId, quantity, addressId }, { dispatch, queryFulfilled }) {
          const patch = dispatch(
            cartApi.util.updateQueryData('getCart', { addressId }, (draft) => {
              const line = draft.items.find((item) => item.variantId === variantId);
              if (!line) return;
              if (quantity <= 0) draft.items = draft.items.filter((item) => item.variantId !== variantId);
              else line.quantity = quantity;
            }),
          );
          try {
            const { data } = await queryFulfilled;
            dispatch(cartApi.util.upsertQueryData('getCart', { addressId }, data));
          } catch {
            patch.undo();
          }
        },
      },
    ),
    setWhenShort: build.mutation<Cart, CartArgs & { variantId: string; whenShort: WhenShort }>({
      query: ({ variantId, whenShort, addressId }) => ({
        url: withAddress(`/cart/items/${encodeURIComponent(variantId)}/when-short`, addressId),
        method: 'PUT',
        body: { whenShort },
      }),
      extraOptions: { quiet: true },
      async onQueryStarted({ addressId }, { dispatch, queryFulfilled }) {
        const { data } = await queryFulfilled.catch(() => ({ data: null }));
        if (data) dispatch(cartApi.util.upsertQueryData('getCart', { addressId }, data));
      },
    }),
    mergeCart: build.mutation<Cart, { items: Array<{ variantId: string; quantity: number }> }>({
      query: (body) => ({ url: '/cart/merge', method: 'POST', body }),
      invalidatesTags: ['Cart'],
    }),
    applyCoupon: build.mutation<Cart, CartArgs & { code: string }>({
      query: ({ code, addressId }) => ({
        url: withAddress('/cart/coupon', addressId),
        method: 'POST',
        body: { code },
      }),
      extraOptions: { quiet: true },
      invalidatesTags: ['Cart'],
    }),
    removeCoupon: build.mutation<Cart, CartArgs>({
      query: ({ addressId }) => ({ url: withAddress('/cart/coupon', addressId), method: 'DELETE' }),
      invalidatesTags: ['Cart'],
    }),
    setTip: build.mutation<Cart, CartArgs & { tip: number }>({
      query: ({ tip, addressId }) => ({
        url: withAddress('/cart/tip', addressId),
        method: 'PUT',
        body: { tip },
      }),
      async onQueryStarted({ tip, addressId }, { dispatch, queryFulfilled }) {
        const patch = dispatch(
          cartApi.util.updateQueryData('getCart', { addressId }, (draft) => {
            draft.tip = tip;
          }),
        );
        try {
          const { data } = await queryFulfilled;
          dispatch(cartApi.util.upsertQueryData('getCart', { addressId }, data));
        } catch {
          patch.undo();
        }
      },
    }),
  }),
});

export const {
  useGetCartQuery,
  useSetCartQuantityMutation,
  useMergeCartMutation,
  useApplyCouponMutation,
  useRemoveCouponMutation,
  useSetTipMutation,
  useSetWhenShortMutation,
} = cartApi;
