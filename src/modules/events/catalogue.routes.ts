import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, type App } from '../../lib/http.ts';
import { listCatalogue, updateCategory } from './catalogue.service.ts';

const allowance = z.union([z.object({ hours: z.number().positive().max(2000) }), z.object({ days: z.number().int().positive().max(365) })]);
const limits = z.object({ accept: allowance, dispatch: allowance, sign: allowance, handle: allowance, verify: allowance, close: allowance });

export const catalogueRoutes = (app: App, deps: Deps) => {
  app.get('/api/v1/categories', { config: { public: true }, schema: { tags: ['events'] } }, () => listCatalogue(deps));
  app.put(
    '/api/v1/categories/:code',
    {
      schema: {
        tags: ['events'],
        params: z.object({ code: z.string().regex(/^[A-Z]{2}\d{2,6}$/) }),
        body: z.object({
          name: z.string().min(1).max(50),
          parentCode: z.string().nullable().default(null),
          platformCode: z.string().min(1),
          leadUnitType: z.string().nullable().default(null),
          priority: z.enum(['normal', 'urgent', 'critical']),
          limits,
          active: z.boolean().optional(),
        }),
      },
    },
    (req) => updateCategory(deps, actorOf(req), { ...req.body, code: req.params.code }),
  );
};
