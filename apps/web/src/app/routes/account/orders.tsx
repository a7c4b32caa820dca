import { useMemo } from 'react';
import { Link } from 'react-router';
import { FiChevronRight } from 'react-icons/fi';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { Skeleton } from '@/components/ui/Skeleton';
import { LoadMore } from '@/components/ui/LoadMore';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { cn } from '@/lib/cn';
import { formatDateTime, formatMoney, plural } from '@/lib/format';
import { useGetOrdersInfiniteQuery } from '@/features/orders/api/orders.api';
import { useOrderActions } from '@/features/orders/hooks/use-order-actions';
import { HOLDS_STOCK, ORDER_STATUS_LABELS } from '@fatafat/contracts/order-rules';
import type { OrderStatus, OrderSummary } from '@/features/orders/types';

export function StatusPill({ status }: { status: OrderStatus }) {
  const tone =
    status === 'delivered'
      ? 'bg-action-soft text-action-dark'
      : ['cancelled', 'payment_failed', 'expired'].includes(status)
        ? 'bg-danger-soft text-danger'
        : 'bg-brand-soft text-ink';
  return (
    <span className={cn('rounded-full px-2.5 py-0.5 text-[11px] font-bold', tone)}>
      {ORDER_STATUS_LABELS[status]}
    </span>
  );
}

function OrderCard({ order }: { order: OrderSummary }) {
  const { reorderOrder, reordering } = useOrderActions();
  const active = HOLDS_STOCK.has(order.status);
  return (
    <li className="rounded-[var(--radius-card)] border border-line bg-white" data-testid="order-card">
      <Link
        to={active ? `/order/${order.id}` : `/account/orders/${order.id}`}
        className="flex items-start gap-3 p-4 hover:bg-surface/50"
      >
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <p className="text-sm font-bold">Order #{order.number}</p>
            <StatusPill status={order.status} />
          </div>
          <p className="mt-0.5 text-[12px] text-muted">
            {formatDateTime(order.createdAt)} · {plural(order.itemCount, 'item')} · {formatMoney(order.total)}
          </p>
          <ul className="mt-3 flex gap-1.5" aria-label="Items">
            {order.items.slice(0, 5).map((item) => (
              <li
                key={item.variantId}
                className="size-11 overflow-hidden rounded-lg border border-line bg-surface/60 p-0.5"
                title={item.name}
              >
                {item.imageUrl && (
                  <img
                    src={item.imageUrl}
                    alt={item.name}
                    width={44}
                    height={44}
                    loading="lazy"
                    className="size-full object-contain"
                  />
                )}
              </li>
            ))}
            {order.items.length > 5 && (
              <li className="grid size-11 place-items-center rounded-lg bg-surface text-[12px] font-bold text-muted">
                +{order.items.length - 5}
              </li>
            )}
          </ul>
        </div>
        <FiChevronRight className="mt-1 size-5 shrink-0 text-muted" aria-hidden="true" />
      </Link>
      <div className="flex gap-5 border-t border-line px-4 py-2.5">
        {active && (
          <Link to={`/order/${order.id}`} className="text-[13px] font-bold text-action hover:underline">
            Track order
          </Link>
        )}
        <button
          type="button"
          disabled={reordering}
          onClick={() => reorderOrder(order.id)}
          className="text-[13px] font-bold text-action hover:underline disabled:opacity-50"
          data-testid="reorder"
        >
          {reordering ? 'Adding…' : 'Order again'}
        </button>
      </div>
    </li>
  );
}

export function Component() {
  useDocumentTitle('My orders');
  const { data, isLoading, isError, refetch, hasNextPage, fetchNextPage, isFetchingNextPage } =
    useGetOrdersInfiniteQuery();
  const orders = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  if (isError) return <ErrorState onRetry={refetch} />;
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title" className="mb-4 text-xl font-extrabold tracking-tight">
        My orders
      </h1>
      {isLoading ? (
        <div className="flex flex-col gap-3">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-36 w-full" />
          ))}
        </div>
      ) : orders.length === 0 ? (
        <EmptyState
          title="No orders yet"
          message="Your first order is just a few taps away."
          action={
            <Link
              to="/"
              className="inline-flex h-11 items-center rounded-[var(--radius-control)] bg-action px-5 font-semibold text-white"
            >
              Start shopping
            </Link>
          }
        />
      ) : (
        <>
          <ul className="flex flex-col gap-3">
            {orders.map((order) => (
              <OrderCard key={order.id} order={order} />
            ))}
          </ul>
          <LoadMore
            hasMore={!!hasNextPage}
            loading={isFetchingNextPage}
            onLoadMore={() => void fetchNextPage()}
            what="orders"
            margin={400}
          />
        </>
      )}
    </section>
  );
}
