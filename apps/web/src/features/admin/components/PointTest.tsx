import { useState, type FormEvent } from 'react';
import { FiCrosshair } from 'react-icons/fi';
import type { PointTestResponse } from '@fatafat/contracts/stores';
import { Button } from '@/components/ui/Button';
import { errorMessage } from '@/lib/api';
import { cn } from '@/lib/cn';
import { formatOpensAt } from '@/lib/format';
import { Badge, MiniInput } from './AdminKit';
import type { LatLng } from './ZoneMap';

const BY_LABEL = { zone: 'Zone', radius: 'Radius', pincode: 'Pincode' } as const;

/** The answer a customer at the point would get, in one line. */
function verdict(r: PointTestResponse): { title: string; detail: string; tone: 'ok' | 'warn' | 'bad' } {
  if (r.serviceable) {
    return { title: `Served by ${r.store?.name ?? 'a store'}`, detail: `in about ${r.etaMinutes ?? '?'} minutes${r.state === 'busy' ? ' (busy)' : ''}`, tone: 'ok' };
  }
  if (r.reason === 'not_in_zone') return { title: 'Not served', detail: 'outside every zone, or inside a hole', tone: 'bad' };
  const at = r.opensAt ? formatOpensAt(r.opensAt, r.store?.timeZone) : null;
  if (r.reason === 'store_paused') {
    return { title: `${r.store?.name ?? 'The store'} is paused`, detail: `${r.store?.stateReason ?? 'not taking orders'}${at ? ` · back at ${at}` : ''}`, tone: 'warn' };
  }
  return { title: `${r.store?.name ?? 'The store'} is closed`, detail: at ? `opens at ${at}; slots can be booked` : 'closed for now', tone: 'warn' };
}

/** "Would this address be served, by which store, in how long?" — by a click on the map or typed coordinates. */
export function PointTest({
  probing,
  onProbing,
  probe,
  onProbe,
  result,
  error,
  loading,
}: {
  probing: boolean;
  onProbing: (on: boolean) => void;
  probe: LatLng | null;
  onProbe: (at: LatLng) => void;
  result: PointTestResponse | undefined;
  error: unknown;
  loading: boolean;
}) {
  const [lat, setLat] = useState('');
  const [lng, setLng] = useState('');
  const shown = probe ? { lat: probe.lat.toFixed(5), lng: probe.lng.toFixed(5) } : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const point = { lat: Number(lat), lng: Number(lng) };
    if (lat.trim() && lng.trim() && Number.isFinite(point.lat) && Number.isFinite(point.lng)) onProbe(point);
  };
  const v = result ? verdict(result) : null;
  return (
    <div className="grid gap-3" data-testid="point-test">
      <div className="flex flex-wrap items-end gap-2">
        <Button size="sm" variant={probing ? 'primary' : 'outline'} aria-pressed={probing} onClick={() => onProbing(!probing)}>
          <FiCrosshair aria-hidden /> {probing ? 'Click the map…' : 'Test a point on the map'}
        </Button>
        <form className="flex flex-wrap items-center gap-2" onSubmit={submit}>
          <MiniInput label="Latitude" placeholder={shown?.lat ?? 'Latitude'} inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} className="w-28" />
          <MiniInput label="Longitude" placeholder={shown?.lng ?? 'Longitude'} inputMode="decimal" value={lng} onChange={(e) => setLng(e.target.value)} className="w-28" />
          <Button size="sm" variant="dark" type="submit">
            Test
          </Button>
        </form>
      </div>
      {loading && <p className="text-[13px] text-muted">Testing…</p>}
      {!!error && <p className="text-[13px] font-medium text-danger">{errorMessage(error, 'The point could not be tested')}</p>}
      {v && result && !loading && (
        <div
          role="status"
          className={cn(
            'rounded-lg border px-3 py-2.5',
            v.tone === 'ok' && 'border-action/30 bg-action-soft',
            v.tone === 'warn' && 'border-brand/60 bg-brand-soft',
            v.tone === 'bad' && 'border-danger/30 bg-danger-soft',
          )}
        >
          <p className="text-[15px] font-semibold text-ink" data-testid="point-verdict">
            {v.title} <span className="font-normal text-ink/80">· {v.detail}</span>
          </p>
          {shown && (
            <p className="mt-0.5 text-[12px] text-ink/70 tabular-nums">
              at {shown.lat}, {shown.lng}
            </p>
          )}
          {result.covering.length > 0 && (
            <ul className="mt-2 grid gap-1 text-[13px]" aria-label="Stores covering the point">
              {result.covering.map((c) => (
                <li key={c.store.id} className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="font-semibold">{c.store.name}</span>
                  <Badge tone="grey">{BY_LABEL[c.by]}</Badge>
                  {c.distanceKm !== null && <span className="text-ink/70">{c.distanceKm} km</span>}
                  <span className="text-ink/70">{c.etaMinutes} min</span>
                  <Badge tone={c.takesOrders ? 'green' : 'yellow'}>{c.takesOrders ? 'Takes orders' : c.store.openNow ? 'Paused' : 'Closed'}</Badge>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
