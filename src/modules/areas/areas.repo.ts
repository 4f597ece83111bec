import { sql, type Kysely } from 'kysely';
import type { AreaLevel, DB } from '../../db/schema.ts';

export type AreaRow = { code: string; name: string; level: AreaLevel; parentCode: string | null };

const areaColumns = ['code', 'name', 'level', 'parent_code as parentCode'] as const;

export const getArea = (db: Kysely<DB>, code: string) =>
  db.selectFrom('areas').select(areaColumns).where('code', '=', code).executeTakeFirst();

export const listChildAreas = (db: Kysely<DB>, parent: string | null) =>
  db
    .selectFrom('areas')
    .select(areaColumns)
    .$call((q) => (parent === null ? q.where('parent_code', 'is', null) : q.where('parent_code', '=', parent)))
    .orderBy('code')
    .execute();

export const listAreasUnder = (db: Kysely<DB>, prefix: string) =>
  db.selectFrom('areas').select(areaColumns).where('code', 'like', `${prefix}%`).orderBy('code').execute();

/** Inserts or renames areas; parents must come before children in `rows`. */
export const upsertAreas = async (db: Kysely<DB>, rows: readonly AreaRow[]) => {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('areas')
      .values(rows.slice(i, i + 1000).map((r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode })))
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), parent_code: eb.ref('excluded.parent_code') })))
      .execute();
  }
};

export const setAreaGeometry = async (db: Kysely<DB>, shapes: readonly { code: string; geometry: unknown }[]) => {
  for (let i = 0; i < shapes.length; i += 1000) {
    const chunk = shapes.slice(i, i + 1000);
    await sql`UPDATE areas SET geometry = v.g::jsonb FROM (VALUES ${sql.join(chunk.map((s) => sql`(${s.code}, ${JSON.stringify(s.geometry)})`))}) AS v(code, g) WHERE areas.code = v.code`.execute(db);
  }
};

export type GridInsert = { code: string; name: string; communityCode: string; geometry: unknown; partyBranch: string | null };

export const upsertGrids = async (db: Kysely<DB>, grids: readonly GridInsert[]) => {
  for (let i = 0; i < grids.length; i += 1000) {
    await db
      .insertInto('grids')
      .values(
        grids.slice(i, i + 1000).map((g) => ({
          code: g.code,
          name: g.name,
          community_code: g.communityCode,
          county_code: g.code.slice(0, 6),
          geometry: JSON.stringify(g.geometry),
          party_branch: g.partyBranch,
        })),
      )
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), geometry: eb.ref('excluded.geometry'), party_branch: eb.ref('excluded.party_branch') })),
      )
      .execute();
  }
};

export const deleteGridsNotIn = (db: Kysely<DB>, communities: readonly string[], keep: readonly string[]) =>
  db
    .deleteFrom('grids')
    .where('community_code', 'in', communities)
    .$call((q) => (keep.length ? q.where('code', 'not in', keep) : q))
    .executeTakeFirst();

export const listGrids = async (db: Kysely<DB>, f: { prefix: string; withGeometry: boolean; limit: number; offset: number }) => {
  const q = db.selectFrom('grids').where('code', 'like', `${f.prefix}%`);
  const [items, count] = await Promise.all([
    q
      .select(['code', 'name', 'community_code as communityCode', 'party_branch as partyBranch', 'households'])
      .$if(f.withGeometry, (qb) => qb.select('geometry'))
      .orderBy('code')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
};

export const getGrid = (db: Kysely<DB>, code: string) =>
  db.selectFrom('grids').select(['code', 'name', 'community_code as communityCode', 'party_branch as partyBranch', 'households', 'geometry']).where('code', '=', code).executeTakeFirst();

export const listGridStaff = (db: Kysely<DB>, gridCodes: readonly string[]) =>
  gridCodes.length === 0
    ? Promise.resolve([])
    : db.selectFrom('grid_staff').select(['id', 'grid_code as gridCode', 'name', 'duty', 'phone', 'user_id as userId']).where('grid_code', 'in', gridCodes).orderBy('id').execute();

export const insertGridStaff = async (db: Kysely<DB>, staff: readonly { gridCode: string; name: string; duty: 'leader' | 'full_time' | 'part_time' | 'police' | 'doctor'; phone: string | null; userId: number | null }[]) => {
  for (let i = 0; i < staff.length; i += 2000) {
    await db
      .insertInto('grid_staff')
      .values(staff.slice(i, i + 2000).map((s) => ({ grid_code: s.gridCode, name: s.name, duty: s.duty, phone: s.phone, user_id: s.userId })))
      .execute();
  }
};

export const allGridGeometries = (db: Kysely<DB>) =>
  db.selectFrom('grids').select(['code', 'geometry']).orderBy('code').execute();

export const gridExists = async (db: Kysely<DB>, code: string) =>
  (await db.selectFrom('grids').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;

/** Users bound to a grid of these communities (their area code is a 15-digit grid code). */
export const usersOnGrids = (db: Kysely<DB>, communities: readonly string[]) =>
  communities.length === 0
    ? Promise.resolve([])
    : db.selectFrom('users').select(['username', 'area_code']).where((eb) => eb.or(communities.map((c) => eb('area_code', 'like', `${c}___`)))).execute();

export const recountGridHouseholds = (db: Kysely<DB>, communities: readonly string[]) =>
  db
    .updateTable('grids')
    .set((eb) => ({
      households: eb.selectFrom('households').select((e) => e.fn.countAll<number>().as('n')).whereRef('households.area_code', '=', 'grids.code'),
    }))
    .where('community_code', 'in', communities)
    .execute();

export const namesOf = async (db: Kysely<DB>, codes: readonly string[]) => {
  if (codes.length === 0) return [];
  const areas = await db.selectFrom('areas').select(['code', 'name']).where('code', 'in', codes).execute();
  const gridCodes = codes.filter((c) => c.length === 15);
  const grids = gridCodes.length ? await db.selectFrom('grids').select(['code', 'name']).where('code', 'in', gridCodes).execute() : [];
  return [...areas, ...grids];
};
