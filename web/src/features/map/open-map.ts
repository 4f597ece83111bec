// A Leaflet map over Hangzhou without online tiles (the grids are the map), kept sized to its box.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

const HANGZHOU: L.LatLngExpression = [30.25, 120.17];

/** Opens a map in `box`; `close` stops watching the box and removes the map. */
export const openMap = (box: HTMLElement, options: L.MapOptions = {}) => {
  const map = L.map(box, { preferCanvas: true, attributionControl: false, center: HANGZHOU, zoom: 13, zoomSnap: 0.25, ...options });
  const resize = new ResizeObserver(() => map.invalidateSize());
  resize.observe(box);
  return { map, close: () => { resize.disconnect(); map.remove(); } };
};
