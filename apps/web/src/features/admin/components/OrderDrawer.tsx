import type { ReactNode } from 'react';
import toast from 'react-hot-toast';
import type { OrderStatus, OrderView, PaymentStatus } from '@fatafat/contracts/orders';
import { ADMIN_STATUS_LABELS, FORWARD_ACTION_LABELS, forwardStep, ON_ITS_WAY } from '@fatafat/contracts/order-rules';
import { Button } from '@/components/ui/Button';
import { Sheet } from '@/components/ui/Sheet';
import { Spinner } from '@/components/ui/Spinner';
import { useNow } from '@/hooks/use-now';
import { confirmAction } from '../confirm';
import { errorMessage } from '@/lib/api';
import { formatDateTime, formatMoney, formatTime } from '@/lib/format';
import { useAdminOrderQuery, useTransitionOrderMutation, useUpdateArrivalMutation } from '../api/admin.api';
import { RefundPanel } from './RefundPanel';
import { StatusPill } from './StatusPill';

export function useOrderActions() {
  const [transition, state] = useTransitionOrderMutation();
  const run = async (order: Pick<OrderView, 'id' | 'number'>, to: OrderStatus, note?: string) => {
    try {
      await transition({ id: order.id, to, ...(note ? { note } : {}) }).unwrap();
      toast.success(`${order.number}: ${ADMIN_STATUS_LABELS[to]}`);
    } catch (error) {
      toast.error(errorMessage(error, 'Could not update the order'));
    }
  };
  const cancel = async (order: Pick<OrderView, 'id' | 'number'>) => {
    const ok = await confirmAction({
      title: `Cancel ${order.number}?`,
      text: 'The customer is told at once and the items go back on the shelf.',
      confirmText: 'Cancel order',
    });
    if (ok) await run(order, 'cancelled', 'Cancelled by the store');
  };
  const refund = async (order: Pick<OrderView, 'id' | 'number'>, total: number) => {
    const ok = await confirmAction({
      title: `Refund ${order.number}?`,
      text: `${formatMoney(total)} goes back to the customer: the card's share to the card, the rest to their Fatafat Cash. This cannot be undone.`,
      confirmText: 'Refund',
    });
    if (ok) await run(order, 'refunded', 'Refunded from the admin console');
  };
  return { run, cancel, refund, busy: state.isLoading };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-b border-line px-5 py-4 last:border-b-0">
      <h3 className="mb-2 text-[12px] font-semibold uppercase tracking-wide text-muted">{title}</h3>
      {children}
    </section>
  );
}

const PAYMENT_LABELS: Record<PaymentStatus, string> = {
  pending: 'Awaiting payment',
  paid: 'Paid',
  failed: 'Failed',
  refunded: 'Refunded',
  cod_due: 'To collect at the door',
};

const DELAYS = [5, 10, 15];

/** The promise the customer sees, and quick "running late" buttons that move it (pushed to their tracking page live). */
function ArrivalPromise({ order }: { order: OrderView }) {
  const [update, state] = useUpdateArrivalMutation();
  const now = useNow(true, 15_000);
  const minutesLeft = Math.max(0, Math.ceil((Date.parse(order.promisedAt) - now) / 60_000));
  const delay = async (extra: number) => {
    const minutes = Math.min(240, Math.max(1, minutesLeft + extra));
    try {
      const updated = await update({ id: order.id, minutes }).unwrap();
      toast.success(`${order.number}: customer now expects it by ${formatTime(updated.promisedAt)}`);
    } catch (error) {
      toast.error(errorMessage(error, 'Could not update the arrival time'));
    }
  };
  return (
    <Section title="Promised arrival">
      <p className="text-[14px]">
        <span className="font-semibold">{formatTime(order.promisedAt)}</span>{' '}
        <span className="text-muted">{minutesLeft > 0 ? `· in ${minutesLeft} min` : '· due now'}</span>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2" role="group" aria-label="Running late">
        <span className="text-[12px] text-muted">Running late:</span>
        {DELAYS.map((extra) => (
          <Button key={extra} size="sm" variant="outline" disabled={state.isLoading} onClick={() => void delay(extra)}>
            +{extra} min
          </Button>
        ))}
      </div>
    </Section>
  );
}

function OrderBody({ order }: { order: OrderView }) {
  const a = order.address;
  return (
    <>
      {ON_ITS_WAY.has(order.status) && <ArrivalPromise order={order} />}
      <Section title="Items">
        <ul className="grid gap-2">
          {order.items.map((item) => (
            <li key={item.variantId} className="flex items-center gap-3 text-[14px]">
              {item.imageUrl ? (
                <img src={item.imageUrl} alt="" className="size-10 rounded-md border border-line object-cover" />
              ) : (
                <span className="size-10 rounded-md bg-surface" />
              )}
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{item.name}</span>
                <span className="text-[12px] text-muted">
                  {item.label} · {formatMoney(item.price)} × {item.quantity}
                  {item.quantity < item.orderedQuantity && (
                    <span className="ml-1 font-semibold text-danger">
                      ({item.orderedQuantity - item.quantity} of {item.orderedQuantity} short)
                    </span>
                  )}
                  {item.substituteFor && <span className="ml-1 font-semibold text-amber-800">· substitute</span>}
                </span>
              </span>
              <span className="font-semibold tabular-nums">{formatMoney(item.price * item.quantity)}</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Deliver to">
        <p className="text-[14px] font-medium">
          {a.name} · {a.phone}
        </p>
        <p className="text-[13px] text-muted">
          {[a.line1, a.line2, a.landmark, `${a.city} ${a.pincode}`].filter(Boolean).join(', ')}
        </p>
      </Section>
      <Section title="Bill">
        <dl className="grid gap-1 text-[14px]">
          {order.bill.lines.map((line) => (
            <div key={line.code} className="flex justify-between">
              <dt className="text-muted">{line.label}</dt>
              <dd className="tabular-nums">{formatMoney(Math.abs(line.amount)).replace(/^/, line.amount < 0 ? '−' : '')}</dd>
            </div>
          ))}
          <div className="mt-1 flex justify-between border-t border-line pt-2 font-semibold">
            <dt>Total</dt>
            <dd className="tabular-nums">{formatMoney(order.bill.total)}</dd>
          </div>
        </dl>
      </Section>
      <Section title="Payment">
        <p className="text-[14px]">
          {order.paymentMethod === 'cod' ? 'Cash on delivery' : 'Card'} ·{' '}
          <span className="font-medium">{PAYMENT_LABELS[order.paymentStatus]}</span>
        </p>
        {order.walletPaid > 0 && (
          <p className="text-[13px] text-muted">{formatMoney(order.walletPaid)} paid from Fatafat Cash</p>
        )}
      </Section>
      <RefundPanel order={order} />
      <Section title="Timeline">
        <ol className="relative grid gap-3 border-l border-line pl-4">
          {order.events.map((e, i) => (
            <li key={`${e.status}-${i}`} className="relative text-[13px]">
              <span className="absolute -left-[21px] top-1 size-2.5 rounded-full border-2 border-white bg-action ring-1 ring-action" />
              <div className="flex items-center gap-2">
                <StatusPill status={e.status} />
                <span className="text-muted">
                  {formatTime(e.at)} · {e.actorRole}
                </span>
              </div>
              {e.note && <p className="mt-1 text-muted">{e.note}</p>}
            </li>
          ))}
        </ol>
      </Section>
    </>
  );
}

export function OrderDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { data: order, isFetching, isError } = useAdminOrderQuery(id ?? '', { skip: !id, pollingInterval: 5000 });
  const actions = useOrderActions();
  const current = order && order.id === id ? order : undefined;
  // Exactly the moves the server will accept from this user (the view carries them), nothing more.
  const allowed = current?.nextStatuses ?? [];
  const next = current ? forwardStep(current.status, allowed) : undefined;
  const canCancel = allowed.includes('cancelled');
  const canRefund = allowed.includes('refunded');
  return (
    <Sheet
      open={Boolean(id)}
      onClose={onClose}
      placement="right"
      title={current ? `Order ${current.number}` : 'Order'}
      header={
        current ? (
          <div>
            <div className="flex items-center gap-2">
              <h2 className="text-lg font-bold">{current.number}</h2>
              <StatusPill status={current.status} />
            </div>
            <p className="text-[12px] text-muted">
              {formatDateTime(current.createdAt)} · {current.store.name}
            </p>
          </div>
        ) : undefined
      }
      footer={
        current && (next || canCancel || canRefund) ? (
          <div className="flex flex-wrap gap-2 border-t border-line bg-white px-5 py-3">
            {next && (
              <Button className="flex-1" loading={actions.busy} onClick={() => void actions.run(current, next)}>
                {FORWARD_ACTION_LABELS[next]}
              </Button>
            )}
            {canCancel && (
              <Button variant="danger" disabled={actions.busy} onClick={() => void actions.cancel(current)}>
                Cancel
              </Button>
            )}
            {canRefund && (
              <Button variant="ghost" disabled={actions.busy} onClick={() => void actions.refund(current, current.bill.total - current.refundedAmount)}>
                Refund
              </Button>
            )}
          </div>
        ) : undefined
      }
    >
      {current ? (
        <OrderBody order={current} />
      ) : isError ? (
        <p className="p-5 text-[14px] text-danger">This order could not be loaded.</p>
      ) : (
        <div className="grid place-items-center p-10 text-action">{isFetching && <Spinner className="size-6" label="Loading order" />}</div>
      )}
    </Sheet>
  );
}
