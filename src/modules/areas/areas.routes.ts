import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, type App } from '../../lib/http.ts';
import { pageOf, pageQuery } from '../../lib/pagination.ts';
import { getAddress, listAddresses, resolveAddressText, resolvePoint } from './addresses.service.ts';
import { getArea, getGrid, listAreas, listGrids } from './areas.service.ts';

const area = z.object({ code: z.string(), name: z.string(), level: z.string(), parentCode: z.string().nullable() });
const areaCode = z.string().regex(/^\d{2,15}$/, 'an area code is 2 to 15 digits');
const staff = z.object({ id: z.number(), name: z.string(), duty: z.string(), phone: z.string().nullable(), userId: z.number().nullable() });
const grid = z.object({
  code: z.string(),
  name: z.string(),
  communityCode: z.string(),
  partyBranch: z.string().nullable(),
  households: z.number(),
  geometry: z.unknown().optional(),
  staff: z.array(staff),
});
const address = z.object({
  id: z.number(), level: z.string(), fullText: z.string(), gridCode: z.string(), communityCode: z.string(),
  road: z.string(), roadNumber: z.string(), compound: z.string(), building: z.string().nullable(), unit: z.string().nullable(),
  room: z.string().nullable(), lng: z.number(), lat: z.number(),
});
const boolish = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const areasRoutes = (app: App, deps: Deps) => {
  app.get('/api/v1/areas/:code', { schema: { tags: ['areas'], params: z.object({ code: areaCode }), response: { 200: area } } }, (req) =>
    getArea(deps, actorOf(req), req.params.code),
  );
  app.get('/api/v1/areas', { schema: { tags: ['areas'], querystring: z.object({ parent: areaCode.optional() }), response: { 200: pageOf(area) } } }, (req) =>
    listAreas(deps, actorOf(req), req.query.parent),
  );
  app.get(
    '/api/v1/grids',
    { schema: { tags: ['areas'], querystring: pageQuery.extend({ area: areaCode.optional(), geometry: boolish.default(false) }), response: { 200: pageOf(grid) } } },
    (req) => listGrids(deps, actorOf(req), req.query),
  );
  app.get('/api/v1/grids/:code', { schema: { tags: ['areas'], params: z.object({ code: z.string().regex(/^\d{15}$/) }), response: { 200: grid } } }, (req) =>
    getGrid(deps, actorOf(req), req.params.code),
  );
  app.get(
    '/api/v1/addresses',
    {
      schema: {
        tags: ['addresses'],
        querystring: pageQuery.extend({ area: areaCode.optional(), q: z.string().max(100).optional(), level: z.enum(['compound', 'building', 'unit', 'room']).optional() }),
        response: { 200: pageOf(address.extend({ parentId: z.number().nullable() })) },
      },
    },
    (req) => listAddresses(deps, actorOf(req), req.query),
  );
  app.get('/api/v1/addresses/:id', { schema: { tags: ['addresses'], params: z.object({ id: z.coerce.number().int().positive() }) } }, (req) =>
    getAddress(deps, actorOf(req), req.params.id),
  );
  // Resolution is open to every signed-in user and to the public report page: the library is reference data.
  app.post(
    '/api/v1/addresses/resolve',
    { config: { public: true }, schema: { tags: ['addresses'], body: z.object({ text: z.string().max(200) }) } },
    (req) => resolveAddressText(deps, req.body.text),
  );
  app.get(
    '/api/v1/grids/locate',
    { config: { public: true }, schema: { tags: ['areas'], querystring: z.object({ lng: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90) }) } },
    (req) => resolvePoint(deps, req.query.lng, req.query.lat),
  );
};
