// The working-day calendar as data: holidays and make-up workdays per year, editable by sys_admin,
// cached in memory for deadline arithmetic.
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import type { Calendar } from '../../lib/working-time.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './calendar.repo.ts';
import type { CalendarDay } from './holidays-cn.ts';

const cache = new WeakMap<Deps, Promise<Calendar>>();

const dateText = (d: unknown) => (d instanceof Date ? d.toISOString() : String(d)).slice(0, 10);

/** The calendar every deadline is computed on. */
export const calendarOf = (deps: Deps): Promise<Calendar> => {
  let c = cache.get(deps);
  if (!c) {
    c = repo.listCalendarDays(deps.db).then((days) => new Map(days.map((d) => [dateText(d.date), d.kind])));
    c.catch(() => cache.delete(deps));
    cache.set(deps, c);
  }
  return c;
};

export const listCalendar = async (deps: Deps, year: number) =>
  ({ year, days: (await repo.listCalendarDays(deps.db, year)).map((d) => ({ date: dateText(d.date), kind: d.kind, name: d.name })) });

/** Replaces a year's holidays and make-up workdays. Throws auth.forbidden, request.invalid. */
export const updateCalendarYear = async (deps: Deps, actor: Actor, year: number, days: CalendarDay[]) => {
  requirePermission(actor, 'config.write');
  const wrong = days.find((d) => !d.date.startsWith(`${year}-`) || Number.isNaN(Date.parse(d.date)));
  if (wrong) throw new AppError('request.invalid', `${wrong.date} is not a date of ${year}`);
  if (new Set(days.map((d) => d.date)).size !== days.length) throw new AppError('request.invalid', 'A date is listed twice');
  await deps.db.transaction().execute(async (trx) => {
    await repo.replaceYear(trx, year, days);
    await recordAudit(trx, actor, { action: 'calendar.update', targetType: 'calendar', targetId: year, details: { days: days.length } });
  });
  cache.delete(deps);
  return listCalendar(deps, year);
};
