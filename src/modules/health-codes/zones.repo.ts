// SQL of risk zones: the zones, the addresses inside them, their people per grid, and their tasks.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Colour, DB, RiskZonesTable, ZoneLevel } from '../../db/schema.ts';
import type { PendingZone } from './colour-eval.ts';

export type ZoneRow = Selectable<RiskZonesTable>;

export const addressesInBox = async (db: Kysely<DB>, [x0, y0, x1, y1]: readonly number[]) => {
  const { rows } = await sql<{ id: number; area_code: string; lng: number; lat: number }>`
    SELECT id, area_code, lng, lat FROM addresses WHERE lng BETWEEN ${x0} AND ${x1} AND lat BETWEEN ${y0} AND ${y1}`.execute(db);
  return rows;
};

export const nextZoneCode = async (db: Kysely<DB>, prefix: string) => {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM risk_zones WHERE code LIKE ${`${prefix}%`}`.execute(db);
  return `${prefix}${String((rows[0]?.n ?? 0) + 1).padStart(3, '0')}`;
};

export const insertZone = (db: Kysely<DB>, z: Omit<ZoneRow, 'id' | 'created_at' | 'status' | 'lifted_at' | 'last_case_at' | 'recoloured_at' | 'tasks_done_at'>) =>
  db.insertInto('risk_zones').values({ ...z, geometry: JSON.stringify(z.geometry), timers: JSON.stringify(z.timers) }).returningAll().executeTakeFirstOrThrow();

// Tens of thousands of addresses go as two comma lists: the driver encodes an array element by element.
export const insertZoneAddresses = (db: Kysely<DB>, zoneId: number, addresses: readonly { id: number; area_code: string }[]) =>
  sql`INSERT INTO risk_zone_addresses (zone_id, address_id, area_code)
      SELECT ${zoneId}, * FROM unnest(string_to_array(${addresses.map((a) => a.id).join(',')}, ',')::bigint[], string_to_array(${addresses.map((a) => a.area_code).join(',')}, ','))`.execute(db);

export const personsInZone = async (db: Kysely<DB>, zoneId: number) => {
  const { rows } = await sql<{ id: number }>`
    SELECT p.id FROM risk_zone_addresses a JOIN persons p ON p.address_id = a.address_id WHERE a.zone_id = ${zoneId}`.execute(db);
  return rows.map((r) => Number(r.id));
};

/** Locks a zone still waiting for its recolouring; undefined when it is done, lifted or being done by another. */
export const claimPending = (db: Kysely<DB>, id: number) =>
  db.selectFrom('risk_zones').select(['id']).where('id', '=', id).where('recoloured_at', 'is', null).where('status', '=', 'active')
    .forUpdate().skipLocked().executeTakeFirst();

export const markRecoloured = (db: Kysely<DB>, id: number, at: Date) =>
  db.updateTable('risk_zones').set({ recoloured_at: at }).where('id', '=', id).where('recoloured_at', 'is', null).execute();

/** Zones whose people's stored codes do not include them yet (pending), oldest first; `drawnBefore` keeps those drawn earlier. */
export const pendingZoneIds = async (db: Kysely<DB>, drawnBefore?: Date): Promise<number[]> => {
  let q = db.selectFrom('risk_zones').select('id').where('recoloured_at', 'is', null).where('status', '=', 'active');
  if (drawnBefore) q = q.where('created_at', '<', drawnBefore);
  return (await q.orderBy('id').execute()).map((z) => Number(z.id));
};

/** The pending zones with their addresses (see zoneOverlay); `only` keeps a person's address, or some addresses. */
export const pendingZones = async (db: Kysely<DB>, only?: { personId: number } | { addressIds: readonly number[] }): Promise<PendingZone[]> => {
  const filter = !only ? sql``
    : 'personId' in only ? sql`AND a.address_id = (SELECT address_id FROM persons WHERE id = ${only.personId})`
    : sql`AND a.address_id = ANY(${[...only.addressIds]}::bigint[])`;
  // The addresses come as one comma list per zone: tens of thousands of rows cost far more to receive.
  const { rows } = await sql<{ name: string; level: ZoneLevel; since: Date; addresses: string }>`
    SELECT z.name, z.level, z.level_since AS since, string_agg(a.address_id::text, ',') AS addresses
    FROM risk_zones z JOIN risk_zone_addresses a ON a.zone_id = z.id
    WHERE z.recoloured_at IS NULL AND z.status = 'active'
      ${filter}
    GROUP BY z.id`.execute(db);
  return rows.map((r) => ({ zone: { name: r.name, level: r.level, since: new Date(r.since) }, addressIds: r.addresses.split(',').map(Number) }));
};

export const getZone = (db: Kysely<DB>, id: number) => db.selectFrom('risk_zones').selectAll().where('id', '=', id).executeTakeFirst();

/** Zones that touch the area: those under it, and those above it that hold part of it. */
export const listZones = async (db: Kysely<DB>, scope: string, status: 'active' | 'lifted' | undefined, limit: number, offset: number) => {
  let q = db.selectFrom('risk_zones').where((eb) => eb.or([
    eb('risk_zones.area_code', 'like', `${scope}%`),
    eb.and([sql<boolean>`${scope}::text LIKE risk_zones.area_code || '%'`,
      eb.exists(eb.selectFrom('risk_zone_addresses as a').select('a.zone_id').whereRef('a.zone_id', '=', 'risk_zones.id').where('a.area_code', 'like', `${scope}%`))]),
  ]));
  if (status) q = q.where('status', '=', status);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
};

/** Per grid inside the area: addresses, households and people of the zone. */
export const countsByGrid = async (db: Kysely<DB>, zoneId: number, scope: string) => {
  const { rows } = await sql<{ area_code: string; addresses: number; households: number; persons: number }>`
    WITH za AS (SELECT address_id, area_code FROM risk_zone_addresses WHERE zone_id = ${zoneId} AND area_code LIKE ${`${scope}%`}),
      a AS (SELECT area_code, count(*)::int AS addresses FROM za GROUP BY area_code),
      h AS (SELECT za.area_code, count(*)::int AS households FROM za JOIN households h ON h.address_id = za.address_id GROUP BY za.area_code),
      p AS (SELECT za.area_code, count(*)::int AS persons FROM za JOIN persons p ON p.address_id = za.address_id GROUP BY za.area_code)
    SELECT a.area_code, a.addresses, coalesce(h.households, 0) AS households, coalesce(p.persons, 0) AS persons
    FROM a LEFT JOIN h ON h.area_code = a.area_code LEFT JOIN p ON p.area_code = a.area_code ORDER BY a.area_code`.execute(db);
  return rows;
};

export const peopleInZone = async (db: Kysely<DB>, zoneId: number, scope: string, limit: number, offset: number) => {
  const where = sql`a.zone_id = ${zoneId} AND a.area_code LIKE ${`${scope}%`}`;
  const [items, total] = await Promise.all([
    sql<{ id: number; name: string; id_number: string; area_code: string; address_id: number; address_text: string | null; colour: Colour | null }>`
      SELECT p.id, p.name, p.id_number, p.area_code, p.address_id, p.address_text, c.colour
      FROM risk_zone_addresses a JOIN persons p ON p.address_id = a.address_id LEFT JOIN health_codes c ON c.person_id = p.id
      WHERE ${where} ORDER BY p.area_code, p.id LIMIT ${limit} OFFSET ${offset}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM risk_zone_addresses a JOIN persons p ON p.address_id = a.address_id WHERE ${where}`.execute(db),
  ]);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
};

/** The zone's addresses in a scope, with how many households and people each holds (those to seal and supply). */
export const addressesInZone = async (db: Kysely<DB>, zoneId: number, scope: string, limit: number, offset: number) => {
  const where = sql`za.zone_id = ${zoneId} AND za.area_code LIKE ${`${scope}%`}`;
  const [items, total] = await Promise.all([
    sql<{ id: number; full_text: string; level: string; area_code: string; households: number; persons: number }>`
      SELECT a.id, a.full_text, a.level, za.area_code,
        (SELECT count(*)::int FROM households h WHERE h.address_id = a.id) AS households,
        (SELECT count(*)::int FROM persons p WHERE p.address_id = a.id) AS persons
      FROM risk_zone_addresses za JOIN addresses a ON a.id = za.address_id
      WHERE ${where} ORDER BY za.area_code, a.full_text LIMIT ${limit} OFFSET ${offset}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM risk_zone_addresses za WHERE ${where}`.execute(db),
  ]);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
};

/** Moves an active zone from `from` to `level`; undefined when it was changed meanwhile. */
export const setLevel = (db: Kysely<DB>, id: number, from: ZoneLevel, level: ZoneLevel, at: Date) =>
  db.updateTable('risk_zones').set({ level, level_since: at }).where('id', '=', id).where('status', '=', 'active').where('level', '=', from).returningAll().executeTakeFirst();

export const lift = (db: Kysely<DB>, id: number, at: Date) =>
  db.updateTable('risk_zones').set({ status: 'lifted', lifted_at: at }).where('id', '=', id).where('status', '=', 'active').returningAll().executeTakeFirst();

export const recordCase = (db: Kysely<DB>, id: number, at: Date) =>
  db.updateTable('risk_zones').set({ last_case_at: at }).where('id', '=', id).where('status', '=', 'active').returningAll().executeTakeFirst();

export const addHistory = (db: Kysely<DB>, h: { zone_id: number; at: Date; action: string; from_level: string | null; to_level: string | null; actor_name: string; note: string | null }) =>
  db.insertInto('risk_zone_history').values(h).execute();

export const historyOf = (db: Kysely<DB>, id: number) =>
  db.selectFrom('risk_zone_history').selectAll().where('zone_id', '=', id).orderBy('id').execute();

export const activeZones = (db: Kysely<DB>) => db.selectFrom('risk_zones').selectAll().where('status', '=', 'active').execute();

export const tasksOf = (db: Kysely<DB>, id: number) =>
  db.selectFrom('risk_zone_tasks as t').innerJoin('events as e', 'e.id', 't.event_id')
    .select(['t.area_code', 't.event_id', 'e.code', 'e.state', 'e.deadline']).where('t.zone_id', '=', id).orderBy('t.area_code').execute();

export const gridsOfZone = async (db: Kysely<DB>, id: number) => {
  const { rows } = await sql<{ area_code: string }>`SELECT DISTINCT area_code FROM risk_zone_addresses WHERE zone_id = ${id} ORDER BY area_code`.execute(db);
  return rows.map((r) => r.area_code);
};

export const insertTask = (db: Kysely<DB>, t: { zone_id: number; area_code: string; event_id: number }) =>
  db.insertInto('risk_zone_tasks').values(t).onConflict((oc) => oc.columns(['zone_id', 'area_code']).doNothing()).execute();

/** Active zones drawn before a time whose grids have not all got their task, with the user who drew them. */
export const zonesWithTasksPending = (db: Kysely<DB>, drawnBefore: Date) =>
  db.selectFrom('risk_zones as z').innerJoin('users as u', 'u.id', 'z.created_by').selectAll('z').select('u.username')
    .where('z.status', '=', 'active').where('z.tasks_done_at', 'is', null).where('z.created_at', '<', drawnBefore).orderBy('z.id').execute();

export const markTasksDone = (db: Kysely<DB>, id: number, at: Date) =>
  db.updateTable('risk_zones').set({ tasks_done_at: at }).where('id', '=', id).execute();
