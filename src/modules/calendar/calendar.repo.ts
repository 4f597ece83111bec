import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CalendarDay } from './holidays-cn.ts';

export const listCalendarDays = (db: Kysely<DB>, year?: number) =>
  db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name'])
    .$if(year !== undefined, (q) => q.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`))
    .orderBy('date')
    .execute();

/** Replaces the listed days of one year. */
export const replaceYear = async (db: Kysely<DB>, year: number, days: readonly CalendarDay[]) => {
  await db.deleteFrom('calendar_days').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
  if (days.length) await db.insertInto('calendar_days').values(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name }))).execute();
};

export const insertCalendarDays = (db: Kysely<DB>, days: readonly CalendarDay[]) =>
  db.insertInto('calendar_days').values(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name }))).onConflict((oc) => oc.column('date').doNothing()).execute();

export const hasCalendarDays = async (db: Kysely<DB>) => (await db.selectFrom('calendar_days').select('date').limit(1).executeTakeFirst()) !== undefined;
