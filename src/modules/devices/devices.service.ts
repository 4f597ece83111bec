// Devices, venues, alerts and announced openings as the console and the phone pages see them, the
// binding of a device to what it watches, and the HTTP path for devices that cannot speak NATS.
import { requirePermission, scopeWithin, type Actor } from '../../lib/actor.ts';
import { chinaDay } from '../../lib/china-time.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { maskName } from '../../lib/masking.ts';
import { inScope } from '../../lib/scope.ts';
import type { AlertKind, AnnouncementReason, VenueKind } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { isGridStaff } from '../../lib/roles.ts';
import { messageIdOf, readingSchema, STREAM_KINDS, type ReadingInput } from './device-reading.ts';
import type { DevicePipeline } from './device-pipeline.ts';
import { TERMINAL_STATES } from '../events/event-machine.ts';
import { canSeeEvent } from '../events/events.policy.ts';
import { householdForCaller } from '../registry/registry.service.ts';
import * as repo from './devices.repo.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;
/** A handler sees what their unit manages; everyone else their area. */
const unitOf = (actor: Actor) => (actor.roles.includes('handler') ? actor.unitId : null);

const presentDevice = (d: repo.DeviceRow) => ({
  id: d.id, serial: d.serial, kind: d.kind, name: d.name, status: d.status, battery: d.battery, lastSeenAt: iso(d.last_seen_at), lastReading: d.last_reading ?? null,
  gridCode: d.area_code, address: d.address, lng: d.lng, lat: d.lat, openAlerts: Number(d.open_alerts ?? 0),
  householdId: d.household_id,
  measure: d.measure_id ? { id: d.measure_id, kind: d.measure_kind, personName: maskName(d.measure_person ?? ''), startDate: d.measure_start, endDate: d.measure_end } : null,
  venue: d.venue_id ? { id: d.venue_id, name: d.venue_name } : null,
  checkpoint: d.checkpoint_id ? { id: d.checkpoint_id, name: d.checkpoint_name } : null,
});

export const listDevices = async (deps: Deps, actor: Actor, q: { area?: string; kind?: string; status?: repo.ShownStatus; q?: string; venueId?: number; limit: number; offset: number }) => {
  requirePermission(actor, 'device.read');
  const scope = scopeWithin(actor, q.area);
  const [{ items, total }, counts] = await Promise.all([repo.listDevices(deps.db, { ...q, scope }), repo.deviceCounts(deps.db, scope)]);
  return { items: items.map(presentDevice), total, counts: counts.map((c) => ({ kind: c.kind, status: c.status, count: Number(c.n) })) };
};

const loadDevice = async (deps: Deps, actor: Actor, id: number) => {
  requirePermission(actor, 'device.read');
  const d = await repo.getDevice(deps.db, id);
  if (!d || !inScope(actor.scope, d.area_code)) throw new AppError('device.not_found', `No device ${id} in your area`);
  return d;
};

export const getDevice = async (deps: Deps, actor: Actor, id: number) => {
  const d = await loadDevice(deps, actor, id);
  const alerts = await repo.listAlerts(deps.db, { scope: actor.scope, unitId: null, thingId: id, limit: 20, offset: 0 });
  return { ...presentDevice(d), alerts: alerts.items.map((a) => presentAlert(actor, a)) };
};

export type Binding = { measureId?: number; venueId?: number; checkpointId?: number };

/**
 * Binds a device to what it watches: a door sensor to a control measure (and so to the person's
 * household, for as long as the measure lasts), a counter to a venue, a face gate to a checkpoint.
 * An empty binding unbinds. Throws device.bad_binding, area.out_of_scope.
 */
export const bindDevice = async (deps: Deps, actor: Actor, id: number, b: Binding) => {
  requirePermission(actor, 'device.manage');
  const d = await loadDevice(deps, actor, id);
  const set = { household_id: null as number | null, measure_id: null as number | null, venue_id: null as number | null, checkpoint_id: null as number | null };
  const bad = (why: string) => new AppError('device.bad_binding', why);
  if (b.measureId !== undefined) {
    if (d.kind !== 'door_sensor') throw bad('只有门磁可绑定居家管控措施');
    const m = await repo.getMeasure(deps.db, b.measureId);
    if (!m || !inScope(actor.scope, m.area_code)) throw bad(`No control measure ${b.measureId} in your area`);
    if (m.household_id === null) throw bad('该管控对象未登记户，无法绑定门磁');
    // The sensor sits on that household's door: it takes the address when it has none of its own.
    Object.assign(set, { measure_id: m.id, household_id: m.household_id }, d.address === null && m.address_id !== null ? { address_id: m.address_id } : {});
  } else if (b.venueId !== undefined) {
    if (d.kind !== 'people_counter') throw bad('只有客流计数器可绑定场所');
    const v = await repo.getVenue(deps.db, b.venueId);
    if (!v || !inScope(actor.scope, v.area_code)) throw bad(`No venue ${b.venueId} in your area`);
    set.venue_id = v.id;
  } else if (b.checkpointId !== undefined) {
    if (d.kind !== 'face_gate') throw bad('只有人脸识别闸机可绑定卡口');
    const c = await deps.db.selectFrom('checkpoints').select(['id', 'area_code']).where('id', '=', b.checkpointId).executeTakeFirst();
    if (!c || !inScope(actor.scope, c.area_code)) throw bad(`No checkpoint ${b.checkpointId} in your area`);
    set.checkpoint_id = c.id;
  }
  await deps.db.transaction().execute(async (trx) => {
    await repo.bindDevice(trx, id, set);
    await recordAudit(trx, actor, { action: 'device.bind', targetType: 'thing', targetId: id, areaCode: d.area_code, details: b });
  });
  return getDevice(deps, actor, id);
};

/** Measures in scope that have not ended, each with the door sensor bound to it: what the binding form offers. */
export const listActiveMeasures = async (deps: Deps, actor: Actor, area?: string) => {
  requirePermission(actor, 'device.read');
  const rows = await repo.activeMeasures(deps.db, scopeWithin(actor, area), chinaDay(deps.clock()));
  return {
    items: rows.map((m) => ({
      id: m.id, kind: m.kind, personName: maskName(m.name), gridCode: m.area_code, startDate: m.start_date, endDate: m.end_date, householdId: m.household_id,
      device: m.device_id ? { id: m.device_id, serial: m.serial } : null,
    })),
  };
};

// Venues.
const presentVenue = (v: repo.VenueRow) => ({
  id: v.id, code: v.code, name: v.name, kind: v.kind, capacity: v.capacity, gridCode: v.area_code, address: v.address_text, lng: v.lng, lat: v.lat,
  managerUnit: v.manager_unit_id ? { id: v.manager_unit_id, name: v.manager_unit_name } : null,
  occupancy: v.occupancy, crowded: v.crowded, occupancyAt: iso(v.occupancy_at), load: Math.round((v.occupancy / v.capacity) * 1000) / 1000, counters: Number(v.counters ?? 0),
});

export const listVenues = async (deps: Deps, actor: Actor, q: { area?: string; limit: number; offset: number }) => {
  requirePermission(actor, 'device.read');
  const { items, total } = await repo.listVenues(deps.db, scopeWithin(actor, q.area), unitOf(actor), q.limit, q.offset);
  return { items: items.map(presentVenue), total };
};

export const getVenue = async (deps: Deps, actor: Actor, id: number) => {
  requirePermission(actor, 'device.read');
  const v = await repo.getVenue(deps.db, id);
  if (!v || !(inScope(actor.scope, v.area_code) || (unitOf(actor) !== null && v.manager_unit_id === unitOf(actor)))) throw new AppError('venue.not_found', `No venue ${id} in your area`);
  return presentVenue(v);
};

export type NewVenue = { code: string; name: string; kind: VenueKind; capacity: number; gridCode: string; address?: string; lng?: number; lat?: number; managerUnitId?: number };

/** Registers a venue in a grid of the caller's. Throws area.out_of_scope, venue.duplicate_code. */
export const createVenue = async (deps: Deps, actor: Actor, input: NewVenue) => {
  requirePermission(actor, 'device.manage');
  if (!inScope(actor.scope, input.gridCode)) throw new AppError('area.out_of_scope', `网格 ${input.gridCode} 不在您的管辖范围内`);
  const grid = await deps.db.selectFrom('grids').select('code').where('code', '=', input.gridCode).executeTakeFirst();
  if (!grid) throw new AppError('request.invalid', `No grid ${input.gridCode}`);
  if (await repo.venueCodeTaken(deps.db, input.code)) throw new AppError('venue.duplicate_code', `场所编码 ${input.code} 已被使用`);
  const { id } = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertVenue(trx, {
      code: input.code, name: input.name, kind: input.kind, capacity: input.capacity, area_code: input.gridCode, county_code: input.gridCode.slice(0, 6),
      address_text: input.address ?? null, lng: input.lng ?? null, lat: input.lat ?? null, manager_unit_id: input.managerUnitId ?? null, created_by: actor.userId,
    });
    await recordAudit(trx, actor, { action: 'venue.create', targetType: 'venue', targetId: row.id, areaCode: input.gridCode, details: { name: input.name, capacity: input.capacity } });
    return row;
  });
  return getVenue(deps, actor, id);
};

// Alerts.
const presentAlert = (actor: Actor, a: Awaited<ReturnType<typeof repo.listAlerts>>['items'][number]) => ({
  id: a.id, kind: a.kind, ruleId: a.rule_id, gridCode: a.area_code, message: a.message, details: a.details, firstAt: iso(a.first_at), lastAt: iso(a.last_at),
  occurrences: a.occurrences, clearedAt: iso(a.cleared_at), status: a.event_state && (TERMINAL_STATES as readonly string[]).includes(a.event_state) ? 'resolved' as const : 'open' as const,
  // A venue's managing unit sees its crowd alerts, and their event only once the event is dispatched to it.
  event: a.event_id ? {
    id: a.event_id, code: a.event_code, state: a.event_state,
    openable: canSeeEvent(actor, { areaCode: a.event_area_code!, leadUnitId: a.event_lead_unit_id, assistUnitIds: a.event_assist_unit_ids ?? [], reporterUserId: a.event_reporter_user_id }),
  } : null,
  // Why there is no event yet, when making it failed; it is tried again at nextAttemptAt.
  eventFailure: !a.event_id && a.dispatch_error ? { reason: a.dispatch_error, attempts: a.dispatch_attempts, nextAttemptAt: iso(a.dispatch_after) } : null,
  device: a.thing_id ? { id: a.thing_id, serial: a.serial, name: a.thing_name } : null,
  venue: a.venue_id ? { id: a.venue_id, name: a.venue_name } : null,
});

export const listAlerts = async (deps: Deps, actor: Actor, q: { area?: string; kind?: AlertKind; status?: 'open' | 'resolved'; venueId?: number; limit: number; offset: number }) => {
  requirePermission(actor, 'device.read');
  const { items, total } = await repo.listAlerts(deps.db, { ...q, scope: scopeWithin(actor, q.area), unitId: unitOf(actor) });
  return { items: items.map((a) => presentAlert(actor, a)), total };
};

// Announced openings (报备开门).
const householdToAnnounce = async (deps: Deps, actor: Actor, householdId?: number) => {
  requirePermission(actor, 'device.announce');
  return householdForCaller(deps, actor, householdId);
};

export type Announcement = { householdId?: number; reason: AnnouncementReason; startsAt?: string; minutes: number; note?: string };

/** Announces an opening of a household's door in advance. Throws announcement.bad_window, household.not_found. */
export const announceOpening = async (deps: Deps, actor: Actor, input: Announcement) => {
  const h = await householdToAnnounce(deps, actor, input.householdId);
  const now = deps.clock();
  const startsAt = input.startsAt ? new Date(input.startsAt) : now;
  if (Number.isNaN(startsAt.getTime())) throw new AppError('announcement.bad_window', 'startsAt is not a time');
  if (startsAt.getTime() < now.getTime() - 5 * 60_000) throw new AppError('announcement.bad_window', '只能提前报备，不能补报过去的开门');
  if (startsAt.getTime() > now.getTime() + 7 * 86_400_000) throw new AppError('announcement.bad_window', '最多提前 7 天报备');
  const row = await deps.db.transaction().execute(async (trx) => {
    const r = await repo.insertAnnouncement(trx, {
      household_id: h.id, reason: input.reason, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + input.minutes * 60_000), note: input.note ?? null, area_code: h.area_code, created_by: actor.userId,
    });
    await recordAudit(trx, actor, { action: 'device.announce', targetType: 'household', targetId: h.id, areaCode: h.area_code, details: { reason: input.reason, minutes: input.minutes } });
    return r;
  });
  return presentAnnouncement(row);
};

const presentAnnouncement = (a: Awaited<ReturnType<typeof repo.insertAnnouncement>>) => ({
  id: a.id, householdId: a.household_id, reason: a.reason, startsAt: a.starts_at.toISOString(), endsAt: a.ends_at.toISOString(), note: a.note, gridCode: a.area_code, createdAt: a.created_at.toISOString(),
});

export const listAnnouncements = async (deps: Deps, actor: Actor, householdId?: number) => {
  const h = await householdToAnnounce(deps, actor, householdId);
  const rows = await repo.listAnnouncements(deps.db, h.id, new Date(deps.clock().getTime() - 86_400_000));
  return { items: rows.map(presentAnnouncement) };
};

/** Households under observation with a bound door sensor: the field page's list to announce for. */
export const observedHouseholds = async (deps: Deps, actor: Actor, area?: string) => {
  requirePermission(actor, 'device.announce');
  if (!isGridStaff(actor.roles) && !actor.permissions.has('device.manage')) throw new AppError('auth.forbidden', 'Grid staff and operators only');
  const rows = await repo.observedHouseholds(deps.db, scopeWithin(actor, area), chinaDay(deps.clock()));
  return {
    items: rows.map((r) => ({
      householdId: r.household_id, headName: maskName(r.head_name), personName: maskName(r.person_name), address: r.address, gridCode: r.area_code,
      measure: { kind: r.kind, endDate: r.end_date }, device: { id: r.device_id, serial: r.serial, status: r.status },
    })),
  };
};

/**
 * Readings over HTTP, for devices that cannot reach NATS: every reading is checked (shape, a device we
 * know, in the gateway's area) and, only if all are good, published into the same stream. Throws
 * device.bad_readings with each problem's index.
 */
export const ingestReadings = async (deps: Deps, actor: Actor, pipeline: DevicePipeline, readings: readonly unknown[]) => {
  requirePermission(actor, 'device.ingest');
  const problems: { index: number; serial?: string; reason: string }[] = [];
  const good: { index: number; r: ReadingInput }[] = [];
  readings.forEach((raw, index) => {
    const p = readingSchema.safeParse(raw);
    if (p.success) good.push({ index, r: p.data });
    else problems.push({ index, reason: p.error.issues.map((i) => `${i.path.join('.') || '(reading)'}: ${i.message}`).join('; ') });
  });
  const known = new Map((await repo.thingsBySerial(deps.db, [...new Set(good.map((g) => g.r.serial))])).map((t) => [t.serial, t]));
  for (const { index, r } of good) {
    const t = known.get(r.serial);
    if (!t || !inScope(actor.scope, t.area_code)) problems.push({ index, serial: r.serial, reason: '未登记的设备（或不在本网关的区域内）' });
    else if (!(STREAM_KINDS as readonly string[]).includes(t.kind)) problems.push({ index, serial: r.serial, reason: `设备类型 ${t.kind} 不上报读数` });
    else if (t.status === 'retired') problems.push({ index, serial: r.serial, reason: '设备已报废' });
  }
  if (problems.length) {
    problems.sort((a, b) => a.index - b.index);
    throw new AppError('device.bad_readings', `第 ${problems[0]!.index + 1} 条读数有误：${problems[0]!.reason}（共 ${problems.length} 条有误，未接收任何读数）`, problems);
  }
  const { duplicates } = await pipeline.publish(good.map(({ r }) => {
    const t = known.get(r.serial)!;
    return { subject: pipeline.subject(t.county_code, t.kind), data: new TextEncoder().encode(JSON.stringify(r)), msgId: messageIdOf(r) };
  }));
  return { accepted: good.length - duplicates, duplicates };
};
