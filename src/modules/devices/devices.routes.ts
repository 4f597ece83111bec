import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, type App } from '../../lib/http.ts';
import { pageQuery } from '../../lib/pagination.ts';
import { startDemoFeed } from '../../demo/demo-feed.ts';
import { createDevicePipeline } from './device-pipeline.ts';
import { getDeviceRules, publishDeviceRules } from './device-rules.service.ts';
import {
  announceOpening, bindDevice, createVenue, getDevice, getVenue, ingestReadings, listActiveMeasures, listAlerts, listAnnouncements, listDevices, listVenues, observedHouseholds,
} from './devices.service.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const areaCode = z.string().regex(/^\d{2,15}$/);
const id = z.coerce.number().int().positive();

export const devicesRoutes = (app: App, deps: Deps) => {
  const pipeline = createDevicePipeline(deps);
  let stopFeed = () => {};
  app.addHook('onReady', async () => {
    await pipeline.start();
    if (deps.config.demoFeed) stopFeed = startDemoFeed(deps, pipeline);
  });
  app.addHook('onClose', async () => {
    stopFeed();
    await pipeline.stop();
  });

  let tags = ['devices'];
  app.post('/api/v1/devices/readings', {
    schema: { tags, body: z.object({ readings: z.array(z.unknown()).min(1).max(5000) }) },
  }, async (req, reply) => reply.status(202).send(await ingestReadings(deps, actorOf(req), pipeline, req.body.readings)));

  app.get('/api/v1/devices', {
    schema: {
      tags,
      querystring: pageQuery.extend({
        area: areaCode.optional(), kind: z.enum(['door_sensor', 'face_gate', 'people_counter']).optional(), status: z.enum(['active', 'waiting', 'offline', 'retired']).optional(),
        q: z.string().max(40).optional(), venueId: id.optional(),
      }),
    },
  }, (req) => listDevices(deps, actorOf(req), req.query));
  app.get('/api/v1/devices/rules', { schema: { tags } }, (req) => getDeviceRules(deps, actorOf(req)));
  app.post('/api/v1/devices/rules', { schema: { tags, body: z.object({ rules: z.unknown(), note: z.string().max(200).optional() }) } },
    async (req, reply) => reply.status(201).send(await publishDeviceRules(deps, actorOf(req), req.body.rules, req.body.note)));
  app.get('/api/v1/devices/measures', { schema: { tags, querystring: z.object({ area: areaCode.optional() }) } }, (req) => listActiveMeasures(deps, actorOf(req), req.query.area));
  app.get('/api/v1/devices/observed-households', { schema: { tags, querystring: z.object({ area: areaCode.optional() }) } }, (req) => observedHouseholds(deps, actorOf(req), req.query.area));
  app.get('/api/v1/devices/:id', { schema: { tags, params: idParams } }, (req) => getDevice(deps, actorOf(req), req.params.id));
  app.put('/api/v1/devices/:id/binding', {
    schema: { tags, params: idParams, body: z.object({ measureId: id.optional(), venueId: id.optional(), checkpointId: id.optional() }).refine((b) => Object.keys(b).length <= 1, 'one binding at a time') },
  }, (req) => bindDevice(deps, actorOf(req), req.params.id, req.body));

  app.get('/api/v1/device-alerts', {
    schema: { tags, querystring: pageQuery.extend({ area: areaCode.optional(), kind: z.enum(['violation', 'maintenance', 'crowd']).optional(), status: z.enum(['open', 'resolved']).optional(), venueId: id.optional() }) },
  }, (req) => listAlerts(deps, actorOf(req), req.query));

  app.get('/api/v1/door-announcements', { schema: { tags, querystring: z.object({ householdId: id.optional() }) } }, (req) => listAnnouncements(deps, actorOf(req), req.query.householdId));
  app.post('/api/v1/door-announcements', {
    schema: {
      tags,
      body: z.object({
        householdId: z.number().int().positive().optional(), reason: z.enum(['rubbish', 'delivery', 'medical', 'other']),
        startsAt: z.string().max(40).optional(), minutes: z.number().int().min(5).max(240).default(30), note: z.string().max(200).optional(),
      }),
    },
  }, async (req, reply) => reply.status(201).send(await announceOpening(deps, actorOf(req), req.body)));

  tags = ['venues'];
  app.get('/api/v1/venues', { schema: { tags, querystring: pageQuery.extend({ area: areaCode.optional() }) } }, (req) => listVenues(deps, actorOf(req), req.query));
  app.get('/api/v1/venues/:id', { schema: { tags, params: idParams } }, (req) => getVenue(deps, actorOf(req), req.params.id));
  app.post('/api/v1/venues', {
    schema: {
      tags,
      body: z.object({
        code: z.string().regex(/^[A-Z0-9-]{3,32}$/, 'letters, digits and dashes'), name: z.string().min(2).max(60),
        kind: z.enum(['market', 'station', 'mall', 'scenic', 'hospital', 'other']), capacity: z.number().int().min(1).max(1_000_000),
        gridCode: z.string().regex(/^\d{15}$/), address: z.string().max(200).optional(), lng: z.number().min(73).max(136).optional(), lat: z.number().min(3).max(54).optional(),
        managerUnitId: z.number().int().positive().optional(),
      }),
    },
  }, async (req, reply) => reply.status(201).send(await createVenue(deps, actorOf(req), req.body)));
};
