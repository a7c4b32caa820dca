import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import toast from 'react-hot-toast';
import type { Role } from '@fatafat/contracts/users';
import { Button } from '@/components/ui/Button';
import { ErrorState } from '@/components/ui/ErrorState';
import { Sheet } from '@/components/ui/Sheet';
import { Spinner } from '@/components/ui/Spinner';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { confirmAction } from '../confirm';
import { errorMessage } from '@/lib/api';
import { formatDateTime, formatMoney } from '@/lib/format';
import { useCustomerQuery, useCustomersQuery, useStoresQuery, useUpdateCustomerMutation } from '../api/admin.api';
import { Badge, EmptyRow, PageHeader, Pager, SearchField, SelectField, table } from '../components/AdminKit';
import { useTableParams } from '../hooks/use-table-params';
import { StatusPill } from '../components/StatusPill';
import { useAdminUser } from '../hooks/use-admin-user';

const roleTone = { admin: 'blue', staff: 'yellow', picker: 'green', rider: 'green', customer: 'grey' } as const;
/** Roles that work at one store and so need one chosen. */
const storeBound = (r: Role) => r === 'staff' || r === 'picker' || r === 'rider';
const dateFmt = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric' });

function CustomerDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const me = useAdminUser();
  const { data, isError } = useCustomerQuery(id);
  const stores = useStoresQuery();
  const [update, { isLoading }] = useUpdateCustomerMutation();
  const [role, setRole] = useState<Role | null>(null);
  const [storeId, setStoreId] = useState<string | null>(null);
  const c = data?.customer;
  const self = c?.id === me.id;
  const chosenRole = role ?? c?.role ?? 'customer';
  const chosenStore = storeId ?? c?.storeId ?? '';

  const saveRole = async () => {
    if (!c) return;
    if (storeBound(chosenRole) && !chosenStore) {
      toast.error('Choose the store this person works at.');
      return;
    }
    try {
      await update({ id: c.id, patch: { role: chosenRole, ...(storeBound(chosenRole) ? { storeId: chosenStore } : {}) } }).unwrap();
      toast.success('Access updated');
      setRole(null);
      setStoreId(null);
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  const toggleBlock = async () => {
    if (!c) return;
    if (!c.blocked) {
      const ok = await confirmAction({
        title: `Block ${c.name}?`,
        text: 'They are logged out everywhere and can neither log in nor order until unblocked.',
        confirmText: 'Block',
      });
      if (!ok) return;
    }
    try {
      await update({ id: c.id, patch: { blocked: !c.blocked } }).unwrap();
      toast.success(c.blocked ? 'Unblocked' : 'Blocked');
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };

  return (
    <Sheet open onClose={onClose} placement="right" title={c ? c.name : 'Customer'}>
      {isError ? (
        <p className="p-5 text-danger">This account could not be loaded.</p>
      ) : !c || !data ? (
        <div className="grid place-items-center p-10 text-action">
          <Spinner className="size-6" label="Loading" />
        </div>
      ) : (
        <div className="grid gap-0">
          <section className="border-b border-line px-5 py-4">
            <div className="flex items-center gap-2">
              <Badge tone={roleTone[c.role]}>{c.role}</Badge>
              {c.blocked && <Badge tone="red">Blocked</Badge>}
              {c.emailVerified && <Badge tone="green">Email verified</Badge>}
            </div>
            <dl className="mt-3 grid grid-cols-[110px_1fr] gap-y-1 text-[14px]">
              <dt className="text-muted">Email</dt>
              <dd>{c.email ?? '—'}</dd>
              <dt className="text-muted">Mobile</dt>
              <dd>{c.mobile ?? '—'}</dd>
              <dt className="text-muted">Joined</dt>
              <dd>{dateFmt.format(new Date(c.createdAt))}</dd>
              <dt className="text-muted">Orders</dt>
              <dd>
                {c.orderCount} · {formatMoney(c.totalSpent)} spent
              </dd>
              <dt className="text-muted">Addresses</dt>
              <dd>{c.addressCount}</dd>
              {c.store && (
                <>
                  <dt className="text-muted">Store</dt>
                  <dd>{c.store.name}</dd>
                </>
              )}
            </dl>
          </section>
          <section className="grid gap-3 border-b border-line px-5 py-4">
            <h3 className="text-[12px] font-semibold uppercase tracking-wide text-muted">Access</h3>
            {self && <p className="text-[13px] text-muted">This is you: you cannot remove your own admin role or block yourself.</p>}
            <div className="grid grid-cols-2 gap-2">
              <SelectField label="Role" value={chosenRole} disabled={self} onChange={(e) => setRole(e.target.value as Role)}>
                <option value="customer">Customer</option>
                <option value="picker">Picker</option>
                <option value="rider">Rider</option>
                <option value="staff">Store manager</option>
                <option value="admin">Admin</option>
              </SelectField>
              {storeBound(chosenRole) && (
                <SelectField label="Store" value={chosenStore} onChange={(e) => setStoreId(e.target.value)}>
                  <option value="">Choose…</option>
                  {stores.data?.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </SelectField>
              )}
            </div>
            <div className="flex gap-2">
              <Button size="sm" loading={isLoading} disabled={self || (role === null && storeId === null)} onClick={() => void saveRole()}>
                Save access
              </Button>
              <Button size="sm" variant={c.blocked ? 'outline' : 'danger'} disabled={self || isLoading} onClick={() => void toggleBlock()}>
                {c.blocked ? 'Unblock' : 'Block'}
              </Button>
            </div>
          </section>
          <section className="px-5 py-4">
            <h3 className="mb-2 text-[12px] font-semibold uppercase tracking-wide text-muted">Recent orders</h3>
            {data.recentOrders.length === 0 ? (
              <p className="text-[13px] text-muted">No orders yet.</p>
            ) : (
              <ul className="grid gap-1">
                {data.recentOrders.map((o) => (
                  <li key={o.id}>
                    <Link
                      to={`/admin/orders?order=${o.id}`}
                      className="flex items-center justify-between gap-2 rounded-lg px-2 py-2 text-[13px] hover:bg-surface"
                    >
                      <span>
                        <span className="block font-semibold">{o.number}</span>
                        <span className="text-muted">
                          {formatDateTime(o.createdAt)} · {o.itemCount} items
                        </span>
                      </span>
                      <span className="flex items-center gap-2">
                        <StatusPill status={o.status} />
                        <span className="font-semibold tabular-nums">{formatMoney(o.total)}</span>
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </Sheet>
  );
}

export default function CustomersPage() {
  useDocumentTitle('Customers · Admin');
  const { id } = useParams();
  const navigate = useNavigate();
  const { params, set, page, search, q, onSearch } = useTableParams();
  const role = (params.get('role') as Role | null) ?? undefined;
  const { data, isError, refetch } = useCustomersQuery({ q: q || undefined, role, page, pageSize: 25 });
  const qs = params.toString() ? `?${params.toString()}` : '';

  return (
    <>
      <PageHeader title="Customers" subtitle={data ? `${data.total} accounts` : 'Accounts'} />
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <SearchField
          label="Search customers"
          placeholder="Name, email or mobile"
          value={search}
          onChange={onSearch}
        />
        <SelectField label="Role" hideLabel value={role ?? ''} onChange={(e) => set({ role: e.target.value || undefined, page: undefined })}>
          <option value="">Every role</option>
          <option value="customer">Customers</option>
          <option value="staff">Staff</option>
          <option value="admin">Admins</option>
        </SelectField>
      </div>
      {isError ? (
        <ErrorState onRetry={() => void refetch()} />
      ) : (
        <div className="overflow-hidden rounded-[var(--radius-card)] border border-line bg-white">
          <div className={table.wrap}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th className={table.th}>Name</th>
                  <th className={table.th}>Email</th>
                  <th className={table.th}>Mobile</th>
                  <th className={table.th}>Role</th>
                  <th className={`${table.th} text-right`}>Orders</th>
                  <th className={`${table.th} text-right`}>Spent</th>
                  <th className={table.th}>Last order</th>
                  <th className={table.th}>Joined</th>
                </tr>
              </thead>
              <tbody>
                {!data ? (
                  <EmptyRow colSpan={8}>Loading…</EmptyRow>
                ) : data.items.length === 0 ? (
                  <EmptyRow colSpan={8}>Nobody matches that search.</EmptyRow>
                ) : (
                  data.items.map((c) => (
                    <tr key={c.id} className={`${table.tr} cursor-pointer`} onClick={() => navigate(`/admin/customers/${c.id}${qs}`)}>
                      <td className={table.td}>
                        <Link to={`/admin/customers/${c.id}${qs}`} className="font-semibold hover:text-action" onClick={(e) => e.stopPropagation()}>
                          {c.name}
                        </Link>
                        {c.blocked && (
                          <span className="ml-2">
                            <Badge tone="red">Blocked</Badge>
                          </span>
                        )}
                      </td>
                      <td className={`${table.td} text-muted`}>{c.email ?? '—'}</td>
                      <td className={`${table.td} text-muted tabular-nums`}>{c.mobile ?? '—'}</td>
                      <td className={table.td}>
                        <Badge tone={roleTone[c.role]}>{c.role}</Badge>
                      </td>
                      <td className={`${table.td} text-right tabular-nums`}>{c.orderCount}</td>
                      <td className={`${table.td} text-right tabular-nums`}>{formatMoney(c.totalSpent)}</td>
                      <td className={`${table.td} text-muted`}>{c.lastOrderAt ? dateFmt.format(new Date(c.lastOrderAt)) : '—'}</td>
                      <td className={`${table.td} text-muted`}>{dateFmt.format(new Date(c.createdAt))}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={25} total={data?.total ?? 0} onPage={(p) => set({ page: String(p) })} />
        </div>
      )}
      {id && <CustomerDrawer key={id} id={id} onClose={() => navigate(`/admin/customers${qs}`)} />}
    </>
  );
}
