import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import toast from 'react-hot-toast';
import { FiArrowDown, FiArrowUp, FiColumns, FiDownload, FiPlus, FiUpload } from 'react-icons/fi';
import {
  columnVisibilityFeature,
  createColumnHelper,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnVisibilityState,
  type PaginationState,
  type RowSelectionState,
  type SortingState,
} from '@tanstack/react-table';
import type { AdminProductListResponse, CsvImportResponse } from '@fatafat/contracts/catalog';
import { Button } from '@/components/ui/Button';
import { ErrorState } from '@/components/ui/ErrorState';
import { Sheet } from '@/components/ui/Sheet';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { env } from '@/config/env';
import { errorMessage } from '@/lib/api';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/format';
import { useAdminProductsQuery, useBulkProductsMutation, useCategoriesQuery, useImportProductsMutation } from '../api/admin.api';
import { Badge, EmptyRow, PageHeader, Pager, SearchField, SelectField, table as tw } from '../components/AdminKit';
import { useTableParams } from '../hooks/use-table-params';

type Row = AdminProductListResponse['items'][number];
type SortKey = 'name' | 'brand' | 'minPrice' | 'createdAt' | 'updatedAt';

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature, rowSelectionFeature, columnVisibilityFeature });
const helper = createColumnHelper<typeof features, Row>();
const dateFmt = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric' });
const noRows: Row[] = [];

const columns = helper.columns([
  helper.display({
    id: 'select',
    enableSorting: false,
    enableHiding: false,
    header: ({ table }) => (
      <input
        type="checkbox"
        aria-label="Select all on this page"
        className="size-4 accent-action"
        checked={table.getIsAllPageRowsSelected()}
        ref={(el) => {
          if (el) el.indeterminate = table.getIsSomePageRowsSelected() && !table.getIsAllPageRowsSelected();
        }}
        onChange={(e) => table.toggleAllPageRowsSelected(e.target.checked)}
      />
    ),
    cell: ({ row }) => (
      <input
        type="checkbox"
        aria-label={`Select ${row.original.name}`}
        className="size-4 accent-action"
        checked={row.getIsSelected()}
        onClick={(e) => e.stopPropagation()}
        onChange={(e) => row.toggleSelected(e.target.checked)}
      />
    ),
  }),
  helper.accessor('name', {
    header: 'Product',
    cell: ({ row }) => (
      <span className="flex items-center gap-3">
        {row.original.imageUrl ? (
          <img src={row.original.imageUrl} alt="" className="size-8 shrink-0 rounded-md border border-line object-cover" loading="lazy" />
        ) : (
          <span className="size-8 shrink-0 rounded-md bg-surface" />
        )}
        <span className="min-w-0">
          <Link to={`/admin/products/${row.original.id}`} className="block truncate leading-tight font-semibold text-ink hover:text-action">
            {row.original.name}
          </Link>
          <span className="block truncate text-[11.5px] leading-tight text-muted">/{row.original.slug}</span>
        </span>
      </span>
    ),
  }),
  helper.accessor('brand', { header: 'Brand', cell: (c) => c.getValue() || <span className="text-muted">—</span> }),
  helper.accessor((r) => r.category.name, { id: 'category', header: 'Category', enableSorting: false }),
  helper.accessor('minPrice', {
    header: 'Price from',
    cell: (c) => <span className="font-semibold tabular-nums">{formatMoney(c.getValue())}</span>,
  }),
  helper.accessor('maxDiscount', {
    header: 'Best offer',
    enableSorting: false,
    cell: (c) => (c.getValue() > 0 ? <Badge tone="blue">{c.getValue()}% off</Badge> : <span className="text-muted">—</span>),
  }),
  helper.accessor('variantCount', { header: 'Variants', enableSorting: false, cell: (c) => <span className="tabular-nums">{c.getValue()}</span> }),
  helper.accessor('isActive', {
    header: 'Status',
    enableSorting: false,
    cell: ({ row }) =>
      row.original.archivedAt ? (
        <Badge>Archived</Badge>
      ) : row.original.isActive ? (
        <Badge tone="green">Active</Badge>
      ) : (
        <Badge tone="yellow">Inactive</Badge>
      ),
  }),
  helper.accessor('updatedAt', { header: 'Updated', cell: (c) => <span className="text-muted">{dateFmt.format(new Date(c.getValue()))}</span> }),
  helper.accessor('createdAt', { header: 'Created', cell: (c) => <span className="text-muted">{dateFmt.format(new Date(c.getValue()))}</span> }),
]);

const SORTABLE = new Set<string>(['name', 'brand', 'minPrice', 'createdAt', 'updatedAt']);

function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [importCsv, { isLoading }] = useImportProductsMutation();
  const [report, setReport] = useState<CsvImportResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const run = async () => {
    const file = input.current?.files?.[0];
    if (!file) {
      setError('Choose a CSV file first.');
      return;
    }
    setError(null);
    try {
      const result = await importCsv(file).unwrap();
      setReport(result);
      if (result.ok) toast.success(`Imported: ${result.created} created, ${result.updated} updated`);
    } catch (e) {
      const data = (e as { data?: unknown }).data as Partial<CsvImportResponse> | undefined;
      if (data && Array.isArray(data.errors)) setReport(data as CsvImportResponse);
      else {
        const details = (e as { data?: { error?: { details?: unknown } } }).data?.error?.details;
        if (details && typeof details === 'object' && 'errors' in details) setReport(details as CsvImportResponse);
        else setError(errorMessage(e, 'The import failed.'));
      }
    }
  };
  return (
    <Sheet open={open} onClose={onClose} title="Import products from CSV">
      <div className="grid gap-4 p-5 text-[14px]">
        <p className="text-muted">
          One row per variant. Columns as in the export. If any row has a problem nothing is changed, and each problem is listed
          below.
        </p>
        <input ref={input} type="file" accept=".csv,text/csv" aria-label="CSV file" className="text-[14px]" />
        {error && <p className="text-danger">{error}</p>}
        {report && (
          <div className={cn('rounded-lg border p-3', report.ok ? 'border-action/30 bg-action-soft' : 'border-danger/30 bg-danger-soft')}>
            <p className="font-semibold">
              {report.ok
                ? `${report.rows} rows: ${report.created} created, ${report.updated} updated.`
                : `${report.errors.length} problem${report.errors.length === 1 ? '' : 's'} in ${report.rows} rows — nothing was imported.`}
            </p>
            {report.errors.length > 0 && (
              <ul className="mt-2 max-h-60 overflow-auto text-[13px]">
                {report.errors.map((e, i) => (
                  <li key={i} className="border-t border-danger/20 py-1">
                    Row {e.row}
                    {e.column ? ` · ${e.column}` : ''}: {e.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Close
          </Button>
          <Button loading={isLoading} onClick={() => void run()}>
            Import
          </Button>
        </div>
      </div>
    </Sheet>
  );
}

export default function ProductsPage() {
  useDocumentTitle('Products · Admin');
  const navigate = useNavigate();
  const { params, set, page, search, q, onSearch } = useTableParams();
  const category = params.get('category') ?? '';
  const status = (params.get('status') ?? 'all') as 'all' | 'active' | 'inactive' | 'archived';
  const sortKey = (params.get('sort') ?? 'createdAt') as SortKey;
  const order = (params.get('order') ?? 'desc') as 'asc' | 'desc';
  const pageSize = Number(params.get('size') ?? '25') || 25;
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>({ createdAt: false });
  const [showColumns, setShowColumns] = useState(false);
  const [importing, setImporting] = useState(false);
  const categories = useCategoriesQuery();
  const [bulk, bulkState] = useBulkProductsMutation();

  const { data, isError, isFetching, refetch } = useAdminProductsQuery({
    q: q || undefined,
    category: category || undefined,
    status,
    sort: sortKey,
    order,
    page,
    pageSize,
  });


  const sorting: SortingState = useMemo(() => [{ id: sortKey, desc: order === 'desc' }], [sortKey, order]);
  const pagination: PaginationState = useMemo(() => ({ pageIndex: page - 1, pageSize }), [page, pageSize]);

  const table = useTable({
    features,
    columns,
    data: data?.items ?? noRows,
    getRowId: (r) => r.id,
    rowCount: data?.total ?? 0,
    manualPagination: true,
    manualSorting: true,
    enableMultiSort: false,
    state: { sorting, pagination, rowSelection, columnVisibility },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      set({ sort: first?.id ?? 'createdAt', order: first ? (first.desc ? 'desc' : 'asc') : 'desc', page: undefined });
    },
    onPaginationChange: (updater) => {
      const next = typeof updater === 'function' ? updater(pagination) : updater;
      set({ page: String(next.pageIndex + 1), size: String(next.pageSize) });
    },
    onRowSelectionChange: setRowSelection,
    onColumnVisibilityChange: setColumnVisibility,
  });

  const selected = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const runBulk = async (action: 'activate' | 'deactivate') => {
    try {
      const result = await bulk({ ids: selected, action }).unwrap();
      toast.success(`${result.updated} product${result.updated === 1 ? '' : 's'} ${action}d`);
      setRowSelection({});
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };

  return (
    <>
      <PageHeader
        title="Products"
        subtitle={data ? `${data.total} products` : 'Catalogue'}
        actions={
          <>
            <a
              href={`${env.apiBase}/admin/products/export.csv`}
              className="inline-flex h-8 items-center gap-2 rounded-[var(--radius-control)] px-3 text-[13px] font-semibold text-ink hover:bg-surface"
            >
              <FiDownload aria-hidden /> Export CSV
            </a>
            <Button size="sm" variant="ghost" onClick={() => setImporting(true)}>
              <FiUpload aria-hidden /> Import CSV
            </Button>
            <Button size="sm" onClick={() => navigate('/admin/products/new')}>
              <FiPlus aria-hidden /> New product
            </Button>
          </>
        }
      />
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <SearchField
          label="Search products"
          placeholder="Search name, brand or slug"
          value={search}
          onChange={onSearch}
        />
        <SelectField label="Category" hideLabel value={category} onChange={(e) => set({ category: e.target.value || undefined, page: undefined })}>
          <option value="">All categories</option>
          {categories.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Status" hideLabel value={status} onChange={(e) => set({ status: e.target.value === 'all' ? undefined : e.target.value, page: undefined })}>
          <option value="all">Any status</option>
          <option value="active">Active</option>
          <option value="inactive">Inactive</option>
          <option value="archived">Archived</option>
        </SelectField>
        <div className="relative ml-auto">
          <Button size="sm" variant="ghost" aria-expanded={showColumns} onClick={() => setShowColumns((v) => !v)}>
            <FiColumns aria-hidden /> Columns
          </Button>
          {showColumns && (
            <div className="absolute right-0 z-20 mt-1 w-48 rounded-lg border border-line bg-white p-2 shadow-[var(--shadow-float)]">
              {table
                .getAllLeafColumns()
                .filter((c) => c.getCanHide())
                .map((c) => (
                  <label key={c.id} className="flex h-8 items-center gap-2 rounded px-2 text-[13px] hover:bg-surface">
                    <input type="checkbox" className="accent-action" checked={c.getIsVisible()} onChange={(e) => c.toggleVisibility(e.target.checked)} />
                    {typeof c.columnDef.header === 'string' ? c.columnDef.header : c.id}
                  </label>
                ))}
            </div>
          )}
        </div>
      </div>
      {selected.length > 0 && (
        <div className="mb-3 flex items-center gap-3 rounded-lg border border-action/30 bg-action-soft px-4 py-2 text-[13px]">
          <span className="font-semibold">{selected.length} selected</span>
          <Button size="sm" loading={bulkState.isLoading} onClick={() => void runBulk('activate')}>
            Activate
          </Button>
          <Button size="sm" variant="outline" disabled={bulkState.isLoading} onClick={() => void runBulk('deactivate')}>
            Deactivate
          </Button>
          <button type="button" className="ml-auto text-muted hover:underline" onClick={() => setRowSelection({})}>
            Clear
          </button>
        </div>
      )}
      {isError ? (
        <ErrorState onRetry={() => void refetch()} />
      ) : (
        <div className="overflow-hidden rounded-[var(--radius-card)] border border-line bg-white">
          <div className={cn(tw.wrap, isFetching && 'opacity-70')}>
            <table className={tw.table}>
              <thead>
                {table.getHeaderGroups().map((group) => (
                  <tr key={group.id}>
                    {group.headers.map((header) => {
                      const sortable = SORTABLE.has(header.column.id);
                      const dir = header.column.getIsSorted();
                      return (
                        <th
                          key={header.id}
                          className={cn(tw.th, header.column.id === 'select' && 'w-10')}
                          aria-sort={dir ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
                        >
                          {sortable ? (
                            <button
                              type="button"
                              className="inline-flex items-center gap-1 uppercase hover:text-ink"
                              onClick={() =>
                                set({
                                  sort: header.column.id,
                                  order: sortKey === header.column.id && order === 'asc' ? 'desc' : 'asc',
                                  page: undefined,
                                })
                              }
                            >
                              <table.FlexRender header={header} />
                              {dir === 'asc' ? <FiArrowUp aria-hidden /> : dir === 'desc' ? <FiArrowDown aria-hidden /> : null}
                            </button>
                          ) : (
                            <table.FlexRender header={header} />
                          )}
                        </th>
                      );
                    })}
                  </tr>
                ))}
              </thead>
              <tbody>
                {!data ? (
                  <EmptyRow colSpan={table.getVisibleLeafColumns().length}>Loading products…</EmptyRow>
                ) : data.items.length === 0 ? (
                  <EmptyRow colSpan={table.getVisibleLeafColumns().length}>No products match. Try another search or filter.</EmptyRow>
                ) : (
                  table.getRowModel().rows.map((row) => (
                    <tr key={row.id} className={cn(tw.tr, row.getIsSelected() && 'bg-action-soft/60')}>
                      {row.getVisibleCells().map((cell) => (
                        <td key={cell.id} className={tw.td}>
                          <table.FlexRender cell={cell} />
                        </td>
                      ))}
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <Pager
            page={page}
            pageSize={pageSize}
            total={data?.total ?? 0}
            onPage={(p) => table.setPageIndex(p - 1)}
            onPageSize={(s) => set({ size: String(s), page: undefined })}
          />
        </div>
      )}
      <ImportDialog open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
