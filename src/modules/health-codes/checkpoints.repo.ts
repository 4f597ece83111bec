// SQL of the checkpoint registry, its counts and the tracing query.
import type { Kysely, Selectable } from 'kysely';
import type { CheckpointsTable, DB } from '../../db/schema.ts';

export type CheckpointRow = Selectable<CheckpointsTable>;

export const byCode = (db: Kysely<DB>, code: string) =>
  db.selectFrom('checkpoints').selectAll().where('code', '=', code).executeTakeFirst();

export const byId = (db: Kysely<DB>, id: number) =>
  db.selectFrom('checkpoints').selectAll().where('id', '=', id).executeTakeFirst();

export const insert = (db: Kysely<DB>, c: Omit<CheckpointRow, 'id' | 'created_at' | 'active'>) =>
  db.insertInto('checkpoints').values(c).returningAll().executeTakeFirstOrThrow();

export const setActive = (db: Kysely<DB>, id: number, active: boolean) =>
  db.updateTable('checkpoints').set({ active }).where('id', '=', id).returningAll().executeTakeFirst();

/** One checkpoint's counts of the day, summed over the writers' shards. */
export const countsOf = (db: Kysely<DB>, id: number, day: string) =>
  db.selectFrom('checkpoint_counts').where('checkpoint_id', '=', id).where('day', '=', day)
    .select((e) => [e.fn.sum<number>('checked').as('checked'), e.fn.sum<number>('denied').as('denied')]).executeTakeFirstOrThrow();

/** Checkpoints under an area (and those of the areas `above` it) with the day's counts. */
export const list = async (db: Kysely<DB>, scope: string, day: string, limit: number, offset: number, above: readonly string[] = []) => {
  const base = db.selectFrom('checkpoints').where((eb) => eb.or([
    eb('checkpoints.area_code', 'like', `${scope}%`), ...(above.length ? [eb('checkpoints.area_code', 'in', [...above])] : []),
  ]));
  const [items, total] = await Promise.all([
    base.leftJoin(
      (eb) => eb.selectFrom('checkpoint_counts').where('day', '=', day).groupBy('checkpoint_id')
        .select((e) => ['checkpoint_id', e.fn.sum<number>('checked').as('checked'), e.fn.sum<number>('denied').as('denied')]).as('c'),
      (j) => j.onRef('c.checkpoint_id', '=', 'checkpoints.id'),
    )
      .selectAll('checkpoints').select(['c.checked', 'c.denied'])
      .orderBy('checkpoints.area_code').orderBy('checkpoints.id').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
};

/** Who was checked at a checkpoint between two instants, oldest first. */
export const passes = async (db: Kysely<DB>, checkpointId: number, from: Date, to: Date, onlyPassed: boolean, limit: number, offset: number) => {
  let q = db.selectFrom('health_code_checks as k').where('k.checkpoint_id', '=', checkpointId).where('k.at', '>=', from).where('k.at', '<', to);
  if (onlyPassed) q = q.where('k.result', '=', 'pass');
  const [items, total] = await Promise.all([
    q.leftJoin('persons as p', 'p.id', 'k.person_id')
      .select(['k.id', 'k.at', 'k.person_id', 'k.method', 'k.result', 'k.colour', 'k.reason', 'p.name', 'p.id_number', 'p.phone', 'p.area_code'])
      .orderBy('k.at').orderBy('k.id').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
};

/** The most recent checks of a checkpoint (the console's live list). */
export const recentChecks = (db: Kysely<DB>, checkpointId: number, limit: number) =>
  db.selectFrom('health_code_checks as k').leftJoin('persons as p', 'p.id', 'k.person_id')
    .select(['k.id', 'k.at', 'k.method', 'k.result', 'k.colour', 'k.reason', 'p.name'])
    .where('k.checkpoint_id', '=', checkpointId).orderBy('k.id', 'desc').limit(limit).execute();
