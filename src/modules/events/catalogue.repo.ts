import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Catalogue, CategoryRow, Limits } from './catalogue-presets.ts';

export const listPlatforms = (db: Kysely<DB>) => db.selectFrom('platforms').select(['code', 'name']).orderBy('sort').execute();

export const listCategoryRows = async (db: Kysely<DB>): Promise<(CategoryRow & { active: boolean })[]> =>
  (await db.selectFrom('categories').selectAll().orderBy('code').execute()).map((c) => ({
    code: c.code, name: c.name, parentCode: c.parent_code, platformCode: c.platform_code, leadUnitType: c.lead_unit_type,
    priority: c.priority, limits: c.limits as Limits, active: c.active,
  }));

/** Loads a whole catalogue: platforms replaced, categories inserted or updated (never deleted: events refer to them). */
export const upsertCatalogue = async (db: Kysely<DB>, c: Catalogue) => {
  await db.updateTable('categories').set({ active: false }).execute();
  for (const [i, p] of c.platforms.entries()) {
    await db.insertInto('platforms').values({ code: p.code, name: p.name, sort: i }).onConflict((oc) => oc.column('code').doUpdateSet({ name: p.name, sort: i })).execute();
  }
  for (const r of [...c.categories].sort((a, b) => a.code.length - b.code.length)) await upsertCategory(db, r, true);
  const used = await db.selectFrom('categories').select('platform_code').distinct().execute();
  const keep = new Set([...c.platforms.map((p) => p.code), ...used.map((u) => u.platform_code)]);
  await db.deleteFrom('platforms').where('code', 'not in', [...keep]).execute();
};

export const upsertCategory = (db: Kysely<DB>, r: CategoryRow, active: boolean) => {
  const row = {
    name: r.name, parent_code: r.parentCode, platform_code: r.platformCode, lead_unit_type: r.leadUnitType, priority: r.priority,
    limits: JSON.stringify(r.limits), active,
  };
  return db.insertInto('categories').values({ code: r.code, ...row }).onConflict((oc) => oc.column('code').doUpdateSet(row)).execute();
};

export const hasCategories = async (db: Kysely<DB>) => (await db.selectFrom('categories').select('code').limit(1).executeTakeFirst()) !== undefined;
