import { useState } from 'react';
import toast from 'react-hot-toast';
import { FiClock } from 'react-icons/fi';
import type { StockLine } from '@fatafat/contracts/inventory';
import { BIN_PATTERN } from '@fatafat/contracts/floor-rules';
import { Button } from '@/components/ui/Button';
import { ErrorState } from '@/components/ui/ErrorState';
import { Sheet } from '@/components/ui/Sheet';
import { TextField } from '@/components/ui/TextField';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { useAdjustStockMutation, useSetBinMutation, useSetStockMutation, useStockLinesQuery, useStockMovementsQuery, useStoresQuery } from '../api/admin.api';
import { Badge, EmptyRow, PageHeader, Pager, SearchField, SelectField, table } from '../components/AdminKit';
import { useTableParams } from '../hooks/use-table-params';
import { useAdminUser } from '../hooks/use-admin-user';

/** Where the line sits on the floor; pick lists walk the store in bin order. */
function BinForm({ line }: { line: StockLine }) {
  const [bin, setBin] = useState(line.bin ?? '');
  const [error, setError] = useState<string>();
  const [save, { isLoading }] = useSetBinMutation();
  const submit = async () => {
    const wanted = bin.trim().toUpperCase();
    if (wanted && !BIN_PATTERN.test(wanted)) {
      setError('zone-aisle-rack-shelf, e.g. D-03-B-2');
      return;
    }
    setError(undefined);
    try {
      const saved = await save({ storeId: line.storeId, variantId: line.variantId, bin: wanted || null }).unwrap();
      setBin(saved.bin ?? '');
      toast.success(saved.bin ? `Placed on ${saved.bin}` : 'Taken off its bin');
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  return (
    <form
      className="flex items-end gap-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <TextField
        label="Bin (zone-aisle-rack-shelf)"
        placeholder="D-03-B-2"
        autoCapitalize="characters"
        className="flex-1"
        value={bin}
        error={error}
        onChange={(e) => setBin(e.target.value)}
      />
      <Button type="submit" variant="outline" loading={isLoading}>
        Set bin
      </Button>
    </form>
  );
}

function StockDialog({ line, onClose }: { line: StockLine; onClose: () => void }) {
  const [mode, setMode] = useState<'set' | 'adjust'>('set');
  const [amount, setAmount] = useState(String(line.onHand));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ amount?: string; reason?: string }>({});
  const [setStock, s1] = useSetStockMutation();
  const [adjustStock, s2] = useAdjustStockMutation();
  const history = useStockMovementsQuery({ storeId: line.storeId, variantId: line.variantId, pageSize: 20 });

  const save = async () => {
    const n = Number(amount);
    const next: typeof error = {};
    if (!Number.isInteger(n)) next.amount = 'enter a whole number';
    else if (mode === 'set' && n < 0) next.amount = 'cannot be negative';
    else if (mode === 'adjust' && n === 0) next.amount = 'must not be 0';
    else if (mode === 'adjust' && line.onHand + n < line.reserved) next.amount = `would leave less than the ${line.reserved} reserved`;
    if (mode === 'adjust' && !reason.trim()) next.reason = 'say why (e.g. "damaged", "delivery received")';
    setError(next);
    if (Object.keys(next).length) return;
    try {
      if (mode === 'set') {
        await setStock({ storeId: line.storeId, variantId: line.variantId, onHand: n, ...(reason.trim() ? { reason: reason.trim() } : {}) }).unwrap();
      } else {
        await adjustStock({ storeId: line.storeId, variantId: line.variantId, delta: n, reason: reason.trim() }).unwrap();
      }
      toast.success('Stock updated');
      onClose();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };

  return (
    <Sheet open onClose={onClose} placement="right" title={`Stock · ${line.productName}`}>
      <div className="grid gap-5 p-5">
        <div>
          <p className="font-semibold">
            {line.productName} <span className="text-muted">· {line.label}</span>
          </p>
          <p className="font-mono text-[12px] text-muted">{line.sku}</p>
          <div className="mt-3 grid grid-cols-3 gap-2 text-center">
            {[
              ['On hand', line.onHand],
              ['Reserved', line.reserved],
              ['Available', line.available],
            ].map(([label, value]) => (
              <div key={label} className="rounded-lg bg-surface py-2">
                <div className="text-[11px] font-semibold uppercase text-muted">{label}</div>
                <div className="text-lg font-bold tabular-nums">{value}</div>
              </div>
            ))}
          </div>
        </div>
        <BinForm line={line} />
        <form
          className="grid gap-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="flex rounded-lg bg-surface p-1" role="group" aria-label="Change type">
            {(['set', 'adjust'] as const).map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={mode === m}
                onClick={() => {
                  setMode(m);
                  setAmount(m === 'set' ? String(line.onHand) : '');
                }}
                className={cn('h-9 flex-1 rounded-md text-[13px] font-semibold', mode === m ? 'bg-white shadow-sm' : 'text-muted')}
              >
                {m === 'set' ? 'Set on hand' : 'Adjust by'}
              </button>
            ))}
          </div>
          <TextField
            label={mode === 'set' ? 'Units on hand' : 'Change (+ or −)'}
            inputMode="numeric"
            value={amount}
            error={error.amount}
            onChange={(e) => setAmount(e.target.value)}
          />
          <TextField
            label={mode === 'set' ? 'Reason (optional)' : 'Reason'}
            placeholder="Delivery received, stock count, damaged…"
            value={reason}
            error={error.reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button type="submit" loading={s1.isLoading || s2.isLoading}>
            Save
          </Button>
        </form>
        <section>
          <h3 className="mb-2 flex items-center gap-1.5 text-[12px] font-semibold uppercase tracking-wide text-muted">
            <FiClock aria-hidden /> Audit trail
          </h3>
          {!history.data ? (
            <p className="text-[13px] text-muted">Loading…</p>
          ) : history.data.items.length === 0 ? (
            <p className="text-[13px] text-muted">No changes recorded yet.</p>
          ) : (
            <ul className="grid gap-1.5 text-[13px]">
              {history.data.items.map((m) => (
                <li key={m.id} className="flex items-center justify-between gap-3 border-b border-line pb-1.5">
                  <span className="min-w-0">
                    <span className="block truncate">{m.reason}</span>
                    <span className="text-[12px] text-muted">{formatDateTime(m.createdAt)}</span>
                  </span>
                  <span className="shrink-0 text-right tabular-nums">
                    {m.deltaOnHand !== 0 && (
                      <span className={m.deltaOnHand > 0 ? 'text-action' : 'text-danger'}>
                        {m.deltaOnHand > 0 ? '+' : ''}
                        {m.deltaOnHand} on hand
                      </span>
                    )}
                    {m.deltaReserved !== 0 && (
                      <span className="block text-[12px] text-muted">
                        {m.deltaReserved > 0 ? '+' : ''}
                        {m.deltaReserved} reserved
                      </span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Sheet>
  );
}

export default function StockPage() {
  useDocumentTitle('Stock · Admin');
  const user = useAdminUser();
  const stores = useStoresQuery();
  const { params, set, page, search, q, onSearch } = useTableParams();
  const storeParam = params.get('store');
  const storeId = storeParam ?? stores.data?.[0]?.id;
  const low = params.get('low') === '1';
  const [editing, setEditing] = useState<StockLine | null>(null);
  // Staff are scoped to their store by the API; admins pick one so every variant (even unstocked) is listed.
  const { data, isError, refetch, isFetching } = useStockLinesQuery(
    { storeId: user.role === 'admin' ? storeId : undefined, q: q || undefined, lowStock: low ? 'true' : undefined, page, pageSize: 50 },
    { skip: user.role === 'admin' && !storeId },
  );

  return (
    <>
      <PageHeader
        title="Stock"
        subtitle={`${stores.data?.find((s) => s.id === (data?.items[0]?.storeId ?? storeId))?.name ?? 'Your store'} · every change is recorded with who, when and why`}
      />
      <div className="mb-3 flex flex-wrap items-center gap-2">
        {user.role === 'admin' && (
          <SelectField label="Store" hideLabel value={storeId ?? ''} onChange={(e) => set({ store: e.target.value, page: undefined })} className="w-56">
            {stores.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        )}
        <SearchField
          label="Search stock"
          placeholder="Search product, brand or SKU"
          value={search}
          onChange={onSearch}
        />
        <label className="flex h-9 items-center gap-2 rounded-full border border-line bg-white px-3 text-[13px]">
          <input type="checkbox" className="accent-action" checked={low} onChange={(e) => set({ low: e.target.checked ? '1' : undefined, page: undefined })} />
          Low stock only
        </label>
      </div>
      {isError ? (
        <ErrorState onRetry={() => void refetch()} />
      ) : (
        <div className="overflow-hidden rounded-[var(--radius-card)] border border-line bg-white">
          <div className={cn(table.wrap, isFetching && 'opacity-70')}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th className={table.th}>Product</th>
                  <th className={table.th}>SKU</th>
                  <th className={table.th}>Bin</th>
                  <th className={`${table.th} text-right`}>On hand</th>
                  <th className={`${table.th} text-right`}>Reserved</th>
                  <th className={`${table.th} text-right`}>Available</th>
                  <th className={table.th}>Updated</th>
                  <th className={`${table.th} text-right`}>Action</th>
                </tr>
              </thead>
              <tbody>
                {!data ? (
                  <EmptyRow colSpan={8}>Loading stock…</EmptyRow>
                ) : data.items.length === 0 ? (
                  <EmptyRow colSpan={8}>No stock lines match.</EmptyRow>
                ) : (
                  data.items.map((line) => (
                    <tr key={`${line.storeId}:${line.variantId}`} className={table.tr} data-sku={line.sku}>
                      <td className={`${table.td} max-w-[420px] truncate whitespace-nowrap`}>
                        <span className="font-medium">{line.productName}</span> <span className="text-muted">· {line.label}</span>
                      </td>
                      <td className={`${table.td} whitespace-nowrap font-mono text-[12px] text-muted`}>{line.sku}</td>
                      <td className={`${table.td} whitespace-nowrap font-mono text-[12px]`}>{line.bin ?? <span className="text-muted">—</span>}</td>
                      <td className={`${table.td} text-right tabular-nums`}>{line.onHand}</td>
                      <td className={`${table.td} text-right tabular-nums text-muted`}>{line.reserved}</td>
                      <td className={`${table.td} text-right`}>
                        <Badge tone={line.available === 0 ? 'red' : line.available <= 5 ? 'yellow' : 'green'}>{line.available}</Badge>
                      </td>
                      <td className={`${table.td} whitespace-nowrap text-muted`}>{line.updatedAt ? formatDateTime(line.updatedAt) : 'never'}</td>
                      <td className={`${table.td} text-right`}>
                        <Button size="sm" variant="outline" onClick={() => setEditing(line)} aria-label={`Change stock of ${line.productName} ${line.label}`}>
                          Change
                        </Button>
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={50} total={data?.total ?? 0} onPage={(p) => set({ page: String(p) })} />
        </div>
      )}
      {editing && <StockDialog key={`${editing.storeId}:${editing.variantId}`} line={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
