import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { CartLine, CartProductSnapshot } from './types';

/**
 * Client-only cart state: the guest cart (kept in localStorage until login merges it into the server
 * cart — contents only, never credentials) and whether the drawer is open.
 * Prices in the guest cart are display snapshots; the server re-prices everything.
 */
export interface CartState {
  guestItems: CartLine[];
  drawerOpen: boolean;
}

const initialState: CartState = { guestItems: [], drawerOpen: false };

export const cartSlice = createSlice({
  name: 'cart',
  initialState,
  reducers: {
    guestQuantitySet(state, action: PayloadAction<{ product: CartProductSnapshot; quantity: number }>) {
      const { product, quantity } = action.payload;
      const index = state.guestItems.findIndex((line) => line.variantId === product.variantId);
      const capped = Math.max(0, Math.min(quantity, product.maxPerOrder || quantity));
      if (capped === 0) {
        if (index >= 0) state.guestItems.splice(index, 1);
        return;
      }
      if (index >= 0) state.guestItems[index] = { ...state.guestItems[index]!, quantity: capped };
      // A guest's line takes the shop's default; after login the profile's default applies.
      else state.guestItems.push({ ...product, quantity: capped, whenShort: 'substitute' });
    },
    guestCartCleared(state) {
      state.guestItems = [];
    },
    drawerOpened(state) {
      state.drawerOpen = true;
    },
    drawerClosed(state) {
      state.drawerOpen = false;
    },
  },
  selectors: {
    selectGuestItems: (state) => state.guestItems,
    selectDrawerOpen: (state) => state.drawerOpen,
  },
});

export const { guestQuantitySet, guestCartCleared, drawerOpened, drawerClosed } = cartSlice.actions;
export const { selectGuestItems, selectDrawerOpen } = cartSlice.selectors;
