import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, type App } from '../../lib/http.ts';
import { getOverview, getRanking, METRICS } from './stats.service.ts';

const period = z.object({
  area: z.string().regex(/^\d{2,15}$/).optional(),
  from: z.string().datetime({ offset: true }).or(z.string().date()).optional(),
  to: z.string().datetime({ offset: true }).or(z.string().date()).optional(),
});

export const statsRoutes = (app: App, deps: Deps) => {
  app.get('/api/v1/stats/overview', { schema: { tags: ['stats'], querystring: period } }, (req) => getOverview(deps, actorOf(req), req.query));
  app.get(
    '/api/v1/stats/ranking',
    { schema: { tags: ['stats'], querystring: period.extend({ by: z.enum(['area', 'unit']).default('area'), metric: z.enum(METRICS).default('closureRate') }) } },
    (req) => getRanking(deps, actorOf(req), req.query),
  );
};
