import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-db.ts';
import { openPGlite } from './client.ts';
import { migrate } from './migrate.ts';

const dir = mkdtempSync(join(tmpdir(), 'zhili-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PGlite data dir', () => {
  it('refuses a second opener with db.locked, and opens again once released', async () => {
    const first = await openPGlite(dir);
    await expect(openPGlite(dir)).rejects.toMatchObject({ code: 'db.locked' });
    await first.close();
    const again = await openPGlite(dir);
    await again.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    writeFileSync(join(dir, 'zhili.lock'), '2147483646');
    const db = await openPGlite(dir);
    await db.close();
  });

  it('applies migrations once', async () => {
    const db = await openPGlite(dir);
    const first = await migrate(db);
    expect(first.length).toBeGreaterThan(0);
    expect(await migrate(db)).toEqual([]);
    await db.close();
  });
});

describe.runIf(process.env.DATABASE_URL)('PostgreSQL connections the server drops', () => {
  it('keeps serving queries and keeps listening after the server terminates its connections', async () => {
    const { database, drop } = await openTestDatabase();
    try {
      const heard: string[] = [];
      const stop = await database.listen('zhili_test_channel', (p) => heard.push(p));
      await sql`SELECT 1`.execute(database.db); // an idle pooled connection to lose as well
      const killed = await sql<{ n: number }>`
        SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(database.db);
      expect(killed.rows[0]!.n).toBeGreaterThanOrEqual(1);
      for (let i = 0; i < 50 && heard.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        await sql`SELECT pg_notify('zhili_test_channel', ${`after ${i}`})`.execute(database.db);
      }
      expect(heard.length).toBeGreaterThan(0);
      await stop();
    } finally {
      await drop();
    }
  });
});
