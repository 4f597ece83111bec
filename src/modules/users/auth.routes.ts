import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, bearerToken, type App } from '../../lib/http.ts';
import { getMe, login, logout } from './auth.service.ts';
import { userSchema as userOut } from './users.routes.ts';


export const authRoutes = (app: App, deps: Deps) => {
  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: z.object({ token: z.string(), expiresAt: z.string(), user: userOut }) },
      },
    },
    (req) => login(deps, { ...req.body, ip: req.ip }),
  );

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    actorOf(req);
    const token = bearerToken(req.headers.authorization);
    if (token) await logout(deps, token);
    return reply.status(204).send();
  });

  app.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], response: { 200: userOut.extend({ scope: z.string(), permissions: z.array(z.string()) }) } } },
    (req) => getMe(deps, actorOf(req)),
  );
};
