import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
