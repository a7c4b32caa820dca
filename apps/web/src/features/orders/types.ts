import type { CardPayment, PaymentsConfigResponse } from '@fatafat/contracts/payments';
import type {
  OrderEventView,
  OrderItemView,
  OrderListResponse,
  OrderStatus as ContractOrderStatus,
  OrderSummary as ContractOrderSummary,
  OrderView,
  ReorderResponse,
} from '@fatafat/contracts/orders';

export type Order = OrderView;
export type OrderStatus = ContractOrderStatus;
export type OrderItem = OrderItemView;
export type OrderEvent = OrderEventView;
export type OrderSummary = ContractOrderSummary;
export type OrderPage = OrderListResponse;
export type ReorderResult = ReorderResponse;
export type PaymentsConfig = PaymentsConfigResponse;

export interface PlaceOrderInput {
  addressId: string;
  paymentMethod: 'cod' | 'card';
  tip?: number;
  couponCode?: string;
  idempotencyKey: string;
}

export interface PlaceOrderResult {
  order: Order;
  /** Card orders: what the Stripe Payment Element needs. */
  payment?: CardPayment | null;
}

// Kept here (not imported from the contract's value export) so Zod stays out of the tracking page bundle.
export const statusLabels: Record<OrderStatus, string> = {
  pending_payment: 'Awaiting payment',
  confirmed: 'Order confirmed',
  packing: 'Packing your order',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  payment_failed: 'Payment failed',
  expired: 'Payment window expired',
  refunded: 'Refunded',
};

export const activeStatuses: OrderStatus[] = ['pending_payment', 'confirmed', 'packing', 'out_for_delivery'];

/** Customers may cancel before packing starts (the API's state machine has the final word). */
export function canCustomerCancel(order: Pick<Order, 'status'>): boolean {
  return order.status === 'pending_payment' || order.status === 'confirmed';
}
