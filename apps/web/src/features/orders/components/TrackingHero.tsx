import { FAILED, HOLDS_STOCK } from '@fatafat/contracts/order-rules';
import { useNow } from '@/hooks/use-now';
import { cn } from '@/lib/cn';
import { formatSlot, formatTime } from '@/lib/format';
import type { Order } from '../types';

function lastEventAt(order: Order, status: Order['status']): string | undefined {
  return [...order.events].reverse().find((event) => event.status === status)?.at;
}

/** Map-like illustration with the ETA countdown; the rider rides while the order is out for delivery. */
export function TrackingHero({ order }: { order: Order }) {
  const live = HOLDS_STOCK.has(order.status);
  const now = useNow(live);
  const msLeft = new Date(order.promisedAt).getTime() - now;
  const minutes = Math.max(0, Math.floor(msLeft / 60_000));
  const seconds = Math.max(0, Math.floor((msLeft % 60_000) / 1000));
  const riding = order.status === 'out_for_delivery';

  let headline: string;
  let sub: string;
  if (order.status === 'delivered') {
    const at = lastEventAt(order, 'delivered');
    headline = 'Delivered';
    sub = at ? `Delivered at ${formatTime(at)}. Enjoy!` : 'Enjoy your order!';
  } else if (FAILED.has(order.status)) {
    headline =
      order.status === 'cancelled'
        ? 'Order cancelled'
        : order.status === 'expired'
          ? 'Payment window expired'
          : 'Payment failed';
    sub = 'Any amount charged will be refunded to your payment method.';
  } else if (order.status === 'refunded') {
    headline = 'Refunded';
    sub = 'Your refund is on its way.';
  } else if (order.status === 'pending_payment') {
    headline = 'Waiting for payment';
    sub = 'Complete the payment to confirm your order.';
  } else if (order.slot && (order.status === 'scheduled' || order.status === 'confirmed')) {
    // A slotted order shows its window, not a countdown.
    headline = `Arriving ${formatSlot(order.slot)}`;
    sub =
      order.status === 'scheduled'
        ? 'Scheduled: the store starts packing shortly before your slot'
        : 'The store has your order for your slot';
  } else if (msLeft > 0) {
    headline = `Arriving in ${minutes}:${String(seconds).padStart(2, '0')}`;
    sub = riding
      ? 'Your delivery partner is on the way'
      : order.status === 'packing'
        ? 'Your order is being packed'
        : 'The store has your order';
  } else {
    headline = 'Arriving any moment';
    sub = 'Your delivery partner is almost there';
  }

  return (
    <section
      aria-labelledby="tracking-headline"
      className={cn(
        'relative overflow-hidden rounded-2xl px-5 pt-5 pb-28 md:pb-32',
        order.status === 'delivered'
          ? 'bg-action text-white'
          : FAILED.has(order.status)
            ? 'bg-ink text-white'
            : 'bg-brand text-ink',
      )}
    >
      <p className="text-[12px] font-bold tracking-[0.12em] uppercase opacity-80">Order #{order.number}</p>
      <h1
        id="tracking-headline"
        className="mt-1 text-[28px] leading-tight font-extrabold tracking-tight tabular md:text-4xl"
        aria-live="polite"
      >
        {headline}
      </h1>
      <p className="mt-1 text-sm font-medium opacity-85">{sub}</p>
      <svg
        viewBox="0 0 400 110"
        className="absolute inset-x-0 bottom-0 h-28 w-full md:h-32"
        preserveAspectRatio="xMidYMax slice"
        aria-hidden="true"
      >
        <rect x="0" y="0" width="400" height="110" fill="#fff" opacity=".22" />
        <path
          d="M0 70h400M0 30h400M90 0v110M250 0v110M330 0v110"
          stroke="#fff"
          strokeWidth="10"
          opacity=".55"
        />
        <path
          d="M40 86C120 86 120 50 190 50s90 36 170 36"
          fill="none"
          stroke="#1C1C1C"
          strokeWidth="3"
          strokeDasharray="6 7"
          strokeLinecap="round"
        />
        <g transform="translate(28 60)">
          <rect width="26" height="22" rx="4" fill="#0A8A4A" />
          <path d="M5 8h16M5 14h10" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
        </g>
        <g transform="translate(352 60)">
          <path d="M12 0a12 12 0 0 0-12 12c0 9 12 20 12 20s12-11 12-20A12 12 0 0 0 12 0Z" fill="#D93F3F" />
          <circle cx="12" cy="12" r="4.5" fill="#fff" />
        </g>
        <g
          transform={
            riding
              ? 'translate(180 28)'
              : order.status === 'delivered'
                ? 'translate(306 62)'
                : 'translate(64 62)'
          }
        >
          <g className={riding ? 'animate-ride' : undefined}>
            <circle cx="7" cy="22" r="6" fill="#1C1C1C" />
            <circle cx="31" cy="22" r="6" fill="#1C1C1C" />
            <path
              d="M7 22h10l6-10h8l3 10"
              fill="none"
              stroke="#1C1C1C"
              strokeWidth="3"
              strokeLinejoin="round"
            />
            <rect x="2" y="4" width="14" height="12" rx="2" fill="#F9C22E" stroke="#1C1C1C" strokeWidth="2" />
            <circle cx="25" cy="4" r="4" fill="#1C1C1C" />
          </g>
        </g>
      </svg>
    </section>
  );
}
