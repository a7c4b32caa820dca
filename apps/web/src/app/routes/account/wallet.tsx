import { Link } from 'react-router';
import { FiArrowDownLeft, FiArrowUpRight } from 'react-icons/fi';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { Skeleton } from '@/components/ui/Skeleton';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { cn } from '@/lib/cn';
import { formatDateTime, formatMoney } from '@/lib/format';
import { useGetWalletQuery, type Wallet } from '@/features/wallet/api/wallet.api';

const KIND_LABELS: Record<Wallet['entries'][number]['kind'], string> = {
  refund: 'Refund',
  goodwill: 'From Fatafat',
  checkout: 'Paid for an order',
  checkout_reversal: 'Order payment returned',
};

/** Fatafat Cash: the balance to spend at checkout and every credit and spend that made it. */
export function Component() {
  useDocumentTitle('Fatafat Cash');
  const { data, isLoading, isError, refetch } = useGetWalletQuery();
  if (isLoading) return <Skeleton className="h-64 w-full" />;
  if (isError || !data) return <ErrorState message="We could not load your Fatafat Cash." onRetry={refetch} />;

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-extrabold tracking-tight">Fatafat Cash</h1>
      <section className="rounded-[var(--radius-card)] bg-action p-5 text-white" aria-label="Balance">
        <p className="text-[12px] font-semibold tracking-wide uppercase">Balance</p>
        <p className="mt-1 text-3xl font-extrabold tabular" data-testid="wallet-balance">
          {formatMoney(data.balance)}
        </p>
        <p className="mt-2 text-[13px]">
          Refunds land here instantly. Use it at checkout for part or all of an order.
        </p>
      </section>
      {data.entries.length === 0 ? (
        <EmptyState title="No activity yet" message="Refunds and credits will show up here." />
      ) : (
        <ul className="divide-y divide-line rounded-[var(--radius-card)] border border-line bg-white">
          {data.entries.map((e) => {
            const credit = e.amount > 0;
            const Icon = credit ? FiArrowDownLeft : FiArrowUpRight;
            return (
              <li key={e.id} className="flex items-center gap-3 p-3.5" data-testid="wallet-entry">
                <span
                  className={cn(
                    'grid size-9 shrink-0 place-items-center rounded-full',
                    credit ? 'bg-action-soft text-action-dark' : 'bg-surface text-ink',
                  )}
                >
                  <Icon className="size-4" aria-hidden="true" />
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block text-sm font-semibold">{KIND_LABELS[e.kind]}</span>
                  <span className="block truncate text-[12px] text-muted">
                    {e.reason}
                    {e.orderId && e.orderNumber && (
                      <>
                        {' · '}
                        <Link to={`/account/orders/${e.orderId}`} className="font-semibold text-action hover:underline">
                          {e.orderNumber}
                        </Link>
                      </>
                    )}
                  </span>
                  <span className="block text-[11px] text-muted">{formatDateTime(e.createdAt)}</span>
                </span>
                <span className={cn('text-sm font-bold tabular', credit ? 'text-action-dark' : 'text-ink')}>
                  {credit ? '+' : '−'}
                  {formatMoney(Math.abs(e.amount))}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
