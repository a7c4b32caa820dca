import { z } from 'zod';
import { CursorQuery, Id, Instant, LocalDate, Paise } from './common';
import { ORDER_STATUSES } from './order-rules';
import { WHEN_SHORT } from './floor-rules';
import { SubstitutionView } from './floor';
import { OrderDelivery } from './dispatch';
import { RefundView } from './refunds';
import { OrderInvoiceRef } from './invoices';

export { ORDER_STATUSES, ORDER_STATUS_LABELS } from './order-rules';
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const PaymentMethod = z.enum(['cod', 'card']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;
export const PaymentStatus = z.enum(['pending', 'paid', 'failed', 'refunded', 'cod_due']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const BillLine = z.object({ code: z.string(), label: z.string(), amount: z.number().int() });
export type BillLine = z.infer<typeof BillLine>;

export const OrderAddress = z.object({
  label: z.string(),
  name: z.string(),
  phone: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  landmark: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  pincode: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
});
export type OrderAddress = z.infer<typeof OrderAddress>;

export const OrderItemView = z.object({
  variantId: Id,
  productId: Id,
  name: z.string(),
  label: z.string(),
  imageUrl: z.string().nullable(),
  price: Paise,
  mrp: Paise,
  /** Units sent: what was ordered, unless the store was short (0 when none of the line was found). */
  quantity: z.number().int().nonnegative(),
  /** Units the customer ordered, so a short pick reads "1 of 2 delivered". */
  orderedQuantity: z.number().int().positive(),
  /** What the customer asked for should the line be short: a similar item, a call, or a refund. */
  whenShort: z.enum(WHEN_SHORT),
  /** On a substitute sent in place of a short line: that line's variant; null otherwise. */
  substituteFor: Id.nullable(),
});
export type OrderItemView = z.infer<typeof OrderItemView>;

export const OrderEventView = z.object({
  status: OrderStatus,
  at: z.string(),
  note: z.string().nullable(),
  actorRole: z.string(),
});
export type OrderEventView = z.infer<typeof OrderEventView>;

export const OrderBill = z.object({
  lines: z.array(BillLine),
  itemTotal: Paise,
  mrpTotal: Paise,
  savings: Paise,
  fees: Paise,
  tip: Paise,
  discount: Paise,
  total: Paise,
});
export type OrderBill = z.infer<typeof OrderBill>;

/** The public order shape: what customers, staff and the tracking stream see. */
export const OrderView = z.object({
  id: Id,
  number: z.string(),
  status: OrderStatus,
  paymentMethod: PaymentMethod,
  paymentStatus: PaymentStatus,
  store: z.object({ id: Id, name: z.string() }),
  address: OrderAddress,
  items: z.array(OrderItemView),
  bill: OrderBill,
  /** Paise of the total paid from Fatafat Cash at checkout; the card or the cash at the door pays the rest. */
  walletPaid: Paise,
  /** Every refund of the order, oldest first, and what they add up to (failed ones excluded). */
  refunds: z.array(RefundView),
  refundedAmount: Paise,
  etaMinutes: z.number().int(),
  promisedAt: z.string(),
  /** A slotted order's 30-minute delivery window (the tracking page shows it, not a countdown). */
  slot: z.object({ startsAt: z.string(), endsAt: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  events: z.array(OrderEventView),
  /** The statuses the caller may move this order to now (order-rules' nextStatusesFor for their role). */
  nextStatuses: z.array(OrderStatus),
  /** Proof of delivery: the 4 digits to read out to the rider. Sent to the order's owner only (never to staff, pickers or riders), else null. */
  deliveryCode: z.string().nullable(),
  /**
   * The store's location and support number, and the rider once one has the order. Null only in the
   * answer to checkout, which is built from what it wrote (the order view that follows carries it).
   */
  delivery: OrderDelivery.nullable(),
  /** The GST tax invoice, issued when the order is delivered; null before (GET /order/:id/invoice.pdf). */
  invoice: OrderInvoiceRef.nullable(),
  /** Replacements the store proposed for short lines, with the customer's answer (newest last). */
  substitutions: z.array(SubstitutionView),
});
export type OrderView = z.infer<typeof OrderView>;

export const OrderResponse = z.object({ order: OrderView });
export type OrderResponse = z.infer<typeof OrderResponse>;

/** The answer to an admin refund: the ledger row written and the order as it now stands. */
export const RefundResponse = z.object({ refund: RefundView, order: OrderView });
export type RefundResponse = z.infer<typeof RefundResponse>;

/** A row of the history and admin lists: enough for a card, without the timeline. */
export const OrderSummary = z.object({
  id: Id,
  number: z.string(),
  status: OrderStatus,
  paymentMethod: PaymentMethod,
  paymentStatus: PaymentStatus,
  store: z.object({ id: Id, name: z.string() }),
  total: Paise,
  itemCount: z.number().int(),
  items: z.array(OrderItemView.pick({ variantId: true, name: true, imageUrl: true, quantity: true })),
  etaMinutes: z.number().int(),
  createdAt: z.string(),
  /** As on OrderView: the moves the caller may make now. */
  nextStatuses: z.array(OrderStatus),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

export const OrderListResponse = z.object({ items: z.array(OrderSummary), nextCursor: z.string().nullable() });
export type OrderListResponse = z.infer<typeof OrderListResponse>;

export const OrderHistoryQuery = CursorQuery.extend({ limit: z.coerce.number().int().min(1).max(50).default(10) });
export type OrderHistoryQuery = z.infer<typeof OrderHistoryQuery>;

export const AdminOrdersQuery = CursorQuery.extend({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  store: Id.optional(),
  status: OrderStatus.optional(),
  from: Instant.or(LocalDate).optional(),
  to: Instant.or(LocalDate).optional(),
});
export type AdminOrdersQuery = z.infer<typeof AdminOrdersQuery>;

export const CancelOrderBody = z.object({ reason: z.string().trim().max(500).optional() }).strict();
export type CancelOrderBody = z.infer<typeof CancelOrderBody>;

export const TransitionOrderBody = z.object({ to: OrderStatus, note: z.string().trim().max(500).optional() }).strict();
export type TransitionOrderBody = z.infer<typeof TransitionOrderBody>;

/** A new arrival time for an order on its way, in minutes from now. */
export const UpdateArrivalBody = z.object({ minutes: z.number().int().min(1).max(240) }).strict();
export type UpdateArrivalBody = z.infer<typeof UpdateArrivalBody>;

export const ReorderLine = z.object({ variantId: Id, name: z.string(), label: z.string(), quantity: z.number().int() });
export const ReorderResponse = z.object({
  added: z.array(ReorderLine),
  unavailable: z.array(ReorderLine.extend({ reason: z.enum(['inactive', 'out_of_stock']) })),
});
export type ReorderResponse = z.infer<typeof ReorderResponse>;

/** What the tracking stream sends as `data:` of each `order` event. */
export const OrderStreamEvent = z.object({ order: OrderView });
export type OrderStreamEvent = z.infer<typeof OrderStreamEvent>;
