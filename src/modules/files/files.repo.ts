import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, FilesTable } from '../../db/schema.ts';

export const insertFile = (db: Kysely<DB>, row: Insertable<FilesTable>) => db.insertInto('files').values(row).returning('id').executeTakeFirstOrThrow();

export const getFile = (db: Kysely<DB>, id: number) => db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();

/** Ids among `ids` that exist and are not yet attached elsewhere, or were uploaded by `userId`. */
export const usableFiles = (db: Kysely<DB>, ids: readonly number[], userId: number | null) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('files').select(['id', 'area_code', 'uploaded_by']).where('id', 'in', ids).execute().then((rows) => rows.filter((r) => r.area_code === null || r.uploaded_by === userId));

/** Places files in an event's area, so whoever may see the event may see them. */
export const attachFiles = (db: Kysely<DB>, ids: readonly number[], areaCode: string) =>
  ids.length === 0 ? Promise.resolve() : db.updateTable('files').set({ area_code: areaCode }).where('id', 'in', ids).where('area_code', 'is', null).execute().then(() => undefined);

export const isOnUnitEvent = async (db: Kysely<DB>, fileId: number, unitId: number | null) => {
  if (unitId === null) return false;
  const row = await db.selectFrom('events').select('id').where('lead_unit_id', '=', unitId).where(sql<boolean>`${fileId}::int8 = ANY(photo_ids)`).executeTakeFirst();
  return row !== undefined;
};
