import { z } from 'zod';
import { actorOf, type App } from '../../lib/http.ts';
import type { Deps } from '../../lib/deps.ts';
import { pageOf, pageQuery } from '../../lib/pagination.ts';
import { listAuditEntries } from './audit.service.ts';

const entry = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  areaCode: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.unknown(),
});

export const auditRoutes = (app: App, deps: Deps) => {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: pageQuery.extend({
          action: z.string().optional(),
          username: z.string().optional(),
          targetType: z.string().optional(),
          targetId: z.string().optional(),
        }),
        response: { 200: pageOf(entry) },
      },
    },
    (req) => listAuditEntries(deps, actorOf(req), req.query),
  );
};
