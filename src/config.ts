// Environment read once, at start; every problem is listed together so a deploy fails fast and clearly.
import { z } from 'zod';
import { AppError } from './lib/errors.ts';

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  ZHILI_DATA_DIR: z.string().default('./data'),
  // PostgreSQL connections per API process: a request waits for one, so at least the expected concurrency.
  ZHILI_DB_POOL: z.coerce.number().int().min(1).max(200).default(20),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  ZHILI_DEMO_PASSWORD: z.string().min(6).default('zhili-demo'),
  ZHILI_DEMO_PERSONS: z.coerce.number().int().min(0).max(2_000_000).default(100_000),
  ZHILI_SESSION_HOURS: z.coerce.number().positive().default(12),
  // Behind a reverse proxy: 'true', or a comma list of proxy addresses/CIDRs. Off by default,
  // so a client cannot choose the address written to the audit log.
  ZHILI_TRUST_PROXY: z.string().optional(),
  ZHILI_WORKER: z.enum(['on', 'off']).default('on'),
  // API processes sharing the port (PostgreSQL only): one per core the server may use (beside PostgreSQL,
  // the cores it leaves), so the process that parses and answers requests is not the one limit of a busy
  // checkpoint's verify.
  ZHILI_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  // off: the API alone (pages served elsewhere, or by `npm run dev:web`); on: build web/dist when stale and serve it.
  ZHILI_WEB: z.enum(['on', 'off']).default('on'),
  // How long the token in a resident's QR code stays good; the page renews it before then.
  ZHILI_HEALTH_CODE_TOKEN_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
  // Checks waiting for their write per process; past this, verify answers 503 instead of queueing.
  ZHILI_VERIFY_QUEUE: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  // off: the demo devices stay quiet (they are silenced anyway when NODE_ENV=production).
  ZHILI_DEMO_FEED: z.enum(['on', 'off']).default('on'),
  // NATS with JetStream for device readings; without it an in-process queue stands in (one process only).
  NATS_URL: z.string().regex(/^(nats|tls):\/\/\S+$/, 'nats://host:port').optional(),
  ZHILI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).refine((e) => e.ZHILI_PROCESSES === 1 || e.DATABASE_URL, {
  path: ['ZHILI_PROCESSES'], message: 'more than one API process needs PostgreSQL (DATABASE_URL); the embedded database serves one process',
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  dbPool: number;
  production: boolean;
  demoPassword: string;
  demoPersons: number;
  sessionHours: number;
  logLevel: string;
  trustProxy: boolean | string;
  worker: boolean;
  processes: number;
  web: boolean;
  healthCodeTokenSeconds: number;
  verifyQueue: number;
  natsUrl: string | undefined;
  demoFeed: boolean;
};

const parseTrustProxy = (v: string | undefined): boolean | string => (v === undefined || v === 'false' ? false : v === 'true' ? true : v);

/** Parses the environment; throws `config.invalid` listing every bad variable. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AppError('config.invalid', `Invalid configuration:\n  ${problems.join('\n  ')}`, problems);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.ZHILI_DATA_DIR,
    dbPool: e.ZHILI_DB_POOL,
    production: e.NODE_ENV === 'production',
    demoPassword: e.ZHILI_DEMO_PASSWORD,
    demoPersons: e.ZHILI_DEMO_PERSONS,
    sessionHours: e.ZHILI_SESSION_HOURS,
    logLevel: e.ZHILI_LOG_LEVEL,
    trustProxy: parseTrustProxy(e.ZHILI_TRUST_PROXY),
    worker: e.ZHILI_WORKER === 'on',
    processes: e.ZHILI_PROCESSES,
    web: e.ZHILI_WEB === 'on',
    healthCodeTokenSeconds: e.ZHILI_HEALTH_CODE_TOKEN_SECONDS,
    verifyQueue: e.ZHILI_VERIFY_QUEUE,
    natsUrl: e.NATS_URL,
    demoFeed: e.ZHILI_DEMO_FEED === 'on' && e.NODE_ENV !== 'production',
  };
};
