// The audit log: append-only (the database refuses UPDATE and DELETE), read by auditors within scope.
import type { Kysely } from 'kysely';
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import type { DB } from '../../db/schema.ts';
import { insertAudit, listAudit } from './audit.repo.ts';

/** Records what `actor` did; pass the transaction so the entry commits or rolls back with the change. */
export const recordAudit = (
  db: Kysely<DB>,
  actor: Actor | null,
  entry: { action: string; targetType: string; targetId?: string | number | null; areaCode?: string | null; details?: unknown },
) =>
  insertAudit(db, {
    userId: actor?.userId ?? null,
    username: actor?.username ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId == null ? null : String(entry.targetId),
    areaCode: entry.areaCode ?? actor?.scope ?? null,
    ip: actor?.ip ?? null,
    details: entry.details,
  });

/** Audit entries in the caller's scope, newest first. Throws auth.forbidden. */
export const listAuditEntries = async (
  deps: Deps,
  actor: Actor,
  filter: { action?: string; username?: string; targetType?: string; targetId?: string; limit: number; offset: number },
) => {
  requirePermission(actor, 'audit.read');
  const { items, total } = await listAudit(deps.db, { ...filter, scope: actor.scope });
  return {
    total,
    items: items.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      userId: r.user_id,
      username: r.username,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      areaCode: r.area_code,
      ip: r.ip,
      details: r.details ?? null,
    })),
  };
};
