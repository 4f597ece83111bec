// SQL of appeals (纠错) and manual decisions.
import type { Kysely, Selectable } from 'kysely';
import type { DB, HealthCodeAppealsTable, HealthCodeDecisionsTable } from '../../db/schema.ts';

export type AppealRow = Selectable<HealthCodeAppealsTable>;
export type DecisionRow = Selectable<HealthCodeDecisionsTable>;

export const presentAppeal = (a: AppealRow & { person_name?: string }) => ({
  id: a.id, personId: a.person_id, areaCode: a.area_code, colour: a.colour, reasons: a.reasons, reason: a.reason,
  filedBy: a.filed_name, filedAt: a.filed_at.toISOString(), status: a.status,
  decidedBy: a.decided_name, decidedAt: a.decided_at?.toISOString() ?? null, decisionNote: a.decision_note, exemptRules: a.exempt_rules,
});

export const presentDecision = (d: DecisionRow) => ({
  id: d.id, kind: d.kind, colour: d.colour, ruleId: d.rule_id, reason: d.reason, until: d.until?.toISOString() ?? null,
  appealId: d.appeal_id, createdBy: d.created_name, createdAt: d.created_at.toISOString(), revokedAt: d.revoked_at?.toISOString() ?? null,
});

export const insertAppeal = (db: Kysely<DB>, a: Omit<AppealRow, 'id' | 'status' | 'decided_by' | 'decided_name' | 'decided_at' | 'decision_note' | 'exempt_rules'>) =>
  db.insertInto('health_code_appeals').values({ ...a, reasons: JSON.stringify(a.reasons) }).returningAll().executeTakeFirstOrThrow();

export const getAppeal = (db: Kysely<DB>, id: number) =>
  db.selectFrom('health_code_appeals').selectAll().where('id', '=', id).executeTakeFirst();

export const pendingOf = (db: Kysely<DB>, personId: number) =>
  db.selectFrom('health_code_appeals').selectAll().where('person_id', '=', personId).where('status', '=', 'pending').executeTakeFirst();

export const appealsOf = (db: Kysely<DB>, personId: number) =>
  db.selectFrom('health_code_appeals').selectAll().where('person_id', '=', personId).orderBy('id', 'desc').limit(50).execute();

export const listAppeals = async (db: Kysely<DB>, scope: string, status: AppealRow['status'] | undefined, limit: number, offset: number) => {
  let q = db.selectFrom('health_code_appeals').where('health_code_appeals.area_code', 'like', `${scope}%`);
  if (status) q = q.where('health_code_appeals.status', '=', status);
  const [items, total] = await Promise.all([
    q.innerJoin('persons', 'persons.id', 'health_code_appeals.person_id').selectAll('health_code_appeals').select('persons.name as person_name')
      .orderBy('health_code_appeals.id', 'desc').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
};

/** Decides a pending appeal; null when it was decided meanwhile. */
export const decideAppeal = (db: Kysely<DB>, id: number, d: { status: 'granted' | 'rejected'; by: number; name: string; at: Date; note: string; exemptRules: string[] }) =>
  db.updateTable('health_code_appeals')
    .set({ status: d.status, decided_by: d.by, decided_name: d.name, decided_at: d.at, decision_note: d.note, exempt_rules: d.exemptRules })
    .where('id', '=', id).where('status', '=', 'pending').returningAll().executeTakeFirst();

export const insertDecisions = (db: Kysely<DB>, rows: Omit<DecisionRow, 'id' | 'revoked_at'>[]) =>
  rows.length ? db.insertInto('health_code_decisions').values(rows).returningAll().execute() : Promise.resolve([]);

export const decisionsOf = (db: Kysely<DB>, personId: number) =>
  db.selectFrom('health_code_decisions').selectAll().where('person_id', '=', personId).orderBy('id', 'desc').execute();

export const revokeDecision = (db: Kysely<DB>, id: number, at: Date) =>
  db.updateTable('health_code_decisions').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).returningAll().executeTakeFirst();

export const getDecision = (db: Kysely<DB>, id: number) =>
  db.selectFrom('health_code_decisions').selectAll().where('id', '=', id).executeTakeFirst();
