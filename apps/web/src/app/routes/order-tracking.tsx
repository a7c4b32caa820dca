import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { RiderPositionEvent } from '@fatafat/contracts/dispatch';
import { FiMapPin, FiRefreshCw } from 'react-icons/fi';
import { Button } from '@/components/ui/Button';
import { ErrorState } from '@/components/ui/ErrorState';
import { Skeleton } from '@/components/ui/Skeleton';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorStatus } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { addressLine } from '@/features/addresses/types';
import { BillDetails } from '@/features/cart/components/BillDetails';
import { OrderRefunds } from '@/features/orders/components/OrderRefunds';
import { useGetOrderQuery } from '@/features/orders/api/orders.api';
import { OrderItems } from '@/features/orders/components/OrderItems';
import { OrderTimeline } from '@/features/orders/components/OrderTimeline';
import { TrackingHero } from '@/features/orders/components/TrackingHero';
import { RiderCard } from '@/features/orders/components/RiderCard';
import { SubstitutionPrompt } from '@/features/orders/components/SubstitutionPrompt';
import { useArrivalNotice } from '@/features/orders/hooks/use-arrival-notice';
import { useOrderActions } from '@/features/orders/hooks/use-order-actions';
import { useOrderStream } from '@/features/orders/hooks/use-order-stream';
import { HOLDS_STOCK } from '@fatafat/contracts/order-rules';
import { canCustomerCancel } from '@/features/orders/types';
import NotFoundView from './not-found-view';

export function Component() {
  const { id = '' } = useParams();
  const { data: order, isLoading, isError, error, refetch } = useGetOrderQuery(id);
  const [live, setLive] = useState<RiderPositionEvent | null>(null);
  const stream = useOrderStream(order, setLive);
  useArrivalNotice(order);
  const { cancelOrder, reorderOrder, cancelling, reordering } = useOrderActions();
  useDocumentTitle(order ? `Order #${order.number}` : 'Track order');

  if (isError && errorStatus(error) === 404) return <NotFoundView />;
  if (isError) return <ErrorState onRetry={refetch} />;
  if (isLoading || !order) {
    return (
      <div className="mx-auto flex max-w-[720px] flex-col gap-4 px-4 py-6">
        <Skeleton className="h-56 w-full rounded-2xl" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }

  const active = HOLDS_STOCK.has(order.status);
  return (
    <div
      className="mx-auto flex max-w-[720px] flex-col gap-4 px-4 py-4 md:py-8"
      data-testid="tracking"
      data-status={order.status}
    >
      <TrackingHero order={order} />
      <SubstitutionPrompt order={order} />
      {active && order.status !== 'pending_payment' && <RiderCard order={order} live={live} />}
      {active && stream === 'reconnecting' && (
        <p
          role="status"
          className="flex items-center gap-2 rounded-lg bg-surface px-3 py-2 text-[13px] text-muted"
        >
          <FiRefreshCw className="animate-spin" aria-hidden="true" /> Reconnecting to live updates…
        </p>
      )}
      <section
        aria-labelledby="status-heading"
        className="rounded-[var(--radius-card)] border border-line bg-white p-4"
      >
        <div className="mb-4 flex items-center justify-between">
          <h2 id="status-heading" className="text-base font-bold">
            Order status
          </h2>
          {active && stream === 'live' && (
            <span className="inline-flex items-center gap-1.5 text-[12px] font-semibold text-action">
              <span className="size-2 animate-pulse rounded-full bg-action" aria-hidden="true" /> Live
            </span>
          )}
        </div>
        <OrderTimeline order={order} />
        <div className="mt-5 flex flex-wrap gap-2 border-t border-line pt-4">
          {canCustomerCancel(order) && (
            <Button
              variant="danger"
              size="sm"
              loading={cancelling}
              onClick={() => cancelOrder(order)}
              data-testid="cancel-order"
            >
              Cancel order
            </Button>
          )}
          {!active && (
            <Button variant="outline" size="sm" loading={reordering} onClick={() => reorderOrder(order.id)}>
              Order again
            </Button>
          )}
          <Link
            to={`/account/orders/${order.id}/invoice`}
            className="inline-flex h-8 items-center px-3 text-[13px] font-semibold text-action hover:underline"
          >
            View invoice
          </Link>
        </div>
      </section>
      <section className="rounded-[var(--radius-card)] border border-line bg-white p-4">
        <h2 className="text-base font-bold">Delivery details</h2>
        <p className="mt-2 flex gap-2 text-[13px]">
          <FiMapPin className="mt-0.5 shrink-0 text-muted" aria-hidden="true" />
          <span>
            <span className="font-semibold capitalize">{order.address.label}</span> ·{' '}
            {addressLine(order.address)}
            <span className="block text-muted">
              {order.address.name} · {order.address.phone}
            </span>
          </span>
        </p>
        <p className="mt-2 text-[13px] text-muted">
          Placed {formatDateTime(order.createdAt)} ·{' '}
          {order.walletPaid > 0 && order.walletPaid === order.bill.total
            ? 'Paid with Fatafat Cash'
            : order.paymentMethod === 'cod'
              ? 'Cash on delivery'
              : 'Paid by card'}
          {order.store ? ` · from ${order.store.name}` : ''}
        </p>
      </section>
      <OrderItems order={order} />
      <div className="rounded-[var(--radius-card)] border border-line">
        <BillDetails bill={order.bill} />
      </div>
      <OrderRefunds order={order} />
    </div>
  );
}
