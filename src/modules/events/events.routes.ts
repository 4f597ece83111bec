import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { actorOf, type App } from '../../lib/http.ts';
import { pageQuery } from '../../lib/pagination.ts';
import { authenticate } from '../users/auth.service.ts';
import { EVENT_ACTIONS, EVENT_STATES } from './event-machine.ts';
import { applyEventAction } from './event-actions.service.ts';
import { canSeeEvent } from './events.policy.ts';
import { CHANNELS, createEvent, getEventDetail, listEventsFor } from './events.service.ts';
import { BOXES, getInbox } from './inbox.service.ts';
import { subscribeEventChanges } from './live.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const ids = z.array(z.number().int().positive()).max(9);

export const createEventBody = z.object({
  categoryCode: z.string().min(1).max(20),
  channel: z.enum(CHANNELS),
  description: z.string().trim().min(2).max(2000),
  lng: z.number().min(-180).max(180).nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  addressText: z.string().max(200).nullable().optional(),
  addressId: z.number().int().positive().nullable().optional(),
  photoIds: ids.optional(),
  reporterName: z.string().max(50).nullable().optional(),
  reporterPhone: z.string().max(20).nullable().optional(),
});

export const eventsRoutes = (app: App, deps: Deps) => {
  // Open consoles' streams, ended when the server closes: they never end by themselves, and closing waits
  // for every connection; the browser's EventSource reconnects, to another process or the next start.
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.post(
    '/api/v1/events',
    { schema: { tags: ['events'], body: createEventBody, headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }).passthrough() } },
    async (req, reply) => reply.status(201).send(await createEvent(deps, actorOf(req), req.body, req.headers['idempotency-key'] as string | undefined)),
  );

  app.get(
    '/api/v1/events',
    {
      schema: {
        tags: ['events'],
        querystring: pageQuery.extend({
          box: z.enum(BOXES).optional(),
          state: z.string().transform((s) => s.split(',').filter(Boolean)).pipe(z.array(z.enum(EVENT_STATES))).optional(),
          category: z.string().max(20).optional(),
          area: z.string().regex(/^\d{2,15}$/).optional(),
          unit: z.coerce.number().int().positive().optional(),
          channel: z.enum(CHANNELS).optional(),
          from: z.coerce.date().optional(),
          to: z.coerce.date().optional(),
          q: z.string().max(50).optional(),
          overdue: z.enum(['true', 'false']).optional(),
        }),
      },
    },
    (req) => {
      const { state, unit, overdue, ...rest } = req.query;
      return listEventsFor(deps, actorOf(req), { ...rest, states: state, leadUnitId: unit, overdue: overdue === 'true' });
    },
  );

  app.get('/api/v1/events/:id', { schema: { tags: ['events'], params: idParams } }, (req) => getEventDetail(deps, actorOf(req), req.params.id));

  app.post(
    '/api/v1/events/:id/actions/:action',
    {
      schema: {
        tags: ['events'],
        params: idParams.extend({ action: z.enum(EVENT_ACTIONS) }),
        body: z
          .object({
            note: z.string().max(1000).optional(),
            photoIds: ids.optional(),
            leadUnitId: z.number().int().positive().optional(),
            assistUnitIds: z.array(z.number().int().positive()).max(10).optional(),
            passed: z.boolean().optional(),
            satisfied: z.boolean().optional(),
            mergeInto: z.number().int().positive().optional(),
          })
          .default({}),
      },
    },
    (req) => applyEventAction(deps, actorOf(req), req.params.id, req.params.action, req.body),
  );

  app.get('/api/v1/inbox', { schema: { tags: ['events'] } }, (req) => getInbox(deps, actorOf(req)));

  // Server-Sent Events: a line per change the caller may see. EventSource cannot send headers, so the
  // token may come as ?token=.
  app.get('/api/v1/events/stream', { config: { public: true }, schema: { tags: ['events'], querystring: z.object({ token: z.string().optional() }) } }, async (req, reply) => {
    const actor = req.actor ?? (req.query.token ? await authenticate(deps, req.query.token, req.ip) : null);
    if (!actor) throw new AppError('auth.unauthenticated', 'Sign in first');
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    reply.raw.write(`event: ready\ndata: {}\n\n`);
    const stop = subscribeEventChanges(deps, (c) => {
      const facts = { areaCode: c.areaCode, leadUnitId: c.leadUnitId, assistUnitIds: [], reporterUserId: c.reporterUserId };
      if (canSeeEvent(actor, facts)) reply.raw.write(`event: change\ndata: ${JSON.stringify(c)}\n\n`);
    });
    const beat = setInterval(() => reply.raw.write(': keep-alive\n\n'), 25_000);
    const end = () => reply.raw.end();
    streams.add(end);
    req.raw.on('close', () => {
      clearInterval(beat);
      stop();
      streams.delete(end);
    });
  });
};
