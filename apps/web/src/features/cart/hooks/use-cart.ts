import { useCallback, useMemo } from 'react';
import { useStore } from 'react-redux';
import { notify } from '@/lib/notify';
import { useAppDispatch, useAppSelector } from '@/app/hooks';
import type { RootState } from '@/app/store';
import { errorMessage } from '@/lib/api';
import { authApi, useCurrentUser } from '@/features/auth/api/auth.api';
import { selectLocation } from '@/features/location/location.slice';
import { cartApi, useGetCartQuery } from '../api/cart.api';
import { guestQuantitySet, selectGuestItems } from '../cart.slice';
import type { Bill, Cart, CartLine, CartProductSnapshot } from '../types';

export interface CartView {
  /** `true` until we know whether someone is logged in (and, if so, their cart arrived). */
  isLoading: boolean;
  isGuest: boolean;
  lines: CartLine[];
  count: number;
  /** Item total at selling price: the server's figure when logged in, a display sum for a guest. */
  itemTotal: number;
  bill: Bill | null;
  cart: Cart | null;
}

const noLines: CartLine[] = [];
const selectProfile = authApi.endpoints.getProfile.select();

/** The saved address the shopper chose in the header or at checkout; the server prices the cart for it. */
export function useCartAddressId(): string | undefined {
  return useAppSelector(selectLocation)?.addressId;
}

/**
 * The cart's lines straight from the store, without subscribing to any request. Every product card reads
 * this, so it must be cheap: it returns the cached array itself and re-renders nobody unless the cart changes.
 */
export function selectCartLines(state: RootState): CartLine[] {
  if (!selectProfile(state).data) return selectGuestItems(state);
  const addressId = selectLocation(state)?.addressId;
  return cartApi.endpoints.getCart.select({ addressId })(state).data?.items ?? noLines;
}

export function useCartLines(): CartLine[] {
  return useAppSelector(selectCartLines);
}

/** One view of the cart whoever is shopping: the server cart when logged in, the device's guest cart otherwise. */
export function useCart(): CartView {
  const { user, isLoading: userLoading } = useCurrentUser();
  const addressId = useCartAddressId();
  const { data: cart, isLoading: cartLoading } = useGetCartQuery({ addressId }, { skip: !user });
  const guestItems = useAppSelector(selectGuestItems);

  return useMemo(() => {
    const lines = user ? (cart?.items ?? []) : guestItems;
    const count = lines.reduce((sum, line) => sum + line.quantity, 0);
    const itemTotal =
      user && cart ? cart.bill.itemTotal : lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
    return {
      isLoading: userLoading || (!!user && cartLoading),
      isGuest: !user,
      lines,
      count,
      itemTotal,
      bill: user ? (cart?.bill ?? null) : null,
      cart: user ? (cart ?? null) : null,
    };
  }, [user, userLoading, cart, cartLoading, guestItems]);
}

/**
 * Sets a line's quantity. Reads the session and the cart at call time (not through subscriptions), so the
 * dozens of ADD buttons on a page cost nothing until one is pressed.
 */
export function useSetQuantity(): (product: CartProductSnapshot, quantity: number) => void {
  const dispatch = useAppDispatch();
  const store = useStore<RootState>();

  return useCallback(
    (product: CartProductSnapshot, quantity: number) => {
      const max = product.maxPerOrder > 0 ? product.maxPerOrder : Number.POSITIVE_INFINITY;
      if (quantity > max) {
        notify.info(`You can buy at most ${product.maxPerOrder} of this item per order.`, {
          id: 'max-per-order',
        });
        return;
      }
      const next = Math.max(0, quantity);
      const state = store.getState();
      if (!selectProfile(state).data) {
        dispatch(guestQuantitySet({ product, quantity: next }));
        return;
      }
      const addressId = selectLocation(state)?.addressId;
      const isNew = !selectCartLines(state).some((line) => line.variantId === product.variantId);
      dispatch(
        cartApi.endpoints.setCartQuantity.initiate({
          variantId: product.variantId,
          quantity: next,
          isNew,
          addressId,
        }),
      )
        .unwrap()
        .catch((error: unknown) => notify.error(errorMessage(error, 'Could not update your cart.')));
    },
    [dispatch, store],
  );
}
