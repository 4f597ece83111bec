// The figures people are judged on (考核): received, closed, closure rate (办结率), on-time rate,
// average handling time, overdue now, escalated, settled without leaving the level, satisfaction —
// for any area the caller may see, by period, with a breakdown one level down and rankings.
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { listAreaNames, scopedAreaFilter } from '../areas/areas.service.ts';
import { categoriesOf } from '../events/catalogue.service.ts';
import { getUnitsByIds } from '../units/units.service.ts';
import * as repo from './stats.repo.ts';

const TOP_CATEGORIES = 10;
const CHILD_LENGTH: Record<number, number> = { 2: 4, 4: 6, 6: 9, 9: 12, 12: 15 };

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

export const presentFigures = (f: repo.Figures) => ({
  received: f.received,
  closed: f.closed,
  closureRate: rate(f.closed, f.received),
  onTimeRate: rate(f.onTime, f.closed),
  avgHandlingHours: f.avgHandlingHours === null ? null : Math.round(f.avgHandlingHours * 10) / 10,
  escalated: f.escalated,
  escalationRate: rate(f.escalated, f.received),
  settledOnSpot: f.settledOnSpot,
  settledWithoutEscalation: f.settledWithoutEscalation,
  satisfactionRate: rate(f.satisfied, f.rated),
});

export type Period = { area?: string; from?: string; to?: string };

export const sumFigures = (rows: readonly repo.Figures[]): repo.Figures => {
  const sum = (k: Exclude<keyof repo.Figures, 'avgHandlingHours'>) => rows.reduce((s, r) => s + r[k], 0);
  const closed = sum('closed');
  const weighted = rows.reduce((s, r) => s + (r.avgHandlingHours ?? 0) * r.closed, 0);
  return {
    received: sum('received'), closed, onTime: sum('onTime'), escalated: sum('escalated'), settledOnSpot: sum('settledOnSpot'),
    settledWithoutEscalation: sum('settledWithoutEscalation'), rated: sum('rated'), satisfied: sum('satisfied'),
    avgHandlingHours: closed === 0 ? null : weighted / closed,
  };
};

const periodOf = async (deps: Deps, actor: Actor, q: Period) => {
  requirePermission(actor, 'event.read');
  const prefix = await scopedAreaFilter(deps, actor, q.area);
  const to = q.to ? new Date(q.to) : deps.clock();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * 86_400_000);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) throw new AppError('request.invalid', 'from must be a date before to');
  return { prefix, from, to };
};

/** Figures of an area and each child area for a period (default: the last 30 days). Throws area.not_found. */
export const getOverview = async (deps: Deps, actor: Actor, q: Period) => {
  const p = await periodOf(deps, actor, q);
  const childLength = CHILD_LENGTH[p.prefix.length];
  // A grid has no level below: its "children" pass is the grid itself, which still gives its total.
  const [rows, overdue, catalogue] = await Promise.all([
    repo.overviewFigures(deps.db, p, childLength ?? p.prefix.length),
    repo.overdueNow(deps.db, p.prefix, deps.clock()),
    categoriesOf(deps),
  ]);
  const of = (set: repo.OverviewRow['set']) => rows.filter((r) => r.set === set).sort((a, b) => a.key.localeCompare(b.key));
  const children = childLength ? of('child') : null;
  // The area's own figures are the sum of its children's.
  const total = sumFigures(of('child'));
  const byDay = of('day').map((d) => ({ day: d.key, received: d.received, closed: d.closed }));
  const topCategories = of('category').sort((a, b) => b.received - a.received || a.key.localeCompare(b.key)).slice(0, TOP_CATEGORIES);
  const names = await listAreaNames(deps, (children ?? []).map((c) => c.key));
  return {
    area: p.prefix,
    from: p.from.toISOString(),
    to: p.to.toISOString(),
    ...presentFigures(total),
    overdueNow: overdue,
    byDay,
    byCategory: topCategories.map((c) => ({ code: c.key, name: catalogue.get(c.key)?.name ?? c.key, received: c.received, closed: c.closed })),
    children: (children ?? []).map((c) => ({ code: c.key, name: names.get(c.key) ?? c.key, ...presentFigures(c) })),
  };
};

export const METRICS = ['closureRate', 'onTimeRate', 'satisfactionRate', 'avgHandlingHours', 'received'] as const;
export type Metric = (typeof METRICS)[number];

/** Child areas or units ranked by a metric, best first (for 考核). Throws area.not_found. */
export const getRanking = async (deps: Deps, actor: Actor, q: Period & { by: 'area' | 'unit'; metric: Metric }) => {
  const p = await periodOf(deps, actor, q);
  let rows: { code: string; name: string; figures: ReturnType<typeof presentFigures> }[];
  if (q.by === 'unit') {
    const raw = await repo.figuresByUnit(deps.db, p);
    const units = new Map((await getUnitsByIds(deps, raw.map((r) => Number(r.key)))).map((u) => [String(u.id), u.name]));
    rows = raw.map((r) => ({ code: r.key, name: units.get(r.key) ?? r.key, figures: presentFigures(r) }));
  } else {
    const childLength = CHILD_LENGTH[p.prefix.length] ?? p.prefix.length;
    const raw = await repo.figuresByChild(deps.db, p, childLength);
    const names = await listAreaNames(deps, raw.map((r) => r.key));
    rows = raw.map((r) => ({ code: r.key, name: names.get(r.key) ?? r.key, figures: presentFigures(r) }));
  }
  // Handling time ranks lowest first; everything else highest first; no figure ranks last.
  const sign = q.metric === 'avgHandlingHours' ? 1 : -1;
  rows.sort((a, b) => {
    const x = a.figures[q.metric], y = b.figures[q.metric];
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y);
  });
  return { area: p.prefix, by: q.by, metric: q.metric, items: rows.map((r, i) => ({ rank: i + 1, ...r })) };
};

