// Point → grid lookup (落格): which grid a coordinate lies in. Flatbush narrows the ~18,000 grids of
// the city to the few whose bounding box holds the point; the exact polygon test decides.

import Flatbush from 'flatbush';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Polygon } from './grid-geometry.ts';

export type MultiPolygon = { type: 'MultiPolygon'; coordinates: number[][][][] };
export type GridGeometry = Polygon | MultiPolygon;
export type PointIndex = { tree: Flatbush | null; codes: string[]; geometries: GridGeometry[] };

const boundsOf = (g: GridGeometry): [number, number, number, number] => {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const polygon of polygons) {
    for (const [x = NaN, y = NaN] of polygon[0] ?? []) { // the outer ring bounds the holes too
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
};

/** Builds the index; grids are stored in code order so the lowest hit index is the lowest code. */
export const buildPointIndex = (grids: readonly { code: string; geometry: GridGeometry }[]): PointIndex => {
  const sorted = [...grids].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (sorted.length === 0) return { tree: null, codes: [], geometries: [] };
  const tree = new Flatbush(sorted.length);
  for (const g of sorted) {
    const [x0, y0, x1, y1] = boundsOf(g.geometry);
    tree.add(x0, y0, x1, y1);
  }
  tree.finish();
  return { tree, codes: sorted.map((g) => g.code), geometries: sorted.map((g) => g.geometry) };
};

/**
 * The grid containing the point, or null outside every grid. A point on an edge shared by several
 * grids belongs to the one with the lowest code, so every point has exactly one grid.
 */
export const findGrid = (index: PointIndex, lng: number, lat: number): string | null => {
  if (!index.tree) return null;
  const point = [lng, lat];
  let best = -1;
  for (const i of index.tree.search(lng, lat, lng, lat)) {
    if ((best === -1 || i < best) && booleanPointInPolygon(point, index.geometries[i]!)) best = i;
  }
  return best === -1 ? null : index.codes[best]!;
};
