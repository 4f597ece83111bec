// The benchmark database: `zhili_bench` next to DATABASE_URL's, migrated and seeded with the full
// demo data set on first use, then reused.
import pg from 'pg';
import { buildDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openPostgres, type Database } from '../src/db/client.ts';
import type { Deps } from '../src/lib/deps.ts';
import { prepareDatabase, seedIfEmpty } from '../src/cli/serve.ts';

export const openBenchDatabase = async (): Promise<{ database: Database; deps: Deps }> => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('benchmarks run against PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'zhili_bench'`);
  if (exists.rowCount === 0) await client.query('CREATE DATABASE zhili_bench');
  await client.end();
  const u = new URL(url);
  u.pathname = '/zhili_bench';
  const database = await openPostgres(u.toString());
  const deps = buildDeps(database, { ...loadConfig({}), logLevel: 'silent' });
  await prepareDatabase(database, deps);
  await seedIfEmpty(deps, (s) => console.log(s));
  return { database, deps };
};
