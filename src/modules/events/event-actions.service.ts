// One route for every step of the loop: the transition table says where an action leads, the policy
// who may take it; the change and its history line are written together, to the version read.
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { addWorkingTime, workingMsBetween, type Calendar } from '../../lib/working-time.ts';
import type { EventsTable } from '../../db/schema.ts';
import type { Updateable } from 'kysely';
import { calendarOf } from '../calendar/calendar.service.ts';
import { assertPhotosUsable } from '../files/files.service.ts';
import { getDispatchableUnits, getUnitsByIds } from '../units/units.service.ts';
import { categoriesOf } from './catalogue.service.ts';
import type { Limits } from './catalogue-presets.ts';
import { escalationOf, nextState, STEP_OF, type EventAction, type EventState } from './event-machine.ts';
import { canSeeEvent, mayApply } from './events.policy.ts';
import { factsOf, presentEvent } from './event-present.ts';
import { publishEventChange } from './live.ts';
import * as repo from './events.repo.ts';

export type ActionBody = {
  note?: string;
  photoIds?: number[];
  leadUnitId?: number;
  assistUnitIds?: number[];
  passed?: boolean;
  satisfied?: boolean;
  mergeInto?: number;
};

// What an action needs in its body, checked before anything is read.
const hasReason = (b: ActionBody) => !!b.note?.trim();
const REQUIRED: Partial<Record<EventAction, [ok: (b: ActionBody) => boolean, what: string]>> = {
  dispatch: [(b) => typeof b.leadUnitId === 'number', 'leadUnitId'],
  verify: [(b) => typeof b.passed === 'boolean', 'passed (true or false)'],
  rate: [(b) => typeof b.satisfied === 'boolean', 'satisfied (true or false)'],
  merge: [(b) => typeof b.mergeInto === 'number', 'mergeInto (the event it duplicates)'],
  return: [hasReason, 'a note giving the reason'],
  reject: [hasReason, 'a note giving the reason'],
  suspend: [hasReason, 'a note giving the reason'],
};

/** Throws request.invalid when the body lacks what the action needs. */
const requireBody = (action: EventAction, body: ActionBody) => {
  const rule = REQUIRED[action];
  if (rule && !rule[0](body)) throw new AppError('request.invalid', `${action} needs ${rule[1]}`);
};

/** The fields a state change sets: the new step and its deadline, and the books kept on steps. */
const stepChange = (calendar: Calendar, limits: Limits, row: repo.EventRow, to: EventState, now: Date): Updateable<EventsTable> => {
  const step = STEP_OF[to];
  const lateLeaving = row.deadline !== null && row.deadline < now && !row.suspended;
  return {
    state: to,
    step,
    step_started_at: step ? now : null,
    deadline: step ? addWorkingTime(calendar, now, limits[step]) : null,
    overdue_steps: row.overdue_steps + (lateLeaving ? 1 : 0),
    suspended: false,
    suspended_at: null,
  };
};

/** Fields particular to an action, beyond the state change. */
const actionEffects = (action: EventAction, row: repo.EventRow, body: ActionBody, calendar: Calendar, now: Date): Updateable<EventsTable> => {
  switch (action) {
    case 'accept': return { accepted_at: now };
    case 'dispatch': return { lead_unit_id: body.leadUnitId!, assist_unit_ids: body.assistUnitIds ?? [] };
    case 'settle': return { settled_on_spot: true };
    case 'close': return { closed_at: now };
    case 'merge': return { merged_into: body.mergeInto! };
    case 'rate': return body.satisfied ? { satisfied: true } : { satisfied: false, reopen_count: row.reopen_count + 1, closed_at: null };
    case 'reopen': return { reopen_count: row.reopen_count + 1, closed_at: null, satisfied: null };
    case 'urge': return { urge_count: row.urge_count + 1 };
    case 'supervise': return { supervise_count: row.supervise_count + 1 };
    case 'suspend': return { suspended: true, suspended_at: now };
    case 'resume': {
      // The clock stood still while suspended: the deadline moves by the working time it lost.
      const lost = row.suspended_at ? workingMsBetween(calendar, row.suspended_at, now) : 0;
      const deadline = row.deadline ? addWorkingTime(calendar, row.deadline, { hours: lost / 3_600_000 }) : null;
      return { suspended: false, suspended_at: null, deadline };
    }
    case 'escalate': return escalation(row);
    default: return {};
  }
};

/** The fields an escalation sets; marking the step escalated keeps the worker from doing it twice. */
export const escalation = (row: repo.EventRow): Updateable<EventsTable> => {
  const up = escalationOf(row.level, row.area_code);
  return up ? { level: up.level, handling_area: up.handlingArea, escalation_count: row.escalation_count + 1, escalated_step_at: row.step_started_at } : {};
};

/**
 * Applies an action. The change is computed from the event as read and written only to that version
 * of it (with its history line, in one statement); if someone changed the event meanwhile, it is read
 * again and the action re-checked. Throws auth.forbidden, event.not_found, event.invalid_transition,
 * request.invalid, unit.not_found, event.bad_photo, event.conflict.
 */
export const applyEventAction = async (deps: Deps, actor: Actor, id: number, action: EventAction, body: ActionBody) => {
  requirePermission(actor, 'event.read');
  requireBody(action, body);
  const [calendar, categories] = await Promise.all([calendarOf(deps), categoriesOf(deps)]);
  const photoIds = body.photoIds ?? [];
  await assertPhotosUsable(deps, photoIds, actor.userId);
  if (action === 'dispatch') await getDispatchableUnits(deps, actor, [body.leadUnitId!, ...(body.assistUnitIds ?? [])]);
  if (action === 'merge') {
    const target = await repo.getEvent(deps.db, body.mergeInto!);
    if (!target || target.id === id || !canSeeEvent(actor, factsOf(target))) throw new AppError('event.not_found', `No event ${body.mergeInto} to merge into`);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = await repo.getEvent(deps.db, id);
    if (!row || !canSeeEvent(actor, factsOf(row))) throw new AppError('event.not_found', `No event ${id} in your area`);
    const facts = factsOf(row);
    const to = nextState(facts.state, action, facts, body);
    if (to === null) throw new AppError('event.invalid_transition', `Cannot ${action} an event that is ${row.state}${row.suspended ? ' (suspended)' : ''}`, { state: row.state, action });
    if (!mayApply(actor, facts, action)) throw new AppError('auth.forbidden', `Your role may not ${action} this event`);
    const limits = categories.get(row.category_code)?.limits;
    if (!limits) throw new AppError('event.unknown_category', `事件类别 ${row.category_code} 不存在 (unknown category)`);
    const now = deps.clock();
    const set = { ...(to !== row.state ? stepChange(calendar, limits, row, to, now) : {}), ...actionEffects(action, row, body, calendar, now), updated_at: now };
    const history = {
      at: now, actor_id: actor.userId || null, actor_name: actor.username, action, from_state: row.state, to_state: to, note: body.note ?? null,
      details: { ...(body.leadUnitId && { leadUnitId: body.leadUnitId, assistUnitIds: body.assistUnitIds ?? [] }), ...(body.passed !== undefined && { passed: body.passed }), ...(body.satisfied !== undefined && { satisfied: body.satisfied }), ...(body.mergeInto && { mergeInto: body.mergeInto }), ...(set.level && { level: set.level }) },
    };
    const historyId = await repo.applyChange(deps.db, id, row.version, set, { ...history, details: JSON.stringify(history.details) }, photoIds);
    if (historyId === null) continue; // changed since read: read again, check again
    const after = { ...row, ...set, version: row.version + 1 } as repo.EventRow;
    publishEventChange(deps, { id, code: row.code, areaCode: after.area_code, handlingArea: after.handling_area, leadUnitId: after.lead_unit_id, reporterUserId: after.reporter_user_id, state: to });
    const units = new Map((await getUnitsByIds(deps, [after.lead_unit_id, ...after.assist_unit_ids].filter((x): x is number => x !== null).map(Number))).map((u) => [u.id, u]));
    return {
      ...presentEvent(after, actor, { calendar, now, units, categoryName: categories.get(row.category_code)?.name ?? row.category_code }),
      historyEntry: { id: historyId, at: now.toISOString(), actorName: actor.username, action, fromState: row.state, toState: to, note: history.note, photoIds, details: history.details },
    };
  }
  throw new AppError('event.conflict', '事件正在被他人处理，请刷新后重试 (the event changed; reload and try again)');
};
