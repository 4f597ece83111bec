// SQL of the check records: a batch of checks written in one statement that also claims each token (a
// second use is a replay; the claim is the first check's entry in a unique index) and adds to the
// checkpoints' counts of the day.
import { sql, type Kysely } from 'kysely';
import type { Colour, DB } from '../../db/schema.ts';

export type CheckRecord = {
  checkpointId: number | null;
  checkpointRef: string;
  at: Date;
  day: string; // the China calendar day of `at`, for the counts
  personId: number | null;
  method: 'token' | 'face';
  result: 'pass' | 'deny' | 'refused';
  colour: Colour | null;
  reason: string;
  tokenId: string | null;
  verifierId: number | null;
};

export type WrittenCheck = { id: number; result: 'pass' | 'deny' | 'refused'; reason: string };

/**
 * Writes the checks in order and returns each one's id and final result: a token already used, here
 * or earlier in the same batch, turns into a denial for `replayed`.
 */
export type Prepared = <R>(name: string, text: string, values: readonly unknown[]) => Promise<R[]>;

export const writeChecks = async (db: Kysely<DB>, checks: readonly CheckRecord[], shard: number, prepared?: Prepared): Promise<WrittenCheck[]> => {
  if (checks.length === 0) return [];
  const seen = new Set<string>();
  const firstUse = checks.map((c) => {
    if (!c.tokenId || seen.has(c.tokenId)) return false;
    seen.add(c.tokenId);
    return true;
  });
  // The batch travels as one JSON parameter with short keys and times in epoch milliseconds: encoding
  // fourteen arrays element by element, or dates as text, cost the process more than the database spent
  // writing them.
  const input = JSON.stringify(checks.map((c, i) => ({
    o: i, c: c.checkpointId, r: c.checkpointRef, a: c.at.getTime(), d: c.day, p: c.personId, m: c.method, s: c.result,
    k: c.colour, w: c.reason, t: c.tokenId, v: c.verifierId, f: firstUse[i],
  })));
  const query = sql<{ answers: string }>`
    WITH input AS (
      SELECT o AS ord, c AS checkpoint_id, r AS checkpoint_ref, to_timestamp(a / 1000.0) AS at, d AS day, p AS person_id, m AS method,
        s AS result, k AS colour, w AS reason, t AS token_id, v AS verifier_id, f AS first_use
      FROM json_to_recordset(${input}::json) AS t(o int, c bigint, r text, a bigint, d date, p bigint, m text, s text, k text, w text, t text, v bigint, f boolean)
    ), final AS (
      -- Ids taken here, once per row, so the answer can name each check without reading it back.
      SELECT i.*, nextval('health_code_checks_id_seq') AS id FROM input i
    ), claimed AS (
      -- A token's first check claims it; when an earlier check holds the claim, nothing is written here
      -- and the check is written below as a replay.
      INSERT INTO health_code_checks (id, checkpoint_id, checkpoint_ref, at, person_id, method, result, colour, reason, token_id, verifier_id, first_use)
      SELECT id, checkpoint_id, checkpoint_ref, at, person_id, method, result, colour, reason, token_id, verifier_id, true FROM final WHERE first_use
      ON CONFLICT (token_id) WHERE first_use DO NOTHING RETURNING id
    ), answered AS (
      SELECT f.*, c.id IS NOT NULL AS claimed, (f.token_id IS NOT NULL AND c.id IS NULL) AS replayed
      FROM final f LEFT JOIN claimed c ON c.id = f.id
    ), written AS (
      INSERT INTO health_code_checks (id, checkpoint_id, checkpoint_ref, at, person_id, method, result, colour, reason, token_id, verifier_id)
      SELECT id, checkpoint_id, checkpoint_ref, at, person_id, method,
        CASE WHEN replayed THEN 'deny' ELSE result END, colour, CASE WHEN replayed THEN 'replayed' ELSE reason END, token_id, verifier_id
      FROM answered WHERE NOT claimed
    ), counted AS (
      INSERT INTO checkpoint_counts (checkpoint_id, day, shard, checked, denied)
      SELECT checkpoint_id, day, ${shard}, count(*), count(*) FILTER (WHERE replayed OR result = 'deny') FROM answered
      WHERE checkpoint_id IS NOT NULL AND result <> 'refused' GROUP BY checkpoint_id, day
      ON CONFLICT (checkpoint_id, day, shard) DO UPDATE SET checked = checkpoint_counts.checked + excluded.checked, denied = checkpoint_counts.denied + excluded.denied
    )
    -- One row for the whole batch (each check's id, '!' when it was a replay): a row per check cost the
    -- process more to read than the rest of the answer.
    SELECT string_agg(id::text || CASE WHEN replayed THEN '!' ELSE '' END, ',' ORDER BY ord) AS answers FROM answered`;
  // On PostgreSQL the statement is prepared once per connection: planning it costs more than running it.
  const compiled = query.compile(db);
  const rows = prepared ? await prepared<{ answers: string }>('zhili_write_checks', compiled.sql, compiled.parameters) : (await query.execute(db)).rows;
  return rows[0]!.answers.split(',').map((a, i) => a.endsWith('!')
    ? { id: Number(a.slice(0, -1)), result: 'deny', reason: 'replayed' }
    : { id: Number(a), result: checks[i]!.result, reason: checks[i]!.reason });
};
