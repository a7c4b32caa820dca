/**
 * Delivery zones as GeoJSON (Multi)Polygons, judged and tested with Turf. A zone is refused with 400
 * `invalid_zone` naming the problem: a malformed shape, a ring that crosses itself or another ring, a ring
 * with no area, a hole outside its polygon, or a ring wider than half the globe (we do not split polygons at
 * the antimeridian). A point on an edge, of the outline or of a hole, counts as inside the zone.
 */
import { area } from '@turf/area';
import { bbox } from '@turf/bbox';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { kinks } from '@turf/kinks';
import { ZoneGeometry } from '@fatafat/contracts/zones';
import { AppError } from '../../http/errors';
import { zodIssues } from '../../http/api-router';

type Position = [number, number];
type Ring = Position[];
type PolygonCoords = Ring[];

export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

/** Smaller than this (m²) is a sliver, not a place anyone lives. */
export const MIN_RING_AREA_M2 = 100;
export const MAX_ZONE_POSITIONS = 20_000;

function invalidZone(message: string, details?: unknown): AppError {
  return new AppError(400, 'invalid_zone', `Invalid zone: ${message}`, details);
}

const polygonOf = (coordinates: PolygonCoords) => ({ type: 'Polygon' as const, coordinates });

function checkPolygon(coords: PolygonCoords, where: string): void {
  // Crossing edges first: a bow tie's two halves cancel out and would otherwise read as "no area".
  const crossings = kinks(polygonOf(coords)).features;
  if (crossings.length) {
    const [lng, lat] = crossings[0]!.geometry.coordinates;
    throw invalidZone(`${where} has edges that cross (near ${lat}, ${lng})`, { crossings: crossings.length });
  }
  coords.forEach((ring, r) => {
    const name = r === 0 ? `outline of ${where}` : `hole ${r} of ${where}`;
    const lngs = ring.map((p) => p[0]);
    if (Math.max(...lngs) - Math.min(...lngs) > 180) {
      throw invalidZone(`the ${name} spans more than 180° of longitude (split zones at the antimeridian)`);
    }
    const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`));
    if (distinct.size < 3 || area(polygonOf([ring])) < MIN_RING_AREA_M2) {
      throw invalidZone(`the ${name} has no area (its corners are repeated or in a line)`);
    }
  });
  const outline = polygonOf([coords[0]!]);
  coords.slice(1).forEach((hole, h) => {
    if (!hole.every((p) => booleanPointInPolygon(p, outline))) {
      throw invalidZone(`${where} hole ${h + 1} lies outside its outline`);
    }
  });
}

/** The zone a request sent, checked; null clears it. Throws 400 invalid_zone naming the problem. */
export function parseZone(input: unknown): ZoneGeometry | null {
  if (input === null) return null;
  const parsed = ZoneGeometry.safeParse(input);
  if (!parsed.success) {
    const details = zodIssues(parsed.error, 'zone');
    throw invalidZone(details[0] ? `${details[0].path}: ${details[0].message}` : 'not a GeoJSON Polygon or MultiPolygon', details);
  }
  const zone = parsed.data;
  const polygons = (zone.type === 'Polygon' ? [zone.coordinates] : zone.coordinates) as PolygonCoords[];
  const positions = polygons.flat(2).length;
  if (positions > MAX_ZONE_POSITIONS) throw invalidZone(`at most ${MAX_ZONE_POSITIONS} positions (${positions} given)`);
  polygons.forEach((p, i) => checkPolygon(p, polygons.length > 1 ? `polygon ${i + 1}` : 'the polygon'));
  return zone;
}

/** A zone ready for many point tests: its bounding box is the cheap first check. */
export interface CompiledZone {
  geometry: ZoneGeometry;
  bbox: BBox;
}

export function compileZone(zone: ZoneGeometry): CompiledZone {
  return { geometry: zone, bbox: bbox(zone) as BBox };
}

export function inBBox(b: BBox, lng: number, lat: number): boolean {
  return lng >= b[0] && lng <= b[2] && lat >= b[1] && lat <= b[3];
}

/** Whether the point is in the zone: on an edge counts, inside a hole does not. */
export function zoneContains(z: CompiledZone, lng: number, lat: number): boolean {
  return inBBox(z.bbox, lng, lat) && booleanPointInPolygon([lng, lat], z.geometry);
}

/** A box around a radius, for the same cheap first check on stores without a zone. */
export function radiusBBox(lat: number, lng: number, radiusKm: number): BBox {
  const dLat = radiusKm / 110.574;
  const dLng = radiusKm / (111.32 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  return [lng - dLng, lat - dLat, lng + dLng, lat + dLat];
}
