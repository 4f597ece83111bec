// SQL of daily health check-ins (每日健康打卡).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Measure } from '../screening/screening-outcomes.ts';
import { chinaDayOf } from './colour.repo.ts';

export type CheckinRow = {
  id: number; person_id: number; day: string; temperature: number; symptoms: string[]; note: string | null;
  by_self: boolean; created_name: string; created_at: Date; wants_event: boolean; event_id: number | null; event_code: string | null;
};

const COLUMNS = sql`id, person_id, day, temperature::float8 AS temperature, symptoms, note, by_self, created_name, created_at,
  wants_event, event_id, (SELECT e.code FROM events e WHERE e.id = health_checkins.event_id) AS event_code`;

/** Stores a check-in unless the person has one for that day already (then returns undefined). */
export const insertCheckin = async (db: Kysely<DB>, c: {
  personId: number; day: string; temperature: number; symptoms: string[]; note: string | null; areaCode: string; bySelf: boolean;
  createdBy: number; createdName: string; at: Date; wantsEvent: boolean;
}) => {
  const { rows } = await sql<CheckinRow>`
    INSERT INTO health_checkins (person_id, day, temperature, symptoms, note, area_code, by_self, created_by, created_name, created_at, wants_event)
    VALUES (${c.personId}, ${c.day}::date, ${c.temperature}, ${c.symptoms}::text[], ${c.note}, ${c.areaCode}, ${c.bySelf}, ${c.createdBy}, ${c.createdName}, ${c.at}, ${c.wantsEvent})
    ON CONFLICT (person_id, day) DO NOTHING
    RETURNING ${COLUMNS}`.execute(db);
  return rows[0];
};

/** The person's check-ins from `fromDay` on, latest first. */
export const checkinsOf = async (db: Kysely<DB>, personId: number, fromDay: string) => {
  const { rows } = await sql<CheckinRow>`SELECT ${COLUMNS} FROM health_checkins WHERE person_id = ${personId} AND day >= ${fromDay}::date ORDER BY day DESC`.execute(db);
  return rows;
};

export type MeasureSpan = { id: number; kind: Measure; start_date: string; end_date: string; recorded_on: string };

/** The person's measures of these kinds that end on `fromDay` or later, latest first. */
export const measuresOf = async (db: Kysely<DB>, personId: number, kinds: readonly Measure[], fromDay: string) => {
  const { rows } = await sql<MeasureSpan>`
    SELECT id, kind, start_date::text AS start_date, end_date::text AS end_date, ${chinaDayOf('created_at')} AS recorded_on FROM control_measures
    WHERE person_id = ${personId} AND kind = ANY(${[...kinds]}::text[]) AND end_date >= ${fromDay}::date ORDER BY end_date DESC, id DESC`.execute(db);
  return rows;
};

export type RosterRow = {
  person_id: number; name: string; address: string | null; area_code: string; kind: Measure; start_date: string; end_date: string;
  checkin_id: number | null; temperature: number | null; symptoms: string[] | null; created_name: string | null;
  event_id: number | null; event_code: string | null; missed: number; total: number;
};

/**
 * The round of `day`: people in scope under a measure of these kinds that day, or whose measure ended
 * in the `withinDays` before with days still missing (their code stays yellow until they are entered).
 * Each with that day's check-in (or none), the measure to show (the running one, else the latest), and
 * the days before `day` that want a check-in and have none, over all their measures, each counted from
 * the day it was recorded. Who is due today and has not checked in comes first, then the missing days
 * of ended periods, then who is done.
 */
export const roster = async (db: Kysely<DB>, scope: string, kinds: readonly Measure[], day: string, withinDays: number, limit: number) => {
  const { rows } = await sql<RosterRow>`
    WITH m AS (
      SELECT m.id, m.person_id, m.kind, m.start_date, m.end_date, greatest(m.start_date, (${chinaDayOf('m.created_at')})::date) AS from_day
      FROM control_measures m JOIN persons p ON p.id = m.person_id
      WHERE m.kind = ANY(${[...kinds]}::text[]) AND p.area_code LIKE ${`${scope}%`}
        AND m.start_date <= ${day}::date AND m.end_date >= ${day}::date - ${withinDays}::int
    ), due AS (
      SELECT DISTINCT m.person_id, m.from_day + i AS d
      FROM m, generate_series(0, least(m.end_date, ${day}::date - 1) - m.from_day) AS i
    ), missing AS (
      SELECT due.person_id, count(*)::int AS missed FROM due
      LEFT JOIN health_checkins e ON e.person_id = due.person_id AND e.day = due.d
      WHERE e.id IS NULL GROUP BY due.person_id
    ), shown AS (
      SELECT DISTINCT ON (person_id) person_id, kind, start_date, end_date FROM m
      ORDER BY person_id, (end_date >= ${day}::date) DESC, end_date DESC, id DESC
    )
    SELECT p.id AS person_id, p.name, p.address_text AS address, p.area_code, s.kind, s.start_date::text AS start_date, s.end_date::text AS end_date,
      c.id AS checkin_id, c.temperature::float8 AS temperature, c.symptoms, c.created_name, ev.id AS event_id, ev.code AS event_code,
      coalesce(x.missed, 0) AS missed, count(*) OVER ()::int AS total
    FROM shown s JOIN persons p ON p.id = s.person_id
    LEFT JOIN missing x ON x.person_id = s.person_id
    LEFT JOIN health_checkins c ON c.person_id = s.person_id AND c.day = ${day}::date
    LEFT JOIN events ev ON ev.id = c.event_id
    WHERE s.end_date >= ${day}::date OR x.missed > 0
    ORDER BY (s.end_date >= ${day}::date AND c.id IS NULL) DESC, (s.end_date < ${day}::date) DESC, p.area_code, p.id
    LIMIT ${limit}`.execute(db);
  return rows;
};

export type UnwellCheckin = {
  id: number; person_id: number; day: string; temperature: number; symptoms: string[]; area_code: string;
  person_name: string; address_id: number | null; address_text: string | null; event_attempts: number;
};

/**
 * Check-ins that want an event and have none, stored between `since` and `until` and due for a try at
 * `now` (only check-in `id`, when given), oldest first.
 */
export const pendingCheckinEvents = async (db: Kysely<DB>, w: { since: Date; until: Date; now: Date; limit: number; id?: number }) => {
  const { rows } = await sql<UnwellCheckin>`
    SELECT c.id, c.person_id, c.day::text AS day, c.temperature::float8 AS temperature, c.symptoms, c.area_code, c.event_attempts,
      p.name AS person_name, p.address_id, p.address_text
    FROM health_checkins c JOIN persons p ON p.id = c.person_id
    WHERE c.wants_event AND c.event_id IS NULL AND c.created_at >= ${w.since} AND c.created_at <= ${w.until}
      AND (c.event_after IS NULL OR c.event_after <= ${w.now}) ${w.id === undefined ? sql`` : sql`AND c.id = ${w.id}`}
    ORDER BY c.created_at LIMIT ${w.limit}`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id), person_id: Number(r.person_id), address_id: r.address_id === null ? null : Number(r.address_id) }));
};

/** The person's check-in event still open (not closed, rejected or merged), if any. */
export const openCheckinEventOf = async (db: Kysely<DB>, personId: number, terminal: readonly string[]) => {
  const { rows } = await sql<{ id: number; code: string; state: string }>`
    SELECT e.id, e.code, e.state FROM health_checkins c JOIN events e ON e.id = c.event_id
    WHERE c.person_id = ${personId} AND NOT (e.state = ANY(${[...terminal]}::text[])) ORDER BY c.id DESC LIMIT 1`.execute(db);
  return rows[0] ? { id: Number(rows[0].id), code: rows[0].code, state: rows[0].state } : undefined;
};

/** Links the check-in to its event, unless another try did first; whether this one did. */
export const setCheckinEvent = async (db: Kysely<DB>, id: number, eventId: number) =>
  (await db.updateTable('health_checkins').set({ event_id: eventId }).where('id', '=', id).where('event_id', 'is', null).executeTakeFirst()).numUpdatedRows > 0n;

/** A failed try: the next one after `after`. */
export const putCheckinEventAside = (db: Kysely<DB>, id: number, after: Date) =>
  db.updateTable('health_checkins').set((eb) => ({ event_attempts: eb('event_attempts', '+', 1), event_after: after })).where('id', '=', id).execute();
