// Risk zones (三区). Drawing one finds the addresses inside and commits the zone with them, so verify
// answers its colour at once (zoneOverlay); then its people's codes are stored in a transaction of their
// own, and every grid it touches gets one task in the closed loop (seal or control within the category's
// time limit). Zones step down on their timers; a new case restarts the count.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { requirePermission, type Actor } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { maskIdNumber, maskName } from '../../lib/masking.ts';
import { inScope, narrowScope } from '../../lib/scope.ts';
import type { ZoneLevel } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createEvent } from '../events/events.service.ts';
import { getUserActor } from '../users/auth.service.ts';
import { notifyCodes } from './colour.repo.ts';
import { currentColours, recolour } from './colour.service.ts';
import { chinaDay } from './colour-eval.ts';
import { commonArea, DEFAULT_TIMERS, geometryBBox, LEVEL_NAMES, nextStep, readZoneGeometry, type Timers, type ZoneGeometry } from './zone-rules.ts';
import * as repo from './zones.repo.ts';

export type DrawZone = { name: string; level: ZoneLevel; geometry: unknown; startAt?: string; timers?: Partial<Timers>; note?: string };

const TASK_CATEGORY = 'YJ0601';
const TASK_WORDS: Record<ZoneLevel, string> = {
  sealed: '封控：1 小时内完成封闭管理、人员摸排和居家管控',
  controlled: '管控：落实"人不出区、严禁聚集"，排查区内人员',
  precaution: '防范：落实"强化社会面管控、严格限制人员聚集"',
};

const present = (z: repo.ZoneRow) => {
  const step = z.status === 'active' ? nextStep({ level: z.level, levelSince: z.level_since, lastCaseAt: z.last_case_at, timers: z.timers as Timers }) : null;
  return {
    id: z.id, code: z.code, name: z.name, level: z.level, levelName: LEVEL_NAMES[z.level], status: z.status, areaCode: z.area_code,
    geometry: z.geometry, timers: z.timers, startAt: z.start_at.toISOString(), levelSince: z.level_since.toISOString(),
    lastCaseAt: z.last_case_at?.toISOString() ?? null, liftedAt: z.lifted_at?.toISOString() ?? null,
    nextStep: step ? { to: step.to, at: step.at.toISOString() } : null,
  };
};

const canSee = (actor: Actor, z: repo.ZoneRow) => inScope(actor.scope, z.area_code) || inScope(z.area_code, actor.scope);

const load = async (deps: Deps, actor: Actor, id: number) => {
  requirePermission(actor, 'healthcode.read');
  const z = await repo.getZone(deps.db, id);
  if (!z || !canSee(actor, z)) throw new AppError('zone.not_found', `No risk zone ${id} in your area`);
  return z;
};

const loadToManage = async (deps: Deps, actor: Actor, id: number) => {
  requirePermission(actor, 'zone.manage');
  const z = await load(deps, actor, id);
  if (!inScope(actor.scope, z.area_code)) throw new AppError('area.out_of_scope', '该风险区跨出您的管辖范围，由上级调整');
  return z;
};

/** The addresses whose point lies inside the shape. */
const addressesInside = async (deps: Deps, g: ZoneGeometry) => {
  const candidates = await repo.addressesInBox(deps.db, geometryBBox(g));
  return candidates.filter((a) => booleanPointInPolygon([a.lng, a.lat], g));
};

export const drawZone = async (deps: Deps, actor: Actor, input: DrawZone) => {
  requirePermission(actor, 'zone.manage');
  const shape = readZoneGeometry(input.geometry);
  if (!shape.ok) throw new AppError('zone.bad_geometry', shape.reason);
  const inside = await addressesInside(deps, shape.geometry);
  if (inside.length === 0) throw new AppError('zone.empty', '所画范围内没有任何地址');
  const grids = [...new Set(inside.map((a) => a.area_code))].sort();
  const outside = grids.filter((g) => !inScope(actor.scope, g));
  if (outside.length) throw new AppError('area.out_of_scope', `所画范围包含您管辖范围以外的网格：${outside.slice(0, 5).join('、')}`);
  const now = deps.clock();
  const startAt = input.startAt ? new Date(input.startAt) : now;
  if (Number.isNaN(startAt.getTime())) throw new AppError('request.invalid', 'startAt is not a time');
  const timers: Timers = { ...DEFAULT_TIMERS, ...input.timers };
  const area = commonArea(grids);
  const zone = await deps.db.transaction().execute(async (trx) => {
    const code = await repo.nextZoneCode(trx, `FK${chinaDay(now).replaceAll('-', '')}`);
    const z = await repo.insertZone(trx, {
      code, name: input.name, level: input.level, geometry: shape.geometry, area_code: area, timers, start_at: startAt, level_since: startAt, created_by: actor.userId,
    });
    await repo.insertZoneAddresses(trx, z.id, inside);
    await repo.addHistory(trx, { zone_id: z.id, at: now, action: 'draw', from_level: null, to_level: z.level, actor_name: actor.username, note: input.note ?? null });
    await recordAudit(trx, actor, { action: 'zone.draw', targetType: 'risk_zone', targetId: z.id, areaCode: area, details: { name: z.name, level: z.level, addresses: inside.length, grids: grids.length } });
    await notifyCodes(trx); // verifying processes take the zone into their overlay on commit
    return z;
  });
  // Should either fail or the process stop, the zone stays as drawn: verify keeps adding it, the worker
  // finishes its colours and the tasks of the grids still without one.
  await recolourZone(deps, zone.id).catch((err: unknown) => deps.log.error({ err, zone: zone.id }, 'zone recolouring failed; the worker will retry'));
  await fanOutTasks(deps, actor, zone).catch((err: unknown) => deps.log.error({ err, zone: zone.id }, 'zone tasks not all made; the worker will retry'));
  return getZone(deps, actor, zone.id);
};

/** Stores the colours a drawn zone gives its people, once; the zone leaves the overlay in the same transaction. */
export const recolourZone = (deps: Deps, id: number) =>
  deps.db.transaction().execute(async (trx) => {
    if (!(await repo.claimPending(trx, id))) return 0;
    const changed = await recolour(deps, await repo.personsInZone(trx, id), `zone:${id}`, trx);
    await repo.markRecoloured(trx, id, deps.clock());
    return changed;
  });

/** Finishes the recolouring of zones drawn over a minute ago whose own did not commit (the worker calls this). */
export const recolourPendingZones = async (deps: Deps, now: Date = deps.clock()) => {
  const ids = await repo.pendingZoneIds(deps.db, new Date(now.getTime() - 60_000));
  for (const id of ids) await recolourZone(deps, id);
  return ids.length;
};

/** Makes the grid tasks of zones drawn over a minute ago that their drawing did not finish, as the user who drew them (the worker calls this). */
export const fanOutMissingTasks = async (deps: Deps, now: Date = deps.clock()) => {
  const zones = await repo.zonesWithTasksPending(deps.db, new Date(now.getTime() - 60_000));
  for (const { username, ...z } of zones) {
    // One zone's trouble (its drawer since disabled, a category retired) must not stop the worker's other jobs.
    await getUserActor(deps, username).then((actor) => fanOutTasks(deps, actor, z))
      .catch((err: unknown) => deps.log.error({ err, zone: z.id }, 'zone tasks not all made; the worker will retry'));
  }
  return zones.length;
};

/** One task per grid the zone touches, through the closed loop, a few at a time; safe to run again. Notes when every grid has one. */
export const fanOutTasks = async (deps: Deps, actor: Actor, z: repo.ZoneRow) => {
  const done = new Set((await repo.tasksOf(deps.db, z.id)).map((t) => t.area_code));
  const todo = (await repo.gridsOfZone(deps.db, z.id)).filter((g) => !done.has(g));
  const next = async (): Promise<void> => {
    const grid = todo.shift();
    if (!grid) return;
    const event = await createEvent(deps, actor, {
      categoryCode: TASK_CATEGORY, channel: 'risk_zone', areaCode: grid,
      description: `${LEVEL_NAMES[z.level]}「${z.name}」（${z.code}）${TASK_WORDS[z.level]}。`,
    }, `risk-zone-${z.id}-${grid}`);
    await repo.insertTask(deps.db, { zone_id: z.id, area_code: grid, event_id: event.id });
    return next();
  };
  await Promise.all(Array.from({ length: deps.database.kind === 'postgres' ? 6 : 1 }, next));
  await repo.markTasksDone(deps.db, z.id, deps.clock());
};

export const listZones = async (deps: Deps, actor: Actor, q: { status?: 'active' | 'lifted'; limit: number; offset: number }) => {
  requirePermission(actor, 'healthcode.read');
  const { items, total } = await repo.listZones(deps.db, actor.scope, q.status, q.limit, q.offset);
  return { items: items.map(present), total };
};

/** A zone with, for the caller's part of it, per-grid counts, the grids' tasks and its history. */
export const getZone = async (deps: Deps, actor: Actor, id: number) => {
  const z = await load(deps, actor, id);
  const part = narrowScope(actor.scope, z.area_code)!; // the zone is visible, so they overlap
  const [grids, tasks, history] = await Promise.all([repo.countsByGrid(deps.db, id, part), repo.tasksOf(deps.db, id), repo.historyOf(deps.db, id)]);
  const total = grids.reduce((t, g) => ({ addresses: t.addresses + g.addresses, households: t.households + g.households, persons: t.persons + g.persons }), { addresses: 0, households: 0, persons: 0 });
  return {
    ...present(z), totals: total,
    grids: grids.map((g) => ({ gridCode: g.area_code, addresses: g.addresses, households: g.households, persons: g.persons })),
    tasks: tasks.filter((t) => inScope(part, t.area_code)).map((t) => ({ gridCode: t.area_code, eventId: t.event_id, eventCode: t.code, state: t.state, deadline: t.deadline?.toISOString() ?? null })),
    history: history.map((h) => ({ at: h.at.toISOString(), action: h.action, fromLevel: h.from_level, toLevel: h.to_level, actorName: h.actor_name, note: h.note })),
  };
};

type PartQuery = { grid?: string; limit: number; offset: number };

/** The part of a visible zone the caller sees, narrowed to one grid if asked. Throws area.out_of_scope. */
const partOf = async (deps: Deps, actor: Actor, id: number, grid?: string) => {
  const z = await load(deps, actor, id);
  const scope = narrowScope(narrowScope(actor.scope, z.area_code)!, grid);
  if (!scope) throw new AppError('area.out_of_scope', `网格 ${grid} 不在该风险区的可见范围内`);
  return scope;
};

export const zoneAddresses = async (deps: Deps, actor: Actor, id: number, q: PartQuery) => {
  const { items, total } = await repo.addressesInZone(deps.db, id, await partOf(deps, actor, id, q.grid), q.limit, q.offset);
  return { items: items.map((a) => ({ id: a.id, address: a.full_text, level: a.level, gridCode: a.area_code, households: a.households, persons: a.persons })), total };
};

export const zonePeople = async (deps: Deps, actor: Actor, id: number, q: PartQuery) => {
  const { items, total } = await repo.peopleInZone(deps.db, id, await partOf(deps, actor, id, q.grid), q.limit, q.offset);
  // While the zone's recolouring has not committed, the list says what the gates already answer.
  const colours = await currentColours(deps, items.map((p) => ({ addressId: p.address_id, colour: p.colour })));
  return { items: items.map((p, i) => ({ id: p.id, name: maskName(p.name), idNumber: maskIdNumber(p.id_number), gridCode: p.area_code, address: p.address_text, colour: colours[i]! })), total };
};

type Change = { action: 'level' | 'downgrade' | 'lift' | 'case'; to?: ZoneLevel; note?: string };

/** Applies a change to an active zone and recolours its people with it. */
const change = async (deps: Deps, actor: Actor | null, z: repo.ZoneRow, c: Change, at: Date) => {
  const updated = await deps.db.transaction().execute(async (trx) => {
    const u = c.action === 'lift' ? await repo.lift(trx, z.id, at)
      : c.action === 'case' ? await repo.recordCase(trx, z.id, at)
      : await repo.setLevel(trx, z.id, z.level, c.to!, at);
    if (!u) throw new AppError('zone.invalid_state', '风险区已解除或已被他人调整');
    await repo.addHistory(trx, { zone_id: z.id, at, action: c.action, from_level: z.level, to_level: c.action === 'lift' ? null : u.level, actor_name: actor?.username ?? '系统', note: c.note ?? null });
    if (actor) await recordAudit(trx, actor, { action: `zone.${c.action}`, targetType: 'risk_zone', targetId: z.id, areaCode: z.area_code, details: { from: z.level, to: u.level, note: c.note } });
    if (c.action !== 'case') {
      await recolour(deps, await repo.personsInZone(trx, z.id), `zone:${z.id}`, trx);
      await repo.markRecoloured(trx, z.id, at); // a zone still pending is folded in here too
    }
    return u;
  });
  return updated;
};

export const changeZone = async (deps: Deps, actor: Actor, id: number, c: { action: 'level' | 'lift' | 'case'; level?: ZoneLevel; note?: string }) => {
  const z = await loadToManage(deps, actor, id);
  if (z.status !== 'active') throw new AppError('zone.invalid_state', '风险区已解除');
  if (c.action === 'level' && (!c.level || c.level === z.level)) throw new AppError('request.invalid', 'level must name a different level');
  await change(deps, actor, z, { action: c.action, to: c.level, note: c.note }, deps.clock());
  return getZone(deps, actor, id);
};

/** Steps down every zone whose timer has run out (the worker calls this). */
export const downgradeDueZones = async (deps: Deps, now: Date = deps.clock()) => {
  const done: { id: number; to: string }[] = [];
  for (const z of await repo.activeZones(deps.db)) {
    const step = nextStep({ level: z.level, levelSince: z.level_since, lastCaseAt: z.last_case_at, timers: z.timers as Timers });
    if (!step || step.at > now) continue;
    const note = `${(z.timers as Timers)[z.level]} 天无新增病例，自动${step.to === 'lifted' ? '解除' : `降为${LEVEL_NAMES[step.to]}`}`;
    await change(deps, null, z, step.to === 'lifted' ? { action: 'lift', note } : { action: 'downgrade', to: step.to, note }, step.at);
    done.push({ id: z.id, to: step.to });
  }
  return done;
};
