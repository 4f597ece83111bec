// Risk zones on the Leaflet map without tiles (machines are offline), in SVG (a street's grids and zones
// are few): grid outlines as the background, zones filled by level, and a shape being drawn (a click
// adds a corner, a double-click closes it) or imported.
import type { GeoJsonObject } from 'geojson';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { Grid } from '../../map/map-api.ts';
import { MAP_BACKGROUND } from '../../map/map-colours.ts';
import type { Zone } from '../zones-api.ts';
import { LEVEL_FILLS } from './colour-tag.tsx';
import { openMap } from '../../map/open-map.ts';

export type LngLat = [number, number];
type Props = {
  grids: readonly Grid[];
  zones: readonly Zone[];
  /** A closed or imported shape, shown dashed. */
  draft?: GeoJsonObject | null;
  /** Corners of a shape being drawn. */
  vertices?: readonly LngLat[];
  drawing?: boolean;
  onVertex?: (p: LngLat) => void;
  onFinish?: () => void;
  onZoneClick?: (id: number) => void;
  /** The view fits this shape when given, else the grids. */
  focus?: GeoJsonObject | null;
  /** The closest the view goes when fitting `focus`. */
  focusZoom?: number;
  height?: number | string;
  testId?: string;
};

const DRAFT = '#111827';

export const ZoneMap = ({ grids, zones, draft, vertices = [], drawing = false, onVertex, onFinish, onZoneClick, focus, focusZoom = 17, height = 480, testId = 'zone-map' }: Props) => {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layers = useRef<{ grids: L.GeoJSON; zones: L.GeoJSON; draft: L.LayerGroup } | null>(null);
  const fitted = useRef<'none' | 'zones' | 'grids' | 'focus'>('none');
  const latest = useRef({ drawing, onVertex, onFinish, onZoneClick });
  latest.current = { drawing, onVertex, onFinish, onZoneClick };

  useEffect(() => {
    if (!box.current) return;
    const { map: m, close } = openMap(box.current, { preferCanvas: false, doubleClickZoom: false });
    const grids = L.geoJSON(undefined, { interactive: false, style: { color: '#94a3b8', weight: 1, fillColor: '#e2e8f0', fillOpacity: 0.35 } }).addTo(m);
    const zones = L.geoJSON(undefined, {
      style: (f) => {
        const fill = LEVEL_FILLS[(f?.properties as { level: Zone['level'] }).level];
        return { color: fill, weight: 2, fillColor: fill, fillOpacity: 0.3 };
      },
      onEachFeature: (f, layer) => {
        const p = f.properties as { id: number; name: string };
        layer.bindTooltip(p.name, { sticky: true, direction: 'top' });
        layer.on('click', () => !latest.current.drawing && latest.current.onZoneClick?.(p.id));
      },
    }).addTo(m);
    const draft = L.layerGroup().addTo(m);
    m.on('click', (e: L.LeafletMouseEvent) => latest.current.drawing && latest.current.onVertex?.([e.latlng.lng, e.latlng.lat]));
    m.on('dblclick', () => latest.current.drawing && latest.current.onFinish?.());
    layers.current = { grids, zones, draft };
    map.current = m;
    return () => {
      close();
      map.current = layers.current = null;
      fitted.current = 'none';
    };
  }, []);

  useEffect(() => {
    const l = layers.current;
    if (!l) return;
    l.grids.clearLayers();
    const features = grids.flatMap((g) => (g.geometry ? [{ type: 'Feature' as const, geometry: g.geometry, properties: { code: g.code } }] : []));
    if (features.length === 0) return;
    l.grids.addData({ type: 'FeatureCollection', features } as GeoJsonObject);
    if ((fitted.current === 'none' || fitted.current === 'zones') && !focus) {
      map.current?.fitBounds(l.grids.getBounds(), { padding: [12, 12], animate: false });
      fitted.current = 'grids';
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [grids]);

  useEffect(() => {
    const l = layers.current;
    if (!l) return;
    l.zones.clearLayers();
    for (const z of zones) l.zones.addData({ type: 'Feature', geometry: z.geometry, properties: { id: z.id, name: `${z.name}（${z.levelName}）`, level: z.level } } as GeoJsonObject);
    // Without grid outlines (a city is too large to draw) the view follows the zones.
    if (fitted.current === 'none' && !focus && zones.length > 0 && l.grids.getLayers().length === 0) {
      map.current?.fitBounds(l.zones.getBounds(), { padding: [24, 24], maxZoom: 15, animate: false });
      fitted.current = 'zones';
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [zones]);

  useEffect(() => {
    const l = layers.current;
    if (!l) return;
    l.draft.clearLayers();
    if (draft) L.geoJSON(draft, { interactive: false, style: { color: DRAFT, weight: 2, dashArray: '6 4', fillColor: DRAFT, fillOpacity: 0.12 } }).addTo(l.draft);
    const ll = vertices.map(([x, y]) => L.latLng(y, x));
    if (ll.length >= 2) L.polyline(ll, { color: DRAFT, weight: 2, dashArray: '4 4', interactive: false }).addTo(l.draft);
    for (const p of ll) L.circleMarker(p, { radius: 4, color: '#fff', weight: 1.5, fillColor: DRAFT, fillOpacity: 1, interactive: false }).addTo(l.draft);
  }, [draft, vertices]);

  useEffect(() => {
    if (!focus || !map.current) return;
    try {
      const bounds = L.geoJSON(focus).getBounds();
      if (bounds.isValid()) {
        map.current.fitBounds(bounds, { padding: [24, 24], maxZoom: focusZoom, animate: false });
        fitted.current = 'focus';
      }
    } catch {
      // A shape Leaflet cannot read is reported by the form; the view stays.
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus]);

  useEffect(() => {
    if (box.current) box.current.style.cursor = drawing ? 'crosshair' : '';
  }, [drawing]);

  return <div ref={box} data-testid={testId} data-zones={zones.length} style={{ height, width: '100%', background: MAP_BACKGROUND, borderRadius: 8 }} />;
};
