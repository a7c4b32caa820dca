import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { FiRefreshCw } from 'react-icons/fi';
import { ORDER_STATUSES, type OrderStatus, type OrderSummary } from '@fatafat/contracts/orders';
import { Button } from '@/components/ui/Button';
import { ErrorState } from '@/components/ui/ErrorState';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/format';
import { useAdminOrdersQuery, useStoresQuery } from '../api/admin.api';
import { EmptyRow, MiniInput, PageHeader, SelectField, table } from '../components/AdminKit';
import { ADMIN_STATUS_LABELS, FORWARD_ACTION_LABELS, forwardStep } from '@fatafat/contracts/order-rules';
import { OrderDrawer, useOrderActions } from '../components/OrderDrawer';
import { StatusPill } from '../components/StatusPill';
import { useAdminEvents } from '../hooks/use-admin-events';
import { useAdminUser } from '../hooks/use-admin-user';

/** Polling is the fallback while the event stream is down; with the stream up it is only a safety net. */
const POLL_MS = 5000;
const SAFETY_POLL_MS = 30_000;
const FLASH_MS = 3000;
/** The floor's working states get one-click chips; the rest sit in the menu. */
const BOARD_CHIPS = ['confirmed', 'packing', 'packed', 'out_for_delivery', 'delivered'] as const;
const time = new Intl.DateTimeFormat('en-IN', { hour: 'numeric', minute: '2-digit', day: 'numeric', month: 'short' });

/** Ids seen on an earlier poll; anything else is new and flashes until it has been on screen a moment. */
function useFreshIds(items: OrderSummary[] | undefined): Set<string> {
  const [known, setKnown] = useState<Set<string> | null>(null);
  const ids = items?.map((o) => o.id).join(',') ?? '';
  useEffect(() => {
    if (!ids) return;
    const timer = setTimeout(
      () => setKnown((prev) => new Set([...(prev ?? []), ...ids.split(',')])),
      known === null ? 0 : FLASH_MS,
    );
    return () => clearTimeout(timer);
  }, [ids, known]);
  if (!known || !items) return new Set();
  return new Set(items.filter((o) => !known.has(o.id)).map((o) => o.id));
}

function RowActions({ order }: { order: OrderSummary }) {
  const actions = useOrderActions();
  const next = forwardStep(order.status, order.nextStatuses);
  if (!next) return null;
  return (
    <Button
      size="sm"
      variant="outline"
      loading={actions.busy}
      onClick={(e) => {
        e.stopPropagation();
        void actions.run(order, next);
      }}
    >
      {FORWARD_ACTION_LABELS[next]}
    </Button>
  );
}

export default function OrdersPage() {
  useDocumentTitle('Orders · Admin');
  const user = useAdminUser();
  const [params, setParams] = useSearchParams();
  const [cursors, setCursors] = useState<string[]>([]);
  const status = (params.get('status') as OrderStatus | null) ?? undefined;
  const store = params.get('store') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const openId = params.get('order');
  const cursor = cursors.at(-1);
  const stores = useStoresQuery(undefined, { skip: user.role !== 'admin' });
  const live = useAdminEvents(store);
  const { data, isError, isFetching, refetch, fulfilledTimeStamp } = useAdminOrdersQuery(
    { status, store, from, to, cursor, limit: 50 },
    { pollingInterval: live === 'live' ? SAFETY_POLL_MS : POLL_MS, skipPollingIfUnfocused: false },
  );
  const fresh = useFreshIds(cursor ? undefined : data?.items);

  const update = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'order') setCursors([]);
    setParams(next, { replace: key !== 'order' });
  };

  return (
    <>
      <PageHeader
        title="Orders"
        subtitle={
          <span className="inline-flex items-center gap-1.5">
            <span className="relative flex size-2">
              {live === 'live' && (
                <span className="absolute inline-flex size-full animate-ping rounded-full bg-action opacity-60 motion-reduce:hidden" />
              )}
              <span className={cn('relative inline-flex size-2 rounded-full', live === 'live' ? 'bg-action' : 'bg-brand')} />
            </span>
            {live === 'live' ? 'Live' : 'Reconnecting · checking every 5 seconds'}
            {fulfilledTimeStamp ? ` · updated ${new Date(fulfilledTimeStamp).toLocaleTimeString('en-IN')}` : ''}
          </span>
        }
        actions={
          <Button variant="ghost" size="sm" onClick={() => void refetch()} aria-label="Refresh now">
            <FiRefreshCw className={cn('size-4', isFetching && 'animate-spin')} aria-hidden /> Refresh
          </Button>
        }
      />
      <div className="mb-3 flex flex-wrap items-end gap-2">
        <div className="flex flex-wrap gap-1" role="group" aria-label="Filter by status">
          {([undefined, ...BOARD_CHIPS] as const).map((s) => (
            <button
              key={s ?? 'all'}
              type="button"
              aria-pressed={status === s}
              onClick={() => update('status', s)}
              className={cn(
                'h-9 rounded-full border px-3.5 text-[13px] font-medium transition-colors',
                status === s ? 'border-action bg-action-soft text-action-dark' : 'border-line bg-white text-ink/80 hover:bg-surface',
              )}
            >
              {s ? ADMIN_STATUS_LABELS[s] : 'All'}
            </button>
          ))}
          <select
            aria-label="Other statuses"
            value={status && !(BOARD_CHIPS as readonly string[]).includes(status) ? status : ''}
            onChange={(e) => update('status', e.target.value || undefined)}
            className="h-9 w-28 rounded-full border border-line bg-white px-3 text-[13px]"
          >
            <option value="">More…</option>
            {ORDER_STATUSES.filter((s) => !(BOARD_CHIPS as readonly string[]).includes(s)).map((s) => (
              <option key={s} value={s}>
                {ADMIN_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="ml-auto flex flex-wrap items-end gap-2">
          {user.role === 'admin' && (
            <SelectField label="Store" hideLabel value={store ?? ''} onChange={(e) => update('store', e.target.value || undefined)} className="w-44">
              <option value="">All stores</option>
              {stores.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </SelectField>
          )}
          <MiniInput label="From date" className="w-36" type="date" value={from ?? ''} onChange={(e) => update('from', e.target.value || undefined)} />
          <MiniInput label="To date" className="w-36" type="date" value={to ?? ''} onChange={(e) => update('to', e.target.value || undefined)} />
        </div>
      </div>
      {isError ? (
        <ErrorState onRetry={() => void refetch()} />
      ) : (
        <div className="overflow-hidden rounded-[var(--radius-card)] border border-line bg-white">
          <div className={table.wrap}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th className={table.th}>Order</th>
                  <th className={table.th}>Placed</th>
                  <th className={table.th}>Store</th>
                  <th className={table.th}>Items</th>
                  <th className={`${table.th} text-right`}>Total</th>
                  <th className={table.th}>Payment</th>
                  <th className={table.th}>Status</th>
                  <th className={`${table.th} text-right`}>Next</th>
                </tr>
              </thead>
              <tbody>
                {!data ? (
                  <EmptyRow colSpan={8}>Loading orders…</EmptyRow>
                ) : data.items.length === 0 ? (
                  <EmptyRow colSpan={8}>No orders match these filters.</EmptyRow>
                ) : (
                  data.items.map((o) => (
                    <tr
                      key={o.id}
                      data-order={o.number}
                      tabIndex={0}
                      onClick={() => update('order', o.id)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') update('order', o.id);
                      }}
                      className={cn(table.tr, 'cursor-pointer transition-colors duration-700 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-action', fresh.has(o.id) && 'bg-brand-soft')}
                    >
                      <td className={`${table.td} font-semibold`}>
                        {o.number}
                        {fresh.has(o.id) && <span className="ml-2 rounded bg-brand px-1.5 py-0.5 text-[10px] font-bold uppercase">New</span>}
                      </td>
                      <td className={`${table.td} whitespace-nowrap text-muted`}>{time.format(new Date(o.createdAt))}</td>
                      <td className={table.td}>{o.store.name}</td>
                      <td className={`${table.td} max-w-[280px] truncate text-muted`}>
                        {o.items
                          .filter((i) => i.quantity > 0)
                          .map((i) => `${i.quantity}× ${i.name}`)
                          .join(', ')}
                      </td>
                      <td className={`${table.td} text-right font-semibold tabular-nums`}>{formatMoney(o.total)}</td>
                      <td className={`${table.td} text-muted`}>{o.paymentMethod === 'cod' ? 'COD' : 'Card'}</td>
                      <td className={table.td}>
                        <StatusPill status={o.status} />
                      </td>
                      <td className={`${table.td} text-right`}>
                        <RowActions order={o} />
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <div className="flex items-center justify-between border-t border-line px-4 py-2.5 text-[13px] text-muted">
            <span>{data ? `${data.items.length} orders on this page` : ''}</span>
            <div className="flex gap-2">
              <Button size="sm" variant="ghost" disabled={!cursors.length} onClick={() => setCursors((c) => c.slice(0, -1))}>
                Newer
              </Button>
              <Button
                size="sm"
                variant="ghost"
                disabled={!data?.nextCursor}
                onClick={() => data?.nextCursor && setCursors((c) => [...c, data.nextCursor!])}
              >
                Older
              </Button>
            </div>
          </div>
        </div>
      )}
      <OrderDrawer id={openId} onClose={() => update('order', undefined)} />
    </>
  );
}
