// Units (departments and stations the centre dispatches to), each belonging to an area.
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { canSeeArea, inScope } from '../../lib/scope.ts';
import * as repo from './units.repo.ts';

/** A unit whose area lies in the caller's scope. Throws unit.not_found. */
export const getUnitInScope = async (deps: Deps, actor: Actor, id: number) => {
  const unit = await repo.getUnit(deps.db, id);
  if (!unit || !inScope(actor.scope, unit.areaCode)) throw new AppError('unit.not_found', `No unit ${id} in your area`);
  return unit;
};

// Units are read on every event shown and every dispatch, and change rarely: kept in memory, fetched when missing.
const known = new WeakMap<Deps, Map<number, { id: number; name: string; type: string; areaCode: string }>>();

export const getUnitsByIds = async (deps: Deps, ids: readonly number[]) => {
  let cache = known.get(deps);
  if (!cache) known.set(deps, (cache = new Map()));
  const missing = [...new Set(ids)].filter((id) => !cache!.has(id));
  if (missing.length) for (const u of await repo.getUnits(deps.db, missing)) cache.set(u.id, u);
  return ids.flatMap((id) => cache!.get(id) ?? []);
};

/** Units the caller may dispatch to: in their subtree or on the path above. Throws unit.not_found. */
export const getDispatchableUnits = async (deps: Deps, actor: Actor, ids: readonly number[]) => {
  const units = await getUnitsByIds(deps, ids);
  for (const id of ids) {
    const u = units.find((x) => x.id === id);
    if (!u || !canSeeArea(actor.scope, u.areaCode)) throw new AppError('unit.not_found', `No unit ${id} you can dispatch to`);
  }
  return units;
};

/** Units for an area: its own and those above it, or everything under it with `below`. Throws auth.forbidden, area.not_found. */
export const listUnits = async (deps: Deps, actor: Actor, q: { area?: string; below: boolean }) => {
  requirePermission(actor, 'area.read');
  const area = q.area ?? actor.scope;
  if (!canSeeArea(actor.scope, area)) throw new AppError('area.not_found', `No area ${area} in your area`);
  const below = q.below && area.startsWith(actor.scope);
  const path = await repo.listUnitsOnPath(deps.db, area);
  const items = below ? [...path.filter((u) => u.areaCode !== area), ...(await repo.listUnitsUnder(deps.db, area))] : path;
  return { items, total: items.length };
};
