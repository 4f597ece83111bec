// The Leaflet map without tiles (the machines are offline): grid boundaries on a canvas, events as
// circle markers on SVG above them (SVG lets clicks beside a marker through to the grid below).
import type { Feature, FeatureCollection } from 'geojson';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { Grid, MapEvent } from '../map-api.ts';
import { GRID_SELECTED, GRID_STROKE, gridFill, MAP_BACKGROUND, OVERDUE_RING, stateColour, type GridCounts } from '../map-colours.ts';
import { openMap } from '../open-map.ts';

type Props = {
  grids: readonly Grid[];
  /** True once every grid of the area has arrived: the view fits them then. */
  gridsDone: boolean;
  events: readonly MapEvent[];
  counts: ReadonlyMap<string, GridCounts>;
  selected: string | null;
  onSelect: (code: string) => void;
  popupOf: (e: MapEvent) => HTMLElement;
};

// The legend covers the lower left corner: fitted shapes keep clear of it.
const FIT: L.FitBoundsOptions = { paddingTopLeft: [292, 16], paddingBottomRight: [16, 16] };

const gridStyle = (fill: string, selected: boolean): L.PathOptions =>
  selected ? { color: GRID_SELECTED, weight: 3, fillColor: fill, fillOpacity: 0.75 } : { color: GRID_STROKE, weight: 1, fillColor: fill, fillOpacity: 0.55 };

export const GridMap = ({ grids, gridsDone, events, counts, selected, onSelect, popupOf }: Props) => {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const gridLayer = useRef<L.GeoJSON | null>(null);
  const eventLayer = useRef<L.LayerGroup | null>(null);
  const markerRenderer = useRef<L.Renderer | null>(null);
  const drawn = useRef(new Map<string, L.Path>());
  const latest = useRef({ onSelect, popupOf, counts, selected });
  latest.current = { onSelect, popupOf, counts, selected };

  useEffect(() => {
    if (!box.current) return;
    const { map: m, close } = openMap(box.current, { zoom: 12 });
    m.createPane('events').style.zIndex = '450';
    gridLayer.current = L.geoJSON(undefined, {
      onEachFeature: (feature, layer) => {
        const code = (feature.properties as { code: string }).code;
        drawn.current.set(code, layer as L.Path);
        layer.bindTooltip((feature.properties as { name: string }).name, { sticky: true, direction: 'top' });
        layer.on('click', () => latest.current.onSelect(code));
      },
      style: (feature) => {
        const code = (feature?.properties as { code: string } | undefined)?.code ?? '';
        return gridStyle(gridFill(latest.current.counts.get(code)), code === latest.current.selected);
      },
    }).addTo(m);
    eventLayer.current = L.layerGroup().addTo(m);
    markerRenderer.current = L.svg({ pane: 'events' });
    map.current = m;
    const shown = drawn.current;
    return () => {
      close();
      shown.clear();
      map.current = gridLayer.current = eventLayer.current = markerRenderer.current = null;
    };
  }, []);

  // Grids arrive page by page: draw the new ones, start again when the area changes.
  useEffect(() => {
    const layer = gridLayer.current;
    if (!layer) return;
    if (grids.length < drawn.current.size) {
      layer.clearLayers();
      drawn.current.clear();
    }
    const features: Feature[] = grids.flatMap((g) =>
      g.geometry && !drawn.current.has(g.code) ? [{ type: 'Feature', geometry: g.geometry, properties: { code: g.code, name: g.name } }] : [],
    );
    if (features.length === 0) return;
    const first = drawn.current.size === 0;
    const collection: FeatureCollection = { type: 'FeatureCollection', features };
    layer.addData(collection);
    if (first) map.current?.fitBounds(layer.getBounds(), FIT);
  }, [grids]);

  useEffect(() => {
    const layer = gridLayer.current;
    if (gridsDone && layer && drawn.current.size > 0) map.current?.fitBounds(layer.getBounds(), FIT);
  }, [gridsDone]);

  useEffect(() => {
    for (const [code, path] of drawn.current) path.setStyle(gridStyle(gridFill(counts.get(code)), code === selected));
    if (selected) drawn.current.get(selected)?.bringToFront();
  }, [counts, selected, grids]);

  useEffect(() => {
    const layer = eventLayer.current;
    const renderer = markerRenderer.current;
    if (!layer || !renderer) return;
    layer.clearLayers();
    const points: L.LatLngExpression[] = [];
    for (const e of events) {
      if (e.lng === null || e.lat === null) continue;
      const overdue = e.colour === 'red' && !['closed', 'rejected', 'merged'].includes(e.state);
      L.circleMarker([e.lat, e.lng], {
        renderer, pane: 'events', radius: 6, weight: overdue ? 3 : 1.5, color: overdue ? OVERDUE_RING : '#ffffff',
        fillColor: stateColour(e.state), fillOpacity: 0.95,
      })
        .bindPopup(() => latest.current.popupOf(e), { minWidth: 220 })
        .addTo(layer);
      points.push([e.lat, e.lng]);
    }
    // Without grids (an area too large to draw) the view follows the events.
    if (drawn.current.size === 0 && points.length > 0) map.current?.fitBounds(L.latLngBounds(points), { ...FIT, maxZoom: 15 });
  }, [events]);

  return <div ref={box} style={{ height: '100%', width: '100%', background: MAP_BACKGROUND, borderRadius: 8 }} />;
};
