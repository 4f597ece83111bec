import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { TERMINAL_STATES } from '../events/event-machine.ts';

export type Figures = {
  received: number;
  closed: number;
  onTime: number;
  escalated: number;
  settledOnSpot: number;
  settledWithoutEscalation: number;
  rated: number;
  satisfied: number;
  avgHandlingHours: number | null;
};

// One pass over the period's events computes every figure; `key` groups them (child area or unit).
const figureColumns = sql<Figures & { key: string }>`
  count(*)::int AS received,
  count(*) FILTER (WHERE state = 'closed')::int AS closed,
  count(*) FILTER (WHERE state = 'closed' AND overdue_steps = 0)::int AS "onTime",
  count(*) FILTER (WHERE escalation_count > 0)::int AS escalated,
  count(*) FILTER (WHERE settled_on_spot)::int AS "settledOnSpot",
  count(*) FILTER (WHERE state = 'closed' AND escalation_count = 0)::int AS "settledWithoutEscalation",
  count(*) FILTER (WHERE satisfied IS NOT NULL)::int AS rated,
  count(*) FILTER (WHERE satisfied)::int AS satisfied,
  (avg(extract(epoch FROM closed_at - created_at)) FILTER (WHERE state = 'closed') / 3600)::float8 AS "avgHandlingHours"`;

type Period = { prefix: string; from: Date; to: Date };

// county_code leads the covering index; for a county it is the whole area condition.
const inArea = (prefix: string) =>
  prefix.length === 6 ? sql`county_code = ${prefix}` : prefix.length > 6 ? sql`county_code = ${prefix.slice(0, 6)} AND area_code LIKE ${`${prefix}%`}` : sql`area_code LIKE ${`${prefix}%`}`;

const inPeriod = (p: Period) => sql`${inArea(p.prefix)} AND created_at >= ${p.from} AND created_at < ${p.to}`;

export const periodFigures = async (db: Kysely<DB>, p: Period) =>
  (await sql<Figures>`SELECT ${figureColumns} FROM events WHERE ${inPeriod(p)}`.execute(db)).rows[0]!;

/** Figures per child area: the code prefix one level down. */
export const figuresByChild = async (db: Kysely<DB>, p: Period, childLength: number) =>
  (await sql<Figures & { key: string }>`SELECT substr(area_code, 1, ${childLength}) AS key, ${figureColumns} FROM events WHERE ${inPeriod(p)} GROUP BY 1 ORDER BY 1`.execute(db)).rows;

export const figuresByUnit = async (db: Kysely<DB>, p: Period) =>
  (await sql<Figures & { key: string }>`SELECT lead_unit_id::text AS key, ${figureColumns} FROM events WHERE ${inPeriod(p)} AND lead_unit_id IS NOT NULL GROUP BY 1`.execute(db)).rows;

/** The most-received categories of the period, with how many of them were closed. */
export const figuresByCategory = async (db: Kysely<DB>, p: Period, limit: number) =>
  (
    await sql<{ code: string; received: number; closed: number }>`
      SELECT category_code AS code, count(*)::int AS received, count(*) FILTER (WHERE state = 'closed')::int AS closed
      FROM events WHERE ${inPeriod(p)} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}`.execute(db)
  ).rows;

export const overdueNow = async (db: Kysely<DB>, prefix: string, now: Date) =>
  Number(
    (
      await db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('area_code', 'like', `${prefix}%`)
        .where('deadline', '<', now)
        .where('state', 'not in', TERMINAL_STATES)
        .where('suspended', '=', false)
        .executeTakeFirstOrThrow()
    ).n,
  );

// Days are counted in China Standard Time (UTC+8) as whole numbers, cheaper than time-zone conversion per row.
export const receivedByDay = async (db: Kysely<DB>, p: Period) =>
  (
    await sql<{ day: number; received: number; closed: number }>`
      SELECT ((extract(epoch FROM created_at)::int8 + 28800) / 86400)::int AS day, count(*)::int AS received, count(*) FILTER (WHERE state = 'closed')::int AS closed
      FROM events WHERE ${inPeriod(p)} GROUP BY 1 ORDER BY 1`.execute(db)
  ).rows.map((r) => ({ day: new Date(r.day * 86_400_000).toISOString().slice(0, 10), received: r.received, closed: r.closed }));
