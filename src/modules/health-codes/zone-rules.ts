// Pure rules of risk zones: what a drawn or imported shape must be, and when a zone steps down.
import type { ZoneLevel } from '../../db/schema.ts';

export type ZoneGeometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
export type Timers = Record<ZoneLevel, number | null>;

/** 封控 → 管控 after 7 days without a new case, 管控 → 防范 after 3; 防范 stays until lifted. */
export const DEFAULT_TIMERS: Timers = { sealed: 7, controlled: 3, precaution: null };
export const NEXT_LEVEL: Record<ZoneLevel, ZoneLevel | 'lifted'> = { sealed: 'controlled', controlled: 'precaution', precaution: 'lifted' };
export const LEVEL_NAMES: Record<ZoneLevel, string> = { sealed: '封控区', controlled: '管控区', precaution: '防范区' };

const DAY_MS = 86_400_000;

const ringProblem = (ring: unknown, where: string): string | null => {
  if (!Array.isArray(ring) || ring.length < 4) return `${where}: a ring needs at least 4 positions (closed)`;
  for (const [i, p] of ring.entries()) {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') return `${where}[${i}]: a position is [lng, lat]`;
    if (p[0] < 73 || p[0] > 136 || p[1] < 3 || p[1] > 54) return `${where}[${i}]: [${p[0]}, ${p[1]}] is not in China (lng 73–136, lat 3–54)`;
  }
  const [a, b] = [ring[0] as number[], ring.at(-1) as number[]];
  if (a[0] !== b[0] || a[1] !== b[1]) return `${where}: the first and last positions must be the same (a closed ring)`;
  return null;
};

/**
 * A zone's shape from GeoJSON: a Polygon or MultiPolygon, bare or as a Feature, or a FeatureCollection
 * whose polygons are joined into one MultiPolygon. Returns the reason when it is not usable.
 */
export const readZoneGeometry = (input: unknown): { ok: true; geometry: ZoneGeometry } | { ok: false; reason: string } => {
  const polygons: number[][][][] = [];
  const take = (g: unknown, where: string): string | null => {
    const o = g as { type?: unknown; coordinates?: unknown; geometry?: unknown; features?: unknown };
    if (!o || typeof o !== 'object') return `${where}: not a GeoJSON object`;
    if (o.type === 'Feature') return take(o.geometry, `${where}.geometry`);
    if (o.type === 'FeatureCollection') {
      if (!Array.isArray(o.features) || o.features.length === 0) return `${where}.features: no features`;
      for (const [i, f] of o.features.entries()) {
        const p = take(f, `${where}.features[${i}]`);
        if (p) return p;
      }
      return null;
    }
    if (o.type !== 'Polygon' && o.type !== 'MultiPolygon') return `${where}: type must be Polygon or MultiPolygon (got ${String(o.type)})`;
    const list = (o.type === 'Polygon' ? [o.coordinates] : o.coordinates) as unknown;
    if (!Array.isArray(list) || list.length === 0) return `${where}.coordinates: empty`;
    for (const [i, poly] of list.entries()) {
      if (!Array.isArray(poly) || poly.length === 0) return `${where}.coordinates[${i}]: a polygon is a list of rings`;
      for (const [j, ring] of poly.entries()) {
        const p = ringProblem(ring, `${where}.coordinates[${i}][${j}]`);
        if (p) return p;
      }
      polygons.push(poly as number[][][]);
    }
    return null;
  };
  const problem = take(input, 'geometry');
  if (problem) return { ok: false, reason: problem };
  return { ok: true, geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons } };
};

export const geometryBBox = (g: ZoneGeometry): [number, number, number, number] => {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
    for (const [x = 0, y = 0] of poly[0] ?? []) {
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    }
  }
  return [x0, y0, x1, y1];
};

/** When the zone steps down next and to what, or null when its timer is off. Counted from the later of the level's start and the last case. */
export const nextStep = (z: { level: ZoneLevel; levelSince: Date; lastCaseAt: Date | null; timers: Timers }): { to: ZoneLevel | 'lifted'; at: Date } | null => {
  const days = z.timers[z.level];
  if (days === null || days === undefined) return null;
  const from = Math.max(z.levelSince.getTime(), z.lastCaseAt?.getTime() ?? 0);
  return { to: NEXT_LEVEL[z.level], at: new Date(from + days * DAY_MS) };
};

/** The smallest area code (2, 4, 6, 9, 12 or 15 digits) that holds every one of these codes. */
export const commonArea = (codes: readonly string[]): string => {
  let prefix = codes[0] ?? '';
  for (const c of codes) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const lengths = [15, 12, 9, 6, 4, 2];
  return prefix.slice(0, lengths.find((n) => n <= prefix.length) ?? 0);
};
