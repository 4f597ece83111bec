import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, type App } from '../../lib/http.ts';
import { listUnits } from './units.service.ts';

export const unitsRoutes = (app: App, deps: Deps) => {
  app.get(
    '/api/v1/units',
    { schema: { tags: ['events'], querystring: z.object({ area: z.string().regex(/^\d{2,15}$/).optional(), below: z.enum(['true', 'false']).optional() }) } },
    (req) => listUnits(deps, actorOf(req), { area: req.query.area, below: req.query.below === 'true' }),
  );
};
