// Demo mode: the login page lists the demo accounts. Nothing is said in production.
import type { Deps } from '../lib/deps.ts';
import type { App } from '../lib/http.ts';
import { DEMO_USERS } from './demo-seed.ts';

export const demoRoutes = (app: App, deps: Deps) => {
  app.get('/api/v1/demo', { config: { public: true }, schema: { tags: ['auth'] } }, () =>
    deps.config.production
      ? { demo: false }
      : { demo: true, password: deps.config.demoPassword, users: DEMO_USERS.map((u) => ({ username: u.username, displayName: u.displayName, roles: u.roles })) },
  );
};
