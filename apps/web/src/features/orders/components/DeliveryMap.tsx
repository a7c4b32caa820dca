import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { LatLng } from '@fatafat/contracts/dispatch';
import { addTiles } from '@/lib/map-tiles';
import { useGetMapSettingsQuery } from '../api/map.api';

export interface DeliveryMapProps {
  store: LatLng;
  drop: LatLng | null;
  rider: LatLng | null;
  trail: LatLng[];
}

/** Markers are plain HTML (divIcon), so they show whether or not the map tiles load. */
function pin(className: string, label: string, glyph: string) {
  return L.divIcon({
    className: '',
    html: `<div class="${className}" role="img" aria-label="${label}">${glyph}</div>`,
    iconSize: [34, 34],
    iconAnchor: [17, 17],
  });
}

// Feather icons (the app's icon family) as inline SVG: shopping bag, home, navigation.
const svg = (body: string) =>
  `<svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`;
const STORE_PIN = pin('ff-pin ff-pin-store', 'Store', svg('<path d="M6 2 3 6v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6l-3-4z"/><path d="M3 6h18"/><path d="M16 10a4 4 0 0 1-8 0"/>'));
const DROP_PIN = pin('ff-pin ff-pin-drop', 'Your address', svg('<path d="m3 9 9-7 9 7v11a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z"/><path d="M9 22V12h6v10"/>'));
const RIDER_PIN = pin('ff-pin ff-pin-rider', 'Your rider', svg('<path d="m3 11 19-9-9 19-2-8-8-2z"/>'));

/**
 * The rider on a Leaflet map (tile URL and attribution are server settings, OpenStreetMap by default). When
 * tiles cannot load the page says so, and the store, the drop, the rider and the trail still show.
 */
export default function DeliveryMap({ store, drop, rider, trail }: DeliveryMapProps) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layers = useRef<{ rider: L.Marker | null; trail: L.Polyline | null }>({ rider: null, trail: null });
  const { data: settings } = useGetMapSettingsQuery();
  const [tilesFailed, setTilesFailed] = useState(false);

  useEffect(() => {
    if (!el.current || !settings || map.current) return;
    const m = L.map(el.current, { zoomControl: false, attributionControl: true, scrollWheelZoom: false });
    addTiles(m, settings.tileUrl, settings.attribution, setTilesFailed);
    L.marker([store.lat, store.lng], { icon: STORE_PIN, keyboard: false }).addTo(m);
    if (drop) L.marker([drop.lat, drop.lng], { icon: DROP_PIN, keyboard: false }).addTo(m);
    const points: L.LatLngExpression[] = [[store.lat, store.lng]];
    if (drop) points.push([drop.lat, drop.lng]);
    m.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: 16 });
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      layers.current = { rider: null, trail: null };
    };
  }, [settings, store.lat, store.lng, drop]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const line = trail.map((p) => [p.lat, p.lng] as L.LatLngTuple);
    if (line.length > 1) {
      if (layers.current.trail) layers.current.trail.setLatLngs(line);
      else layers.current.trail = L.polyline(line, { color: '#0A8A4A', weight: 4, opacity: 0.8 }).addTo(m);
    }
    if (rider) {
      if (layers.current.rider) layers.current.rider.setLatLng([rider.lat, rider.lng]);
      else layers.current.rider = L.marker([rider.lat, rider.lng], { icon: RIDER_PIN, keyboard: false, zIndexOffset: 1000 }).addTo(m);
    }
  }, [rider, trail, settings]);

  return (
    <div className="relative">
      <div
        ref={el}
        className="h-56 w-full overflow-hidden rounded-xl bg-[#e8efe9] md:h-72"
        data-testid="delivery-map"
        data-rider={rider ? `${rider.lat.toFixed(5)},${rider.lng.toFixed(5)}` : ''}
        aria-label="Map of your delivery"
        role="region"
      />
      {tilesFailed && (
        <p role="status" className="absolute top-2 left-2 z-[500] rounded-md bg-white/90 px-2 py-1 text-[12px] text-muted shadow">
          Map tiles are unavailable right now; your rider's position still updates.
        </p>
      )}
    </div>
  );
}
