// Opens the database: PostgreSQL when DATABASE_URL is set, else PGlite in the data dir (locked
// against a second process). Both speak the same SQL through Kysely.
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Runs a multi-statement SQL script (migrations) in one transaction. */
  runScript: (sql: string) => Promise<void>;
  close: () => Promise<void>;
  /** Calls `fn` with every NOTIFY on `channel` (from any process on the same database); returns the stop function. */
  listen: (channel: string, fn: (payload: string) => void) => Promise<() => Promise<void>>;
  /** PostgreSQL only: runs a statement prepared once per connection under `name` (hot paths). */
  prepared?: <R>(name: string, text: string, values: readonly unknown[]) => Promise<R[]>;
  /** PGlite only: the data dir as a tarball (test templates). */
  dumpDataDir?: () => Promise<Blob>;
};

// bigint ids and counts fit in a JS number for any realistic table; numeric stays a string.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v); // date stays 'YYYY-MM-DD', as PGlite is set to do below

export const openPostgres = async (url: string, poolSize = 10): Promise<Database> => {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server dropped (restart, an administrator): the pool discards it and opens
  // another when needed; without a listener the event would end the process.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    prepared: async <R>(name: string, text: string, values: readonly unknown[]) => (await pool.query({ name, text, values: [...values] })).rows as R[],
    runScript: async (sql) => {
      const client = await pool.connect();
      try {
        await client.query(`BEGIN;\n${sql}\nCOMMIT;`);
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      } finally {
        client.release();
      }
    },
    listen: async (channel, fn) => {
      // A connection of its own, outside the pool, that stays subscribed; when the server drops it
      // (restart, failover, an administrator) it subscribes again on a new one.
      let client: pg.Client | null = null;
      let stopped = false;
      const subscribe = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: url });
        c.on('error', () => {
          if (stopped || client !== c) return;
          client = null;
          const retry = () => void subscribe().catch(() => !stopped && setTimeout(retry, 1000));
          setTimeout(retry, 100);
        });
        c.on('notification', (m) => m.channel === channel && fn(m.payload ?? ''));
        await c.connect();
        await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        if (stopped) await c.end();
        else client = c;
      };
      await subscribe();
      return async () => {
        stopped = true;
        await client?.end();
      };
    },
    close: () => db.destroy(),
  };
};

/** Opens PGlite in `dataDir` (or in memory when dataDir is null, for tests). */
export const openPGlite = async (dataDir: string | null, loadDataDir?: Blob): Promise<Database> => {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir: `${dataDir}/pgdata` } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      relaxedDurability: true,
      parsers: { 1082: (v: string) => v },
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: 'pglite',
      runScript: (sql) => pglite.transaction(async (tx) => void (await tx.exec(sql))),
      dumpDataDir: async () => (await pglite.dumpDataDir('gzip')) as Blob,
      listen: async (channel, fn) => {
        const stop = await pglite.listen(channel, fn);
        return () => stop();
      },
      close: async () => {
        await db.destroy();
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
};

export const openDatabase = (opts: { databaseUrl?: string; dataDir: string; dbPool: number }): Promise<Database> =>
  opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.dbPool) : openPGlite(opts.dataDir);
