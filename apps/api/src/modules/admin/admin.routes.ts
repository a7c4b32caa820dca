import {
  AdminEventsQuery,
  AdminOrderEvent,
  CustomerDetailResponse,
  CustomerListQuery,
  CustomerListResponse,
  CustomerPatch,
  DashboardQuery,
  DashboardResponse,
} from '@fatafat/contracts/admin';
import { IdParams } from '@fatafat/contracts/common';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import { getCustomer, getDashboard, listCustomers, updateCustomer } from './admin.service';
import { openAdminStream, streamScope } from './admin.stream';

export function registerAdminRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'get',
      path: '/admin/events',
      summary: 'Live order notices for the orders board (Server-Sent Events: `order` events; staff: own store)',
      tag: 'admin: dashboard',
      auth: 'staff',
      query: AdminEventsQuery,
      response: AdminOrderEvent,
      responseContentType: 'text/event-stream',
    },
    ({ user, query, req, res }) => {
      openAdminStream(deps, user, streamScope(user, query.storeId), req, res);
    },
  );
  api.route(
    {
      method: 'get',
      path: '/admin/dashboard',
      summary: "Today's orders, revenue and average basket, orders by status, low stock and a 14-day series (staff: own store)",
      tag: 'admin: dashboard',
      auth: 'staff',
      query: DashboardQuery,
      response: DashboardResponse,
    },
    ({ user, query }) => getDashboard(deps.db, user, query),
  );
  api.route(
    {
      method: 'get',
      path: '/admin/customers',
      summary: 'Accounts with order counts: search by name, email or mobile; filter by role and blocked; paged',
      tag: 'admin: customers',
      auth: 'admin',
      query: CustomerListQuery,
      response: CustomerListResponse,
    },
    ({ query }) => listCustomers(deps.db, query),
  );
  api.route(
    {
      method: 'get',
      path: '/admin/customers/:id',
      summary: 'One account with its recent orders',
      tag: 'admin: customers',
      auth: 'admin',
      params: IdParams,
      response: CustomerDetailResponse,
    },
    ({ params }) => getCustomer(deps.db, params.id),
  );
  api.route(
    {
      method: 'patch',
      path: '/admin/customers/:id',
      summary: 'Change role, staff store or blocked state (blocking revokes sessions; admins cannot block or demote themselves)',
      tag: 'admin: customers',
      auth: 'admin',
      errors: [409],
      params: IdParams,
      body: CustomerPatch,
      response: CustomerDetailResponse,
    },
    ({ user, params, body }) => updateCustomer(deps, user, params.id, body),
  );
}
