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
  (avg(date_part('epoch', closed_at - created_at)) FILTER (WHERE state = 'closed') / 3600)::float8 AS "avgHandlingHours"`;

type Period = { prefix: string; from: Date; to: Date };

// county_code leads the covering index; for a county it is the whole area condition.
const inArea = (prefix: string) =>
  prefix.length === 6 ? sql`county_code = ${prefix}` : prefix.length > 6 ? sql`county_code = ${prefix.slice(0, 6)} AND area_code LIKE ${`${prefix}%`}` : sql`area_code LIKE ${`${prefix}%`}`;

const inPeriod = (p: Period) => sql`${inArea(p.prefix)} AND created_at >= ${p.from} AND created_at < ${p.to}`;

/** Figures per child area: the code prefix one level down. */
export const figuresByChild = async (db: Kysely<DB>, p: Period, childLength: number) =>
  (await sql<Figures & { key: string }>`SELECT substr(area_code, 1, ${childLength}) AS key, ${figureColumns} FROM events WHERE ${inPeriod(p)} GROUP BY 1 ORDER BY 1`.execute(db)).rows;

export const figuresByUnit = async (db: Kysely<DB>, p: Period) =>
  (await sql<Figures & { key: string }>`SELECT lead_unit_id::text AS key, ${figureColumns} FROM events WHERE ${inPeriod(p)} AND lead_unit_id IS NOT NULL GROUP BY 1`.execute(db)).rows;

// Days in CST (UTC+8), cheaper than time zones per row; date_part gives a float, where extract's
// numeric costs a tenth of the whole query.
const DAY = sql`((date_part('epoch', created_at)::int8 + 28800) / 86400)::int`;

export type OverviewRow = Figures & { set: 'child' | 'day' | 'category'; key: string };

/**
 * Figures per child area, per day and per category in one pass over the period (GROUPING SETS):
 * one read of the covering index instead of three.
 */
export const overviewFigures = async (db: Kysely<DB>, p: Period, childLength: number): Promise<OverviewRow[]> => {
  const child = sql`substr(area_code, 1, ${sql.lit(childLength)})`;
  const rows = await db.transaction().execute(async (trx) => {
    // Memory enough to hash the three sets at once instead of sorting a county's period on disk; and
    // a county's month (~150,000 index entries) is worth scanning with parallel workers, which the
    // default costs only grant to far larger scans.
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    await sql`SET LOCAL parallel_setup_cost = 100`.execute(trx);
    await sql`SET LOCAL parallel_tuple_cost = 0.01`.execute(trx);
    return sql<Figures & { g: number; child: string | null; day: number | null; category: string | null }>`
      SELECT GROUPING(${child}, ${DAY}, category_code) AS g, ${child} AS child, ${DAY} AS day, category_code AS category, ${figureColumns}
      FROM events WHERE ${inPeriod(p)}
      GROUP BY GROUPING SETS ((${child}), (${DAY}), (category_code))`.execute(trx);
  });
  // GROUPING's bits say which of the three columns a row is not grouped by.
  return rows.rows.map(({ g, child: c, day, category, ...f }) =>
    g === 3 ? { ...f, set: 'child', key: c! } : g === 5 ? { ...f, set: 'day', key: new Date(day! * 86_400_000).toISOString().slice(0, 10) } : { ...f, set: 'category', key: category! });
};

export const overdueNow = async (db: Kysely<DB>, prefix: string, now: Date) =>
  Number(
    (
      await db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .$if(prefix.length >= 6, (q) => q.where('county_code', '=', prefix.slice(0, 6)))
        .where('area_code', 'like', `${prefix}%`)
        .where('deadline', '<', now)
        .where('state', 'not in', TERMINAL_STATES)
        .where('suspended', '=', false)
        .executeTakeFirstOrThrow()
    ).n,
  );
