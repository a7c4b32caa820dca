import { useState } from 'react';
import toast from 'react-hot-toast';
import type { OrderView } from '@fatafat/contracts/orders';
import { Button } from '@/components/ui/Button';
import { errorMessage } from '@/lib/api';
import { cn } from '@/lib/cn';
import { formatDateTime, formatMoney } from '@/lib/format';
import { useRefundOrderMutation } from '../api/admin.api';

const METHOD_LABELS = { source: 'Card / UPI', wallet: 'Fatafat Cash' } as const;

/** Units of each variant earlier refunds gave back (failed ones excepted). */
function refundedUnits(order: OrderView): Map<string, number> {
  const units = new Map<string, number>();
  for (const r of order.refunds) {
    // A short pick's units already left the items' quantities: what is left to refund is all sent.
    if (r.status === 'failed' || r.shortPick) continue;
    for (const l of r.lines) units.set(l.variantId, (units.get(l.variantId) ?? 0) + l.quantity);
  }
  return units;
}

/**
 * The order's refunds, and a form to refund some of its items (the server works out what was paid for
 * them, discount share included) or an amount, to the card or to the customer's Fatafat Cash.
 */
export function RefundPanel({ order }: { order: OrderView }) {
  const [refund, state] = useRefundOrderMutation();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<'items' | 'amount'>('items');
  const [picked, setPicked] = useState<Record<string, number>>({});
  const [rupees, setRupees] = useState('');
  const [reason, setReason] = useState('');
  const [to, setTo] = useState<'source' | 'wallet'>(order.paymentMethod === 'card' ? 'source' : 'wallet');
  const done = refundedUnits(order);
  const left = order.bill.total - order.refundedAmount;
  const lines = Object.entries(picked)
    .filter(([, q]) => q > 0)
    .map(([variantId, quantity]) => ({ variantId, quantity }));
  const amount = Math.round(Number(rupees) * 100);
  const ready = reason.trim().length >= 3 && (mode === 'items' ? lines.length > 0 : amount > 0);

  const submit = async () => {
    try {
      const body = mode === 'items' ? { lines } : { amount };
      const res = await refund({ id: order.id, ...body, reason: reason.trim(), to }).unwrap();
      toast.success(`${order.number}: ${formatMoney(res.refund.amount)} refunded to ${METHOD_LABELS[to]}`);
      setOpen(false);
      setPicked({});
      setRupees('');
      setReason('');
    } catch (error) {
      toast.error(errorMessage(error, 'Could not refund'));
    }
  };

  return (
    <section className="border-b border-line px-5 py-4" data-testid="refund-panel">
      <div className="mb-2 flex items-center justify-between">
        <h3 className="text-[12px] font-semibold uppercase tracking-wide text-muted">Refunds</h3>
        {!open && left > 0 && order.status !== 'pending_payment' && (
          <Button size="sm" variant="outline" onClick={() => setOpen(true)} data-testid="refund-items">
            Refund items
          </Button>
        )}
      </div>
      {order.refunds.length === 0 ? (
        !open && <p className="text-[13px] text-muted">None yet.</p>
      ) : (
        <ul className="mb-2 grid gap-1.5 text-[13px]">
          {order.refunds.map((r) => (
            <li key={r.id} className="flex justify-between gap-3">
              <span className="min-w-0">
                <span className="font-medium">
                  {r.lines.length ? r.lines.map((l) => `${l.quantity} × ${l.name}`).join(', ') : r.includesFees ? 'Rest of the order' : 'Amount'}
                </span>
                <span className="block text-[12px] text-muted">
                  {METHOD_LABELS[r.method]} · {r.status} · {r.reason} · {formatDateTime(r.createdAt)}
                </span>
              </span>
              <span className="shrink-0 font-semibold tabular-nums">{formatMoney(r.amount)}</span>
            </li>
          ))}
          <li className="flex justify-between border-t border-line pt-1.5 font-semibold">
            <span>Refunded</span>
            <span className="tabular-nums">{formatMoney(order.refundedAmount)}</span>
          </li>
        </ul>
      )}
      {open && (
        <form
          className="mt-2 grid gap-3 rounded-lg border border-line p-3"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="flex gap-1 rounded-full bg-surface p-1 text-[13px] font-semibold" role="tablist">
            {(['items', 'amount'] as const).map((m) => (
              <button
                key={m}
                type="button"
                role="tab"
                aria-selected={mode === m}
                onClick={() => setMode(m)}
                className={cn('flex-1 rounded-full py-1.5', mode === m ? 'bg-white shadow-sm' : 'text-muted')}
              >
                {m === 'items' ? 'Items' : 'Amount'}
              </button>
            ))}
          </div>
          {mode === 'items' ? (
            <ul className="grid gap-2">
              {order.items.map((item) => {
                const max = item.quantity - (done.get(item.variantId) ?? 0);
                return (
                  <li key={item.variantId} className="flex items-center justify-between gap-2 text-[13px]">
                    <span className="min-w-0 truncate">
                      {item.name} <span className="text-muted">· {item.label}</span>
                    </span>
                    <select
                      aria-label={`Units of ${item.name} to refund`}
                      disabled={max === 0}
                      value={picked[item.variantId] ?? 0}
                      onChange={(e) => setPicked((p) => ({ ...p, [item.variantId]: Number(e.target.value) }))}
                      className="h-8 rounded-md border border-line bg-white px-2"
                    >
                      {Array.from({ length: max + 1 }, (_, q) => (
                        <option key={q} value={q}>
                          {q} of {max}
                        </option>
                      ))}
                    </select>
                  </li>
                );
              })}
            </ul>
          ) : (
            <label className="grid gap-1 text-[13px] font-medium">
              Amount (₹, up to {formatMoney(left)})
              <input
                inputMode="decimal"
                value={rupees}
                onChange={(e) => setRupees(e.target.value.replace(/[^0-9.]/g, ''))}
                className="h-10 rounded-md border border-line px-3"
                placeholder="e.g. 50"
              />
            </label>
          )}
          <label className="grid gap-1 text-[13px] font-medium">
            Reason (the customer sees it)
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              className="h-10 rounded-md border border-line px-3"
              placeholder="Missing from the bag"
              data-testid="refund-reason"
            />
          </label>
          <fieldset className="flex gap-3 text-[13px]">
            <legend className="mb-1 font-medium">Send it to</legend>
            {order.paymentMethod === 'card' && (
              <label className="flex items-center gap-1.5">
                <input type="radio" checked={to === 'source'} onChange={() => setTo('source')} /> Card / UPI
              </label>
            )}
            <label className="flex items-center gap-1.5">
              <input type="radio" checked={to === 'wallet'} onChange={() => setTo('wallet')} /> Fatafat Cash (instant)
            </label>
          </fieldset>
          <div className="flex gap-2">
            <Button type="submit" size="sm" loading={state.isLoading} disabled={!ready} data-testid="refund-submit">
              Refund
            </Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setOpen(false)}>
              Close
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
