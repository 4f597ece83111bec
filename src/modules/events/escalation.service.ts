// The deadline worker: every overdue, unsuspended event is escalated one level up, once per step.
// The "once" is kept in the row (escalated_step_at = the step it escalated), so a restart or a second
// worker never escalates the same step twice.
import type { Deps } from '../../lib/deps.ts';
import { publishEventChange } from './live.ts';
import { escalation } from './event-actions.service.ts';
import * as repo from './events.repo.ts';
import { SYSTEM_ACTOR } from './events.service.ts';

/** Escalates what is overdue at `now`; returns the ids escalated. */
export const escalateOverdue = async (deps: Deps, now: Date = deps.clock(), batch = 500) => {
  const changes = await deps.db.transaction().execute(async (trx) => {
    const due = await repo.claimOverdue(trx, now, batch);
    const out = [];
    for (const row of due) {
      const set = escalation(row);
      await repo.updateEvent(trx, row.id, { ...set, updated_at: now, version: row.version + 1 });
      await repo.insertHistory(trx, {
        event_id: row.id, at: now, actor_id: null, actor_name: SYSTEM_ACTOR, action: 'escalate', from_state: row.state, to_state: row.state,
        note: `超时未处理，自动升级至${set.level === 'county' ? '区县' : '市'}级`, details: JSON.stringify({ level: set.level, automatic: true, deadline: row.deadline?.toISOString() }),
      });
      out.push({ id: row.id, code: row.code, areaCode: row.area_code, handlingArea: set.handling_area!, leadUnitId: row.lead_unit_id, reporterUserId: row.reporter_user_id, state: row.state });
    }
    return out;
  });
  for (const c of changes) publishEventChange(deps, c);
  return changes.map((c) => c.id);
};
