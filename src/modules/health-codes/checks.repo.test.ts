// The batch write of check records: a token's first check claims it, every later one (in the same
// batch, a later batch or a batch written at the same moment on another connection) is a replay, and
// every check is stored once.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGlite } from '../../db/client.ts';
import { listMigrations, migrate } from '../../db/migrate.ts';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';
import { buildPerson } from '../../../test/factories.ts';
import { writeChecks, type CheckRecord } from './checks.repo.ts';

let t: TestApp;
let gate: { id: number; areaCode: string };
beforeAll(async () => {
  t = await startTestApp();
  const list = await t.call('GET', '/api/v1/checkpoints', { token: await t.login('street_op') });
  gate = list.body.items[0];
});
afterAll(() => t.close());

let tokens = 0;
const check = (personId: number, tokenId: string | null): CheckRecord => ({
  checkpointId: gate.id, checkpointRef: 'gate', at: new Date(), day: '2026-12-03', personId, method: tokenId ? 'token' : 'face',
  result: 'pass', colour: 'green', reason: 'colour', tokenId, verifierId: null,
});
const freshToken = () => `${Date.now().toString(36)}.test-${tokens++}-${Math.random().toString(36).slice(2)}`;
const stored = (ids: number[]) => t.deps.db.selectFrom('health_code_checks').select(['id', 'result', 'reason', 'first_use', 'token_id'])
  .where('id', 'in', ids).orderBy('id').execute();
const counts = async () => (await sql<{ checked: number; denied: number }>`
  SELECT coalesce(sum(checked), 0)::int AS checked, coalesce(sum(denied), 0)::int AS denied FROM checkpoint_counts
  WHERE checkpoint_id = ${gate.id} AND day = '2026-12-03'`.execute(t.deps.db)).rows[0]!;

describe('writeChecks', () => {
  it('a token twice in one batch: the first passes, the second is a stored replay, counted as denied', async () => {
    const p = await buildPerson(t.deps, gate.areaCode);
    const token = freshToken();
    const before = await counts();
    const written = await writeChecks(t.deps.db, [check(p.id, token), check(p.id, null), check(p.id, token)], 0, t.deps.database.prepared);
    expect(written.map((w) => [w.result, w.reason])).toEqual([['pass', 'colour'], ['pass', 'colour'], ['deny', 'replayed']]);
    const rows = await stored(written.map((w) => w.id));
    expect(rows.map((r) => [r.id, r.result, r.reason, r.first_use])).toEqual(written.map((w, i) => [w.id, w.result, w.reason, i === 0]));
    expect(rows[2]!.token_id).toBe(token);
    expect(await counts()).toEqual({ checked: before.checked + 3, denied: before.denied + 1 });
  });

  it('a token claimed by an earlier batch is a replay in a later one', async () => {
    const p = await buildPerson(t.deps, gate.areaCode);
    const token = freshToken();
    const [first] = await writeChecks(t.deps.db, [check(p.id, token)], 1, t.deps.database.prepared);
    const [again] = await writeChecks(t.deps.db, [check(p.id, token)], 1, t.deps.database.prepared);
    expect([first!.result, again!.result, again!.reason]).toEqual(['pass', 'deny', 'replayed']);
    expect((await stored([first!.id, again!.id])).map((r) => r.first_use)).toEqual([true, false]);
  });

  it('batches written at the same time on several connections claim each token once', async () => {
    const p = await buildPerson(t.deps, gate.areaCode);
    const shared = Array.from({ length: 20 }, freshToken);
    const batches = await Promise.all(Array.from({ length: 4 }, (_, shard) =>
      writeChecks(t.deps.db, shared.map((token) => check(p.id, token)), shard + 2, t.deps.database.prepared)));
    for (let i = 0; i < shared.length; i++) {
      expect(batches.filter((b) => b[i]!.result === 'pass'), shared[i]).toHaveLength(1);
      expect(batches.filter((b) => b[i]!.reason === 'replayed'), shared[i]).toHaveLength(3);
    }
    const rows = await stored(batches.flat().map((w) => w.id));
    expect(rows).toHaveLength(80);
    expect(rows.filter((r) => r.first_use)).toHaveLength(20);
  });
});

describe('moving the claims into the check records (migration 0016)', () => {
  it('keeps every token not yet expired claimed by its first check, and only those', async () => {
    const database = await openPGlite(null);
    try {
      // A database as it stood before 0016, as migrate() would have left it.
      await database.runScript('CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const m of listMigrations().filter((m) => m.name < '0016')) await database.runScript(`${m.sql}\nINSERT INTO schema_migrations (name) VALUES ('${m.name}');`);
      // live: used, then replayed; gone: used long ago, its claim purged after it expired.
      await database.runScript(`
        INSERT INTO health_code_checks (checkpoint_ref, at, person_id, method, result, colour, reason, token_id) VALUES
          ('gate', now() - interval '1 day', 7, 'token', 'pass', 'green', 'colour', 'gone'),
          ('gate', now(), 7, 'token', 'pass', 'green', 'colour', 'live'),
          ('gate', now(), 7, 'token', 'deny', 'green', 'replayed', 'live'),
          ('gate', now(), 7, 'face', 'pass', 'green', 'colour', NULL);
        INSERT INTO health_code_token_uses (token_id, expires_at) VALUES ('live', now() + interval '2 minutes');`);
      expect(await migrate(database)).toEqual(listMigrations().filter((m) => m.name >= '0016').map((m) => m.name));
      const rows = await database.db.selectFrom('health_code_checks').select(['token_id', 'reason', 'first_use']).orderBy('id').execute();
      expect(rows.map((r) => [r.token_id, r.reason, r.first_use])).toEqual([['gone', 'colour', false], ['live', 'colour', true], ['live', 'replayed', false], [null, 'colour', false]]);
      const again = await writeChecks(database.db, [{ ...check(7, 'live'), checkpointId: null }], 0);
      expect(again[0]).toMatchObject({ result: 'deny', reason: 'replayed' });
    } finally {
      await database.close();
    }
  });
});
