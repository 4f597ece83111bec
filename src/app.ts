// Builds the dependencies (database, config, clock, logger) and the Fastify app with every module's routes
// (and the fast lanes beside it, lib/fast-lane.ts).
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Deps } from './lib/deps.ts';
import { laneServer, type Lanes } from './lib/fast-lane.ts';
import { bearerToken, installErrorHandling, requestForLog, type App } from './lib/http.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { areasRoutes } from './modules/areas/areas.routes.ts';
import { personsRoutes } from './modules/registry/persons.routes.ts';
import { registryRoutes } from './modules/registry/registry.routes.ts';
import { authenticate, forgetSessions, SESSION_CHANNEL } from './modules/users/auth.service.ts';
import { authRoutes } from './modules/users/auth.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { catalogueRoutes } from './modules/events/catalogue.routes.ts';
import { eventsRoutes } from './modules/events/events.routes.ts';
import { publicEventsRoutes } from './modules/events/public-events.routes.ts';
import { followOtherProcesses } from './modules/events/live.ts';
import { filesRoutes } from './modules/files/files.routes.ts';
import { statsRoutes } from './modules/stats/stats.routes.ts';
import { unitsRoutes } from './modules/units/units.routes.ts';
import { screeningRoutes } from './modules/screening/screening.routes.ts';
import { healthCodeRoutes } from './modules/health-codes/health-codes.routes.ts';
import { devicesRoutes } from './modules/devices/devices.routes.ts';
import { suppliesRoutes } from './modules/supplies/supplies.routes.ts';
import { serveWeb } from './web-assets.ts';
import { demoRoutes } from './demo/demo.routes.ts';

export const buildDeps = (database: Database, config: Config, clock: () => Date = () => new Date()): Deps => ({
  db: database.db,
  database,
  config,
  clock,
  log: console,
});

export const buildApp = async (deps: Deps): Promise<App> => {
  const lanes: Lanes = new Map();
  const app: App = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel, serializers: { req: requestForLog } },
    bodyLimit: 20 * 1024 * 1024,
    trustProxy: deps.config.trustProxy,
    serverFactory: laneServer(lanes, () => app.log),
  }).withTypeProvider<ZodTypeProvider>();
  deps.log = app.log;
  app.decorate('lanes', lanes);
  app.addHook('preClose', async () => lanes.clear()); // while closing, Fastify answers 503
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const pages = deps.config.web && (await serveWeb(app));
  installErrorHandling(app, { pages });
  app.addContentTypeParser(['text/csv', 'text/plain', 'application/geo+json'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  await app.register(swagger, {
    openapi: {
      info: { title: 'Zhili API', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  // Sessions ended by another process (logout, disable) leave this one's cache at once.
  const unlisten = await deps.database.listen(SESSION_CHANNEL, (what) => forgetSessions(deps, what));
  app.addHook('onClose', async () => unlisten());
  // Event changes made by other processes reach this one's live consoles.
  const unfollow = await followOtherProcesses(deps);
  app.addHook('onClose', async () => unfollow());

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) return;
    // On a public route (login, the resident page) a stale token must not block the request.
    if (req.routeOptions.config.public) req.actor = await authenticate(deps, token, req.ip).catch(() => null);
    else req.actor = await authenticate(deps, token, req.ip);
  });

  app.get(
    '/healthz',
    { config: { public: true }, schema: { hide: true, response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) } } },
    async () => {
      await deps.db.selectFrom('areas').select('code').limit(1).execute();
      return { status: 'ok' as const, database: deps.database.kind };
    },
  );
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  for (const routes of [
    authRoutes, usersRoutes, areasRoutes, personsRoutes, registryRoutes, auditRoutes,
    unitsRoutes, catalogueRoutes, calendarRoutes, filesRoutes, eventsRoutes, statsRoutes, demoRoutes, publicEventsRoutes, screeningRoutes, healthCodeRoutes, devicesRoutes, suppliesRoutes,
  ]) routes(app, deps);
  return app;
};
