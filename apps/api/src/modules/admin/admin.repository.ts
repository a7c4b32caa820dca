/** Every database call of the admin module: dashboard aggregates and customer management. */
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/client';
import { refreshTokens, stores, users } from '../../db/schema/index';
import type { Role } from '../../http/auth-context';

/** Dashboard days are India's calendar days, whatever the server's time zone. */
const TZ = 'Asia/Kolkata';
/** Orders that bring money in: paid or payable and not undone. */
const REVENUE_STATUSES = sql`('confirmed', 'packing', 'packed', 'out_for_delivery', 'delivered')`;
/** Orders that never became a sale. */
const NOT_SALES = sql`('cancelled', 'payment_failed', 'expired', 'refunded')`;

function storeFilter(storeId: string | null, column = sql`o.store_id`): SQL {
  return storeId ? sql`and ${column} = ${storeId}` : sql``;
}

export async function todayTotals(
  db: DbOrTx,
  storeId: string | null,
): Promise<{ orders: number; revenue: number; revenueOrders: number; byStatus: Array<{ status: string; n: number }> }> {
  const today = sql`(now() at time zone ${TZ})::date`;
  const statusRows = rowsOf<{ status: string; n: number }>(
    await db.execute(sql`
      select o.status, count(*)::int as n
      from orders o
      where (o.created_at at time zone ${TZ})::date = ${today} ${storeFilter(storeId)}
      group by o.status`),
  );
  const [money] = rowsOf<{ revenue: number; n: number }>(
    await db.execute(sql`
      select coalesce(sum(o.total), 0)::int as revenue, count(*)::int as n
      from orders o
      where (o.created_at at time zone ${TZ})::date = ${today}
        and o.status in ${REVENUE_STATUSES} ${storeFilter(storeId)}`),
  );
  return {
    orders: statusRows.reduce((sum, r) => sum + r.n, 0),
    revenue: money?.revenue ?? 0,
    revenueOrders: money?.n ?? 0,
    byStatus: statusRows,
  };
}

/** Orders and revenue per Indian calendar day for the last `days` days, today included, gaps filled. */
export async function dailySeries(
  db: DbOrTx,
  storeId: string | null,
  days: number,
): Promise<Array<{ date: string; orders: number; revenue: number }>> {
  return rowsOf<{ date: string; orders: number; revenue: number }>(
    await db.execute(sql`
      with days as (
        select generate_series(
          (now() at time zone ${TZ})::date - ${days - 1}::int,
          (now() at time zone ${TZ})::date,
          interval '1 day'
        )::date as day
      )
      select to_char(d.day, 'YYYY-MM-DD') as date,
        count(o.id)::int as orders,
        coalesce(sum(o.total) filter (where o.status in ${REVENUE_STATUSES}), 0)::int as revenue
      from days d
      left join orders o on (o.created_at at time zone ${TZ})::date = d.day ${storeFilter(storeId)}
      group by d.day
      order by d.day`),
  );
}

export interface LowStockRow {
  storeId: string;
  storeName: string;
  variantId: string;
  productId: string;
  productName: string;
  label: string;
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
}

export async function lowStock(
  db: DbOrTx,
  storeId: string | null,
  threshold: number,
  limit: number,
): Promise<LowStockRow[]> {
  return rowsOf<LowStockRow>(
    await db.execute(sql`
      select s.store_id as "storeId", st.name as "storeName", s.variant_id as "variantId",
        p.id as "productId", p.name as "productName", v.label, v.sku,
        s.on_hand as "onHand", s.reserved, (s.on_hand - s.reserved) as available
      from stock s
      join variants v on v.id = s.variant_id
      join products p on p.id = v.product_id
      join stores st on st.id = s.store_id
      where (s.on_hand - s.reserved) <= ${threshold}
        and v.is_active and p.is_active and p.archived_at is null
        ${storeFilter(storeId, sql`s.store_id`)}
      order by (s.on_hand - s.reserved), p.name, v.label
      limit ${limit}`),
  );
}

export async function storeExists(db: DbOrTx, storeId: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db.select({ id: stores.id, name: stores.name }).from(stores).where(eq(stores.id, storeId));
  return row ?? null;
}

export interface CustomerRowData {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  role: Role;
  storeId: string | null;
  blockedAt: Date | string | null;
  orderCount: number;
  totalSpent: number;
  lastOrderAt: Date | string | null;
  createdAt: Date | string;
  emailVerifiedAt: Date | string | null;
}

const customerColumns = sql`
  u.id, u.name, u.email, u.mobile, u.role, u.store_id as "storeId", u.blocked_at as "blockedAt",
  u.created_at as "createdAt", u.email_verified_at as "emailVerifiedAt",
  coalesce(o.order_count, 0)::int as "orderCount", coalesce(o.total_spent, 0)::int as "totalSpent",
  o.last_order_at as "lastOrderAt"`;

const orderAggregates = sql`
  left join lateral (
    select count(*) as order_count,
      sum(total) filter (where status not in ${NOT_SALES}) as total_spent,
      max(created_at) as last_order_at
    from orders where user_id = u.id
  ) o on true`;

export async function listCustomers(
  db: DbOrTx,
  filter: { q?: string | undefined; role?: string | undefined; blocked?: boolean | undefined },
  page: { offset: number; limit: number },
): Promise<{ rows: CustomerRowData[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = filter.q.replace(/\D/g, '');
    conditions.push(
      sql`(u.name ilike ${like} or u.email ilike ${like}${digits.length >= 3 ? sql` or u.mobile like ${`%${digits}%`}` : sql``})`,
    );
  }
  if (filter.role) conditions.push(sql`u.role = ${filter.role}`);
  if (filter.blocked !== undefined) conditions.push(filter.blocked ? sql`u.blocked_at is not null` : sql`u.blocked_at is null`);
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const [count] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from users u ${where}`));
  const rows = rowsOf<CustomerRowData>(
    await db.execute(sql`
      select ${customerColumns}
      from users u ${orderAggregates}
      ${where}
      order by u.created_at desc, u.id desc
      limit ${page.limit} offset ${page.offset}`),
  );
  return { rows, total: count?.n ?? 0 };
}

export async function findCustomer(
  db: DbOrTx,
  id: string,
): Promise<(CustomerRowData & { addressCount: number; storeName: string | null }) | null> {
  const [row] = rowsOf<CustomerRowData & { addressCount: number; storeName: string | null }>(
    await db.execute(sql`
      select ${customerColumns},
        (select count(*)::int from addresses a where a.user_id = u.id) as "addressCount",
        (select st.name from stores st where st.id = u.store_id) as "storeName"
      from users u ${orderAggregates}
      where u.id = ${id}`),
  );
  return row ?? null;
}

export interface CustomerOrderRow {
  id: string;
  number: string;
  status: string;
  paymentMethod: string;
  total: number;
  itemCount: number;
  storeId: string;
  storeName: string;
  createdAt: Date | string;
}

export async function recentOrders(db: DbOrTx, userId: string, limit: number): Promise<CustomerOrderRow[]> {
  return rowsOf<CustomerOrderRow>(
    await db.execute(sql`
      select o.id, o.number, o.status, o.payment_method as "paymentMethod", o.total,
        (select coalesce(sum(quantity), 0)::int from order_items i where i.order_id = o.id) as "itemCount",
        o.store_id as "storeId", st.name as "storeName", o.created_at as "createdAt"
      from orders o join stores st on st.id = o.store_id
      where o.user_id = ${userId}
      order by o.created_at desc, o.id desc
      limit ${limit}`),
  );
}

/** Locks the account row so two admins editing it at once apply one after the other. */
export async function lockUser(
  db: DbOrTx,
  id: string,
): Promise<{ id: string; role: Role; storeId: string | null; blockedAt: Date | null } | null> {
  const [row] = await db
    .select({ id: users.id, role: users.role, storeId: users.storeId, blockedAt: users.blockedAt })
    .from(users)
    .where(eq(users.id, id))
    .for('update');
  return row ?? null;
}

export async function updateUserAccess(
  db: DbOrTx,
  id: string,
  set: { role: Role; storeId: string | null; blockedAt: Date | null },
): Promise<void> {
  await db.update(users).set({ ...set, updatedAt: new Date() }).where(eq(users.id, id));
}

export async function revokeRefreshTokens(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}
