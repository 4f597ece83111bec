// SQL of the colours: the rule sets, the sealing keys, the facts a colour is computed from, the codes
// and their history, and the change feed the verifying processes follow.
import { sql, type Kysely } from 'kysely';
import type { Colour, DB } from '../../db/schema.ts';
import type { Facts, Hit } from './colour-eval.ts';

/** Taken by every writer of health_codes, so `seq` grows in commit order. */
const CODES_LOCK = 74_010;
export const CODES_CHANNEL = 'zhili_health_codes';

export const latestRuleSet = (db: Kysely<DB>) =>
  db.selectFrom('colour_rule_sets').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();

export const listRuleSets = (db: Kysely<DB>) =>
  db.selectFrom('colour_rule_sets').leftJoin('users', 'users.id', 'colour_rule_sets.created_by')
    .select(['version', 'note', 'colour_rule_sets.created_at', 'users.username as created_by_name']).orderBy('version', 'desc').limit(50).execute();

export const insertRuleSet = (db: Kysely<DB>, r: { version: number; source: string; rules: unknown; note: string | null; createdBy: number | null }) =>
  db.insertInto('colour_rule_sets').values({ version: r.version, source: r.source, rules: JSON.stringify(r.rules), note: r.note, created_by: r.createdBy }).execute();

export const listKeys = (db: Kysely<DB>) => db.selectFrom('health_code_keys').select(['id', 'secret']).orderBy('id').execute();

export const insertKey = (db: Kysely<DB>, id: number, secret: Uint8Array) =>
  db.insertInto('health_code_keys').values({ id, secret }).onConflict((oc) => oc.column('id').doNothing()).execute();

type Mutable<T> = { [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
type FactsRow = Mutable<Facts> & { areaCode: string };

/** The facts about each person, and the grid they belong to. Persons not in the registry are left out. */
export const loadFacts = async (db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, FactsRow>> => {
  const out = new Map<number, FactsRow>();
  if (ids.length === 0) return out;
  const arr = sql`${[...ids]}::bigint[]`;
  const [persons, measures, screenings, zones, decisions] = await Promise.all([
    sql<{ id: number; area_code: string }>`SELECT id, area_code FROM persons WHERE id = ANY(${arr})`.execute(db),
    sql<{ person_id: number; kind: Facts['measures'][number]['kind']; start_date: string; end_date: string; place: string | null }>`
      SELECT person_id, kind, start_date, end_date, place FROM control_measures WHERE person_id = ANY(${arr})`.execute(db),
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
  ]);
  for (const p of persons.rows) out.set(Number(p.id), { areaCode: p.area_code, measures: [], screenings: [], zones: [], decisions: [] });
  const of = (id: number) => out.get(Number(id));
  for (const m of measures.rows) of(m.person_id)?.measures.push({ kind: m.kind, startDate: m.start_date, endDate: m.end_date, place: m.place });
  for (const s of screenings.rows) of(s.person_id)?.screenings.push({ outcome: s.outcome, at: new Date(s.at), batch: s.batch });
  for (const z of zones.rows) of(z.person_id)?.zones.push({ name: z.name, level: z.level, since: new Date(z.since) });
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

export type CodeWrite = { personId: number; colour: Colour; reasons: Hit[]; areaCode: string; reviewAt: Date | null; previous: Colour; changed: boolean };

/** Writes codes in one statement under the codes lock; a changed code also gets its history line. */
export const writeCodes = async (db: Kysely<DB>, writes: readonly CodeWrite[], ruleVersion: number, cause: string, now: Date) => {
  if (writes.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${CODES_LOCK})`.execute(db);
  await sql`
    WITH input AS (
      SELECT * FROM unnest(${writes.map((w) => w.personId)}::bigint[], ${writes.map((w) => w.colour)}::text[], ${writes.map((w) => JSON.stringify(w.reasons))}::text[],
        ${writes.map((w) => w.areaCode)}::text[], ${writes.map((w) => w.reviewAt?.toISOString() ?? null)}::timestamptz[],
        ${writes.map((w) => w.previous)}::text[], ${writes.map((w) => w.changed)}::boolean[])
        AS t(person_id, colour, reasons, area_code, review_at, previous, changed)
    ), written AS (
      INSERT INTO health_codes (person_id, colour, reasons, rule_version, area_code, since, review_at, seq, updated_at)
      SELECT person_id, colour, reasons::jsonb, ${ruleVersion}, area_code, ${now}, review_at, nextval('health_code_seq'), ${now} FROM input
      ON CONFLICT (person_id) DO UPDATE SET colour = excluded.colour, reasons = excluded.reasons, rule_version = excluded.rule_version,
        area_code = excluded.area_code, review_at = excluded.review_at, seq = excluded.seq, updated_at = excluded.updated_at,
        since = CASE WHEN health_codes.colour = excluded.colour THEN health_codes.since ELSE excluded.since END
    )
    INSERT INTO health_code_history (person_id, at, colour, previous, reasons, rule_version, cause)
    SELECT person_id, ${now}, colour, previous, reasons::jsonb, ${ruleVersion}, ${cause} FROM input WHERE changed`.execute(db);
  await sql`SELECT pg_notify(${CODES_CHANNEL}, '')`.execute(db);
};

/** Everyone a rule could be about: who has a code, a measure, a screening task, a zone or a decision. */
export const personsWithFacts = async (db: Kysely<DB>): Promise<number[]> => {
  const { rows } = await sql<{ id: number }>`
    SELECT person_id AS id FROM health_codes
    UNION SELECT person_id FROM control_measures WHERE person_id IS NOT NULL
    UNION SELECT person_id FROM screening_rows WHERE person_id IS NOT NULL AND status = 'task'
    UNION SELECT person_id FROM health_code_decisions WHERE revoked_at IS NULL
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

export type BookRow = { person_id: number; name: string; colour: Colour | null; reason: string | null; seq: number | null };

/** What a checkpoint needs to know of each person: name and current colour with its first reason. */
export const bookRows = async (db: Kysely<DB>, ids: readonly number[]) => {
  const { rows } = await sql<BookRow>`
    SELECT p.id AS person_id, p.name, c.colour, c.reasons -> 0 ->> 'reason' AS reason, c.seq
    FROM persons p LEFT JOIN health_codes c ON c.person_id = p.id WHERE p.id = ANY(${[...ids]}::bigint[])`.execute(db);
  return rows;
};

export const changesSince = async (db: Kysely<DB>, seq: number, limit: number) => {
  const { rows } = await sql<BookRow>`
    SELECT person_id, '' AS name, colour, reasons -> 0 ->> 'reason' AS reason, seq FROM health_codes WHERE seq > ${seq} ORDER BY seq LIMIT ${limit}`.execute(db);
  return rows;
};

export const maxSeq = async (db: Kysely<DB>) =>
  Number((await sql<{ s: number | null }>`SELECT max(seq) AS s FROM health_codes`.execute(db)).rows[0]?.s ?? 0);

export const personByIdNumber = (db: Kysely<DB>, idNumber: string) =>
  db.selectFrom('persons').select(['id', 'name', 'area_code']).where('id_number', '=', idNumber).executeTakeFirst();

export const personBrief = (db: Kysely<DB>, id: number) =>
  db.selectFrom('persons').select(['id', 'name', 'id_number', 'area_code', 'address_text']).where('id', '=', id).executeTakeFirst();

export const purgeTokenUses = (db: Kysely<DB>, now: Date) =>
  db.deleteFrom('health_code_token_uses').where('expires_at', '<', now).execute();
