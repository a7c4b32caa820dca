import {
  AddCartItemBody,
  ApplyCouponBody,
  Cart,
  CartItemParams,
  CartQuery,
  MergeCartBody,
  SetCartItemBody,
  SetWhenShortBody,
  SetTipBody,
} from '@fatafat/contracts/cart';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import {
  addItem,
  applyCoupon,
  emptyCart,
  getCart,
  mergeCart,
  removeCoupon,
  removeItem,
  setItemQuantity,
  setItemWhenShort,
  setTip,
} from './cart.service';

/** Every cart route answers with the whole cart, so the UI redraws from one response. */
export function registerCartRoutes(api: ApiRouter, deps: AppDeps): void {
  const { db } = deps;
  const tag = 'cart';
  // Every cart answer is the cart; an unknown address or variant is 404, a line beyond its stock or limit 409,
  // a coupon that does not apply 422.
  const common = { tag, auth: 'user' as const, query: CartQuery, response: Cart, errors: [404, 409, 422] };

  api.route({ ...common, method: 'get', path: '/cart', summary: 'The cart with availability, ETA and the bill' }, ({ user, query }) =>
    getCart(db, user.id, query.addressId, deps.clock.now()),
  );
  api.route(
    { ...common, method: 'post', path: '/cart/items', summary: 'Add a variant (quantity capped by its max per order)', body: AddCartItemBody },
    async ({ user, body, query }) => {
      await addItem(db, user.id, body.variantId, body.quantity);
      return getCart(db, user.id, query.addressId, deps.clock.now());
    },
  );
  api.route(
    { ...common, method: 'patch', path: '/cart/items/:variantId', summary: 'Set a line’s quantity (0 removes it)', params: CartItemParams, body: SetCartItemBody },
    async ({ user, params, body, query }) => {
      await setItemQuantity(db, user.id, params.variantId, body.quantity);
      return getCart(db, user.id, query.addressId, deps.clock.now());
    },
  );
  api.route(
    {
      ...common,
      method: 'put',
      path: '/cart/items/:variantId/when-short',
      summary: 'Choose what the store does if this item is out of stock: a similar item, a call, or a refund',
      params: CartItemParams,
      body: SetWhenShortBody,
    },
    async ({ user, params, body, query }) => {
      await setItemWhenShort(db, user.id, params.variantId, body.whenShort);
      return getCart(db, user.id, query.addressId, deps.clock.now());
    },
  );
  api.route(
    { ...common, method: 'delete', path: '/cart/items/:variantId', summary: 'Remove a line', params: CartItemParams },
    async ({ user, params, query }) => {
      await removeItem(db, user.id, params.variantId);
      return getCart(db, user.id, query.addressId, deps.clock.now());
    },
  );
  api.route({ ...common, method: 'delete', path: '/cart', summary: 'Empty the cart (lines, coupon, tip)' }, async ({ user, query }) => {
    await emptyCart(db, user.id);
    return getCart(db, user.id, query.addressId, deps.clock.now());
  });
  api.route(
    { ...common, method: 'post', path: '/cart/merge', summary: 'Merge the browser’s guest cart after login', body: MergeCartBody },
    async ({ user, body, query }) => {
      await mergeCart(db, user.id, body);
      return getCart(db, user.id, query.addressId, deps.clock.now());
    },
  );
  api.route(
    { ...common, method: 'post', path: '/cart/coupon', summary: 'Apply a coupon, or learn why it does not apply (404/422)', body: ApplyCouponBody },
    ({ user, body, query }) => applyCoupon(db, user.id, body.code, query.addressId),
  );
  api.route({ ...common, method: 'delete', path: '/cart/coupon', summary: 'Remove the coupon' }, async ({ user, query }) => {
    await removeCoupon(db, user.id);
    return getCart(db, user.id, query.addressId, deps.clock.now());
  });
  api.route({ ...common, method: 'put', path: '/cart/tip', summary: 'Set the rider tip (paise)', body: SetTipBody }, async ({ user, body, query }) => {
    await setTip(db, user.id, body.tip);
    return getCart(db, user.id, query.addressId, deps.clock.now());
  });
}
