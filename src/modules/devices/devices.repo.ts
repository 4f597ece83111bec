// SQL of the device pages: devices with what they are bound to, venues, alerts with their event's
// state, announced openings, and the lookups the HTTP ingest and binding need.
import { sql, type Kysely } from 'kysely';
import type { AlertKind, DB } from '../../db/schema.ts';
import { TERMINAL_STATES } from '../events/event-machine.ts';
import { escapeLike } from '../../lib/like.ts';

const like = (scope: string) => `${scope}%`;

// What the lists say of a device: its stored status, except that an active one never heard from is
// `waiting` (registered, not yet reporting): online would be a claim nobody has checked.
export type ShownStatus = 'active' | 'waiting' | 'offline' | 'retired';
const shownStatus = sql<ShownStatus>`CASE WHEN t.status = 'active' AND t.last_seen_at IS NULL THEN 'waiting' ELSE t.status END`;

export type DeviceFilter = { scope: string; kind?: string; status?: ShownStatus; q?: string; venueId?: number; limit: number; offset: number };

const deviceRows = (db: Kysely<DB>) =>
  db.selectFrom('things as t')
    .leftJoin('addresses as ad', 'ad.id', 't.address_id')
    .leftJoin('venues as v', 'v.id', 't.venue_id')
    .leftJoin('checkpoints as c', 'c.id', 't.checkpoint_id')
    .leftJoin('control_measures as m', 'm.id', 't.measure_id')
    .select((eb) => [
      't.id', 't.serial', 't.kind', 't.name', shownStatus.as('status'), 't.battery', 't.last_seen_at', 't.last_reading', 't.area_code', 't.household_id', 't.created_at',
      't.venue_id', 'v.name as venue_name', 't.checkpoint_id', 'c.name as checkpoint_name', 't.measure_id', 'm.kind as measure_kind', 'm.name as measure_person',
      sql<string | null>`m.start_date::text`.as('measure_start'), sql<string | null>`m.end_date::text`.as('measure_end'), 'ad.full_text as address',
      eb.fn.coalesce('t.lng', 'ad.lng', 'v.lng', 'c.lng').as('lng'), eb.fn.coalesce('t.lat', 'ad.lat', 'v.lat', 'c.lat').as('lat'),
      eb.selectFrom('device_alerts as a').leftJoin('events as e', 'e.id', 'a.event_id').select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('a.thing_id', '=', 't.id').where((x) => x.or([x('e.id', 'is', null), x('e.state', 'not in', [...TERMINAL_STATES])])).as('open_alerts'),
    ]);
export type DeviceRow = Awaited<ReturnType<ReturnType<typeof deviceRows>['execute']>>[number];

export const listDevices = async (db: Kysely<DB>, f: DeviceFilter) => {
  let q = deviceRows(db).where('t.area_code', 'like', like(f.scope)).where('t.kind', 'in', ['door_sensor', 'face_gate', 'people_counter']);
  if (f.kind) q = q.where('t.kind', '=', f.kind as 'door_sensor');
  if (f.status) q = q.where(shownStatus, '=', f.status);
  if (f.venueId) q = q.where('t.venue_id', '=', f.venueId);
  if (f.q) q = q.where((eb) => eb.or([eb('t.name', 'like', `%${escapeLike(f.q!)}%`), eb('t.serial', 'like', `${escapeLike(f.q!)}%`)]));
  const [items, total] = await Promise.all([
    q.orderBy('t.id').limit(f.limit).offset(f.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
};

export const getDevice = (db: Kysely<DB>, id: number) => deviceRows(db).where('t.id', '=', id).executeTakeFirst();

/** Counts per status and kind in scope, for the page's header. */
export const deviceCounts = (db: Kysely<DB>, scope: string) =>
  db.selectFrom('things as t').select(['t.kind', shownStatus.as('status'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('t.area_code', 'like', like(scope)).where('t.kind', 'in', ['door_sensor', 'face_gate', 'people_counter']).groupBy(['t.kind', shownStatus]).execute();

export const thingsBySerial = (db: Kysely<DB>, serials: readonly string[]) =>
  db.selectFrom('things').select(['serial', 'kind', 'county_code', 'area_code', 'status']).where('serial', 'in', [...serials]).execute();

export const bindDevice = (db: Kysely<DB>, id: number, b: { household_id: number | null; measure_id: number | null; venue_id: number | null; checkpoint_id: number | null; address_id?: number | null }) =>
  db.updateTable('things').set(b).where('id', '=', id).execute();

export const getMeasure = (db: Kysely<DB>, id: number) =>
  db.selectFrom('control_measures as m').leftJoin('persons as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.kind', 'm.area_code', 'm.name', sql<string>`m.end_date::text`.as('end_date'), 'p.household_id', 'p.address_id'])
    .where('m.id', '=', id).executeTakeFirst();

/** Control measures in scope that have not ended, with the door sensor bound to each, for the binding form. */
export const activeMeasures = (db: Kysely<DB>, scope: string, today: string) =>
  db.selectFrom('control_measures as m').leftJoin('persons as p', 'p.id', 'm.person_id').leftJoin('things as t', (j) => j.onRef('t.measure_id', '=', 'm.id').on('t.kind', '=', 'door_sensor'))
    .select(['m.id', 'm.kind', 'm.name', 'm.area_code', sql<string>`m.start_date::text`.as('start_date'), sql<string>`m.end_date::text`.as('end_date'), 'p.household_id', 't.id as device_id', 't.serial'])
    .where('m.area_code', 'like', like(scope)).where(sql<boolean>`m.end_date >= ${today}::date`).orderBy('m.area_code').orderBy('m.id').limit(500).execute();


// Venues.
const venueRows = (db: Kysely<DB>) =>
  db.selectFrom('venues as v').leftJoin('units as u', 'u.id', 'v.manager_unit_id')
    .select((eb) => [
      'v.id', 'v.code', 'v.name', 'v.kind', 'v.capacity', 'v.area_code', 'v.address_text', 'v.lng', 'v.lat', 'v.manager_unit_id', 'u.name as manager_unit_name',
      'v.occupancy', 'v.crowded', 'v.occupancy_at',
      eb.selectFrom('things as t').select((x) => x.fn.countAll<number>().as('n')).whereRef('t.venue_id', '=', 'v.id').as('counters'),
    ]);
export type VenueRow = Awaited<ReturnType<ReturnType<typeof venueRows>['execute']>>[number];

export const listVenues = async (db: Kysely<DB>, scope: string, unitId: number | null, limit: number, offset: number) => {
  let q = venueRows(db);
  q = unitId !== null ? q.where((eb) => eb.or([eb('v.area_code', 'like', like(scope)), eb('v.manager_unit_id', '=', unitId)])) : q.where('v.area_code', 'like', like(scope));
  const [items, total] = await Promise.all([
    q.orderBy('v.crowded', 'desc').orderBy('v.id').limit(limit).offset(offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
};

export const getVenue = (db: Kysely<DB>, id: number) => venueRows(db).where('v.id', '=', id).executeTakeFirst();

export const insertVenue = (db: Kysely<DB>, row: { code: string; name: string; kind: DB['venues']['kind']; capacity: number; area_code: string; county_code: string; address_text: string | null; lng: number | null; lat: number | null; manager_unit_id: number | null; created_by: number }) =>
  db.insertInto('venues').values(row).returning('id').executeTakeFirstOrThrow();

export const venueCodeTaken = async (db: Kysely<DB>, code: string) => !!(await db.selectFrom('venues').select('id').where('code', '=', code).executeTakeFirst());

// Alerts. Open: its event has not ended (closed, rejected or merged), or is not yet made.
export type AlertFilter = { scope: string; unitId: number | null; kind?: AlertKind; status?: 'open' | 'resolved'; thingId?: number; venueId?: number; limit: number; offset: number };

export const listAlerts = async (db: Kysely<DB>, f: AlertFilter) => {
  let q = db.selectFrom('device_alerts as a')
    .leftJoin('events as e', 'e.id', 'a.event_id')
    .leftJoin('things as t', 't.id', 'a.thing_id')
    .leftJoin('venues as v', 'v.id', 'a.venue_id')
    .select([
      'a.id', 'a.kind', 'a.rule_id', 'a.area_code', 'a.message', 'a.details', 'a.first_at', 'a.last_at', 'a.occurrences', 'a.cleared_at', 'a.event_id', 'a.dispatch_error', 'a.dispatch_attempts', 'a.dispatch_after',
      'e.code as event_code', 'e.state as event_state', 'e.area_code as event_area_code', 'e.lead_unit_id as event_lead_unit_id',
      'e.assist_unit_ids as event_assist_unit_ids', 'e.reporter_user_id as event_reporter_user_id', 'a.thing_id', 't.serial', 't.name as thing_name', 'a.venue_id', 'v.name as venue_name',
    ]);
  q = f.unitId !== null ? q.where((eb) => eb.or([eb('a.area_code', 'like', like(f.scope)), eb('v.manager_unit_id', '=', f.unitId)])) : q.where('a.area_code', 'like', like(f.scope));
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.thingId) q = q.where('a.thing_id', '=', f.thingId);
  if (f.venueId) q = q.where('a.venue_id', '=', f.venueId);
  if (f.status === 'open') q = q.where((eb) => eb.or([eb('e.id', 'is', null), eb('e.state', 'not in', [...TERMINAL_STATES])]));
  if (f.status === 'resolved') q = q.where('e.state', 'in', [...TERMINAL_STATES]);
  const [items, total] = await Promise.all([
    q.orderBy('a.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
};

// Announced openings.
export const insertAnnouncement = (db: Kysely<DB>, row: { household_id: number; reason: DB['door_announcements']['reason']; starts_at: Date; ends_at: Date; note: string | null; area_code: string; created_by: number }) =>
  db.insertInto('door_announcements').values(row).returning(['id', 'household_id', 'reason', 'starts_at', 'ends_at', 'note', 'area_code', 'created_at']).executeTakeFirstOrThrow();

export const listAnnouncements = (db: Kysely<DB>, householdId: number, since: Date) =>
  db.selectFrom('door_announcements').select(['id', 'household_id', 'reason', 'starts_at', 'ends_at', 'note', 'area_code', 'created_at'])
    .where('household_id', '=', householdId).where('ends_at', '>=', since).orderBy('starts_at', 'desc').limit(50).execute();

/** Households in scope whose door sensor is bound to a measure that has not ended. */
export const observedHouseholds = (db: Kysely<DB>, scope: string, today: string) =>
  db.selectFrom('things as t').innerJoin('control_measures as m', 'm.id', 't.measure_id').innerJoin('households as h', 'h.id', 't.household_id')
    .leftJoin('addresses as ad', 'ad.id', 'h.address_id')
    .select(['h.id as household_id', 'h.head_name', 'ad.full_text as address', 't.id as device_id', 't.serial', shownStatus.as('status'), 'm.kind', 'm.name as person_name', sql<string>`m.end_date::text`.as('end_date'), 't.area_code'])
    .where('t.kind', '=', 'door_sensor').where('t.area_code', 'like', like(scope)).where(sql<boolean>`m.end_date >= ${today}::date`)
    .orderBy('t.area_code').orderBy('h.id').limit(500).execute();
