/**
 * Leaflet with Geoman's drawing tools. Geoman extends the global `L`, so Leaflet is made global first
 * (this module is evaluated before the plugin it imports next).
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

(window as unknown as { L: typeof L }).L = L;

export default L;
