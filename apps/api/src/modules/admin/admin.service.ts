/** The admin console's own use cases: the dashboard, and looking after customer and staff accounts. */
import type {
  CustomerDetailResponse,
  CustomerListQuery,
  CustomerListResponse,
  CustomerPatch,
  CustomerRow,
  DashboardQuery,
  DashboardResponse,
} from '@fatafat/contracts/admin';
import { ORDER_STATUSES, type OrderStatus } from '@fatafat/contracts/orders';
import type { Db } from '../../db/client';
import type { AppDeps } from '../../deps';
import { isStoreRole } from '../../db/schema/users';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors';
import type { AuthUser } from '../../http/auth-context';
import { announceAccountChange } from '../users/account-standing';
import * as repo from './admin.repository';

const SERIES_DAYS = 14;
const LOW_STOCK_LIMIT = 50;
const RECENT_ORDERS = 20;

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

/** Staff see only their store; admins see all stores or the one they ask for. */
function dashboardScope(user: AuthUser, storeId: string | undefined): string | null {
  if (user.role === 'admin') return storeId ?? null;
  if (!user.storeId) throw forbidden('Your staff account is not assigned to a store');
  if (storeId && storeId !== user.storeId) throw forbidden('You can only see your own store');
  return user.storeId;
}

export async function getDashboard(db: Db, user: AuthUser, query: DashboardQuery): Promise<DashboardResponse> {
  const storeId = dashboardScope(user, query.storeId);
  if (storeId && !(await repo.storeExists(db, storeId))) throw notFound('Store');
  const [today, series, low] = await Promise.all([
    repo.todayTotals(db, storeId),
    repo.dailySeries(db, storeId, SERIES_DAYS),
    repo.lowStock(db, storeId, query.lowStockThreshold, LOW_STOCK_LIMIT),
  ]);
  const byStatus = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
  for (const row of today.byStatus) byStatus[row.status as OrderStatus] = row.n;
  return {
    storeId,
    today: {
      orders: today.orders,
      revenue: today.revenue,
      averageBasket: today.revenueOrders ? Math.round(today.revenue / today.revenueOrders) : 0,
    },
    byStatus,
    lowStock: low,
    series,
  };
}

function toCustomerRow(row: repo.CustomerRowData): CustomerRow {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    mobile: row.mobile,
    role: row.role,
    storeId: row.storeId,
    blocked: row.blockedAt !== null,
    blockedAt: iso(row.blockedAt),
    orderCount: row.orderCount,
    totalSpent: row.totalSpent,
    lastOrderAt: iso(row.lastOrderAt),
    createdAt: iso(row.createdAt)!,
  };
}

export async function listCustomers(db: Db, query: CustomerListQuery): Promise<CustomerListResponse> {
  const { rows, total } = await repo.listCustomers(
    db,
    { q: query.q || undefined, role: query.role, blocked: query.blocked === undefined ? undefined : query.blocked === 'true' },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { items: rows.map(toCustomerRow), total, page: query.page, pageSize: query.pageSize };
}

export async function getCustomer(db: Db, id: string): Promise<CustomerDetailResponse> {
  const row = await repo.findCustomer(db, id);
  if (!row) throw notFound('Customer');
  const orders = await repo.recentOrders(db, id, RECENT_ORDERS);
  return {
    customer: {
      ...toCustomerRow(row),
      emailVerified: row.emailVerifiedAt !== null,
      addressCount: row.addressCount,
      store: row.storeId && row.storeName ? { id: row.storeId, name: row.storeName } : null,
    },
    recentOrders: orders.map((o) => ({
      id: o.id,
      number: o.number,
      status: o.status as OrderStatus,
      paymentMethod: o.paymentMethod as 'cod' | 'card',
      total: o.total,
      itemCount: o.itemCount,
      store: { id: o.storeId, name: o.storeName },
      createdAt: iso(o.createdAt)!,
    })),
  };
}

/**
 * Changes an account's role, store or blocked state in one transaction. Blocking and any role change
 * revoke the account's refresh tokens, and access tokens that no longer match the account are refused
 * within seconds (account-standing.ts); login and checkout refuse blocked accounts on their own.
 */
export async function updateCustomer(
  deps: Pick<AppDeps, 'db' | 'accountEvents' | 'logger'>,
  actor: AuthUser,
  id: string,
  patch: CustomerPatch,
): Promise<CustomerDetailResponse> {
  const { db } = deps;
  const ended = await db.transaction(async (tx) => {
    const current = await repo.lockUser(tx, id);
    if (!current) throw notFound('Customer');
    if (id === actor.id) {
      if (patch.blocked === true) throw conflict('You cannot block your own account');
      if (patch.role !== undefined && patch.role !== 'admin') throw conflict('You cannot remove your own admin role');
    }
    const role = patch.role ?? current.role;
    let storeId = patch.storeId !== undefined ? patch.storeId : current.storeId;
    if (isStoreRole(role)) {
      if (!storeId) throw badRequest(`body.storeId: a ${role} account needs a store`, [{ path: 'body.storeId', message: `is required for ${role}` }]);
      if (!(await repo.storeExists(tx, storeId))) {
        throw badRequest('body.storeId: no such store', [{ path: 'body.storeId', message: 'no such store' }]);
      }
    } else {
      if (patch.storeId) {
        throw badRequest('body.storeId: only picker, rider and staff accounts belong to a store', [
          { path: 'body.storeId', message: 'only picker, rider and staff accounts belong to a store' },
        ]);
      }
      storeId = null;
    }
    const blockedAt = patch.blocked === undefined ? current.blockedAt : patch.blocked ? (current.blockedAt ?? new Date()) : null;
    await repo.updateUserAccess(tx, id, { role, storeId, blockedAt });
    const newlyBlocked = blockedAt !== null && current.blockedAt === null;
    const accessChanged = role !== current.role || storeId !== current.storeId;
    if (newlyBlocked || accessChanged) await repo.revokeRefreshTokens(tx, id);
    return newlyBlocked || accessChanged;
  });
  // Its sessions ended: every process drops what it remembered and closes the account's live streams.
  if (ended) await announceAccountChange(deps, { userId: id, reason: 'access' });
  return getCustomer(db, id);
}
