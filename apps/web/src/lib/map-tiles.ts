import L from 'leaflet';

/**
 * The map's tile layer from the server's setting, telling the page when tiles cannot load (offline, or the
 * tile server refuses) so it can say so; what is drawn over the tiles shows either way.
 */
export function addTiles(map: L.Map, url: string, attribution: string, onFailed: (failed: boolean) => void): L.TileLayer {
  const tiles = L.tileLayer(url, { attribution, maxZoom: 19 });
  let failures = 0;
  tiles.on('tileerror', () => {
    failures += 1;
    if (failures >= 2) onFailed(true);
  });
  tiles.on('tileload', () => onFailed(false));
  return tiles.addTo(map);
}
