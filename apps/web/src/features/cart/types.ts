import type { Cart as ContractCart, CartItem as ContractCartItem } from '@fatafat/contracts/cart';
import type { Bill as ContractBill, BillLine as ContractBillLine } from '@fatafat/contracts/pricing';

export type CartLine = ContractCartItem;

export type Bill = ContractBill;
export type BillLine = ContractBillLine;
/** What the bill component needs: satisfied by both the cart's bill and an order's stored bill. */
export type BillSummary = Pick<Bill, 'lines' | 'itemTotal' | 'mrpTotal' | 'savings' | 'total'>;

export type Cart = ContractCart;
export type CartCoupon = NonNullable<Cart['coupon']>;

/** What the UI needs to put a product in the cart, including a display snapshot for the guest cart. */
export interface CartProductSnapshot {
  variantId: string;
  productId: string;
  slug: string;
  name: string;
  label: string;
  imageUrl: string | null;
  price: number;
  mrp: number;
  maxPerOrder: number;
  available: boolean;
}
