import { sql, type Kysely } from 'kysely';
import type { AddressesTable, DB } from '../../db/schema.ts';
import { reserveIds } from '../../db/sequences.ts';
import type { StandardAddress } from './address-types.ts';
import { escapeLike } from '../../lib/like.ts';

export const insertAddresses = async (db: Kysely<DB>, rows: readonly AddressesTable[]) => {
  for (let i = 0; i < rows.length; i += 2000) {
    await db.insertInto('addresses').values(rows.slice(i, i + 2000)).execute();
  }
  await sql`SELECT setval('addresses_id_seq', GREATEST((SELECT max(id) FROM addresses), 1))`.execute(db);
};

export const nextAddressIds = (db: Kysely<DB>, n: number) => reserveIds(db, 'addresses_id_seq', n);

/** Every address with the names of its city, county and street, as the resolver indexes them. */
export const loadStandardAddresses = async (db: Kysely<DB>): Promise<StandardAddress[]> => {
  const rows = await db
    .selectFrom('addresses as a')
    .innerJoin('areas as county', 'county.code', 'a.county_code')
    .innerJoin('areas as street', 'street.code', 'a.street_code')
    .leftJoin('areas as city', 'city.code', 'county.parent_code')
    .select([
      'a.id', 'a.level', 'a.parent_id', 'a.county_code', 'a.street_code', 'a.community_code', 'a.area_code', 'a.road',
      'a.road_number', 'a.compound', 'a.building', 'a.unit', 'a.room', 'a.lng', 'a.lat', 'a.full_text',
      'county.name as county_name', 'street.name as street_name', 'city.name as city_name',
    ])
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    level: r.level,
    parentId: r.parent_id,
    cityName: r.city_name ?? '',
    countyCode: r.county_code,
    countyName: r.county_name,
    streetCode: r.street_code,
    streetName: r.street_name,
    communityCode: r.community_code,
    gridCode: r.area_code,
    road: r.road,
    roadNumber: r.road_number,
    compound: r.compound,
    building: r.building,
    unit: r.unit,
    room: r.room,
    lng: r.lng,
    lat: r.lat,
    fullText: r.full_text,
  }));
};

export const getAddress = (db: Kysely<DB>, id: number) => db.selectFrom('addresses').selectAll().where('id', '=', id).executeTakeFirst();

export const listAddresses = async (db: Kysely<DB>, f: { prefix: string; q?: string; level?: string; limit: number; offset: number }) => {
  let q = db.selectFrom('addresses').where('area_code', 'like', `${f.prefix}%`);
  if (f.q) q = q.where('full_text', 'like', `%${escapeLike(f.q)}%`);
  if (f.level) q = q.where('level', '=', f.level as AddressesTable['level']);
  const [items, count] = await Promise.all([
    q.selectAll().orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
};

export const addressPoints = (db: Kysely<DB>, communities: readonly string[]) =>
  db.selectFrom('addresses').select(['id', 'lng', 'lat', 'area_code']).where('community_code', 'in', communities).execute();

/** Moves addresses to new grids, and everything registered at them along. */
export const reassignAddressGrids = async (db: Kysely<DB>, moves: readonly { id: number; grid: string }[]) => {
  for (let i = 0; i < moves.length; i += 1000) {
    const chunk = moves.slice(i, i + 1000);
    await sql`UPDATE addresses SET area_code = v.grid FROM (VALUES ${sql.join(chunk.map((m) => sql`(${m.id}::int8, ${m.grid})`))}) AS v(id, grid) WHERE addresses.id = v.id`.execute(db);
  }
  for (const table of ['persons', 'households', 'houses', 'enterprises', 'things'] as const) {
    await sql`UPDATE ${sql.table(table)} t SET area_code = a.area_code FROM addresses a WHERE t.address_id = a.id AND t.area_code <> a.area_code`.execute(db);
  }
};
