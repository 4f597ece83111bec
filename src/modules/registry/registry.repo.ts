// Households, houses, enterprises and things: the other four parts of 人房企事物.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, EnterprisesTable, HouseholdsTable, ThingsTable } from '../../db/schema.ts';
import { escapeLike } from '../../lib/like.ts';

export type ScopedTable = 'households' | 'houses' | 'enterprises' | 'things';
type Page = { prefix: string; q?: string; limit: number; offset: number };

const like = (q: string) => `%${escapeLike(q)}%`;

// One shape for the four lists: rows in the subtree, optional text match on the table's name column.
const searchColumn = { households: 'head_name', houses: null, enterprises: 'name', things: 'name' } as const;

export const listScoped = async (db: Kysely<DB>, table: ScopedTable, f: Page) => {
  let q = db
    .selectFrom(table)
    .leftJoin('addresses as a', 'a.id', `${table}.address_id`)
    .where(`${table}.area_code`, 'like', `${f.prefix}%`);
  const column = searchColumn[table];
  if (f.q && column) q = q.where(`${table as 'things'}.${column as 'name'}`, 'like', like(f.q));
  const [items, count] = await Promise.all([
    q.selectAll(table).select('a.full_text as standard_address').orderBy(`${table}.id`).limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items as Record<string, unknown>[], total: Number(count.n) };
};

export const getScoped = (db: Kysely<DB>, table: ScopedTable, id: number) =>
  db
    .selectFrom(table)
    .leftJoin('addresses as a', 'a.id', `${table}.address_id`)
    .selectAll(table)
    .select('a.full_text as standard_address')
    .where(`${table}.id`, '=', id)
    .executeTakeFirst();

export const findEnterpriseByCreditCode = (db: Kysely<DB>, code: string) =>
  db.selectFrom('enterprises').select('id').where('credit_code', '=', code).executeTakeFirst();

export const insertEnterprises = async (db: Kysely<DB>, rows: Insertable<EnterprisesTable>[]) => {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 2000) {
    ids.push(...(await db.insertInto('enterprises').values(rows.slice(i, i + 2000)).returning('id').execute()).map((r) => r.id));
  }
  return ids;
};

export const existingCreditCodes = async (db: Kysely<DB>, codes: readonly string[]) => {
  const found = new Set<string>();
  for (let i = 0; i < codes.length; i += 5000) {
    for (const r of await db.selectFrom('enterprises').select('credit_code').where('credit_code', 'in', codes.slice(i, i + 5000)).execute()) found.add(r.credit_code);
  }
  return found;
};

export const updateEnterprise = (db: Kysely<DB>, id: number, set: Updateable<EnterprisesTable>) =>
  db.updateTable('enterprises').set(set).where('id', '=', id).execute();

export const updateThing = (db: Kysely<DB>, id: number, set: Updateable<ThingsTable>) =>
  db.updateTable('things').set(set).where('id', '=', id).execute();

export const insertHousehold = (db: Kysely<DB>, row: Insertable<HouseholdsTable>) =>
  db.insertInto('households').values(row).returning('id').executeTakeFirstOrThrow();

export const insertThing = (db: Kysely<DB>, row: Insertable<ThingsTable>) =>
  db.insertInto('things').values(row).returning('id').executeTakeFirstOrThrow();

export const findThingBySerial = (db: Kysely<DB>, serial: string) =>
  db.selectFrom('things').select('id').where('serial', '=', serial).executeTakeFirst();

export const getPersonArea = async (db: Kysely<DB>, id: number) =>
  (await db.selectFrom('persons').select('area_code').where('id', '=', id).executeTakeFirst())?.area_code ?? null;

export const householdOfPerson = (db: Kysely<DB>, personId: number) =>
  db.selectFrom('persons').select(['household_id']).where('id', '=', personId).executeTakeFirst();

export const getHouseholdRow = (db: Kysely<DB>, id: number) =>
  db.selectFrom('households').select(['id', 'area_code', 'county_code', 'head_name', 'address_id']).where('id', '=', id).executeTakeFirst();
