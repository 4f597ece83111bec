import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, type App } from '../../lib/http.ts';
import { pageOf, pageQuery } from '../../lib/pagination.ts';
import { ROLES } from '../../lib/roles.ts';
import { createUser, disableUser, enableUser, listUsers } from './users.service.ts';

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  areaCode: z.string(),
  unitId: z.number().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  createdAt: z.string(),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });

export const usersRoutes = (app: App, deps: Deps) => {
  app.get('/api/v1/users', { schema: { tags: ['users'], querystring: pageQuery, response: { 200: pageOf(userSchema) } } }, (req) =>
    listUsers(deps, actorOf(req), req.query),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        body: z.object({
          username: z.string().regex(/^[a-z][a-z0-9_]{2,31}$/, 'lowercase letters, digits and _, 3–32 long'),
          displayName: z.string().min(1).max(64),
          password: z.string().min(8).max(256),
          roles: z.array(z.enum(ROLES)).min(1),
          areaCode: z.string().regex(/^\d{2,15}$/),
          unitId: z.number().int().positive().nullable().optional(),
        }),
        response: { 201: userSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(deps, actorOf(req), req.body)),
  );

  app.post('/api/v1/users/:id/disable', { schema: { tags: ['users'], params: idParams, response: { 200: userSchema } } }, (req) =>
    disableUser(deps, actorOf(req), req.params.id),
  );
  app.post('/api/v1/users/:id/enable', { schema: { tags: ['users'], params: idParams, response: { 200: userSchema } } }, (req) =>
    enableUser(deps, actorOf(req), req.params.id),
  );
};
