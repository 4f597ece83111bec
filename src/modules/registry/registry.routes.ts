import { PHONE_PATTERN, PHONE_HINT } from '../../lib/phone.ts';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, type App } from '../../lib/http.ts';
import { pageQuery } from '../../lib/pagination.ts';
import { importEnterprisesCsv } from './enterprises-import.service.ts';
import { createEnterprise, createHousehold, createThing, getRegistry, listRegistry, updateEnterprise, updateThingStatus } from './registry.service.ts';
import type { ScopedTable } from './registry.repo.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const listQuery = pageQuery.extend({ area: z.string().regex(/^\d{2,15}$/).optional(), q: z.string().max(50).optional() });
const place = {
  addressId: z.number().int().positive().nullable().optional(),
  addressText: z.string().max(200).nullable().optional(),
  areaCode: z.string().regex(/^\d{6,15}$/).nullable().optional(),
};
const paths: Record<ScopedTable, string> = { households: 'households', houses: 'houses', enterprises: 'enterprises', things: 'things' };

export const registryRoutes = (app: App, deps: Deps) => {
  for (const [table, path] of Object.entries(paths) as [ScopedTable, string][]) {
    app.get(`/api/v1/${path}`, { schema: { tags: ['registry'], querystring: listQuery } }, (req) => listRegistry(deps, actorOf(req), table, req.query));
    app.get(`/api/v1/${path}/:id`, { schema: { tags: ['registry'], params: idParams } }, (req) => getRegistry(deps, actorOf(req), table, req.params.id));
  }
  const enterpriseFields = {
    name: z.string().trim().min(1).max(100),
    legalPerson: z.string().trim().min(1).max(50),
    phone: z.string().regex(PHONE_PATTERN, PHONE_HINT).nullable().optional(),
    industry: z.string().max(50).nullable().optional(),
  };
  app.patch('/api/v1/enterprises/:id', { schema: { tags: ['registry'], params: idParams, body: z.object({ ...place, ...enterpriseFields }).partial() } }, (req) =>
    updateEnterprise(deps, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/enterprises/import', { schema: { tags: ['registry'], consumes: ['text/csv'] } }, (req) =>
    importEnterprisesCsv(deps, actorOf(req), typeof req.body === 'string' ? req.body : ''),
  );
  app.patch('/api/v1/things/:id', { schema: { tags: ['registry'], params: idParams, body: z.object({ status: z.enum(['active', 'offline', 'retired']) }) } }, (req) =>
    updateThingStatus(deps, actorOf(req), req.params.id, req.body.status),
  );
  app.post('/api/v1/households', { schema: { tags: ['registry'], body: z.object({ ...place, headName: z.string().trim().min(1).max(50) }) } }, async (req, reply) =>
    reply.status(201).send(await createHousehold(deps, actorOf(req), req.body)),
  );
  app.post(
    '/api/v1/enterprises',
    {
      schema: {
        tags: ['registry'],
        body: z.object({
          ...place,
          ...enterpriseFields,
          creditCode: z.string().trim().min(1).max(18),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await createEnterprise(deps, actorOf(req), req.body)),
  );
  app.post(
    '/api/v1/things',
    {
      schema: {
        tags: ['registry'],
        body: z.object({
          ...place,
          kind: z.enum(['door_sensor', 'face_gate', 'camera', 'people_counter', 'smoke_detector', 'fire_hydrant', 'manhole_cover']),
          serial: z.string().trim().min(1).max(64),
          name: z.string().trim().min(1).max(100),
          personId: z.number().int().positive().nullable().optional(),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await createThing(deps, actorOf(req), req.body)),
  );
};
