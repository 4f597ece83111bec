// Test databases: one seeded template per run (built in global-setup), copied for each test file —
// a PGlite data-dir dump, or `CREATE DATABASE … TEMPLATE` on PostgreSQL when DATABASE_URL is set.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../src/config.ts';
import { openPGlite, openPostgres, type Database } from '../src/db/client.ts';
import { prepareDatabase } from '../src/cli/serve.ts';
import { seedDemo } from '../src/demo/demo-seed.ts';
import { buildDeps } from '../src/app.ts';

export const TEST_PASSWORD = 'zhili-test-pass';
export const TEST_PERSONS = 3000;
const DIR = new URL('../.tmp/', import.meta.url);
const PGLITE_DUMP = new URL('test-template.tar.gz', DIR);
const TEMPLATE_DB = 'zhili_test_template';

export const testConfig = (): Config => ({ ...loadConfig({}), logLevel: 'silent', demoPassword: TEST_PASSWORD, demoPersons: TEST_PERSONS, demoFeed: false });

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

const admin = async <T>(url: string, fn: (c: pg.Client) => Promise<T>) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

const seed = async (database: Database) => {
  const deps = buildDeps(database, testConfig());
  await prepareDatabase(database, deps);
  await seedDemo(deps, { persons: TEST_PERSONS, password: TEST_PASSWORD });
};

/** Builds the seeded template once per run. */
export const buildTemplate = async () => {
  const url = process.env.DATABASE_URL;
  if (url) {
    await admin(url, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    });
    const database = await openPostgres(withDatabase(url, TEMPLATE_DB));
    await seed(database);
    await database.close();
    return;
  }
  mkdirSync(DIR, { recursive: true });
  const pglite = await openPGlite(null);
  await seed(pglite);
  const dump = await pglite.dumpDataDir!();
  writeFileSync(PGLITE_DUMP, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
};

/** A fresh copy of the seeded template for one test file (`url`: on PostgreSQL, for a server of its own); `drop` removes it. */
export const openTestDatabase = async (): Promise<{ database: Database; url?: string; drop: () => Promise<void> }> => {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `zhili_test_${randomBytes(5).toString('hex')}`;
    await admin(url, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`));
    const database = await openPostgres(withDatabase(url, name));
    return {
      database,
      url: withDatabase(url, name),
      drop: async () => {
        await database.close();
        await admin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  }
  if (!existsSync(PGLITE_DUMP)) throw new Error('test template missing: run through vitest (global-setup builds it)');
  const database = await openPGlite(null, new Blob([readFileSync(PGLITE_DUMP)]));
  return { database, drop: () => database.close() };
};
