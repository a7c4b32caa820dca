import { IdParams } from '@fatafat/contracts/common';
import {
  Coupon,
  CouponList,
  CouponListQuery,
  CouponUsage,
  CreateCouponBody,
  UpdateCouponBody,
} from '@fatafat/contracts/coupons';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import {
  adminCouponUsage,
  adminCreateCoupon,
  adminDisableCoupon,
  adminListCoupons,
  adminUpdateCoupon,
} from './coupons.service';

export function registerCouponRoutes(api: ApiRouter, deps: AppDeps): void {
  const tag = 'admin: coupons';
  api.route(
    { method: 'get', path: '/admin/coupons', summary: 'List coupons with redemption counts', tag, auth: 'admin', query: CouponListQuery, response: CouponList },
    ({ query }) => adminListCoupons(deps.db, query),
  );
  api.route(
    { method: 'post', path: '/admin/coupons', summary: 'Create a coupon', tag, auth: 'admin', body: CreateCouponBody, response: Coupon, status: 201, errors: [409] },
    ({ body }) => adminCreateCoupon(deps.db, body),
  );
  for (const method of ['put', 'patch'] as const) {
    api.route(
      { method, path: '/admin/coupons/:id', summary: 'Change a coupon (any subset of fields)', tag, auth: 'admin', params: IdParams, body: UpdateCouponBody, response: Coupon, errors: [409] },
      ({ params, body }) => adminUpdateCoupon(deps.db, params.id, body),
    );
  }
  api.route(
    { method: 'post', path: '/admin/coupons/:id/disable', summary: 'Disable a coupon (kept for the orders that used it)', tag, auth: 'admin', params: IdParams, response: Coupon },
    ({ params }) => adminDisableCoupon(deps.db, params.id),
  );
  api.route(
    { method: 'get', path: '/admin/coupons/:id/usage', summary: 'A coupon and the orders that redeemed it', tag, auth: 'admin', params: IdParams, response: CouponUsage },
    ({ params }) => adminCouponUsage(deps.db, params.id),
  );
}
