// Reporting events and reading them: creation from any channel (idempotent), the event page with its
// history and allowed actions, and scoped lists.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { violatesUnique } from '../../lib/db-errors.ts';
import { AppError } from '../../lib/errors.ts';
import { inScope } from '../../lib/scope.ts';
import { addWorkingTime } from '../../lib/working-time.ts';
import { locate, resolvePoint } from '../areas/addresses.service.ts';
import { calendarOf } from '../calendar/calendar.service.ts';
import { assertPhotosUsable } from '../files/files.service.ts';
import { getUnitsByIds } from '../units/units.service.ts';
import { categoriesOf, getCategory } from './catalogue.service.ts';
import { STEP_OF, TERMINAL_STATES } from './event-machine.ts';
import { canSeeEvent, eventReach, reportReach } from './events.policy.ts';
import { factsOf, presentEvent } from './event-present.ts';
import { boxFilter, type Box } from './inbox.service.ts';
import { publishEventChange } from './live.ts';
import * as repo from './events.repo.ts';

/** Who the history names for what the platform did by itself (an alert, a check-in, a deadline). */
export const SYSTEM_ACTOR = '系统';

export const CHANNELS = ['grid_patrol', 'resident', 'hotline_12345', 'police_110', 'device', 'risk_warning', 'screening', 'risk_zone', 'checkin', 'upstream', 'leader'] as const;
export type Channel = (typeof CHANNELS)[number];

export type CreateEventInput = {
  categoryCode: string;
  channel: Channel;
  description: string;
  lng?: number | null;
  lat?: number | null;
  addressText?: string | null;
  addressId?: number | null;
  /** Only for events raised by the system itself (a screening outcome): the grid, when no address or point is known. */
  areaCode?: string | null;
  photoIds?: number[];
  reporterName?: string | null;
  reporterPhone?: string | null;
};

const trackingCode = (id: number, at: Date) => `SJ${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '')}${String(id).padStart(8, '0')}`;

/** Where it happened: a library address (text or id) or a point, resolved to a grid. Throws event.no_location. */
const placeOf = async (deps: Deps, input: CreateEventInput) => {
  const point = input.lng != null && input.lat != null ? { lng: input.lng, lat: input.lat } : null;
  if (input.addressId || input.addressText?.trim()) {
    try {
      const where = await locate(deps, { addressId: input.addressId, addressText: input.addressText });
      return { ...where, lng: point?.lng ?? where.lng, lat: point?.lat ?? where.lat };
    } catch (e) {
      if (!point) throw new AppError('event.no_location', e instanceof AppError ? e.message : '地址无法识别');
    }
  }
  if (!point && input.areaCode) return { areaCode: input.areaCode, addressId: null, addressText: input.addressText?.trim() || null, lng: null, lat: null };
  if (!point) throw new AppError('event.no_location', '请提供位置：地址或坐标 (give an address or a point)');
  const { gridCode } = await resolvePoint(deps, point.lng, point.lat);
  if (!gridCode) throw new AppError('event.no_location', `坐标 ${point.lng},${point.lat} 不在任何网格内`);
  return { areaCode: gridCode, addressId: null, addressText: input.addressText?.trim() || null, ...point };
};

const requestHash = (input: CreateEventInput) => createHash('sha256').update(JSON.stringify(input)).digest('hex');

/**
 * Reports an event. With an idempotency key, a retry returns the first result and the same key with
 * another body is refused; keys are per user, and the system's own (no actor) are one more space.
 * Throws auth.forbidden, event.unknown_category, event.no_location, area.out_of_scope,
 * event.bad_photo, event.idempotency_conflict.
 */
export const createEvent = async (deps: Deps, actor: Actor | null, input: CreateEventInput, idempotencyKey?: string) => {
  if (actor) requirePermission(actor, 'event.report');
  const existing = idempotencyKey ? await repo.findByIdempotencyKey(deps.db, actor?.userId ?? null, idempotencyKey) : undefined;
  // The system's key names the event's subject (an alert), whose text may have grown since.
  if (existing && !actor) return { id: existing.id, code: existing.code };
  if (existing && actor) {
    if (existing.idempotency_hash !== requestHash(input)) throw new AppError('event.idempotency_conflict', 'This Idempotency-Key was used with another request body');
    return getEventDetail(deps, actor, existing.id);
  }
  const category = await getCategory(deps, input.categoryCode);
  const place = await placeOf(deps, input);
  // The public (no actor) may report anywhere.
  if (actor && !inScope(reportReach(actor), place.areaCode)) throw new AppError('area.out_of_scope', `事件位置不在您的管辖范围内 (${place.areaCode})`);
  const photoIds = input.photoIds ?? [];
  await assertPhotosUsable(deps, photoIds, actor?.userId ?? null);
  const calendar = await calendarOf(deps);
  const now = deps.clock();
  const id = await repo.reserveEventId(deps.db);
  const row: repo.EventRow = {
    id, code: trackingCode(id, now), category_code: category.code, channel: input.channel, description: input.description,
    state: 'reported', level: 'street', priority: category.priority, county_code: place.areaCode.slice(0, 6), area_code: place.areaCode,
    handling_area: place.areaCode.slice(0, 9), address_id: place.addressId, address_text: place.addressText, lng: place.lng, lat: place.lat,
    reporter_user_id: actor?.userId ?? null, reporter_name: input.reporterName ?? actor?.username ?? null, reporter_phone: input.reporterPhone ?? null,
    photo_ids: photoIds, step: STEP_OF.reported, step_started_at: now, deadline: addWorkingTime(calendar, now, category.limits.accept),
    created_by: actor?.userId ?? null, idempotency_key: idempotencyKey ?? null, idempotency_hash: idempotencyKey ? requestHash(input) : null,
    created_at: now, updated_at: now,
    suspended: false, suspended_at: null, lead_unit_id: null, assist_unit_ids: [], escalated_step_at: null, escalation_count: 0, overdue_steps: 0,
    reopen_count: 0, urge_count: 0, supervise_count: 0, settled_on_spot: false, satisfied: null, merged_into: null, accepted_at: null, closed_at: null, version: 0,
  };
  const history = {
    event_id: id, at: now, actor_id: actor?.userId ?? null, actor_name: actor?.username ?? input.reporterName ?? (input.channel === 'resident' ? '群众' : SYSTEM_ACTOR), action: 'report',
    from_state: null, to_state: 'reported', note: null, photo_ids: photoIds, details: { channel: input.channel },
  };
  let historyId: number;
  try {
    historyId = await repo.insertReportedEvent(deps.db, row, { ...history, details: JSON.stringify(history.details) }, photoIds);
  } catch (err) {
    // Two tries of the system's own at once (a worker and the request that stored the alert): the first event stands.
    const first = !actor && idempotencyKey && violatesUnique(err, 'events_system_idempotency_idx') ? await repo.findByIdempotencyKey(deps.db, null, idempotencyKey) : undefined;
    if (first) return { id: first.id, code: first.code };
    throw err;
  }
  publishEventChange(deps, { id, code: row.code, areaCode: place.areaCode, handlingArea: row.handling_area, leadUnitId: null, reporterUserId: row.reporter_user_id, state: 'reported' });
  if (!actor) return { id, code: row.code };
  // The answer is built from what was written: no second read on the hot path.
  return {
    ...presentEvent(row, actor, { calendar, now, units: new Map(), categoryName: category.name }),
    history: [{ id: historyId, at: now.toISOString(), actorName: history.actor_name, action: 'report', fromState: null, toState: 'reported', note: null, photoIds, details: history.details }],
    possibleDuplicates: [],
  };
};

/** The event page: details, history, allowed actions, possible duplicates. Throws event.not_found. */
export const getEventDetail = async (deps: Deps, actor: Actor, id: number) => {
  requirePermission(actor, 'event.read');
  const e = await repo.getEvent(deps.db, id);
  if (!e || !canSeeEvent(actor, factsOf(e))) throw new AppError('event.not_found', `No event ${id} in your area`);
  const [calendar, categories, history] = await Promise.all([calendarOf(deps), categoriesOf(deps), repo.listHistory(deps.db, id)]);
  const units = new Map((await getUnitsByIds(deps, [e.lead_unit_id, ...e.assist_unit_ids].filter((x): x is number => x !== null).map(Number))).map((u) => [u.id, u]));
  const categoryName = categories.get(e.category_code)?.name ?? e.category_code;
  const duplicates = e.state === 'reported' && e.lng !== null && e.lat !== null
    ? await repo.findNearbyOpen(deps.db, { id, category: e.category_code, lng: e.lng, lat: e.lat, since: new Date(e.created_at.getTime() - 7 * 86_400_000) })
    : [];
  return {
    ...presentEvent(e, actor, { calendar, now: deps.clock(), units, categoryName }),
    history: history.map((h) => ({
      id: h.id, at: h.at.toISOString(), actorName: h.actor_name, action: h.action, fromState: h.from_state, toState: h.to_state,
      note: h.note, photoIds: h.photo_ids.map(Number), details: h.details ?? null,
    })),
    possibleDuplicates: duplicates.map((d) => ({ id: d.id, code: d.code, description: d.description, state: d.state, createdAt: d.created_at.toISOString() })),
  };
};

export type ListQuery = Omit<repo.EventFilter, 'scope' | 'unitId' | 'viewerId' | 'overdueAt'> & { overdue?: boolean; box?: Box };

/** Events the caller may see, filtered and paged; `box` narrows to one inbox box. Throws auth.forbidden, request.invalid. */
export const listEventsFor = async (deps: Deps, actor: Actor, q: ListQuery) => {
  requirePermission(actor, 'event.read');
  const now = deps.clock();
  const { box, overdue, ...filters } = q;
  const boxed = box ? boxFilter(actor, box, now) : {};
  if (boxed === null) throw new AppError('request.invalid', `The box ${box} is not one of yours`);
  const { items, total, totalCapped } = await repo.listEvents(deps.db, { ...filters, ...eventReach(actor), ...boxed, ...(overdue && { overdueAt: now }) });
  const [calendar, categories] = await Promise.all([calendarOf(deps), categoriesOf(deps)]);
  const units = new Map((await getUnitsByIds(deps, [...new Set(items.flatMap((e) => (e.lead_unit_id ? [e.lead_unit_id] : [])))])).map((u) => [u.id, u]));
  return { total, totalCapped, items: items.map((e) => presentEvent(e, actor, { calendar, now, units, categoryName: categories.get(e.category_code)?.name ?? e.category_code })) };
};
/**
 * A line of the system's own in the history of an event still open (a check-in that joined it), written
 * with `alongside` in one transaction while the event is locked; nothing is written when `alongside`
 * answers false. Null when the event has closed (or does not exist), so the caller can open another.
 */
export const addSystemLine = async (
  deps: Deps, eventId: number, line: { action: string; note: string; details: unknown },
  alongside: (trx: Kysely<DB>) => Promise<boolean>,
): Promise<{ id: number; code: string } | null> => {
  const now = deps.clock();
  const change = await deps.db.transaction().execute(async (trx) => {
    const e = await repo.lockOpenEvent(trx, eventId, TERMINAL_STATES);
    if (!e) return null;
    if (!(await alongside(trx))) return { e, wrote: false };
    await repo.insertHistory(trx, {
      event_id: e.id, at: now, actor_id: null, actor_name: SYSTEM_ACTOR, action: line.action, from_state: e.state, to_state: e.state,
      note: line.note, details: JSON.stringify(line.details),
    });
    return { e, wrote: true };
  });
  if (!change) return null;
  const { e, wrote } = change;
  if (wrote) publishEventChange(deps, { id: e.id, code: e.code, areaCode: e.area_code, handlingArea: e.handling_area, leadUnitId: e.lead_unit_id, reporterUserId: e.reporter_user_id, state: e.state });
  return { id: e.id, code: e.code };
};
