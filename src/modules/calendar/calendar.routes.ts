import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, type App } from '../../lib/http.ts';
import { listCalendar, updateCalendarYear } from './calendar.service.ts';

const year = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const day = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), kind: z.enum(['holiday', 'workday']), name: z.string().min(1).max(50) });

export const calendarRoutes = (app: App, deps: Deps) => {
  app.get('/api/v1/calendar/:year', { schema: { tags: ['calendar'], params: year } }, (req) => {
    actorOf(req);
    return listCalendar(deps, req.params.year);
  });
  app.put('/api/v1/calendar/:year', { schema: { tags: ['calendar'], params: year, body: z.object({ days: z.array(day).max(400) }) } }, (req) =>
    updateCalendarYear(deps, actorOf(req), req.params.year, req.body.days),
  );
};
