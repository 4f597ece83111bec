// How an event row is shown: facts for the policy, the deadline colour, masking of the reporter.
import type { Actor } from '../../lib/actor.ts';
import { maskPhone } from '../../lib/masking.ts';
import { evaluateDeadlineColour, type Calendar } from '../../lib/working-time.ts';
import type { EventLevel, EventState } from './event-machine.ts';
import { allowedActions, type EventFacts } from './events.policy.ts';
import type { EventRow } from './events.repo.ts';

export const factsOf = (e: EventRow): EventFacts => ({
  state: e.state as EventState,
  level: e.level as EventLevel,
  suspended: e.suspended,
  areaCode: e.area_code,
  handlingArea: e.handling_area,
  leadUnitId: e.lead_unit_id,
  assistUnitIds: e.assist_unit_ids.map(Number),
  reporterUserId: e.reporter_user_id,
});

export type UnitName = { id: number; name: string };

export const presentEvent = (e: EventRow, actor: Actor, ctx: { calendar: Calendar; now: Date; units: ReadonlyMap<number, UnitName>; categoryName: string }) => ({
  id: e.id,
  code: e.code,
  categoryCode: e.category_code,
  categoryName: ctx.categoryName,
  channel: e.channel,
  description: e.description,
  state: e.state,
  level: e.level,
  priority: e.priority,
  suspended: e.suspended,
  gridCode: e.area_code,
  handlingArea: e.handling_area,
  addressId: e.address_id,
  address: e.address_text,
  lng: e.lng,
  lat: e.lat,
  reporterName: e.reporter_name,
  reporterPhone: e.reporter_phone ? maskPhone(e.reporter_phone) : null,
  leadUnit: e.lead_unit_id ? ctx.units.get(e.lead_unit_id) ?? { id: e.lead_unit_id, name: '' } : null,
  assistUnits: e.assist_unit_ids.map((id) => ctx.units.get(Number(id)) ?? { id: Number(id), name: '' }),
  photoIds: e.photo_ids.map(Number),
  step: e.step,
  stepStartedAt: e.step_started_at?.toISOString() ?? null,
  deadline: e.deadline?.toISOString() ?? null,
  colour: e.deadline && e.step_started_at && !e.suspended ? evaluateDeadlineColour(ctx.calendar, e.step_started_at, e.deadline, ctx.now) : null,
  escalationCount: e.escalation_count,
  overdueSteps: e.overdue_steps,
  reopenCount: e.reopen_count,
  urgeCount: e.urge_count,
  superviseCount: e.supervise_count,
  settledOnSpot: e.settled_on_spot,
  satisfied: e.satisfied,
  mergedInto: e.merged_into,
  createdAt: e.created_at.toISOString(),
  acceptedAt: e.accepted_at?.toISOString() ?? null,
  closedAt: e.closed_at?.toISOString() ?? null,
  allowedActions: allowedActions(actor, factsOf(e)),
});
