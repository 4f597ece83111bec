// The category catalogue: platforms, categories, their lead unit type, priority and step limits.
// Read often (every event), changed rarely (sys_admin, audited): cached in memory.
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { CATALOGUE_PRESETS, type CategoryRow } from './catalogue-presets.ts';
import * as repo from './catalogue.repo.ts';

type Cached = { categories: Map<string, CategoryRow & { active: boolean }>; platforms: { code: string; name: string }[] };
const cache = new WeakMap<Deps, Promise<Cached>>();

const catalogueOf = (deps: Deps): Promise<Cached> => {
  let c = cache.get(deps);
  if (!c) {
    c = Promise.all([repo.listCategoryRows(deps.db), repo.listPlatforms(deps.db)]).then(([rows, platforms]) => ({
      categories: new Map(rows.map((r) => [r.code, r])),
      platforms,
    }));
    c.catch(() => cache.delete(deps));
    cache.set(deps, c);
  }
  return c;
};

/** An active category. Throws event.unknown_category. */
export const getCategory = async (deps: Deps, code: string) => {
  const c = (await catalogueOf(deps)).categories.get(code);
  if (!c || !c.active) throw new AppError('event.unknown_category', `事件类别 ${code} 不存在或未启用 (unknown or retired category)`);
  return c;
};

/** Every category by code, retired ones included, from memory. */
export const categoriesOf = async (deps: Deps) => (await catalogueOf(deps)).categories;

export const listCatalogue = async (deps: Deps) => {
  const c = await catalogueOf(deps);
  return { platforms: c.platforms, items: [...c.categories.values()].filter((x) => x.active) };
};

/** Loads a built-in catalogue ('2021' or 'legacy'). */
export const loadCataloguePreset = async (deps: Deps, preset: keyof typeof CATALOGUE_PRESETS) => {
  await deps.db.transaction().execute((trx) => repo.upsertCatalogue(trx, CATALOGUE_PRESETS[preset]));
  cache.delete(deps);
  return listCatalogue(deps);
};

/** Adds or changes one category. Throws auth.forbidden, request.invalid. */
export const updateCategory = async (deps: Deps, actor: Actor, row: CategoryRow & { active?: boolean }) => {
  requirePermission(actor, 'config.write');
  const c = await catalogueOf(deps);
  if (!c.platforms.some((p) => p.code === row.platformCode)) throw new AppError('request.invalid', `Unknown platform ${row.platformCode}`);
  if (row.parentCode && !c.categories.has(row.parentCode)) throw new AppError('request.invalid', `Unknown parent category ${row.parentCode}`);
  const before = c.categories.get(row.code) ?? null;
  await deps.db.transaction().execute(async (trx) => {
    await repo.upsertCategory(trx, row, row.active ?? true);
    await recordAudit(trx, actor, { action: 'category.update', targetType: 'category', targetId: row.code, details: { before, after: row } });
  });
  cache.delete(deps);
  return (await catalogueOf(deps)).categories.get(row.code)!;
};
