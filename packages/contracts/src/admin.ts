/** Admin console reads and writes nobody else owns: the dashboard and customer management. */
import { z } from 'zod';
import { Id, Paise } from './common';
import { OrderStatus, PaymentMethod } from './orders';
import { Role } from './users';

export const DashboardQuery = z.object({
  /** Admins may narrow to one store; staff always see their own. */
  storeId: Id.optional(),
  /** Available units (on hand minus reserved) at or under this count are "low". */
  lowStockThreshold: z.coerce.number().int().min(0).max(100_000).default(5),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export const DashboardDay = z.object({
  /** Calendar day in India (YYYY-MM-DD). */
  date: z.string(),
  orders: z.number().int(),
  revenue: Paise,
});
export type DashboardDay = z.infer<typeof DashboardDay>;

export const LowStockLine = z.object({
  storeId: Id,
  storeName: z.string(),
  variantId: Id,
  productId: Id,
  productName: z.string(),
  label: z.string(),
  sku: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
});
export type LowStockLine = z.infer<typeof LowStockLine>;

export const DashboardResponse = z.object({
  storeId: Id.nullable(),
  /** Counted in India's calendar day. */
  today: z.object({
    orders: z.number().int(),
    /** Paise from orders that are confirmed or further along and not cancelled, refunded or failed. */
    revenue: Paise,
    averageBasket: Paise,
  }),
  /** Today's orders per status (every status present, zero when none). */
  byStatus: z.record(OrderStatus, z.number().int()),
  lowStock: z.array(LowStockLine),
  /** The last 14 days, oldest first, today last. */
  series: z.array(DashboardDay),
});
export type DashboardResponse = z.infer<typeof DashboardResponse>;

export const CustomerListQuery = z.object({
  /** Matches name, email or mobile, case-insensitively. */
  q: z.string().trim().max(100).optional(),
  role: Role.optional(),
  blocked: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;

export const CustomerRow = z.object({
  id: Id,
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  role: Role,
  storeId: Id.nullable(),
  blocked: z.boolean(),
  blockedAt: z.string().nullable(),
  orderCount: z.number().int(),
  /** Paise across orders that were not cancelled, failed, expired or refunded. */
  totalSpent: Paise,
  lastOrderAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CustomerRow = z.infer<typeof CustomerRow>;

export const CustomerListResponse = z.object({
  items: z.array(CustomerRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CustomerListResponse = z.infer<typeof CustomerListResponse>;

export const CustomerOrder = z.object({
  id: Id,
  number: z.string(),
  status: OrderStatus,
  paymentMethod: PaymentMethod,
  total: Paise,
  itemCount: z.number().int(),
  store: z.object({ id: Id, name: z.string() }),
  createdAt: z.string(),
});
export type CustomerOrder = z.infer<typeof CustomerOrder>;

export const CustomerDetailResponse = z.object({
  customer: CustomerRow.extend({
    emailVerified: z.boolean(),
    addressCount: z.number().int(),
    store: z.object({ id: Id, name: z.string() }).nullable(),
  }),
  /** The 20 most recent orders, newest first. */
  recentOrders: z.array(CustomerOrder),
});
export type CustomerDetailResponse = z.infer<typeof CustomerDetailResponse>;

export const CustomerPatch = z
  .object({
    role: Role,
    /** The dark store a staff member works at; required when the result is a staff account. */
    storeId: Id.nullable(),
    blocked: z.boolean(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one of role, storeId, blocked');
export type CustomerPatch = z.infer<typeof CustomerPatch>;

export const AdminEventsQuery = z.object({
  /** Admins may follow one store; staff always follow their own. */
  storeId: Id.optional(),
});
export type AdminEventsQuery = z.infer<typeof AdminEventsQuery>;

/** What the admin stream sends as `data:` of each `order` event: enough to know what to refetch. */
export const AdminOrderEvent = z.object({
  type: z.enum(['order.created', 'order.updated']),
  orderId: Id,
  storeId: Id,
  status: OrderStatus,
  at: z.string(),
});
export type AdminOrderEvent = z.infer<typeof AdminOrderEvent>;
