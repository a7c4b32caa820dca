import { FiCheck } from 'react-icons/fi';
import { cn } from '@/lib/cn';
import { formatTime } from '@/lib/format';
import { HAPPY_PATH, ORDER_STATUS_LABELS, TERMINAL } from '@fatafat/contracts/order-rules';
import type { Order, OrderStatus } from '../types';


const hints: Partial<Record<OrderStatus, string>> = {
  scheduled: 'Waiting for your delivery slot',
  confirmed: 'The store has received your order',
  packing: 'Your items are being picked and packed',
  packed: 'Your bags are sealed and waiting for a rider',
  out_for_delivery: 'Your delivery partner is on the way',
  delivered: 'Handed over at your door',
};

/** Vertical timeline: done steps in green with their times, the current one pulsing, the rest grey. */
export function OrderTimeline({ order }: { order: Order }) {
  const timeOf = (status: OrderStatus) => [...order.events].reverse().find((e) => e.status === status)?.at;
  // Ended without a delivery: the timeline shows how far it got, then how it ended.
  const terminal = TERMINAL.has(order.status) && order.status !== 'delivered';
  const steps: OrderStatus[] = terminal
    ? [...HAPPY_PATH.filter((s) => timeOf(s)), order.status]
    : order.status === 'pending_payment'
      ? ['pending_payment', ...HAPPY_PATH]
      : order.slot
        ? ['scheduled', ...HAPPY_PATH]
        : [...HAPPY_PATH];
  const currentIndex = steps.indexOf(order.status);

  return (
    <ol className="relative flex flex-col" aria-label="Order status" data-testid="timeline">
      {steps.map((status, index) => {
        const done = index < currentIndex || (index === currentIndex && (status === 'delivered' || terminal));
        const current = index === currentIndex && !done;
        const at = timeOf(status);
        const bad = terminal && index === currentIndex;
        return (
          <li
            key={status}
            className="relative flex gap-3.5 pb-6 last:pb-0"
            aria-current={index === currentIndex ? 'step' : undefined}
          >
            {index < steps.length - 1 && (
              <span
                aria-hidden="true"
                className={cn(
                  'absolute top-7 left-[13px] h-[calc(100%-28px)] w-0.5',
                  index < currentIndex ? 'bg-action' : 'bg-line',
                )}
              />
            )}
            <span
              aria-hidden="true"
              className={cn(
                'relative z-10 grid size-7 shrink-0 place-items-center rounded-full border-2',
                bad
                  ? 'border-danger bg-danger text-white'
                  : done
                    ? 'border-action bg-action text-white'
                    : current
                      ? 'border-action bg-white'
                      : 'border-line bg-white',
              )}
            >
              {done && !bad && <FiCheck className="size-4" strokeWidth={3} />}
              {current && <span className="size-2.5 animate-pulse rounded-full bg-action" />}
              {bad && <span className="text-xs font-bold">!</span>}
            </span>
            <div className="min-w-0 pt-0.5">
              <p className={cn('text-sm font-bold', !done && !current && !bad && 'text-muted')}>
                {ORDER_STATUS_LABELS[status]}
              </p>
              <p className="text-[12px] text-muted">
                {at ? formatTime(at) : hints[status]}
                {at && order.events.find((e) => e.status === status)?.note
                  ? ` · ${order.events.find((e) => e.status === status)?.note}`
                  : ''}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
