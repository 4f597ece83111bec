// SQL of the colours: the rule sets, the sealing keys, the facts a colour is computed from, the codes
// and their history, and the change feed the verifying processes follow.
import { sql, type Kysely } from 'kysely';
import type { Colour, DB } from '../../db/schema.ts';
import type { Facts, Hit } from './colour-eval.ts';

/** Taken by every writer of health_codes, so `seq` grows in commit order. */
const CODES_LOCK = 74_010;
export const CODES_CHANNEL = 'zhili_health_codes';
/** With a person's id (mod 2^31), the lock one person's changes of facts take. */
const PERSON_LOCK = 74_011;

export const latestRuleSet = (db: Kysely<DB>) =>
  db.selectFrom('colour_rule_sets').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();

export const listRuleSets = (db: Kysely<DB>) =>
  db.selectFrom('colour_rule_sets').leftJoin('users', 'users.id', 'colour_rule_sets.created_by')
    .select(['version', 'note', 'colour_rule_sets.created_at', 'users.username as created_by_name']).orderBy('version', 'desc').limit(50).execute();

export const insertRuleSet = (db: Kysely<DB>, r: { version: number; source: string; rules: unknown; note: string | null; createdBy: number | null }) =>
  db.insertInto('colour_rule_sets').values({ version: r.version, source: r.source, rules: JSON.stringify(r.rules), note: r.note, created_by: r.createdBy }).execute();

/** The first version, unless another process wrote it first. */
export const insertFirstRuleSet = (db: Kysely<DB>, source: string, rules: unknown) =>
  db.insertInto('colour_rule_sets').values({ version: 1, source, rules: JSON.stringify(rules), note: '默认规则', created_by: null })
    .onConflict((oc) => oc.column('version').doNothing()).execute();

export const listKeys = (db: Kysely<DB>) => db.selectFrom('health_code_keys').select(['id', 'secret']).orderBy('id').execute();

export const insertKey = (db: Kysely<DB>, id: number, secret: Uint8Array) =>
  db.insertInto('health_code_keys').values({ id, secret }).onConflict((oc) => oc.column('id').doNothing()).execute();

/** The China day of a timestamptz column, as text (UTC+8, written out so no time-zone database is needed). */
export const chinaDayOf = (column: string) => sql<string>`((${sql.ref(column)} AT TIME ZONE 'UTC') + interval '8 hours')::date::text`;

type Mutable<T> = { [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
type FactsRow = Mutable<Facts> & { areaCode: string };

/** The facts about each person, and the grid they belong to. Persons not in the registry are left out. */
export const loadFacts = async (db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, FactsRow>> => {
  const out = new Map<number, FactsRow>();
  if (ids.length === 0) return out;
  const arr = sql`${[...ids]}::bigint[]`;
  const [persons, measures, screenings, zones, decisions, checkins] = await Promise.all([
    sql<{ id: number; area_code: string }>`SELECT id, area_code FROM persons WHERE id = ANY(${arr})`.execute(db),
    sql<{ person_id: number; kind: Facts['measures'][number]['kind']; start_date: string; end_date: string; place: string | null; recorded_on: string }>`
      SELECT person_id, kind, start_date, end_date, place, ${chinaDayOf('created_at')} AS recorded_on FROM control_measures WHERE person_id = ANY(${arr})`.execute(db),
    sql<{ person_id: number; outcome: string | null; at: Date; batch: string }>`
      SELECT r.person_id, r.outcome, coalesce(r.verified_at, b.created_at) AS at, b.code AS batch
      FROM screening_rows r JOIN screening_batches b ON b.id = r.batch_id
      WHERE r.person_id = ANY(${arr}) AND r.status = 'task'`.execute(db),
    sql<{ person_id: number; name: string; level: Facts['zones'][number]['level']; since: Date }>`
      SELECT p.id AS person_id, z.name, z.level, z.level_since AS since
      FROM persons p JOIN risk_zone_addresses a ON a.address_id = p.address_id JOIN risk_zones z ON z.id = a.zone_id AND z.status = 'active'
      WHERE p.id = ANY(${arr})`.execute(db),
    sql<{ person_id: number; kind: 'raise' | 'exempt'; colour: 'yellow' | 'red' | null; rule_id: string | null; reason: string; until: Date | null; created_at: Date }>`
      SELECT person_id, kind, colour, rule_id, reason, until, created_at FROM health_code_decisions
      WHERE person_id = ANY(${arr}) AND revoked_at IS NULL`.execute(db),
    sql<{ person_id: number; day: string; temperature: number; symptoms: string[]; at: Date }>`
      SELECT person_id, day, temperature::float8 AS temperature, symptoms, created_at AS at FROM health_checkins WHERE person_id = ANY(${arr})`.execute(db),
  ]);
  for (const p of persons.rows) out.set(Number(p.id), { areaCode: p.area_code, measures: [], screenings: [], zones: [], decisions: [], checkins: [] });
  const of = (id: number) => out.get(Number(id));
  for (const m of measures.rows) of(m.person_id)?.measures.push({ kind: m.kind, startDate: m.start_date, endDate: m.end_date, place: m.place, recordedOn: m.recorded_on });
  for (const s of screenings.rows) of(s.person_id)?.screenings.push({ outcome: s.outcome, at: new Date(s.at), batch: s.batch });
  for (const z of zones.rows) of(z.person_id)?.zones.push({ name: z.name, level: z.level, since: new Date(z.since) });
  for (const c of checkins.rows) of(c.person_id)?.checkins.push({ day: c.day, temperature: Number(c.temperature), symptoms: c.symptoms, at: new Date(c.at) });
  for (const d of decisions.rows) {
    of(d.person_id)?.decisions.push({ kind: d.kind, colour: d.colour, ruleId: d.rule_id, reason: d.reason, until: d.until && new Date(d.until), createdAt: new Date(d.created_at) });
  }
  return out;
};

export type CodeRow = { person_id: number; colour: Colour; reasons: Hit[]; rule_version: number; since: Date; review_at: Date | null; seq: number; updated_at: Date };

export const getCodes = async (db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, CodeRow>> => {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<CodeRow>`SELECT person_id, colour, reasons, rule_version, since, review_at, seq, updated_at FROM health_codes WHERE person_id = ANY(${[...ids]}::bigint[])`.execute(db);
  return new Map(rows.map((r) => [Number(r.person_id), r]));
};

export type CodeWrite = { personId: number; colour: Colour; reasons: Hit[]; areaCode: string; reviewAt: Date | null; isDefault: boolean };

/**
 * Stores verdicts under the codes lock, in one statement: a code is written only when something in it
 * changed (a default green with nothing to review needs no row), and a change of colour or reasons gets
 * its history line. Returns how many codes changed.
 */
export const writeCodes = async (db: Kysely<DB>, writes: readonly CodeWrite[], ruleVersion: number, cause: string, now: Date): Promise<number> => {
  if (writes.length === 0) return 0;
  // People of one zone share their reasons word for word: each distinct list is sent and parsed once.
  const lists = new Map<string, number>();
  const listOf = writes.map((w) => {
    const text = JSON.stringify(w.reasons);
    let i = lists.get(text);
    if (i === undefined) lists.set(text, (i = lists.size + 1));
    return i;
  });
  await sql`SELECT pg_advisory_xact_lock(${CODES_LOCK})`.execute(db);
  const { rows } = await sql<{ changed: number }>`
    WITH lists AS (
      SELECT * FROM unnest(${[...lists.keys()]}::jsonb[]) WITH ORDINALITY AS l(reasons, n)
    ), input AS (
      SELECT t.person_id, t.colour, l.reasons, t.area_code, t.review_at, t.is_default
      FROM unnest(${writes.map((w) => w.personId)}::bigint[], ${writes.map((w) => w.colour)}::text[], ${listOf}::int[],
        ${writes.map((w) => w.areaCode)}::text[], ${writes.map((w) => w.reviewAt?.toISOString() ?? null)}::timestamptz[], ${writes.map((w) => w.isDefault)}::boolean[])
        AS t(person_id, colour, list, area_code, review_at, is_default)
      JOIN lists l ON l.n = t.list
    ), old AS (
      SELECT c.person_id, c.colour, c.reasons FROM health_codes c WHERE c.person_id IN (SELECT person_id FROM input)
    ), written AS (
      INSERT INTO health_codes (person_id, colour, reasons, rule_version, area_code, since, review_at, seq, updated_at)
      SELECT i.person_id, i.colour, i.reasons, ${ruleVersion}, i.area_code, ${now}, i.review_at, nextval('health_code_seq'), ${now}
      FROM input i LEFT JOIN old o ON o.person_id = i.person_id
      WHERE o.person_id IS NOT NULL OR NOT i.is_default OR i.review_at IS NOT NULL
      ON CONFLICT (person_id) DO UPDATE SET colour = excluded.colour, reasons = excluded.reasons, rule_version = excluded.rule_version,
        area_code = excluded.area_code, review_at = excluded.review_at, seq = excluded.seq, updated_at = excluded.updated_at,
        since = CASE WHEN health_codes.colour = excluded.colour THEN health_codes.since ELSE excluded.since END
      WHERE (health_codes.colour, health_codes.reasons, health_codes.review_at, health_codes.rule_version, health_codes.area_code)
        IS DISTINCT FROM (excluded.colour, excluded.reasons, excluded.review_at, excluded.rule_version, excluded.area_code)
      RETURNING person_id, colour, reasons
    ), history AS (
      INSERT INTO health_code_history (person_id, at, colour, previous, reasons, rule_version, cause)
      SELECT w.person_id, ${now}, w.colour, coalesce(o.colour, 'green'), w.reasons, ${ruleVersion}, ${cause}
      FROM written w LEFT JOIN old o ON o.person_id = w.person_id
      WHERE o.person_id IS NULL OR o.colour <> w.colour OR o.reasons <> w.reasons
      RETURNING 1
    )
    SELECT count(*)::int AS changed FROM history`.execute(db);
  await notifyCodes(db);
  return Number(rows[0]?.changed ?? 0);
};

/** Holds one person's facts still until the transaction ends, so two changes to them recolour in turn. */
export const lockPerson = async (db: Kysely<DB>, personId: number) => {
  await sql`SELECT pg_advisory_xact_lock(${PERSON_LOCK}, ${personId % 2_147_483_647}::int)`.execute(db);
};

/** Tells verifying processes (on commit) that colours changed: stored codes or zones still pending. */
export const notifyCodes = async (db: Kysely<DB>) => {
  await sql`SELECT pg_notify(${CODES_CHANNEL}, '')`.execute(db);
};

/** Everyone a rule could be about: who has a code, a measure, a screening task, a zone, a decision or a check-in. */
export const personsWithFacts = async (db: Kysely<DB>): Promise<number[]> => {
  const { rows } = await sql<{ id: number }>`
    SELECT person_id AS id FROM health_codes
    UNION SELECT person_id FROM control_measures WHERE person_id IS NOT NULL
    UNION SELECT person_id FROM screening_rows WHERE person_id IS NOT NULL AND status = 'task'
    UNION SELECT person_id FROM health_code_decisions WHERE revoked_at IS NULL
    UNION SELECT person_id FROM health_checkins
    UNION SELECT p.id FROM persons p JOIN risk_zone_addresses a ON a.address_id = p.address_id JOIN risk_zones z ON z.id = a.zone_id AND z.status = 'active'`.execute(db);
  return rows.map((r) => Number(r.id));
};

export const dueForReview = async (db: Kysely<DB>, now: Date, limit: number) => {
  const { rows } = await sql<{ id: number }>`SELECT person_id AS id FROM health_codes WHERE review_at <= ${now} ORDER BY review_at LIMIT ${limit}`.execute(db);
  return rows.map((r) => Number(r.id));
};

export const history = (db: Kysely<DB>, personId: number) =>
  db.selectFrom('health_code_history').select(['id', 'at', 'colour', 'previous', 'reasons', 'rule_version', 'cause'])
    .where('person_id', '=', personId).orderBy('id', 'desc').limit(200).execute();

export type BookRow = { person_id: number; name: string; address_id: number | null; colour: Colour | null; reason: string | null; seq: number | null };

/** What a checkpoint needs to know of each person: name and current colour with its first reason. */
export const bookRows = async (db: Kysely<DB>, ids: readonly number[]) => {
  const { rows } = await sql<BookRow>`
    SELECT p.id AS person_id, p.name, p.address_id, c.colour, c.reasons -> 0 ->> 'reason' AS reason, c.seq
    FROM persons p LEFT JOIN health_codes c ON c.person_id = p.id WHERE p.id = ANY(${[...ids]}::bigint[])`.execute(db);
  return rows;
};

export const changesSince = async (db: Kysely<DB>, seq: number, limit: number) => {
  const { rows } = await sql<BookRow>`
    SELECT person_id, '' AS name, NULL AS address_id, colour, reasons -> 0 ->> 'reason' AS reason, seq FROM health_codes WHERE seq > ${seq} ORDER BY seq LIMIT ${limit}`.execute(db);
  return rows;
};

export const maxSeq = async (db: Kysely<DB>) =>
  Number((await sql<{ s: number | null }>`SELECT max(seq) AS s FROM health_codes`.execute(db)).rows[0]?.s ?? 0);

export const personByIdNumber = (db: Kysely<DB>, idNumber: string) =>
  db.selectFrom('persons').select(['id', 'name', 'area_code']).where('id_number', '=', idNumber).executeTakeFirst();

/** The person a check was about, if it named one. */
export const personOfCheck = async (db: Kysely<DB>, checkId: number) =>
  (await db.selectFrom('health_code_checks').select('person_id').where('id', '=', checkId).executeTakeFirst())?.person_id ?? undefined;

export const personBrief = (db: Kysely<DB>, id: number) =>
  db.selectFrom('persons').select(['id', 'name', 'id_number', 'area_code', 'address_text']).where('id', '=', id).executeTakeFirst();
