// Devices on the Leaflet map without tiles (the machines are offline): grid outlines as the background,
// each device a dot coloured by its state. Markers are kept per device and restyled on each refresh,
// so a five-second refresh neither flickers nor closes a tooltip, and the view is fitted only once.
import type { GeoJsonObject } from 'geojson';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { Grid } from '../../map/map-api.ts';
import { MAP_BACKGROUND } from '../../map/map-colours.ts';
import type { Device } from '../devices-api.ts';
import { markerOf } from './device-tags.tsx';
import { openMap } from '../../map/open-map.ts';

type Props = { grids: readonly Grid[]; devices: readonly Device[]; selected: number | null; onSelect: (id: number) => void; height?: number | string };

const SELECTED = '#1d4ed8';

const styleOf = (d: Device, selected: boolean): L.CircleMarkerOptions => ({
  radius: selected ? 9 : 7, weight: selected ? 3 : 1.5, color: selected ? SELECTED : '#ffffff', fillColor: markerOf(d), fillOpacity: 0.95,
});

export const DeviceMap = ({ grids, devices, selected, onSelect, height = '100%' }: Props) => {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layers = useRef<{ grids: L.GeoJSON; devices: L.LayerGroup; renderer: L.Renderer } | null>(null);
  const markers = useRef(new Map<number, L.CircleMarker>());
  const fitted = useRef<'none' | 'grids' | 'devices'>('none');
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (!box.current) return;
    const { map: m, close } = openMap(box.current);
    m.createPane('devices').style.zIndex = '450';
    const grids = L.geoJSON(undefined, { interactive: false, style: { color: '#94a3b8', weight: 1, fillColor: '#e2e8f0', fillOpacity: 0.35 } }).addTo(m);
    layers.current = { grids, devices: L.layerGroup().addTo(m), renderer: L.svg({ pane: 'devices' }) };
    map.current = m;
    const shown = markers.current;
    return () => {
      close();
      shown.clear();
      map.current = layers.current = null;
      fitted.current = 'none';
    };
  }, []);

  useEffect(() => {
    const l = layers.current;
    if (!l) return;
    l.grids.clearLayers();
    const features = grids.flatMap((g) => (g.geometry ? [{ type: 'Feature' as const, geometry: g.geometry, properties: {} }] : []));
    if (features.length === 0) return;
    l.grids.addData({ type: 'FeatureCollection', features } as GeoJsonObject);
    if (fitted.current === 'none') {
      map.current?.fitBounds(l.grids.getBounds(), { padding: [12, 12], animate: false });
      fitted.current = 'grids';
    }
  }, [grids]);

  useEffect(() => {
    const l = layers.current;
    if (!l) return;
    const seen = new Set<number>();
    const points: L.LatLngExpression[] = [];
    for (const d of devices) {
      if (d.lng === null || d.lat === null) continue;
      seen.add(d.id);
      points.push([d.lat, d.lng]);
      let mk = markers.current.get(d.id);
      if (!mk) {
        mk = L.circleMarker([d.lat, d.lng], { renderer: l.renderer, pane: 'devices' }).on('click', () => select.current(d.id)).addTo(l.devices);
        mk.bindTooltip(`${d.name}（${d.serial}）`, { direction: 'top' });
        markers.current.set(d.id, mk);
      } else mk.setLatLng([d.lat, d.lng]);
      mk.setStyle(styleOf(d, d.id === selected));
    }
    for (const [id, mk] of markers.current) if (!seen.has(id)) (mk.remove(), markers.current.delete(id));
    // Devices that need someone stay above their neighbours, the selected one above all.
    for (const d of devices) if (d.openAlerts > 0) markers.current.get(d.id)?.bringToFront();
    if (selected !== null) markers.current.get(selected)?.bringToFront();
    // Devices lie inside the grids: once both are known the view closes in on the devices.
    if (fitted.current !== 'devices' && points.length > 0) {
      map.current?.fitBounds(L.latLngBounds(points), { padding: [32, 32], maxZoom: 16, animate: false });
      fitted.current = 'devices';
    }
  }, [devices, selected]);

  const placed = devices.filter((d) => d.lng !== null && d.lat !== null).length;
  return <div ref={box} data-testid="device-map" data-devices={placed} style={{ height, width: '100%', background: MAP_BACKGROUND, borderRadius: 8 }} />;
};
