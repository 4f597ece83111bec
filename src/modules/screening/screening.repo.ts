import { sql, type Insertable, type Kysely, type RawBuilder, type Updateable } from 'kysely';
import type { DB, ScreeningBatchesTable, ScreeningHistoryTable, ScreeningRowsTable } from '../../db/schema.ts';

const CHUNK = 1000; // rows per INSERT: ~20 parameters each, well under PostgreSQL's 65,535

export const personsByIdNumber = (db: Kysely<DB>, scope: string, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('persons').select(['id', 'id_number', 'area_code', 'address_id'])
    .where('id_number', '=', sql<string>`ANY(${[...new Set(ids)]}::text[])`).where('area_code', 'like', `${scope}%`).execute();

export const personsByPhone = (db: Kysely<DB>, scope: string, phones: readonly string[]) =>
  phones.length === 0 ? Promise.resolve([]) : db.selectFrom('persons').select(['id', 'name', 'phone', 'area_code', 'address_id'])
    .where('phone', '=', sql<string>`ANY(${[...new Set(phones)]}::text[])`).where('area_code', 'like', `${scope}%`).execute();

export const insertBatch = async (db: Kysely<DB>, now: Date, batch: Omit<Insertable<ScreeningBatchesTable>, 'id' | 'code' | 'created_at'>) => {
  const { id } = (await sql<{ id: number }>`SELECT nextval('screening_batches_id_seq')::int8 AS id`.execute(db)).rows[0]!;
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const code = `PC${day}${String(id).padStart(4, '0')}`;
  await db.insertInto('screening_batches').values({ ...batch, id, code, created_at: now }).execute();
  return { id, code };
};

export const insertRows = async (db: Kysely<DB>, rows: Insertable<ScreeningRowsTable>[]) => {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto('screening_rows').values(rows.slice(i, i + CHUNK)).execute();
};

export const getBatch = (db: Kysely<DB>, id: number) => db.selectFrom('screening_batches').selectAll().where('id', '=', id).executeTakeFirst();
export type BatchRow = NonNullable<Awaited<ReturnType<typeof getBatch>>>;

/** Batches received for the caller's area or above it that have tasks in it. */
const batchesInReach = (db: Kysely<DB>, scope: string) =>
  db.selectFrom('screening_batches as b').where((eb) => eb.or([
    eb('b.scope_code', 'like', `${scope}%`),
    eb.and([eb(sql.val(scope), 'like', sql<string>`b.scope_code || '%'`), eb.exists(eb.selectFrom('screening_rows as r').select('r.id').whereRef('r.batch_id', '=', 'b.id').where('r.status', '=', 'task').where('r.area_code', 'like', `${scope}%`))]),
  ]));

/** Those batches, newest first, with how many there are. */
export const listBatches = async (db: Kysely<DB>, scope: string, limit: number, offset: number) => {
  const [items, total] = await Promise.all([
    batchesInReach(db, scope).selectAll('b').orderBy('b.id', 'desc').limit(limit).offset(offset).execute(),
    batchesInReach(db, scope).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
};

export type Counts = { tasks: number; verified: number; overdue: number; escalated: number; outcomes: Record<string, number> };

/**
 * Task counts grouped by `key` (and outcome, folded into `outcomes`). A task counts where the caller's
 * scope and its batch's area meet, so a street sees its own part of a county's batch.
 */
const countTasks = async (db: Kysely<DB>, key: RawBuilder<string>, where: RawBuilder<boolean>, scope: string, now: Date): Promise<Map<string, Counts>> => {
  const rows = (await sql<{ key: string; outcome: string | null; tasks: number; verified: number; overdue: number; escalated: number }>`
    SELECT ${key} AS key, r.outcome, count(*)::int AS tasks, count(r.verified_at)::int AS verified,
           count(*) FILTER (WHERE r.verified_at IS NULL AND r.deadline < ${now})::int AS overdue,
           count(*) FILTER (WHERE r.escalation_level > 0)::int AS escalated
    FROM screening_rows r JOIN screening_batches b ON b.id = r.batch_id
    WHERE ${where} AND r.status = 'task' AND r.area_code LIKE ${`${scope}%`} AND r.area_code LIKE b.scope_code || '%'
    GROUP BY 1, 2`.execute(db)).rows;
  const out = new Map<string, Counts>();
  for (const r of rows) {
    const c = out.get(r.key) ?? { tasks: 0, verified: 0, overdue: 0, escalated: 0, outcomes: {} };
    c.tasks += r.tasks; c.verified += r.verified; c.overdue += r.overdue; c.escalated += r.escalated;
    if (r.outcome) c.outcomes[r.outcome] = (c.outcomes[r.outcome] ?? 0) + r.tasks;
    out.set(r.key, c);
  }
  return out;
};

/** A batch's task counts per child area (the code prefix of `childLength`) within `area`. */
export const countsByArea = (db: Kysely<DB>, batchId: number, area: string, childLength: number, now: Date) =>
  countTasks(db, sql<string>`substr(r.area_code, 1, ${sql.lit(childLength)})`, sql<boolean>`r.batch_id = ${batchId}`, area, now);

/** Task counts per batch (keyed by the batch id as text), as the caller's scope sees them. */
export const countsByBatch = (db: Kysely<DB>, batchIds: readonly number[], scope: string, now: Date) =>
  countTasks(db, sql<string>`r.batch_id::text`, sql<boolean>`r.batch_id = ANY(${[...batchIds]}::int8[])`, scope, now);

export const statusCounts = async (db: Kysely<DB>, batchId: number) =>
  (await db.selectFrom('screening_rows').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('batch_id', '=', batchId).groupBy('status').execute())
    .reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: Number(r.n) }), {});

export type RowFilter = { batchId?: number; area: string | null; statuses: ScreeningRowsTable['status'][]; pending?: boolean; overdueAt?: Date; limit: number; offset: number };

export const listRows = async (db: Kysely<DB>, f: RowFilter) => {
  let q = db.selectFrom('screening_rows').where('status', 'in', f.statuses);
  if (f.batchId) q = q.where('batch_id', '=', f.batchId);
  if (f.area !== null) q = q.where('area_code', 'like', `${f.area}%`);
  if (f.pending !== undefined) q = q.where('verified_at', f.pending ? 'is' : 'is not', null);
  if (f.overdueAt) q = q.where('verified_at', 'is', null).where('deadline', '<', f.overdueAt);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('batch_id', 'desc').orderBy('line').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
};

export const getRow = (db: Kysely<DB>, id: number) => db.selectFrom('screening_rows').selectAll().where('id', '=', id).executeTakeFirst();
export type ScreeningRow = NonNullable<Awaited<ReturnType<typeof getRow>>>;

export const rowsInFileOrder = (db: Kysely<DB>, batchId: number) =>
  db.selectFrom('screening_rows').selectAll().where('batch_id', '=', batchId).orderBy('line').execute();

/** Writes a change to the version read and its history line in one statement; false when the row changed meanwhile. */
export const changeRow = async (db: Kysely<DB>, row: ScreeningRow, set: Updateable<ScreeningRowsTable>, history: Omit<Insertable<ScreeningHistoryTable>, 'row_id'>) => {
  const cols = Object.keys(set) as (keyof typeof set)[];
  const res = await sql<{ id: number }>`
    WITH up AS (
      UPDATE screening_rows SET ${sql.join(cols.map((c) => sql`${sql.ref(c)} = ${set[c]}`))}, version = version + 1
      WHERE id = ${row.id} AND version = ${row.version} RETURNING id
    )
    INSERT INTO screening_history (row_id, at, actor_id, actor_name, action, note, details)
    SELECT id, ${history.at}, ${history.actor_id ?? null}, ${history.actor_name}, ${history.action}, ${history.note ?? null}, ${history.details}::jsonb FROM up
    RETURNING id`.execute(db);
  return res.rows.length > 0;
};

export const listHistory = (db: Kysely<DB>, rowId: number) => db.selectFrom('screening_history').selectAll().where('row_id', '=', rowId).orderBy('id').execute();

/**
 * Raises pending tasks past `dueBefore` from escalation level `from` to `from + 1`, with a history
 * line each, in one statement: the condition on the level makes a second run a no-op.
 */
export const escalateTasks = async (db: Kysely<DB>, from: number, dueBefore: Date, now: Date, note: string) =>
  (await sql<{ id: number }>`
    WITH up AS (
      UPDATE screening_rows SET escalation_level = ${from + 1}, escalated_at = ${now}, version = version + 1
      WHERE status = 'task' AND verified_at IS NULL AND escalation_level = ${from} AND deadline < ${dueBefore}
      RETURNING id, deadline
    )
    INSERT INTO screening_history (row_id, at, actor_name, action, note, details)
    SELECT id, ${now}, 'system', 'escalate', ${note}, jsonb_build_object('level', ${from + 1}::int, 'deadline', deadline) FROM up
    RETURNING row_id AS id`.execute(db)).rows.map((r) => r.id);
