import { FiCornerUpLeft } from 'react-icons/fi';
import { cn } from '@/lib/cn';
import { formatDateTime, formatMoney } from '@/lib/format';
import type { Order } from '../types';

const METHOD_LABELS = { source: 'to your card / UPI', wallet: 'to Fatafat Cash' } as const;
const STATUS_LABELS = { requested: 'on its way (3–5 working days)', succeeded: 'done', failed: 'failed — we will try again' } as const;

/** What was paid from Fatafat Cash and every refund of the order: what for, where it went, and where it stands. */
export function OrderRefunds({ order }: { order: Pick<Order, 'walletPaid' | 'refunds' | 'refundedAmount' | 'bill' | 'paymentMethod'> }) {
  if (order.walletPaid === 0 && order.refunds.length === 0) return null;
  return (
    <section className="rounded-[var(--radius-card)] border border-line bg-white p-4 text-[13px]" data-testid="order-refunds">
      {order.walletPaid > 0 && (
        <p className="flex justify-between">
          <span>Paid from Fatafat Cash</span>
          <span className="font-semibold tabular">{formatMoney(order.walletPaid)}</span>
        </p>
      )}
      {order.walletPaid > 0 && order.walletPaid < order.bill.total && (
        <p className="mt-1 flex justify-between text-muted">
          <span>{order.paymentMethod === 'card' ? 'Paid by card' : 'Cash at the door'}</span>
          <span className="tabular">{formatMoney(order.bill.total - order.walletPaid)}</span>
        </p>
      )}
      {order.refunds.length > 0 && (
        <>
          <h2 className={cn('flex items-center gap-2 text-base font-bold', order.walletPaid > 0 && 'mt-3 border-t border-line pt-3')}>
            <FiCornerUpLeft className="size-4 text-action" aria-hidden="true" /> Refunded {formatMoney(order.refundedAmount)}
          </h2>
          <ul className="mt-2 flex flex-col gap-2">
            {order.refunds.map((r) => (
              <li key={r.id} className="rounded-lg bg-surface/60 p-2.5">
                <p className="flex justify-between font-semibold">
                  <span>
                    {formatMoney(r.amount)} {METHOD_LABELS[r.method]}
                  </span>
                  <span className="text-[12px] font-normal text-muted">{STATUS_LABELS[r.status]}</span>
                </p>
                <p className="text-muted">
                  {r.lines.length > 0 ? r.lines.map((l) => `${l.quantity} × ${l.name}`).join(', ') : r.includesFees ? 'Whole order' : 'Amount'}
                  {' · '}
                  {r.reason}
                </p>
                <p className="text-[11px] text-muted">{formatDateTime(r.createdAt)}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
