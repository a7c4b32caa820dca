import { IdParams } from '@fatafat/contracts/common';
import {
  AdminOrdersQuery,
  CancelOrderBody,
  OrderHistoryQuery,
  OrderListResponse,
  OrderResponse,
  ReorderResponse,
  TransitionOrderBody,
  UpdateArrivalBody,
} from '@fatafat/contracts/orders';
import type { ApiRouter } from '../../http/api-router';
import { updateArrival } from './order-eta';
import type { AppDeps } from '../../deps';
import {
  adminOrders,
  cancelOrder,
  getOrder,
  invoiceHtml,
  orderHistory,
  reorder,
  staffTransition,
} from './orders.service';

export function registerOrderRoutes(api: ApiRouter, deps: AppDeps): void {
  // Declared before /order/:id so "history" is never read as an id.
  api.route(
    {
      method: 'get',
      path: '/order/history',
      summary: "The customer's orders, newest first (cursor-paged)",
      tag: 'orders',
      auth: 'user',
      query: OrderHistoryQuery,
      response: OrderListResponse,
    },
    ({ user, query }) => orderHistory(deps, user, query),
  );

  api.route(
    {
      method: 'get',
      path: '/order/:id',
      summary: 'One order with its bill and timeline (owner, staff of its store, admin)',
      tag: 'orders',
      auth: 'user',
      params: IdParams,
      response: OrderResponse,
    },
    async ({ user, params }) => ({ order: await getOrder(deps, user, params.id) }),
  );

  api.route(
    {
      method: 'post',
      path: '/order/:id/cancel',
      summary: 'Cancel an order (customers: before packing; staff and admins: before delivery)',
      tag: 'orders',
      auth: 'user',
      errors: [409],
      params: IdParams,
      body: CancelOrderBody,
      response: OrderResponse,
    },
    async ({ user, params, body }) => ({ order: await cancelOrder(deps, user, params.id, body.reason) }),
  );

  api.route(
    {
      method: 'post',
      path: '/order/:id/reorder',
      summary: 'Put what is still available from a past order back into the cart',
      tag: 'orders',
      auth: 'user',
      errors: [409],
      params: IdParams,
      response: ReorderResponse,
    },
    ({ user, params }) => reorder(deps, user, params.id),
  );

  api.route(
    {
      method: 'get',
      path: '/order/:id/invoice',
      summary: 'Printable HTML invoice',
      tag: 'orders',
      auth: 'user',
      params: IdParams,
      responseContentType: 'text/html',
    },
    async ({ user, params, res }) => {
      const html = await invoiceHtml(deps, user, params.id);
      res.setHeader('Cache-Control', 'private, no-store');
      res.type('html').send(html);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/admin/orders',
      summary: 'Orders for staff (their store) and admins (any store): filter by store, status, date',
      tag: 'admin',
      auth: 'staff',
      query: AdminOrdersQuery,
      response: OrderListResponse,
    },
    ({ user, query }) => adminOrders(deps, user, query),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/orders/:id',
      summary: 'One order for staff of its store or admins',
      tag: 'admin',
      auth: 'staff',
      params: IdParams,
      response: OrderResponse,
    },
    async ({ user, params }) => ({ order: await getOrder(deps, user, params.id) }),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/orders/:id/transition',
      summary: 'Move an order through its lifecycle (409 invalid_transition for a move the state machine refuses)',
      tag: 'admin',
      auth: 'staff',
      errors: [409],
      params: IdParams,
      body: TransitionOrderBody,
      response: OrderResponse,
    },
    async ({ user, params, body }) => ({ order: await staffTransition(deps, user, params.id, body.to, body.note) }),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/orders/:id/arrival',
      summary:
        'Set a new arrival time, in minutes from now, for an order on its way (409 not_on_its_way otherwise); tracking streams get it at once',
      tag: 'admin',
      auth: 'staff',
      errors: [409],
      params: IdParams,
      body: UpdateArrivalBody,
      response: OrderResponse,
    },
    async ({ user, params, body }) => {
      await updateArrival(deps, user, params.id, body.minutes);
      return { order: await getOrder(deps, user, params.id) };
    },
  );
}
