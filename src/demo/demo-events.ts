// Demo events: three weeks of the closed loop in 上城区, so the consoles, the map and the figures have
// something to show on first start. Each event is reported and moved through the loop by the real
// services on a simulated clock, so states, deadlines, overdue steps and history are all genuine.
import type { Actor } from '../lib/actor.ts';
import type { Deps } from '../lib/deps.ts';
import { createRng, type Rng } from '../lib/random.ts';
import { GRANTS, isRole, permissionsOf } from '../lib/roles.ts';
import { listCatalogue } from '../modules/events/catalogue.service.ts';
import { applyEventAction, type ActionBody } from '../modules/events/event-actions.service.ts';
import type { EventAction } from '../modules/events/event-machine.ts';
import { createEvent, type Channel } from '../modules/events/events.service.ts';
import { DEMO_COUNTY } from './demo-seed.ts';

const DAYS = 21;
const MINUTE = 60_000;

type Step = { action: EventAction; by: 'operator' | 'unit' | 'grid'; body?: (rng: Rng) => ActionBody };
// The usual road of an event, and the two short ones; an event stops somewhere along its road.
const ROADS: { weight: number; steps: Step[] }[] = [
  {
    weight: 80,
    steps: [
      { action: 'accept', by: 'operator' },
      { action: 'dispatch', by: 'operator' },
      { action: 'sign', by: 'unit' },
      { action: 'feedback', by: 'unit', body: () => ({ note: '已到现场处置完毕' }) },
      { action: 'verify', by: 'operator', body: (rng) => ({ passed: rng.chance(0.92), note: '现场核查' }) },
      { action: 'close', by: 'operator' },
      { action: 'rate', by: 'operator', body: (rng) => ({ satisfied: rng.chance(0.9), note: '电话回访' }) },
    ],
  },
  { weight: 14, steps: [{ action: 'settle', by: 'grid', body: () => ({ note: '网格员现场劝导，已整改' }) }, { action: 'close', by: 'operator' }] },
  { weight: 6, steps: [{ action: 'reject', by: 'operator', body: () => ({ note: '不属于受理范围，已告知' }) }] },
];
const CHANNELS: Channel[] = ['grid_patrol', 'grid_patrol', 'grid_patrol', 'hotline_12345', 'resident', 'police_110', 'device'];
const WORDS: Record<string, string> = {
  JG01: '沿街摊贩占道经营，影响行人通行', JG03: '小区垃圾桶满溢，周边堆放生活垃圾', JG07: '夜间施工噪音扰民', JG09: '消防通道旁长期违规停车',
  YJ0101: '楼道堆放杂物堵塞消防通道', YJ0102: '电动车在楼道内飞线充电', GF01: '人行道井盖缺失，存在安全隐患', GF02: '小区内路灯损坏多日未修',
  ZZ0101: '楼上楼下因漏水发生邻里纠纷', ZZ03: '装修工人反映被拖欠工资', GF06: '物业服务不到位，居民投诉', JG08: '餐饮店油烟直排影响居民',
};

const userActor = (u: { id: number; username: string; roles: string[]; area_code: string; unit_id: number | null }, unitArea?: string): Actor => {
  const roles = u.roles.filter(isRole);
  return { userId: u.id, username: u.username, roles, scope: unitArea ?? u.area_code, unitId: u.unit_id, personId: null, permissions: permissionsOf(roles), ip: null };
};

/** Someone of a unit without an account in the demo: acts in the history under the unit's name. */
const unitActor = (unit: { id: number; name: string; area_code: string }): Actor => ({
  userId: 0, username: `${unit.name}处置员`, roles: ['handler'], scope: unit.area_code, unitId: unit.id, personId: null, permissions: new Set(GRANTS.handler), ip: null,
});

/** Working hours of a day `daysAgo` before `now`, at a random minute (CST 08:30–17:30). */
const reportTime = (rng: Rng, now: Date, daysAgo: number) => {
  const day = new Date(now.getTime() - daysAgo * 86_400_000);
  day.setUTCHours(0, 30 + rng.int(0, 540), 0, 0); // 00:30–09:30 UTC = 08:30–17:30 CST
  return day;
};

/** Seeds `count` demo events up to `now`; returns how many were created. */
export const seedDemoEvents = async (deps: Deps, count = 120, now = deps.clock()) => {
  const rng = createRng(2024);
  let at = now;
  const sim: Deps = { ...deps, clock: () => at };
  const users = await deps.db.selectFrom('users').select(['id', 'username', 'roles', 'area_code', 'unit_id']).execute();
  const byName = new Map(users.map((u) => [u.username, u]));
  const county = userActor(byName.get('county_op')!);
  const operators = new Map([['330102011', userActor(byName.get('street_op')!)], ['330102012', userActor(byName.get('street_op_caihe')!)]]);
  const gridWorker = userActor(byName.get('grid_worker')!);
  const units = await deps.db.selectFrom('units').select(['id', 'name', 'type', 'area_code']).where('area_code', 'like', `${DEMO_COUNTY}%`).execute();
  const handler = byName.get('handler')!;
  const grids = await deps.db.selectFrom('grids').select(['code', 'geometry']).where('code', 'like', '33010201%').orderBy('code').execute();
  const categories = (await listCatalogue(deps)).items.filter((c) => WORDS[c.code]);

  let created = 0;
  for (let i = 0; i < count; i++) {
    const daysAgo = Math.floor(DAYS * rng.next() ** 1.4);
    at = reportTime(rng, now, daysAgo);
    if (at >= now) continue;
    // Most events in 凯旋 and 采荷, where the demo operators work; a third of those in the demo grid worker's grid.
    const grid = i % 3 === 0 ? grids.find((g) => g.code === gridWorker.scope)! : rng.pick(grids.filter((g) => g.code.startsWith(rng.chance(0.5) ? '330102011' : '330102012')));
    const point = pointIn(rng, (grid.geometry as { coordinates: [number, number][][] }).coordinates[0]!);
    const category = rng.pick(categories);
    const channel = rng.pick(CHANNELS);
    const reporter = channel === 'grid_patrol' && grid.code === gridWorker.scope ? gridWorker : null;
    const event = await createEvent(sim, reporter, { categoryCode: category.code, channel, description: WORDS[category.code]!, ...point, reporterName: reporter ? null : '群众', reporterPhone: reporter ? null : `1380000${String(1000 + i).slice(-4)}` });
    created++;
    const operator = operators.get(grid.code.slice(0, 9)) ?? county;
    const lead = units.find((u) => u.type === category.leadUnitType && u.area_code === grid.code.slice(0, 9)) ?? units.find((u) => u.type === category.leadUnitType) ?? units[0]!;
    const unit = lead.id === handler.unit_id ? userActor(handler, lead.area_code) : unitActor(lead);
    const road = pickRoad(rng);
    // Older events have gone further; the newest may still wait to be accepted.
    const stopAt = daysAgo >= 5 ? road.length : Math.min(road.length, rng.int(0, road.length));
    for (const step of road.slice(0, stopAt)) {
      at = new Date(at.getTime() + rng.int(10, step.action === 'feedback' ? 2 * 1440 : 300) * MINUTE);
      if (at >= now) break;
      const actor = step.by === 'unit' ? unit : step.by === 'grid' ? gridActorFor(grid.code, gridWorker) : operator;
      const body = step.action === 'dispatch' ? { leadUnitId: lead.id } : step.body?.(rng) ?? {};
      const after = await applyEventAction(sim, actor, event.id, step.action, body);
      if (step.action === 'verify' && after.state !== 'verified') break; // a failed check went back to the unit
    }
  }
  return created;
};

/** A point in the middle part of a grid's bounding box (grids are convex cells). */
const pointIn = (rng: Rng, ring: [number, number][]) => {
  const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return { lng: x0 + (x1 - x0) * (0.35 + 0.3 * rng.next()), lat: y0 + (y1 - y0) * (0.35 + 0.3 * rng.next()) };
};

const pickRoad = (rng: Rng) => {
  let r = rng.next() * ROADS.reduce((s, x) => s + x.weight, 0);
  return ROADS.find((x) => (r -= x.weight) < 0)?.steps ?? ROADS[0]!.steps;
};

/** Grid staff of another grid have no demo account: the demo worker's own grid uses it, the others act as grid staff of theirs. */
const gridActorFor = (gridCode: string, gridWorker: Actor): Actor =>
  gridCode === gridWorker.scope ? gridWorker : { ...gridWorker, userId: 0, username: `${gridCode.slice(-3)}号网格网格员`, scope: gridCode };
