// Where an event happened: its grid's boundary and a pin, on a plain background (no tile server offline).
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { api } from '../../../lib/api.ts';

export const EventPinMap = ({ lng, lat, gridCode, height = 260 }: { lng: number; lat: number; gridCode: string; height?: number }) => {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const map = L.map(box.current, { zoomControl: true, attributionControl: false }).setView([lat, lng], 16);
    L.circleMarker([lat, lng], { radius: 9, color: '#dc2626', weight: 3, fillColor: '#f87171', fillOpacity: 0.9 }).addTo(map);
    let alive = true;
    api<{ name: string; geometry?: GeoJSON.Geometry }>(`/grids/${gridCode}`, { query: { geometry: true } })
      .then((g) => {
        if (!alive || !g.geometry) return;
        const layer = L.geoJSON(g.geometry, { style: { color: '#1d4ed8', weight: 2, fillOpacity: 0.08 } }).bindTooltip(g.name, { permanent: true, direction: 'center', className: 'grid-label' }).addTo(map);
        map.fitBounds(layer.getBounds().extend([lat, lng]), { padding: [16, 16] });
      })
      .catch(() => undefined);
    return () => {
      alive = false;
      map.remove();
    };
  }, [lng, lat, gridCode]);
  return <div ref={box} className="map-box" style={{ height, background: '#eef2f7' }} data-testid="event-map" />;
};
