import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, type App } from '../../lib/http.ts';
import { pageQuery } from '../../lib/pagination.ts';
import {
  adjustStock, allocateRequest, assigneesOf, cancelRequest, createRequest, createWarehouse, deliverRequest, getRequest, listItems, listRequests, listWarehouses, supplySummary,
} from './supplies.service.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const areaCode = z.string().regex(/^\d{2,15}$/);
const lines = z.array(z.object({ item: z.string().min(1).max(40), quantity: z.number().int().min(1).max(10_000) })).min(1).max(30);

export const suppliesRoutes = (app: App, deps: Deps) => {
  const tags = ['supplies'];
  app.get('/api/v1/supplies/items', { schema: { tags } }, async () => listItems());
  app.get('/api/v1/supplies/warehouses', { schema: { tags, querystring: z.object({ area: areaCode.optional() }) } }, (req) => listWarehouses(deps, actorOf(req), req.query.area));
  app.post('/api/v1/supplies/warehouses', {
    schema: { tags, body: z.object({ name: z.string().min(2).max(60), streetCode: z.string().regex(/^\d{9}$/), address: z.string().max(200).optional() }) },
  }, async (req, reply) => reply.status(201).send(await createWarehouse(deps, actorOf(req), req.body)));
  app.post('/api/v1/supplies/warehouses/:id/stock', {
    schema: { tags, params: idParams, body: z.object({ item: z.string().min(1).max(40), quantity: z.number().int().min(-100_000).max(100_000).refine((n) => n !== 0, 'not zero'), note: z.string().max(200).optional() }) },
  }, (req) => adjustStock(deps, actorOf(req), req.params.id, req.body));

  app.get('/api/v1/supplies/requests', {
    schema: { tags, querystring: pageQuery.extend({ status: z.enum(['requested', 'allocated', 'delivered', 'cancelled']).optional(), area: areaCode.optional(), mine: z.enum(['true', 'false']).transform((s) => s === 'true').optional() }) },
  }, (req) => listRequests(deps, actorOf(req), req.query));
  app.post('/api/v1/supplies/requests', {
    schema: { tags, body: z.object({ householdId: z.number().int().positive().optional(), items: lines, note: z.string().max(200).optional() }) },
  }, async (req, reply) => reply.status(201).send(await createRequest(deps, actorOf(req), req.body)));
  app.get('/api/v1/supplies/requests/:id', { schema: { tags, params: idParams } }, (req) => getRequest(deps, actorOf(req), req.params.id));
  app.get('/api/v1/supplies/requests/:id/assignees', { schema: { tags, params: idParams } }, (req) => assigneesOf(deps, actorOf(req), req.params.id));
  app.post('/api/v1/supplies/requests/:id/allocate', {
    schema: { tags, params: idParams, body: z.object({ warehouseId: z.number().int().positive(), assigneeId: z.number().int().positive() }) },
  }, (req) => allocateRequest(deps, actorOf(req), req.params.id, req.body));
  app.post('/api/v1/supplies/requests/:id/deliver', {
    schema: { tags, params: idParams, body: z.object({ items: lines.optional(), note: z.string().max(200).optional() }) },
  }, (req) => deliverRequest(deps, actorOf(req), req.params.id, req.body));
  app.post('/api/v1/supplies/requests/:id/cancel', {
    schema: { tags, params: idParams, body: z.object({ reason: z.string().min(2).max(200) }) },
  }, (req) => cancelRequest(deps, actorOf(req), req.params.id, req.body.reason));
  app.get('/api/v1/supplies/summary', {
    schema: { tags, querystring: z.object({ area: areaCode.optional(), by: z.enum(['grid', 'zone']).default('grid') }) },
  }, (req) => supplySummary(deps, actorOf(req), req.query));
};
