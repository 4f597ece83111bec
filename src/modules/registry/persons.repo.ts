import { sql, type Kysely } from 'kysely';
import type { DB, PersonsTable } from '../../db/schema.ts';
import type { Insertable, Updateable } from 'kysely';
import { escapeLike } from '../../lib/like.ts';

export type PersonFilter = { prefix: string; q?: string; idNumber?: string; phone?: string; tag?: string; householdId?: number; limit: number; offset: number };

const personQuery = (db: Kysely<DB>) =>
  db.selectFrom('persons as p').leftJoin('addresses as a', 'a.id', 'p.address_id').selectAll('p').select('a.full_text as standard_address');

export type PersonRow = NonNullable<Awaited<ReturnType<ReturnType<typeof personQuery>['executeTakeFirst']>>>;

export const listPersons = async (db: Kysely<DB>, f: PersonFilter) => {
  let q = db.selectFrom('persons as p').where('p.area_code', 'like', `${f.prefix}%`);
  if (f.q) q = q.where('p.name', 'like', `${escapeLike(f.q)}%`);
  if (f.idNumber) q = q.where('p.id_number', '=', f.idNumber.toUpperCase());
  if (f.phone) q = q.where('p.phone', '=', f.phone);
  // An array on the right of `where` becomes a list; the containment needs a real text[].
  if (f.tag) q = q.where('p.tags', '@>', sql<string[]>`ARRAY[${f.tag}]::text[]`);
  if (f.householdId) q = q.where('p.household_id', '=', f.householdId);
  const [items, count] = await Promise.all([
    q
      .leftJoin('addresses as a', 'a.id', 'p.address_id')
      .selectAll('p')
      .select('a.full_text as standard_address')
      .orderBy('p.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
};

export const getPerson = (db: Kysely<DB>, id: number) => personQuery(db).where('p.id', '=', id).executeTakeFirst();

export const findPersonIdByIdNumber = async (db: Kysely<DB>, idNumber: string) =>
  (await db.selectFrom('persons').select('id').where('id_number', '=', idNumber).executeTakeFirst())?.id ?? null;

export const existingIdNumbers = async (db: Kysely<DB>, idNumbers: readonly string[]) => {
  const found = new Set<string>();
  for (let i = 0; i < idNumbers.length; i += 5000) {
    const rows = await db.selectFrom('persons').select('id_number').where('id_number', 'in', idNumbers.slice(i, i + 5000)).execute();
    for (const r of rows) found.add(r.id_number);
  }
  return found;
};

export const insertPersons = async (db: Kysely<DB>, rows: readonly Insertable<PersonsTable>[]) => {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 2000) {
    const out = await db.insertInto('persons').values(rows.slice(i, i + 2000)).returning('id').execute();
    ids.push(...out.map((r) => r.id));
  }
  return ids;
};

export const updatePerson = (db: Kysely<DB>, id: number, set: Updateable<PersonsTable>) =>
  db.updateTable('persons').set(set).where('id', '=', id).execute();

export const deletePerson = (db: Kysely<DB>, id: number) => db.deleteFrom('persons').where('id', '=', id).execute();

export const getHouseholdArea = async (db: Kysely<DB>, id: number) =>
  (await db.selectFrom('households').select('area_code').where('id', '=', id).executeTakeFirst())?.area_code ?? null;
