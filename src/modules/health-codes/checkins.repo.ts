// SQL of daily health check-ins (每日健康打卡).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Measure } from '../screening/screening-outcomes.ts';

export type CheckinRow = {
  id: number; person_id: number; day: string; temperature: number; symptoms: string[]; note: string | null;
  by_self: boolean; created_name: string; created_at: Date;
};

const COLUMNS = sql`id, person_id, day, temperature::float8 AS temperature, symptoms, note, by_self, created_name, created_at`;

/** Stores a check-in unless the person has one for that day already (then returns undefined). */
export const insertCheckin = async (db: Kysely<DB>, c: {
  personId: number; day: string; temperature: number; symptoms: string[]; note: string | null; areaCode: string; bySelf: boolean;
  createdBy: number; createdName: string; at: Date;
}) => {
  const { rows } = await sql<CheckinRow>`
    INSERT INTO health_checkins (person_id, day, temperature, symptoms, note, area_code, by_self, created_by, created_name, created_at)
    VALUES (${c.personId}, ${c.day}::date, ${c.temperature}, ${c.symptoms}::text[], ${c.note}, ${c.areaCode}, ${c.bySelf}, ${c.createdBy}, ${c.createdName}, ${c.at})
    ON CONFLICT (person_id, day) DO NOTHING
    RETURNING ${COLUMNS}`.execute(db);
  return rows[0];
};

export const checkinsOf = async (db: Kysely<DB>, personId: number, fromDay: string) => {
  const { rows } = await sql<CheckinRow>`SELECT ${COLUMNS} FROM health_checkins WHERE person_id = ${personId} AND day >= ${fromDay}::date ORDER BY day DESC`.execute(db);
  return rows;
};

export type MeasureSpan = { id: number; kind: Measure; start_date: string; end_date: string };

/** The person's measures of these kinds that end on `fromDay` or later, latest first. */
export const measuresOf = async (db: Kysely<DB>, personId: number, kinds: readonly Measure[], fromDay: string) => {
  const { rows } = await sql<MeasureSpan>`
    SELECT id, kind, start_date::text AS start_date, end_date::text AS end_date FROM control_measures
    WHERE person_id = ${personId} AND kind = ANY(${[...kinds]}::text[]) AND end_date >= ${fromDay}::date ORDER BY end_date DESC, id DESC`.execute(db);
  return rows;
};

export type RosterRow = {
  person_id: number; name: string; address: string | null; area_code: string; kind: Measure; start_date: string; end_date: string;
  checkin_id: number | null; temperature: number | null; symptoms: string[] | null; created_name: string | null; missed: number;
};

/**
 * The round of `day`: people in scope under a measure of these kinds that day, each with that day's
 * check-in (or none) and how many earlier days of the measure have none; and people whose measure
 * ended in the `backfillDays` before with days still missing (their code stays yellow until entered).
 * Who has not checked in today comes first, then the missing days of ended periods, then who is done.
 */
export const roster = async (db: Kysely<DB>, scope: string, kinds: readonly Measure[], day: string, backfillDays: number) => {
  const { rows } = await sql<RosterRow>`
    WITH measured AS (
      SELECT DISTINCT ON (m.person_id) m.person_id, m.kind, m.start_date, m.end_date
      FROM control_measures m JOIN persons p ON p.id = m.person_id
      WHERE m.kind = ANY(${[...kinds]}::text[]) AND p.area_code LIKE ${`${scope}%`}
        AND m.start_date <= ${day}::date AND m.end_date >= ${day}::date - ${backfillDays}::int
      ORDER BY m.person_id, m.end_date DESC, m.id DESC
    ), counted AS (
      SELECT m.*, (least(${day}::date, m.end_date + 1) - m.start_date)
        - (SELECT count(*) FROM health_checkins e WHERE e.person_id = m.person_id AND e.day >= m.start_date AND e.day < least(${day}::date, m.end_date + 1))::int AS missed
      FROM measured m
    )
    SELECT p.id AS person_id, p.name, p.address_text AS address, p.area_code, m.kind, m.start_date::text AS start_date, m.end_date::text AS end_date,
      c.id AS checkin_id, c.temperature::float8 AS temperature, c.symptoms, c.created_name, m.missed
    FROM counted m JOIN persons p ON p.id = m.person_id
    LEFT JOIN health_checkins c ON c.person_id = m.person_id AND c.day = ${day}::date
    WHERE m.end_date >= ${day}::date OR m.missed > 0
    ORDER BY (c.id IS NOT NULL), m.end_date < ${day}::date, p.area_code, p.id
    LIMIT 500`.execute(db);
  return rows;
};
