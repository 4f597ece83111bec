// Applies migrations/NNNN_name.sql in order, each in its own transaction, once. An advisory lock keeps
// two processes starting together from applying the same migration twice.
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Database } from './client.ts';

const dir = new URL('./migrations/', import.meta.url);
const LOCK_ID = 7_420_001;

export const listMigrations = (): { name: string; sql: string }[] =>
  readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(new URL(name, dir), 'utf8') }));

/** Applies pending migrations; returns the names applied. */
export const migrate = async (database: Database): Promise<string[]> => {
  const { db } = database;
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${LOCK_ID})`.execute(conn);
    try {
      const done = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(conn);
      const applied = new Set(done.rows.map((r) => r.name));
      const pending = listMigrations().filter((m) => !applied.has(m.name));
      for (const m of pending) {
        const escaped = m.name.replace(/'/g, "''");
        // Runs on its own connection (PGlite has one, held here, so nothing interleaves).
        await database.runScript(`${m.sql}\nINSERT INTO schema_migrations (name) VALUES ('${escaped}');`);
      }
      return pending.map((m) => m.name);
    } finally {
      await sql`SELECT pg_advisory_unlock(${LOCK_ID})`.execute(conn);
    }
  });
};

