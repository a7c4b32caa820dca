import { useParams } from 'react-router';
import { FiPrinter } from 'react-icons/fi';
import { Button } from '@/components/ui/Button';
import { ErrorState } from '@/components/ui/ErrorState';
import { Logo } from '@/components/ui/Logo';
import { Skeleton } from '@/components/ui/Skeleton';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { formatDateTime, formatMoney } from '@/lib/format';
import { addressLine } from '@/features/addresses/types';
import { useGetOrderQuery } from '@/features/orders/api/orders.api';
import { ORDER_STATUS_LABELS } from '@fatafat/contracts/order-rules';

/** A printable invoice: plain layout, the header and footer hide when printing. */
export function Component() {
  const { id = '' } = useParams();
  const { data: order, isLoading, isError, refetch } = useGetOrderQuery(id);
  useDocumentTitle(order ? `Invoice #${order.number}` : 'Invoice');

  if (isError) return <ErrorState onRetry={refetch} />;
  if (isLoading || !order) return <Skeleton className="mx-auto mt-6 h-96 max-w-[760px]" />;

  return (
    <div className="mx-auto max-w-[760px] px-4 py-6 print:max-w-none print:p-0">
      <div className="no-print mb-4 flex justify-end">
        <Button variant="dark" onClick={() => window.print()}>
          <FiPrinter aria-hidden="true" /> Print / Save as PDF
        </Button>
      </div>
      <article className="rounded-[var(--radius-card)] border border-line bg-white p-6 md:p-10 print:border-0">
        <header className="flex items-start justify-between gap-4 border-b border-line pb-5">
          <div>
            <Logo className="h-8 w-auto text-ink" />
            <p className="mt-2 text-[12px] text-muted">{order.store?.name ?? 'Fatafat'}</p>
          </div>
          <div className="text-right text-[13px]">
            <h1 className="text-lg font-extrabold">Tax invoice</h1>
            <p>Order #{order.number}</p>
            <p className="text-muted">{formatDateTime(order.createdAt)}</p>
            <p className="text-muted">{ORDER_STATUS_LABELS[order.status]}</p>
          </div>
        </header>
        <section className="grid gap-4 border-b border-line py-5 text-[13px] sm:grid-cols-2">
          <div>
            <h2 className="font-bold">Billed and shipped to</h2>
            <p className="mt-1">{order.address.name}</p>
            <p className="text-muted">{addressLine(order.address)}</p>
            <p className="text-muted">{order.address.phone}</p>
          </div>
          <div className="sm:text-right">
            <h2 className="font-bold">Payment</h2>
            <p className="mt-1">{order.paymentMethod === 'cod' ? 'Cash on delivery' : 'Card (Stripe)'}</p>
          </div>
        </section>
        <table className="mt-5 w-full text-[13px]">
          <thead>
            <tr className="border-b border-line text-left text-muted">
              <th className="py-2 font-semibold">Item</th>
              <th className="py-2 text-right font-semibold">Qty</th>
              <th className="py-2 text-right font-semibold">Price</th>
              <th className="py-2 text-right font-semibold">Amount</th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((item) => (
              <tr key={item.variantId} className="border-b border-line">
                <td className="py-2">
                  {item.name} <span className="text-muted">({item.label})</span>
                </td>
                <td className="py-2 text-right tabular">{item.quantity}</td>
                <td className="py-2 text-right tabular">{formatMoney(item.price)}</td>
                <td className="py-2 text-right tabular">{formatMoney(item.price * item.quantity)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {order.bill.lines.map((line) => (
              <tr key={line.code}>
                <td colSpan={3} className="pt-2 text-right text-muted">
                  {line.label}
                </td>
                <td className="pt-2 text-right tabular">
                  {line.amount < 0 ? `−${formatMoney(-line.amount)}` : formatMoney(line.amount)}
                </td>
              </tr>
            ))}
            <tr>
              <td colSpan={3} className="pt-3 text-right text-base font-extrabold">
                Total
              </td>
              <td className="pt-3 text-right text-base font-extrabold tabular">
                {formatMoney(order.bill.total)}
              </td>
            </tr>
          </tfoot>
        </table>
        <p className="mt-8 text-[11px] text-muted">
          Prices include all applicable taxes. Thank you for shopping with Fatafat.
        </p>
      </article>
    </div>
  );
}
