import { describe, expect, it } from 'vitest';
import { cartSlice, guestCartCleared, guestQuantitySet } from './cart.slice';
import type { CartProductSnapshot } from './types';

const milk: CartProductSnapshot = {
  variantId: 'v-milk',
  productId: 'p-milk',
  slug: 'amul-taaza',
  name: 'Amul Taaza Toned Milk',
  label: '500 ml',
  imageUrl: null,
  price: 2700,
  mrp: 2900,
  maxPerOrder: 3,
  available: true,
};

const reduce = cartSlice.reducer;

describe('guest cart', () => {
  it('when a product is added, then it becomes a line with that quantity', () => {
    const state = reduce(undefined, guestQuantitySet({ product: milk, quantity: 1 }));
    expect(state.guestItems).toHaveLength(1);
    expect(state.guestItems[0]).toMatchObject({ variantId: 'v-milk', quantity: 1 });
  });

  it('when the quantity goes past the max per order, then it is capped', () => {
    const state = reduce(undefined, guestQuantitySet({ product: milk, quantity: 9 }));
    expect(state.guestItems[0]?.quantity).toBe(3);
  });

  it('when the quantity drops to zero, then the line is removed', () => {
    let state = reduce(undefined, guestQuantitySet({ product: milk, quantity: 2 }));
    state = reduce(state, guestQuantitySet({ product: milk, quantity: 0 }));
    expect(state.guestItems).toEqual([]);
  });

  it('when the cart is cleared after a merge, then nothing is left on the device', () => {
    let state = reduce(undefined, guestQuantitySet({ product: milk, quantity: 2 }));
    state = reduce(state, guestCartCleared());
    expect(state.guestItems).toEqual([]);
  });
});
