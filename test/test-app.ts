// The real app on a fresh copy of the seeded test database, driven through Fastify's inject.
import { buildApp, buildDeps } from '../src/app.ts';
import type { Deps } from '../src/lib/deps.ts';
import type { App } from '../src/lib/http.ts';
import { openTestDatabase, testConfig, TEST_PASSWORD } from './test-db.ts';

type Call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, opts?: { token?: string; body?: unknown; contentType?: string }) => Promise<{ status: number; body: any; text: string }>;

const parsed = (status: number, text: string) => {
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null; // a non-JSON body (CSV, HTML) stays in `text`
  }
  return { status, body, text };
};

export type TestApp = {
  app: App;
  deps: Deps;
  /** Moves the app's clock. */
  setNow: (d: Date) => void;
  login: (username: string, password?: string) => Promise<string>;
  call: Call;
  /** As `call`, over a real socket to the listening app: the way fast lanes (lib/fast-lane.ts) are reached. */
  callOverSocket: Call;
  close: () => Promise<void>;
};

/** `over`: dependencies a test replaces (a NATS stream of its own). */
export const startTestApp = async (over: Partial<Pick<Deps, 'openDeviceStream'>> = {}): Promise<TestApp> => {
  const { database, drop } = await openTestDatabase();
  let now = new Date();
  const deps = { ...buildDeps(database, testConfig(), () => now), ...over };
  const app = await buildApp(deps);
  const headersOf = (opts: Parameters<Call>[2] = {}): Record<string, string> => ({
    ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    ...(opts.contentType ? { 'content-type': opts.contentType } : {}),
  });
  const call: Call = async (method, url, opts = {}) => {
    const res = await app.inject({ method, url, headers: headersOf(opts), ...(opts.body === undefined ? {} : { payload: opts.body as string }) });
    return parsed(res.statusCode, res.body);
  };
  let base: Promise<string> | null = null;
  const callOverSocket: Call = async (method, url, opts = {}) => {
    base ??= app.listen({ port: 0, host: '127.0.0.1' });
    const text = opts.body === undefined || typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const headers = { ...(typeof opts.body === 'object' ? { 'content-type': 'application/json' } : {}), ...headersOf(opts) };
    const res = await fetch(`${await base}${url}`, { method, headers, body: text });
    return parsed(res.status, await res.text());
  };
  const tokens = new Map<string, string>();
  return {
    app,
    deps,
    setNow: (d) => void (now = d),
    login: async (username, password = TEST_PASSWORD) => {
      const cached = password === TEST_PASSWORD ? tokens.get(username) : undefined;
      if (cached) return cached;
      const res = await call('POST', '/api/v1/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
      tokens.set(username, res.body.token);
      return res.body.token as string;
    },
    call,
    callOverSocket,
    close: async () => {
      await app.close();
      await drop();
    },
  };
};
