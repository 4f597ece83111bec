// Reading the area tree and grids, always within the caller's scope. Out-of-scope nodes answer
// "not found", so the API does not reveal what exists elsewhere.
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { canSeeArea, narrowScope } from '../../lib/scope.ts';
import * as repo from './areas.repo.ts';

const notFound = (code: string) => new AppError('area.not_found', `No area ${code} in your area`);

/** One area node. Throws auth.forbidden, area.not_found. */
export const getArea = async (deps: Deps, actor: Actor, code: string) => {
  requirePermission(actor, 'area.read');
  const area = canSeeArea(actor.scope, code) ? await repo.getArea(deps.db, code) : undefined;
  if (!area) throw notFound(code);
  return area;
};

/** Children of `parent` (or the roots) that the caller may see. Throws auth.forbidden, area.not_found. */
export const listAreas = async (deps: Deps, actor: Actor, parent: string | undefined) => {
  requirePermission(actor, 'area.read');
  if (parent !== undefined && !(canSeeArea(actor.scope, parent) && (await repo.getArea(deps.db, parent)))) throw notFound(parent);
  const items = (await repo.listChildAreas(deps.db, parent ?? null)).filter((a) => canSeeArea(actor.scope, a.code));
  return { items, total: items.length };
};

/**
 * The code prefix a list is limited to: the requested area narrowed to the caller's scope. Throws
 * area.not_found when the area is unknown or lies outside the scope.
 */
export const scopedAreaFilter = async (deps: Deps, actor: Actor, area: string | undefined): Promise<string> => {
  const prefix = narrowScope(actor.scope, area);
  if (prefix === null || (area && prefix === area && !(await areaOrGridExists(deps, area)))) throw notFound(area ?? '');
  return prefix;
};

const areaOrGridExists = async (deps: Deps, code: string) =>
  code.length === 15 ? repo.gridExists(deps.db, code) : (await repo.getArea(deps.db, code)) !== undefined;

/** Grids under `area` (default: the caller's whole scope), paged. Throws auth.forbidden, area.not_found. */
export const listGrids = async (
  deps: Deps,
  actor: Actor,
  q: { area?: string; geometry: boolean; limit: number; offset: number },
) => {
  requirePermission(actor, 'area.read');
  const prefix = await scopedAreaFilter(deps, actor, q.area);
  const { items, total } = await repo.listGrids(deps.db, { prefix, withGeometry: q.geometry, limit: q.limit, offset: q.offset });
  const staff = await repo.listGridStaff(deps.db, items.map((g) => g.code));
  return {
    total,
    items: items.map((g) => ({ ...g, staff: staff.filter((s) => s.gridCode === g.code).map(({ gridCode: _g, ...s }) => s) })),
  };
};

/** One grid with its staff and boundary. Throws auth.forbidden, grid.not_found. */
export const getGrid = async (deps: Deps, actor: Actor, code: string) => {
  requirePermission(actor, 'area.read');
  const grid = code.startsWith(actor.scope) ? await repo.getGrid(deps.db, code) : undefined;
  if (!grid) throw new AppError('grid.not_found', `No grid ${code} in your area`);
  const staff = await repo.listGridStaff(deps.db, [code]);
  return { ...grid, staff: staff.map(({ gridCode: _g, ...s }) => s) };
};

/** Throws area.unknown_code unless `code` names an area or a grid. */
export const assertAreaOrGridExists = async (deps: Deps, code: string) => {
  if (!(await areaOrGridExists(deps, code))) throw new AppError('area.unknown_code', `Unknown area or grid code ${code}`);
};

/** Names of areas and grids by code, for labelling figures. */
export const listAreaNames = async (deps: Deps, codes: readonly string[]): Promise<Map<string, string>> => {
  const rows = await repo.namesOf(deps.db, codes);
  return new Map(rows.map((r) => [r.code, r.name]));
};
