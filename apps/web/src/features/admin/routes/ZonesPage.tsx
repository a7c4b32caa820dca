import { lazy, Suspense, useState, type ReactNode } from 'react';
import toast from 'react-hot-toast';
import { FiCheck, FiEdit3, FiPenTool, FiRotateCcw, FiScissors, FiTrash2, FiX } from 'react-icons/fi';
import type { StoreSettings, ZoneGeometry } from '@fatafat/contracts/zones';
import { Button } from '@/components/ui/Button';
import { ErrorState } from '@/components/ui/ErrorState';
import { Skeleton } from '@/components/ui/Skeleton';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api';
import { cn } from '@/lib/cn';
import { plural } from '@/lib/format';
import { confirmAction } from '../confirm';
import { useLazyTestPointQuery, useMapAttributionQuery, useSetZoneMutation, useStoreSettingsQuery } from '../api/zones.api';
import { Card, PageHeader, SelectField } from '../components/AdminKit';
import { PointTest } from '../components/PointTest';
import { StoreHoursForm } from '../components/StoreHoursForm';
import { StoreCapacityForm, StoreNowLine, StoreStateForm } from '../components/StoreStateForm';
import type { LatLng, MapMode } from '../components/ZoneMap';
import { useAdminUser } from '../hooks/use-admin-user';

const ZoneMap = lazy(() => import('../components/ZoneMap'));

const sameZone = (a: ZoneGeometry | null, b: ZoneGeometry | null) => JSON.stringify(a) === JSON.stringify(b);

/** "Zone: 12 corners, 1 hole" or how the store serves without one. */
function areaLine(store: StoreSettings, zone: ZoneGeometry | null): string {
  if (!zone) return `No zone drawn: a ${store.radiusKm} km radius serves${store.pincodes.length ? `, and pincodes ${store.pincodes.join(', ')} without a map point` : ''}`;
  const polygons = zone.type === 'Polygon' ? [zone.coordinates] : zone.coordinates;
  const corners = polygons.reduce((n, p) => n + p[0]!.length - 1, 0);
  const holes = polygons.reduce((n, p) => n + p.length - 1, 0);
  return `Zone${polygons.length > 1 ? ` of ${polygons.length} parts` : ''}: ${plural(corners, 'corner')}, ${plural(holes, 'hole')}`;
}

const HINTS: Record<MapMode, string> = {
  view: '',
  draw: 'Click the map to add corners; click the first corner again to close the zone.',
  cut: 'Draw the hole: click around the area not to serve, then click its first corner again.',
  edit: 'Drag a corner to move it, drag a midpoint to add one, right-click a corner to remove it.',
  test: 'Click anywhere on the map to test that point.',
};

function StoreList({ stores, selectedId, onSelect }: { stores: StoreSettings[]; selectedId: string; onSelect: (id: string) => void }) {
  return (
    <>
      <SelectField label="Store" className="md:hidden" value={selectedId} onChange={(e) => onSelect(e.target.value)}>
        {stores.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <ul className="hidden content-start gap-2 self-start md:grid" aria-label="Stores">
        {stores.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              aria-current={s.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(s.id)}
              className={cn(
                'w-full rounded-[var(--radius-card)] border bg-white px-3 py-2.5 text-left transition-colors',
                s.id === selectedId ? 'border-action ring-1 ring-action' : 'border-line hover:bg-surface',
              )}
            >
              <span className="block text-[14px] font-semibold text-ink">{s.name}</span>
              <span className="mt-0.5 block text-[12px] text-muted">{s.zone ? 'Zone drawn' : `${s.radiusKm} km radius`}</span>
              <span className="mt-1.5 block">
                <StoreNowLine store={s} />
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function ZoneTools({
  mode,
  setMode,
  hasDraft,
  dirty,
  saving,
  canClear,
  onSave,
  onDiscard,
  onClear,
}: {
  mode: MapMode;
  setMode: (m: MapMode) => void;
  hasDraft: boolean;
  dirty: boolean;
  saving: boolean;
  canClear: boolean;
  onSave: () => void;
  onDiscard: () => void;
  onClear: () => void;
}) {
  const toggle = (m: MapMode) => setMode(mode === m ? 'view' : m);
  const tool = (m: MapMode, label: string, active: string, icon: ReactNode, disabled = false) => (
    <Button size="sm" variant={mode === m ? 'primary' : 'outline'} aria-pressed={mode === m} disabled={disabled} onClick={() => toggle(m)}>
      {mode === m ? <FiX aria-hidden /> : icon} {mode === m ? active : label}
    </Button>
  );
  return (
    <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Zone tools">
      {tool('draw', hasDraft ? 'Redraw zone' : 'Draw zone', 'Cancel drawing', <FiPenTool aria-hidden />)}
      {tool('cut', 'Cut a hole', 'Cancel hole', <FiScissors aria-hidden />, !hasDraft)}
      {tool('edit', 'Edit corners', 'Done editing', <FiEdit3 aria-hidden />, !hasDraft)}
      <span className="mx-1 hidden h-6 w-px bg-line sm:block" aria-hidden />
      <Button size="sm" onClick={onSave} disabled={!dirty || mode === 'draw' || mode === 'cut'} loading={saving}>
        <FiCheck aria-hidden /> Save zone
      </Button>
      {dirty && (
        <Button size="sm" variant="ghost" onClick={onDiscard}>
          <FiRotateCcw aria-hidden /> Discard
        </Button>
      )}
      <Button size="sm" variant="ghost" className="text-danger" onClick={onClear} disabled={!canClear}>
        <FiTrash2 aria-hidden /> Clear zone
      </Button>
    </div>
  );
}

/** Where and when each store delivers: zones on a map (drawn, cut, edited), a point test, hours, state, caps. */
export default function ZonesPage() {
  useDocumentTitle('Zones & hours · Admin');
  const me = useAdminUser();
  const isAdmin = me.role === 'admin';
  const list = useStoreSettingsQuery();
  const attribution = useMapAttributionQuery().data ?? '';
  const [setZone, saving] = useSetZoneMutation();
  const [runTest, test] = useLazyTestPointQuery();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [edit, setEdit] = useState<{ storeId: string; zone: ZoneGeometry | null } | null>(null);
  const [mode, setMode] = useState<MapMode>('view');
  const [probe, setProbe] = useState<LatLng | null>(null);
  const [zoneError, setZoneError] = useState<string | null>(null);

  const stores = list.data?.items ?? [];
  const selected = stores.find((s) => s.id === chosenId) ?? stores.find((s) => s.id === me.storeId) ?? stores[0] ?? null;
  const draft = selected && edit?.storeId === selected.id ? edit.zone : (selected?.zone ?? null);
  const dirty = !!selected && edit?.storeId === selected.id && !sameZone(edit.zone, selected.zone);

  const select = (id: string) => {
    if (id === selected?.id) return;
    setChosenId(id);
    setEdit(null);
    setMode('view');
    setZoneError(null);
  };
  const onProbe = (at: LatLng) => {
    setProbe(at);
    void runTest(at);
  };
  const saveZone = async (zone: ZoneGeometry | null) => {
    if (!selected) return;
    setZoneError(null);
    setMode('view');
    try {
      const saved = await setZone({ id: selected.id, zone }).unwrap();
      setEdit({ storeId: selected.id, zone: saved.zone });
      toast.success(zone ? `Zone of ${selected.name} saved` : `Zone of ${selected.name} cleared: its radius serves`);
      if (probe) void runTest(probe);
    } catch (e) {
      setZoneError(errorMessage(e, 'The zone could not be saved'));
    }
  };
  const clearZone = async () => {
    if (!selected) return;
    const ok = await confirmAction({
      title: `Clear the zone of ${selected.name}?`,
      text: `Without a zone the store serves its ${selected.radiusKm} km radius and its pincodes.`,
      confirmText: 'Clear zone',
    });
    if (ok) await saveZone(null);
  };

  if (list.isError) return <ErrorState message="The stores could not be loaded." onRetry={() => void list.refetch()} />;
  return (
    <>
      <PageHeader title="Zones & hours" subtitle={isAdmin ? 'Where and when each store delivers' : 'Where and when your store delivers'} />
      {list.isLoading || !selected ? (
        list.isLoading ? (
          <Skeleton className="h-[520px] w-full rounded-[var(--radius-card)]" />
        ) : (
          <p className="rounded-[var(--radius-card)] border border-line bg-white p-10 text-center text-muted">No stores yet.</p>
        )
      ) : (
        <div className="grid gap-4">
          <div className="grid gap-4 md:grid-cols-[240px_minmax(0,1fr)] xl:grid-cols-[280px_minmax(0,1fr)]">
            <StoreList stores={stores} selectedId={selected.id} onSelect={select} />
            <Card title={selected.name} actions={<span className="hidden text-[12px] text-muted sm:inline">{areaLine(selected, draft)}</span>}>
              <div className="grid gap-3">
                {isAdmin ? (
                  <ZoneTools
                    mode={mode}
                    setMode={setMode}
                    hasDraft={!!draft}
                    dirty={dirty}
                    saving={saving.isLoading}
                    canClear={!!selected.zone}
                    onSave={() => void saveZone(draft)}
                    onDiscard={() => {
                      setEdit(null);
                      setMode('view');
                      setZoneError(null);
                    }}
                    onClear={() => void clearZone()}
                  />
                ) : (
                  <p className="text-[13px] text-muted">An admin draws the zones; you can test points and set the hours and state.</p>
                )}
                <p className="text-[12px] text-muted sm:hidden">{areaLine(selected, draft)}</p>
                {HINTS[mode] && (
                  <p role="status" className="rounded-md bg-ink px-3 py-2 text-[13px] font-medium text-white">
                    {HINTS[mode]}
                  </p>
                )}
                {zoneError && (
                  <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-[13px] font-medium text-danger">
                    {zoneError}
                  </p>
                )}
                <Suspense fallback={<Skeleton className="h-[380px] w-full rounded-lg md:h-[520px]" />}>
                  <ZoneMap
                    stores={stores}
                    selectedId={selected.id}
                    tileUrl={list.data?.tileUrl ?? ''}
                    attribution={attribution}
                    draft={draft}
                    onDraft={(zone) => setEdit({ storeId: selected.id, zone })}
                    mode={mode}
                    onModeEnd={() => setMode('view')}
                    probe={probe}
                    onProbe={onProbe}
                    onSelect={select}
                  />
                </Suspense>
                <div className="flex flex-wrap gap-x-4 gap-y-1 text-[12px] text-muted" aria-hidden>
                  <span className="inline-flex items-center gap-1.5">
                    <span className="inline-block h-2.5 w-4 rounded-sm border-2 border-action bg-action/20" /> This store's zone
                  </span>
                  <span className="inline-flex items-center gap-1.5">
                    <span className="inline-block h-2.5 w-4 rounded-sm border-2 border-dashed border-offer bg-offer/10" /> Other zones
                  </span>
                  <span className="inline-flex items-center gap-1.5">
                    <span className="inline-block h-2.5 w-4 rounded-sm border-2 border-dashed border-muted" /> Radius (no zone)
                  </span>
                </div>
                <PointTest
                  probing={mode === 'test'}
                  onProbing={(on) => setMode(on ? 'test' : 'view')}
                  probe={probe}
                  onProbe={onProbe}
                  result={test.data}
                  error={test.error}
                  loading={test.isFetching}
                />
              </div>
            </Card>
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <StoreHoursForm key={`hours-${selected.id}`} store={selected} />
            <StoreStateForm key={`state-${selected.id}`} store={selected} />
            <StoreCapacityForm key={`cap-${selected.id}`} store={selected} canEdit={isAdmin} />
          </div>
        </div>
      )}
    </>
  );
}
