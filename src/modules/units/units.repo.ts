import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

const columns = ['id', 'name', 'type', 'area_code as areaCode'] as const;

export const getUnit = (db: Kysely<DB>, id: number) => db.selectFrom('units').select(columns).where('id', '=', id).executeTakeFirst();

export const getUnits = (db: Kysely<DB>, ids: readonly number[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('units').select(columns).where('id', 'in', ids).execute();

/** Units of an area and of every area above it (a street dispatches to county departments too). */
export const listUnitsOnPath = (db: Kysely<DB>, areaCode: string) => {
  const path = [2, 4, 6, 9, 12, 15].filter((n) => n <= areaCode.length).map((n) => areaCode.slice(0, n));
  return db.selectFrom('units').select(columns).where('area_code', 'in', path).orderBy('area_code').orderBy('id').execute();
};

export const listUnitsUnder = (db: Kysely<DB>, prefix: string) =>
  db.selectFrom('units').select(columns).where('area_code', 'like', `${prefix}%`).orderBy('area_code').orderBy('id').execute();
