import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type AuditEntry = {
  userId: number | null;
  username: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  areaCode: string | null;
  ip: string | null;
  details?: unknown;
};

export const insertAudit = (db: Kysely<DB>, e: AuditEntry) =>
  db
    .insertInto('audit_log')
    .values({
      user_id: e.userId,
      username: e.username,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      area_code: e.areaCode,
      ip: e.ip,
      details: e.details === undefined ? null : JSON.stringify(e.details),
    })
    .execute();

export const listAudit = async (
  db: Kysely<DB>,
  f: { scope: string; action?: string; username?: string; targetType?: string; targetId?: string; limit: number; offset: number },
) => {
  // Entries with no area (sign-in attempts for unknown usernames) go to city- and province-level auditors.
  const systemToo = f.scope.length <= 4;
  let q = db
    .selectFrom('audit_log')
    .where((eb) => (systemToo ? eb.or([eb('area_code', 'like', `${f.scope}%`), eb('area_code', 'is', null)]) : eb('area_code', 'like', `${f.scope}%`)));
  if (f.action) q = q.where('action', '=', f.action);
  if (f.username) q = q.where('username', '=', f.username);
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  const [items, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
};
