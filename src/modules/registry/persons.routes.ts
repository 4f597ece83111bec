import { PHONE_PATTERN, PHONE_HINT } from '../../lib/phone.ts';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, type App } from '../../lib/http.ts';
import { pageOf, pageQuery } from '../../lib/pagination.ts';
import { importPersonsCsv } from './persons-import.service.ts';
import { createPerson, getPerson, listPersons, removePerson, updatePerson } from './persons.service.ts';

const person = z.object({
  id: z.number(), name: z.string(), idNumber: z.string(), gender: z.string(), birthDate: z.string(), phone: z.string().nullable(),
  addressId: z.number().nullable(), address: z.string().nullable(), householdId: z.number().nullable(), relation: z.string().nullable(),
  gridCode: z.string(), tags: z.array(z.string()), masked: z.boolean(), updatedAt: z.string(),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
const phone = z.string().regex(PHONE_PATTERN, PHONE_HINT);
const writable = {
  name: z.string().trim().min(1).max(50),
  phone: phone.nullable().optional(),
  addressId: z.number().int().positive().nullable().optional(),
  addressText: z.string().max(200).nullable().optional(),
  areaCode: z.string().regex(/^\d{6,15}$/).nullable().optional(),
  householdId: z.number().int().positive().nullable().optional(),
  relation: z.string().max(20).nullable().optional(),
  tags: z.array(z.string().min(1).max(30)).max(20).optional(),
};

export const personsRoutes = (app: App, deps: Deps) => {
  app.get(
    '/api/v1/persons',
    {
      schema: {
        tags: ['registry'],
        querystring: pageQuery.extend({
          area: z.string().regex(/^\d{2,15}$/).optional(),
          q: z.string().max(50).optional(),
          idNumber: z.string().max(18).optional(),
          phone: z.string().max(20).optional(),
          tag: z.string().max(30).optional(),
          householdId: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: pageOf(person) },
      },
    },
    (req) => listPersons(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/persons/:id',
    { schema: { tags: ['registry'], params: idParams, querystring: z.object({ reveal: z.enum(['true', 'false']).optional() }), response: { 200: person } } },
    (req) => getPerson(deps, actorOf(req), req.params.id, req.query.reveal === 'true'),
  );
  app.post(
    '/api/v1/persons',
    { schema: { tags: ['registry'], body: z.object({ ...writable, idNumber: z.string().trim().min(1).max(18) }), response: { 201: person } } },
    async (req, reply) => reply.status(201).send(await createPerson(deps, actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/persons/:id',
    { schema: { tags: ['registry'], params: idParams, body: z.object(writable).partial(), response: { 200: person } } },
    (req) => updatePerson(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/persons/:id', { schema: { tags: ['registry'], params: idParams } }, async (req, reply) => {
    await removePerson(deps, actorOf(req), req.params.id);
    return reply.status(204).send();
  });
  app.post('/api/v1/persons/import', { schema: { tags: ['registry'], consumes: ['text/csv'] } }, (req) =>
    importPersonsCsv(deps, actorOf(req), typeof req.body === 'string' ? req.body : ''),
  );
};
