import { ADMIN_STATUS_LABELS, type OrderStatus } from '@fatafat/contracts/order-rules';
import { cn } from '@/lib/cn';

/** One colour per order state, so the board reads at a glance. */
const tones: Record<OrderStatus, string> = {
  pending_payment: 'bg-[#FFF6DC] text-[#8A6400]',
  scheduled: 'bg-[#EEF2FF] text-[#4338CA]',
  confirmed: 'bg-[#EAF1FE] text-[#1F5ACB]',
  packing: 'bg-[#F3ECFE] text-[#6B3FC4]',
  packed: 'bg-[#E6F6F4] text-[#0F766E]',
  out_for_delivery: 'bg-[#FFEFE3] text-[#B5540F]',
  delivered: 'bg-action-soft text-action-dark',
  cancelled: 'bg-danger-soft text-danger',
  payment_failed: 'bg-danger-soft text-danger',
  expired: 'bg-surface text-muted',
  refunded: 'bg-[#EEF0F2] text-[#44505C]',
};

export function StatusPill({ status, className }: { status: OrderStatus; className?: string }) {
  return (
    <span
      className={cn(
        'inline-flex h-6 items-center gap-1.5 whitespace-nowrap rounded-full px-2.5 text-[12px] font-semibold',
        tones[status],
        className,
      )}
    >
      <span className="size-1.5 rounded-full bg-current" aria-hidden />
      {ADMIN_STATUS_LABELS[status]}
    </span>
  );
}
