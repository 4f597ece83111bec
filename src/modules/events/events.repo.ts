import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB, EventHistoryTable, EventsTable } from '../../db/schema.ts';
import { reserveIds } from '../../db/sequences.ts';
import { OPEN_STATES, TERMINAL_STATES } from './event-machine.ts';
import { escapeLike } from '../../lib/like.ts';

// Event ids are drawn from the sequence a hundred at a time: one round trip per hundred reports.
const idPools = new WeakMap<Kysely<DB>, { ids: number[]; refill?: Promise<void> }>();

export const reserveEventId = async (db: Kysely<DB>): Promise<number> => {
  let pool = idPools.get(db);
  if (!pool) idPools.set(db, (pool = { ids: [] }));
  while (pool.ids.length === 0) {
    const p = pool;
    p.refill ??= reserveIds(db, 'events_id_seq', 100)
      .then((ids) => void p.ids.push(...ids))
      .finally(() => (p.refill = undefined));
    await p.refill;
  }
  return pool.ids.shift()!;
};

/**
 * The event, its photos and its first history line in one statement: atomic without BEGIN/COMMIT,
 * one round trip on the hot path of reporting. Returns the history line's id.
 */
export const insertReportedEvent = async (
  db: Kysely<DB>,
  row: Insertable<EventsTable>,
  history: Omit<Insertable<EventHistoryTable>, 'event_id'>,
  photoIds: readonly number[],
) => {
  const cols = Object.keys(row) as (keyof typeof row)[];
  const res = await sql<{ id: number }>`
    WITH e AS (
      INSERT INTO events (${sql.join(cols.map((c) => sql.ref(c)))}) VALUES (${sql.join(cols.map((c) => row[c]))}) RETURNING id, area_code
    ), f AS (
      UPDATE files SET area_code = (SELECT area_code FROM e) WHERE id = ANY(${[...photoIds]}::int8[]) AND area_code IS NULL RETURNING id
    )
    INSERT INTO event_history (event_id, at, actor_id, actor_name, action, from_state, to_state, note, photo_ids, details)
    SELECT e.id, ${history.at}, ${history.actor_id}, ${history.actor_name}, ${history.action}, ${history.from_state}, ${history.to_state},
           ${history.note}, ${[...photoIds]}::int8[], ${history.details}::jsonb
    FROM e RETURNING id`.execute(db);
  return res.rows[0]!.id;
};

/**
 * Applies a change to the version of the event it was computed from, with its history line and
 * photos, in one statement. Returns the history line's id, or null when the event changed meanwhile.
 */
export const applyChange = async (
  db: Kysely<DB>,
  id: number,
  version: number,
  set: Updateable<EventsTable>,
  history: Omit<Insertable<EventHistoryTable>, 'event_id'>,
  photoIds: readonly number[],
): Promise<number | null> => {
  const cols = Object.keys(set) as (keyof typeof set)[];
  const res = await sql<{ id: number }>`
    WITH upd AS (
      UPDATE events SET ${sql.join(cols.map((c) => sql`${sql.ref(c)} = ${set[c]}`))}, version = version + 1
      WHERE id = ${id} AND version = ${version} RETURNING id, area_code
    ), f AS (
      UPDATE files SET area_code = (SELECT area_code FROM upd) WHERE id = ANY(${[...photoIds]}::int8[]) AND area_code IS NULL AND EXISTS (SELECT 1 FROM upd) RETURNING id
    )
    INSERT INTO event_history (event_id, at, actor_id, actor_name, action, from_state, to_state, note, photo_ids, details)
    SELECT upd.id, ${history.at}, ${history.actor_id}, ${history.actor_name}, ${history.action}, ${history.from_state}, ${history.to_state},
           ${history.note}, ${[...photoIds]}::int8[], ${history.details}::jsonb
    FROM upd RETURNING id`.execute(db);
  return res.rows[0]?.id ?? null;
};

/** The event, locked for the rest of the transaction, unless it is in one of the `terminal` states. */
export const lockOpenEvent = (db: Kysely<DB>, id: number, terminal: readonly string[]) =>
  db.selectFrom('events').select(['id', 'code', 'state', 'area_code', 'handling_area', 'lead_unit_id', 'reporter_user_id'])
    .where('id', '=', id).where('state', 'not in', [...terminal]).forUpdate().executeTakeFirst();

export const insertHistory = async (db: Kysely<DB>, row: Insertable<EventHistoryTable>) =>
  (await db.insertInto('event_history').values(row).returning('id').executeTakeFirstOrThrow()).id;

export const getEvent = (db: Kysely<DB>, id: number) => db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();

export const getEventByCode = (db: Kysely<DB>, code: string) => db.selectFrom('events').selectAll().where('code', '=', code).executeTakeFirst();

/** `userId` null: an event the system reported itself. */
export const findByIdempotencyKey = (db: Kysely<DB>, userId: number | null, key: string) =>
  db.selectFrom('events').select(['id', 'code', 'idempotency_hash'])
    .where('created_by', userId === null ? 'is' : '=', userId).where('idempotency_key', '=', key).executeTakeFirst();

export const updateEvent = (db: Kysely<DB>, id: number, set: Updateable<EventsTable>) => db.updateTable('events').set(set).where('id', '=', id).execute();

export const listHistory = (db: Kysely<DB>, eventId: number) =>
  db.selectFrom('event_history').selectAll().where('event_id', '=', eventId).orderBy('id').execute();

export type EventRow = NonNullable<Awaited<ReturnType<typeof getEvent>>>;

export type EventFilter = {
  scope: string | null; // area prefix the caller sees (null: none, a pure handler)
  unitId: number | null; // a handler sees what was dispatched to their unit
  viewerId: number | null; // grid staff also see what they reported outside their grid
  states?: string[];
  category?: string;
  area?: string;
  leadUnitId?: number;
  handlingArea?: string; // the centre holding it
  channel?: string;
  reporterId?: number;
  from?: Date;
  to?: Date;
  q?: string;
  overdueAt?: Date; // only events past their deadline at this moment
  limit: number;
  offset: number;
};

// An event's area code starts with the code of the centre holding it, so a filter on a holding centre
// inside the caller's scope (or on the caller's own unit) already implies what the caller may see.
const reachImplied = (f: EventFilter) =>
  (f.handlingArea !== undefined && f.scope !== null && f.handlingArea.startsWith(f.scope)) || (f.leadUnitId !== undefined && f.leadUnitId === f.unitId);

const filtered = (db: Kysely<DB>, f: EventFilter) => {
  let q = db.selectFrom('events').$if(!reachImplied(f), (qb) => qb.where((eb) =>
    eb.or([
      ...(f.scope !== null ? [eb('area_code', 'like', `${f.scope}%`)] : []),
      ...(f.unitId !== null ? [eb('lead_unit_id', '=', f.unitId), eb(sql<number>`${f.unitId}::int8`, '=', sql<number>`ANY(assist_unit_ids)`)] : []),
      ...(f.viewerId !== null ? [eb('reporter_user_id', '=', f.viewerId)] : []),
      ...(f.scope === null && f.unitId === null && f.viewerId === null ? [sql<boolean>`false`] : []),
    ]),
  ));
  if (f.states?.length) q = q.where('state', 'in', f.states);
  if (f.category) q = q.where('category_code', 'like', `${f.category}%`);
  if (f.area) q = q.where('area_code', 'like', `${f.area}%`);
  if (f.leadUnitId !== undefined) q = q.where('lead_unit_id', '=', f.leadUnitId);
  if (f.handlingArea) q = q.where('handling_area', '=', f.handlingArea);
  if (f.channel) q = q.where('channel', '=', f.channel);
  if (f.reporterId !== undefined) q = q.where('reporter_user_id', '=', f.reporterId);
  if (f.from) q = q.where('created_at', '>=', f.from);
  if (f.to) q = q.where('created_at', '<', f.to);
  if (f.q) q = q.where((eb) => eb.or([eb('description', 'like', `%${escapeLike(f.q!)}%`), eb('code', '=', f.q!)]));
  // Open states named as well as terminal ones excluded: the planner then reads (handling_area, state, deadline).
  if (f.overdueAt) q = q.where('deadline', '<', f.overdueAt).where('state', 'in', OPEN_STATES).where('state', 'not in', TERMINAL_STATES).where('suspended', '=', false);
  return q;
};

/** Totals are counted up to this; past it a list says "10,000+" (totalCapped) instead of scanning a million rows. */
export const TOTAL_CAP = 10_000;

export const listEvents = async (db: Kysely<DB>, f: EventFilter) => {
  const q = filtered(db, f);
  const [items, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    db.selectFrom(q.select('id').limit(TOTAL_CAP + 1).as('t')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const n = Number(count.n);
  return { items, total: Math.min(n, TOTAL_CAP), totalCapped: n > TOTAL_CAP };
};

export const countEvents = async (db: Kysely<DB>, f: Omit<EventFilter, 'limit' | 'offset'>) =>
  Number((await filtered(db, { ...f, limit: 0, offset: 0 }).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** Open events of the same category near a point in the last days: candidates for 合并. */
export const findNearbyOpen = (db: Kysely<DB>, e: { id: number; category: string; lng: number; lat: number; since: Date }) => {
  const dLat = 0.002, dLng = 0.0025; // about 220 m either way at Hangzhou's latitude
  return db
    .selectFrom('events')
    .select(['id', 'code', 'description', 'state', 'created_at', 'lng', 'lat'])
    .where('category_code', '=', e.category)
    .where('id', '<>', e.id)
    .where('created_at', '>=', e.since)
    .where('state', 'not in', TERMINAL_STATES)
    .where('lng', '>=', e.lng - dLng).where('lng', '<=', e.lng + dLng)
    .where('lat', '>=', e.lat - dLat).where('lat', '<=', e.lat + dLat)
    .orderBy('id', 'desc')
    .limit(5)
    .execute();
};

/**
 * Overdue open events not yet escalated for their current step, locked and skipped by a concurrent
 * worker (SKIP LOCKED), at most `limit`.
 */
export const claimOverdue = (db: Kysely<DB>, now: Date, limit: number) =>
  db
    .selectFrom('events')
    .selectAll()
    .where('deadline', '<', now)
    .where('state', 'not in', TERMINAL_STATES)
    .where('suspended', '=', false)
    .where('level', '<>', 'city')
    .where((eb) => eb.or([eb('escalated_step_at', 'is', null), eb('escalated_step_at', '<>', eb.ref('step_started_at'))]))
    .orderBy('deadline')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
