import { FiTruck } from 'react-icons/fi';
import { formatMoney } from '@/lib/format';
import type { Bill } from '../types';

/** "Add ₹40 more for free delivery", when the server tells us how far the cart is from the threshold. */
export function FreeDeliveryNudge({ bill }: { bill: Bill }) {
  const threshold = bill.freeDeliveryThreshold;
  const missing = bill.amountToFreeDelivery;
  if (threshold <= 0) return null;
  const progress = Math.min(100, Math.round((bill.itemTotal / threshold) * 100));
  return (
    <div className="rounded-[var(--radius-card)] bg-white p-3.5" data-testid="free-delivery-nudge">
      <p className="flex items-center gap-2 text-[13px] font-semibold">
        <FiTruck className="size-4 text-action" aria-hidden="true" />
        {missing > 0 ? (
          <span>
            Add <span className="font-extrabold">{formatMoney(missing)}</span> more for free delivery
          </span>
        ) : (
          <span className="text-action">Yay! You get free delivery on this order</span>
        )}
      </p>
      <div
        className="mt-2.5 h-1.5 overflow-hidden rounded-full bg-line"
        role="progressbar"
        aria-label="Progress to free delivery"
        aria-valuenow={progress}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div
          className="h-full rounded-full bg-action transition-[width] duration-200"
          style={{ width: `${progress}%` }}
        />
      </div>
    </div>
  );
}
