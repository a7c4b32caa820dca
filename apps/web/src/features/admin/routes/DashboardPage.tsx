import { Link, useSearchParams } from 'react-router';
import { ORDER_STATUSES } from '@fatafat/contracts/orders';
import { ErrorState } from '@/components/ui/ErrorState';
import { Skeleton } from '@/components/ui/Skeleton';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { formatMoney } from '@/lib/format';
import { useDashboardQuery } from '../api/admin.api';
import { Badge, Card, PageHeader, table } from '../components/AdminKit';
import { StatusPill } from '../components/StatusPill';
import { StoreParamSelect } from '../components/StoreOptions';
import { TrendChart } from '../components/TrendChart';
import { useAdminUser } from '../hooks/use-admin-user';

function Kpi({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-[var(--radius-card)] border border-line bg-white px-5 py-4">
      <div className="text-[12px] font-semibold uppercase tracking-wide text-muted">{label}</div>
      <div className="mt-1.5 text-[26px] font-bold tabular-nums tracking-tight text-ink">{value}</div>
      {hint && <div className="mt-0.5 text-[12px] text-muted">{hint}</div>}
    </div>
  );
}

export default function DashboardPage() {
  useDocumentTitle('Dashboard · Admin');
  const user = useAdminUser();
  const [params] = useSearchParams();
  const storeId = params.get('store') ?? undefined;
  const { data, isLoading, isError, refetch } = useDashboardQuery({ storeId }, { pollingInterval: 30_000 });
  const fortnight = data?.series.reduce((n, d) => n + d.revenue, 0) ?? 0;
  const fortnightOrders = data?.series.reduce((n, d) => n + d.orders, 0) ?? 0;

  return (
    <>
      <PageHeader
        title="Dashboard"
        subtitle={`Today, ${new Intl.DateTimeFormat('en-IN', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Asia/Kolkata' }).format(new Date())}`}
        actions={
          user.role === 'admin' && (
            <StoreParamSelect value={storeId} none="All stores" />
          )
        }
      />
      {isError ? (
        <ErrorState onRetry={() => void refetch()} />
      ) : isLoading || !data ? (
        <div className="grid gap-4 md:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-28" />
          ))}
          <Skeleton className="h-72 md:col-span-3" />
        </div>
      ) : (
        <div className="grid gap-4">
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Kpi label="Orders today" value={String(data.today.orders)} hint={`${fortnightOrders} in the last 14 days`} />
            <Kpi label="Revenue today" value={formatMoney(data.today.revenue)} hint={`${formatMoney(fortnight)} in 14 days`} />
            <Kpi label="Average basket" value={formatMoney(data.today.averageBasket)} hint="Confirmed and later orders" />
            <Kpi
              label="Low stock"
              value={data.lowStock.length >= 50 ? '50+' : String(data.lowStock.length)}
              hint={data.lowStock.length ? 'Lines at 5 units or fewer' : 'Everything is well stocked'}
            />
          </div>
          <div className="grid gap-4 lg:grid-cols-3">
            <Card title="Orders and revenue · last 14 days" className="lg:col-span-2">
              <TrendChart days={data.series} />
            </Card>
            <Card
              title="Today by status"
              actions={
                <Link to="/admin/orders" className="text-[13px] font-semibold text-action hover:underline">
                  Open board
                </Link>
              }
            >
              <ul className="grid gap-2">
                {ORDER_STATUSES.map((s) => (
                  <li key={s} className="flex items-center justify-between">
                    <StatusPill status={s} />
                    <span className="tabular-nums text-[14px] font-semibold">{data.byStatus[s]}</span>
                  </li>
                ))}
              </ul>
            </Card>
          </div>
          <Card
            title="Low stock"
            actions={
              <Link to="/admin/stock?low=1" className="text-[13px] font-semibold text-action hover:underline">
                Manage stock
              </Link>
            }
          >
            {data.lowStock.length === 0 ? (
              <p className="text-[14px] text-muted">No line is running low.</p>
            ) : (
              <div className="-m-4 max-h-80 overflow-auto">
                <table className={table.table}>
                  <thead>
                    <tr>
                      <th className={table.th}>Product</th>
                      <th className={table.th}>SKU</th>
                      <th className={table.th}>Store</th>
                      <th className={`${table.th} text-right`}>On hand</th>
                      <th className={`${table.th} text-right`}>Reserved</th>
                      <th className={`${table.th} text-right`}>Available</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.lowStock.map((l) => (
                      <tr key={`${l.storeId}:${l.variantId}`} className={table.tr}>
                        <td className={table.td}>
                          <span className="font-medium">{l.productName}</span> <span className="text-muted">· {l.label}</span>
                        </td>
                        <td className={`${table.td} font-mono text-[12px] text-muted`}>{l.sku}</td>
                        <td className={table.td}>{l.storeName}</td>
                        <td className={`${table.td} text-right tabular-nums`}>{l.onHand}</td>
                        <td className={`${table.td} text-right tabular-nums`}>{l.reserved}</td>
                        <td className={`${table.td} text-right`}>
                          <Badge tone={l.available === 0 ? 'red' : 'yellow'}>{l.available}</Badge>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </div>
      )}
    </>
  );
}
