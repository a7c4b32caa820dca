/**
 * Razorpay Checkout (UPI, cards, netbanking, wallets): its script is loaded only when a Razorpay payment
 * is about to open, once per page. A script that cannot load (offline, blocked) rejects, so the caller can
 * say so while the order stays payable.
 */
import type { RazorpayPayment } from '@fatafat/contracts/payments';

const SCRIPT = 'https://checkout.razorpay.com/v1/checkout.js';

/** What Checkout hands its success handler; the signature is checked by the server. */
export interface RazorpaySuccess {
  razorpay_payment_id: string;
  razorpay_order_id: string;
  razorpay_signature: string;
}

interface RazorpayInstance {
  open(): void;
}

type RazorpayConstructor = new (options: Record<string, unknown>) => RazorpayInstance;

declare global {
  interface Window {
    Razorpay?: RazorpayConstructor;
  }
}

export class CheckoutClosed extends Error {}

let loading: Promise<RazorpayConstructor> | null = null;

function loadCheckout(): Promise<RazorpayConstructor> {
  if (window.Razorpay) return Promise.resolve(window.Razorpay);
  loading ??= new Promise<RazorpayConstructor>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = SCRIPT;
    script.async = true;
    script.onload = () => (window.Razorpay ? resolve(window.Razorpay) : reject(new Error('Razorpay Checkout did not start')));
    script.onerror = () => reject(new Error('Razorpay Checkout could not be loaded'));
    document.head.appendChild(script);
  }).catch((err: unknown) => {
    // A failed load may succeed later (the network came back): let the next attempt try again.
    loading = null;
    throw err;
  });
  return loading;
}

/**
 * Opens Checkout for the Razorpay order; resolves with what to pass on to the server, rejects with
 * CheckoutClosed when the customer closes it. A declined attempt stays inside Checkout, which offers another.
 */
export async function payWithRazorpay(
  payment: RazorpayPayment,
  info: { orderNumber: string; name?: string; email?: string; contact?: string; orderId: string },
): Promise<RazorpaySuccess> {
  const Razorpay = await loadCheckout();
  return new Promise<RazorpaySuccess>((resolve, reject) => {
    const checkout = new Razorpay({
      key: payment.keyId,
      order_id: payment.orderId,
      amount: payment.amount,
      currency: payment.currency,
      name: 'Fatafat',
      description: `Order ${info.orderNumber}`,
      prefill: { name: info.name, email: info.email, contact: info.contact },
      // The webhook finds the order by the Razorpay order id; the note is a second way back to it.
      notes: { orderId: info.orderId },
      handler: (response: RazorpaySuccess) => resolve(response),
      modal: { ondismiss: () => reject(new CheckoutClosed('Payment was not completed')) },
    });
    checkout.open();
  });
}
