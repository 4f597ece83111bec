// Reference data every installation needs, demo or not: the default category catalogue and the
// built-in holiday calendar, loaded when their tables are empty.
import type { Deps } from '../../lib/deps.ts';
import { hasCalendarDays, insertCalendarDays } from '../calendar/calendar.repo.ts';
import { builtInCalendar } from '../calendar/holidays-cn.ts';
import { CATALOGUE_2021 } from './catalogue-presets.ts';
import { hasCategories, upsertCatalogue } from './catalogue.repo.ts';

export const ensureReferenceData = (deps: Deps) =>
  deps.db.transaction().execute(async (trx) => {
    if (!(await hasCategories(trx))) await upsertCatalogue(trx, CATALOGUE_2021);
    if (!(await hasCalendarDays(trx))) await insertCalendarDays(trx, builtInCalendar());
  });
