// The public page's API: open without an account, rate-limited by nothing but the phone check.
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import type { App } from '../../lib/http.ts';
import { PHONE_HINT, PHONE_PATTERN } from '../../lib/phone.ts';
import { ratePublicEvent, reportPublicEvent, trackPublicEvent } from './public-events.service.ts';

const codeParams = z.object({ code: z.string().trim().min(6).max(30) });
const phoneTail = z.string().regex(/^\d{4}$/, 'the last 4 digits of the phone given when reporting');

export const publicEventsRoutes = (app: App, deps: Deps) => {
  app.post(
    '/api/v1/public/events',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        body: z.object({
          categoryCode: z.string().min(1).max(20),
          description: z.string().trim().min(5).max(2000),
          addressText: z.string().trim().max(200).nullable().optional(),
          lng: z.number().min(-180).max(180).nullable().optional(),
          lat: z.number().min(-90).max(90).nullable().optional(),
          photoIds: z.array(z.number().int().positive()).max(9).optional(),
          reporterName: z.string().trim().max(50).nullable().optional(),
          reporterPhone: z.string().regex(PHONE_PATTERN, PHONE_HINT),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await reportPublicEvent(deps, req.body)),
  );
  app.get('/api/v1/public/events/:code', { config: { public: true }, schema: { tags: ['public'], params: codeParams, querystring: z.object({ phone: phoneTail }) } }, (req) =>
    trackPublicEvent(deps, req.params.code, req.query.phone),
  );
  app.post(
    '/api/v1/public/events/:code/rate',
    { config: { public: true }, schema: { tags: ['public'], params: codeParams, body: z.object({ phone: phoneTail, satisfied: z.boolean(), note: z.string().max(500).optional() }) } },
    (req) => ratePublicEvent(deps, req.params.code, { phoneTail: req.body.phone, satisfied: req.body.satisfied, note: req.body.note }, req.ip),
  );
};
