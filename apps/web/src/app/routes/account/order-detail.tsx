import { Link, useParams } from 'react-router';
import { FiArrowLeft } from 'react-icons/fi';
import { Button } from '@/components/ui/Button';
import { env } from '@/config/env';
import { ErrorState } from '@/components/ui/ErrorState';
import { Skeleton } from '@/components/ui/Skeleton';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { formatDateTime } from '@/lib/format';
import { addressLine } from '@/features/addresses/types';
import { BillDetails } from '@/features/cart/components/BillDetails';
import { OrderRefunds } from '@/features/orders/components/OrderRefunds';
import { useGetOrderQuery } from '@/features/orders/api/orders.api';
import { OrderItems } from '@/features/orders/components/OrderItems';
import { OrderTimeline } from '@/features/orders/components/OrderTimeline';
import { useOrderActions } from '@/features/orders/hooks/use-order-actions';
import { HOLDS_STOCK } from '@fatafat/contracts/order-rules';
import { canCustomerCancel } from '@/features/orders/types';
import { StatusPill } from './orders';

export function Component() {
  const { id = '' } = useParams();
  const { data: order, isLoading, isError, refetch } = useGetOrderQuery(id);
  const { cancelOrder, reorderOrder, cancelling, reordering } = useOrderActions();
  useDocumentTitle(order ? `Order #${order.number}` : 'Order');

  if (isError) return <ErrorState onRetry={refetch} />;
  if (isLoading || !order) return <Skeleton className="h-96 w-full" />;

  return (
    <div className="flex flex-col gap-4">
      <Link
        to="/account/orders"
        className="inline-flex items-center gap-1.5 text-sm font-semibold text-muted hover:text-ink"
      >
        <FiArrowLeft aria-hidden="true" /> All orders
      </Link>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="flex items-center gap-2 text-xl font-extrabold tracking-tight">
            Order #{order.number} <StatusPill status={order.status} />
          </h1>
          <p className="text-[13px] text-muted">
            {formatDateTime(order.createdAt)} · {order.paymentMethod === 'cod' ? 'Cash on delivery' : 'Card'}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {HOLDS_STOCK.has(order.status) && (
            <Link
              to={`/order/${order.id}`}
              className="inline-flex h-8 items-center rounded-[var(--radius-control)] bg-action px-3 text-[13px] font-semibold text-white"
            >
              Track live
            </Link>
          )}
          {canCustomerCancel(order) && (
            <Button size="sm" variant="danger" loading={cancelling} onClick={() => cancelOrder(order)}>
              Cancel
            </Button>
          )}
          <Button size="sm" variant="outline" loading={reordering} onClick={() => reorderOrder(order.id)}>
            Order again
          </Button>
          <Link
            to={`/account/orders/${order.id}/invoice`}
            className="inline-flex h-8 items-center rounded-[var(--radius-control)] border border-line px-3 text-[13px] font-semibold hover:bg-surface"
          >
            Invoice
          </Link>
          {/* The GST tax invoice exists once the order is delivered; the API serves it as a PDF. */}
          {order.invoice && (
            <a
              href={`${env.apiBase}/order/${order.id}/invoice.pdf`}
              download
              className="inline-flex h-8 items-center rounded-[var(--radius-control)] border border-line px-3 text-[13px] font-semibold hover:bg-surface"
            >
              Download invoice (PDF)
            </a>
          )}
        </div>
      </div>
      <section className="rounded-[var(--radius-card)] border border-line bg-white p-4">
        <OrderTimeline order={order} />
      </section>
      <section className="rounded-[var(--radius-card)] border border-line bg-white p-4 text-[13px]">
        <h2 className="text-base font-bold">Delivered to</h2>
        <p className="mt-1">
          {order.address.name} · {order.address.phone}
        </p>
        <p className="text-muted">{addressLine(order.address)}</p>
      </section>
      <OrderItems order={order} />
      <div className="rounded-[var(--radius-card)] border border-line">
        <BillDetails bill={order.bill} />
      </div>
      <OrderRefunds order={order} />
    </div>
  );
}
