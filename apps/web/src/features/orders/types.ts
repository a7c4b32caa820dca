import type { PaymentsConfigResponse, ProviderPayment, RazorpayVerifyBody, RazorpayVerifyResponse } from '@fatafat/contracts/payments';
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
  /** For 'card': Stripe, or Razorpay (UPI, cards, netbanking); the server's default when absent. */
  provider?: 'stripe' | 'razorpay';
  /** Pay what Fatafat Cash can of the total. */
  useWallet?: boolean;
  tip?: number;
  couponCode?: string;
  /** Deliver in this slot (a startsAt from /api/slots) instead of now. */
  slotStartsAt?: string;
  idempotencyKey: string;
}

export interface PlaceOrderResult {
  order: Order;
  /** Card orders: what the Stripe Payment Element, or Razorpay Checkout, needs. */
  payment?: ProviderPayment | null;
}

export type RazorpayVerifyInput = RazorpayVerifyBody;
export type RazorpayVerifyResult = RazorpayVerifyResponse;

/** Customers may cancel when the server says so: the order view carries the caller's allowed moves. */
export function canCustomerCancel(order: Pick<Order, 'nextStatuses'>): boolean {
  return order.nextStatuses.includes('cancelled');
}
