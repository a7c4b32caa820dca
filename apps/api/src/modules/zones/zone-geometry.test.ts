import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors';
import { compileZone, parseZone, zoneContains } from './zone-geometry';
import { square } from './zones.factories';

function refusal(zone: unknown): string {
  try {
    parseZone(zone);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).code).toBe('invalid_zone');
    return (err as AppError).message;
  }
  throw new Error('zone was accepted');
}

describe('zone geometry', () => {
  const withHole = { type: 'Polygon', coordinates: [square(77, 28, 0.05), square(77, 28, 0.01)] };

  it('when a polygon has a hole, then the ring around it is served and the hole is not', () => {
    const z = compileZone(parseZone(withHole)!);
    expect(zoneContains(z, 77.03, 28.03)).toBe(true);
    expect(zoneContains(z, 77.0, 28.0)).toBe(false);
    expect(zoneContains(z, 77.2, 28.0)).toBe(false);
  });

  it('when a point lies exactly on an edge, of the outline or of the hole, then it counts as inside', () => {
    const z = compileZone(parseZone(withHole)!);
    expect(zoneContains(z, 77.05, 28.0)).toBe(true);
    expect(zoneContains(z, 77.01, 28.0)).toBe(true);
    expect(zoneContains(z, 77.05, 28.05)).toBe(true);
  });

  it('when a MultiPolygon is given, then each part serves', () => {
    const z = compileZone(parseZone({ type: 'MultiPolygon', coordinates: [[square(77, 28, 0.01)], [square(77.1, 28, 0.01)]] })!);
    expect(zoneContains(z, 77, 28)).toBe(true);
    expect(zoneContains(z, 77.1, 28)).toBe(true);
    expect(zoneContains(z, 77.05, 28)).toBe(false);
  });

  it.each([
    ['a point', { type: 'Point', coordinates: [77, 28] }, 'zone'],
    ['a ring that does not close', { type: 'Polygon', coordinates: [square(77, 28, 0.01).slice(0, 4).concat([[77.5, 28.5]])] }, 'end where it starts'],
    ['a ring of three positions', { type: 'Polygon', coordinates: [[[77, 28], [77.1, 28], [77, 28]]] }, 'at least 4'],
    ['a latitude out of range', { type: 'Polygon', coordinates: [[[77, 95], [77.1, 28], [77, 28.1], [77, 95]]] }, 'zone.coordinates'],
    ['corners in a line', { type: 'Polygon', coordinates: [[[77, 28], [77.1, 28], [77.2, 28], [77, 28]]] }, 'no area'],
    ['a repeated corner', { type: 'Polygon', coordinates: [[[77, 28], [77, 28], [77.1, 28.1], [77, 28]]] }, 'no area'],
    ['a bow tie', { type: 'Polygon', coordinates: [[[77, 28], [77.1, 28.1], [77.1, 28], [77, 28.1], [77, 28]]] }, 'cross'],
    ['a hole outside its outline', { type: 'Polygon', coordinates: [square(77, 28, 0.01), square(77.5, 28, 0.01)] }, 'outside its outline'],
    ['a hole crossing its outline', { type: 'Polygon', coordinates: [square(77, 28, 0.01), square(77.01, 28, 0.005)] }, 'cross'],
    ['a ring across half the globe', { type: 'Polygon', coordinates: [[[-170, 10], [170, 10], [170, 20], [-170, 20], [-170, 10]]] }, 'antimeridian'],
    ['extra members', { type: 'Polygon', coordinates: [square(77, 28, 0.01)], properties: {} }, 'zone'],
  ])('when the zone is %s, then 400 invalid_zone says so', (_name, zone, says) => {
    expect(refusal(zone)).toContain(says);
  });

  it('when null is given, then the zone is cleared', () => {
    expect(parseZone(null)).toBeNull();
  });
});
