import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { StoreSettings, ZoneGeometry } from '@fatafat/contracts/zones';
import { addTiles } from '@/lib/map-tiles';
import L from './leaflet-geoman';
import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';

/** What a click on the map does: nothing, add a zone's corners, cut a hole, move corners, or test a point. */
export type MapMode = 'view' | 'draw' | 'cut' | 'edit' | 'test';

export interface LatLng {
  lat: number;
  lng: number;
}

export interface ZoneMapProps {
  stores: StoreSettings[];
  selectedId: string | null;
  tileUrl: string;
  attribution: string;
  /** The selected store's zone as being edited (not yet saved); null: none drawn. */
  draft: ZoneGeometry | null;
  onDraft: (zone: ZoneGeometry | null) => void;
  mode: MapMode;
  /** A drawing or a cut finished: the mode is over. */
  onModeEnd: () => void;
  probe: LatLng | null;
  onProbe: (at: LatLng) => void;
  onSelect: (storeId: string) => void;
}

const DRAFT_STYLE: L.PathOptions = { color: '#09864a', weight: 3, fillColor: '#09864a', fillOpacity: 0.18 };
const OTHER_STYLE: L.PathOptions = { color: '#256fef', weight: 2, dashArray: '6 4', fillColor: '#256fef', fillOpacity: 0.06 };
const RADIUS_STYLE: L.PathOptions = { color: '#666666', weight: 1.5, dashArray: '4 6', fillOpacity: 0.03 };

const svg = (body: string) =>
  `<svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`;
const BAG = svg('<path d="M6 2 3 6v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6l-3-4z"/><path d="M3 6h18"/><path d="M16 10a4 4 0 0 1-8 0"/>');
const PIN = svg('<path d="M21 10c0 7-9 13-9 13S3 17 3 10a9 9 0 0 1 18 0z"/><circle cx="12" cy="10" r="3"/>');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function storeIcon(name: string, selected: boolean) {
  return L.divIcon({
    className: '',
    html: `<div class="ff-zone-store${selected ? ' is-selected' : ''}"><span class="ff-zone-store-dot">${BAG}</span><span class="ff-zone-store-name">${escapeHtml(name)}</span></div>`,
    iconSize: [28, 28],
    iconAnchor: [14, 14],
  });
}
const PROBE_ICON = L.divIcon({ className: '', html: `<div class="ff-zone-probe">${PIN}</div>`, iconSize: [30, 30], iconAnchor: [15, 28] });

/** A GeoJSON zone as one Leaflet polygon (a MultiPolygon is a polygon with several parts). */
function zoneLayer(zone: ZoneGeometry, style: L.PathOptions, editable: boolean): L.Polygon {
  const latlngs =
    zone.type === 'Polygon'
      ? L.GeoJSON.coordsToLatLngs(zone.coordinates, 1)
      : L.GeoJSON.coordsToLatLngs(zone.coordinates, 2);
  return L.polygon(latlngs as L.LatLng[][], { ...style, pmIgnore: !editable });
}

const geometryOf = (layer: L.Polygon) => layer.toGeoJSON(6).geometry as ZoneGeometry;

function areaBounds(s: StoreSettings): L.LatLngBounds {
  if (s.zone) return zoneLayer(s.zone, {}, false).getBounds();
  return L.latLng(s.lat, s.lng).toBounds(s.radiusKm * 2000);
}

/**
 * Every store's area on one Leaflet map (zones drawn, radii dashed) and the selected store's zone as an
 * editable shape with Geoman: draw a polygon, cut holes, drag corners. Markers and shapes are vectors, so
 * the map still works when the tile server cannot be reached (a note says so).
 */
export default function ZoneMap(props: ZoneMapProps) {
  const { stores, selectedId, tileUrl, attribution, draft, onDraft, mode, onModeEnd, probe, onProbe, onSelect } = props;
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const tilesRef = useRef<L.TileLayer | null>(null);
  const othersRef = useRef<L.LayerGroup | null>(null);
  const draftRef = useRef<L.Polygon | null>(null);
  const probeRef = useRef<L.Marker | null>(null);
  /** The last geometry this map reported, so the draft it sent back is not redrawn under the user's hands. */
  const emitted = useRef<ZoneGeometry | null | undefined>(undefined);
  const latest = useRef({ onDraft, onModeEnd, onProbe, onSelect, mode });
  useLayoutEffect(() => {
    latest.current = { onDraft, onModeEnd, onProbe, onSelect, mode };
  });
  const [tilesFailed, setTilesFailed] = useState(false);

  const emit = (layer: L.Polygon | null) => {
    const zone = layer ? geometryOf(layer) : null;
    emitted.current = zone;
    latest.current.onDraft(zone);
  };

  const adopt = (layer: L.Polygon) => {
    draftRef.current?.remove();
    layer.setStyle(DRAFT_STYLE);
    draftRef.current = layer;
    emit(layer);
  };

  // The map, once.
  useEffect(() => {
    if (!el.current) return;
    const map = L.map(el.current, { zoomControl: true, attributionControl: true, scrollWheelZoom: true, zoomSnap: 0.5 });
    map.setView([28.46, 77.06], 12);
    map.pm.setGlobalOptions({ allowSelfIntersection: false, snappable: false, templineStyle: { color: '#09864a' }, hintlineStyle: { color: '#09864a', dashArray: '4 4' } });
    othersRef.current = L.layerGroup().addTo(map);
    map.on('pm:create', (e) => {
      adopt(e.layer as L.Polygon);
      latest.current.onModeEnd();
    });
    map.on('pm:cut', (e) => {
      adopt(e.layer as L.Polygon);
      latest.current.onModeEnd();
    });
    map.on('click', (e: L.LeafletMouseEvent) => {
      if (latest.current.mode === 'test') latest.current.onProbe({ lat: e.latlng.lat, lng: e.latlng.lng });
    });
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
      tilesRef.current = null;
      draftRef.current = null;
      probeRef.current = null;
    };
    // adopt reads refs only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Tiles from the server's setting (OpenStreetMap by default).
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !tileUrl) return;
    tilesRef.current?.remove();
    tilesRef.current = addTiles(map, tileUrl, attribution, setTilesFailed);
  }, [tileUrl, attribution]);

  // Every store's area and marker (the selected store's zone is the draft, drawn below).
  useEffect(() => {
    const group = othersRef.current;
    if (!group) return;
    group.clearLayers();
    for (const s of stores) {
      const selected = s.id === selectedId;
      if (!selected || !s.zone) {
        const shape = s.zone ? zoneLayer(s.zone, OTHER_STYLE, false) : L.circle([s.lat, s.lng], { radius: s.radiusKm * 1000, ...RADIUS_STYLE, pmIgnore: true });
        if (selected) shape.setStyle({ color: '#09864a', fillColor: '#09864a' });
        shape.on('click', (e) => {
          if (latest.current.mode === 'view') {
            L.DomEvent.stopPropagation(e);
            latest.current.onSelect(s.id);
          }
        });
        group.addLayer(shape);
      }
      const marker = L.marker([s.lat, s.lng], { icon: storeIcon(s.name, selected), keyboard: false, pmIgnore: true, zIndexOffset: selected ? 500 : 0 });
      marker.on('click', () => latest.current.onSelect(s.id));
      group.addLayer(marker);
    }
  }, [stores, selectedId]);

  // The draft: redrawn when it changes from outside (another store chosen, saved, discarded).
  useEffect(() => {
    const map = mapRef.current;
    if (!map || draft === emitted.current) return;
    draftRef.current?.remove();
    draftRef.current = draft ? zoneLayer(draft, DRAFT_STYLE, true).addTo(map) : null;
    emitted.current = draft;
  }, [draft]);

  // Fit the chosen store's area (or every store when none is chosen).
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !stores.length) return;
    const chosen = stores.find((s) => s.id === selectedId);
    const bounds = chosen ? areaBounds(chosen) : stores.map(areaBounds).reduce((a, b) => a.extend(b));
    // Clear of the zoom buttons at the top left.
    map.fitBounds(bounds, { paddingTopLeft: [56, 40], paddingBottomRight: [24, 24], maxZoom: 15 });
    // Only on a change of store: edits must not move the map.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, stores.length]);

  // The mode: Geoman's draw, cut or edit, or the point test's crosshair.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const layer = draftRef.current;
    if (mode === 'draw') map.pm.enableDraw('Polygon', { pathOptions: DRAFT_STYLE, finishOn: null });
    if (mode === 'cut') map.pm.enableGlobalCutMode({ allowSelfIntersection: false });
    const onEdit = () => layer && emit(layer);
    if (mode === 'edit' && layer) {
      layer.pm.enable({ allowSelfIntersection: false, snappable: false });
      layer.on('pm:edit', onEdit);
    }
    el.current?.classList.toggle('ff-zone-probing', mode === 'test');
    return () => {
      map.pm.disableDraw();
      map.pm.disableGlobalCutMode();
      if (layer) {
        layer.off('pm:edit', onEdit);
        if (layer.pm.enabled()) {
          layer.pm.disable();
          emit(layer);
        }
      }
    };
  }, [mode]);

  // The tested point.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    probeRef.current?.remove();
    probeRef.current = probe ? L.marker([probe.lat, probe.lng], { icon: PROBE_ICON, keyboard: false, pmIgnore: true, zIndexOffset: 1000 }).addTo(map) : null;
  }, [probe]);

  return (
    <div className="relative">
      <div
        ref={el}
        className="ff-zone-map h-[380px] w-full overflow-hidden rounded-lg md:h-[520px]"
        data-testid="zone-map"
        data-mode={mode}
        role="region"
        aria-label="Map of the stores' delivery zones"
      />
      {tilesFailed && (
        <p role="status" className="absolute top-2 right-2 z-[500] max-w-[70%] rounded-md bg-white/95 px-2 py-1 text-[12px] text-muted shadow">
          Map tiles are unavailable; zones, stores and tests still work.
        </p>
      )}
    </div>
  );
}
