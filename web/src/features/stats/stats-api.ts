// The figures API (src/modules/stats) as the overview page reads it, and the period in the URL.
import { api, type Page } from '../../lib/api.ts';
import type { EventItem } from '../events/events-api.ts';
import { shanghaiDay } from '../../lib/format.ts';

export type Figures = {
  received: number;
  closed: number;
  closureRate: number | null;
  onTimeRate: number | null;
  avgHandlingHours: number | null;
  escalated: number;
  escalationRate: number | null;
  settledOnSpot: number;
  settledWithoutEscalation: number;
  satisfactionRate: number | null;
};

export type Overview = Figures & {
  area: string;
  from: string;
  to: string;
  overdueNow: number;
  byDay: { day: string; received: number; closed: number }[];
  byCategory: { code: string; name: string; received: number; closed: number }[];
  children: (Figures & { code: string; name: string })[];
};

export const METRICS = ['closureRate', 'onTimeRate', 'satisfactionRate', 'avgHandlingHours', 'received'] as const;
export type Metric = (typeof METRICS)[number];
export type RankBy = 'area' | 'unit';
export type Ranking = { area: string; by: RankBy; metric: Metric; items: { rank: number; code: string; name: string; figures: Figures }[] };

// The event as the list API returns it, as far as this page reads it.
export type OverdueEvent = Pick<EventItem, 'id' | 'code' | 'categoryName' | 'state' | 'gridCode' | 'address' | 'deadline' | 'colour'>;

/** A period of whole days in Shanghai, both ends included, as kept in the URL (YYYY-MM-DD). */
export type Period = { from: string; to: string };

const DAY = 86_400_000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** The last 30 days up to today. */
export const defaultPeriod = (now = new Date()): Period => {
  const to = shanghaiDay(now);
  return { from: addDays(to, -29), to };
};

/** The period in the URL, or null when it is missing or not a valid range. */
export const periodFromParams = (from: string | null, to: string | null): Period | null =>
  from && to && DAY_RE.test(from) && DAY_RE.test(to) && !Number.isNaN(Date.parse(from)) && !Number.isNaN(Date.parse(to)) && from <= to ? { from, to } : null;

/** Every day of the period, for a chart axis without gaps. */
export const daysOf = (p: Period) => {
  const days: string[] = [];
  for (let d = p.from; d <= p.to && days.length < 1000; d = addDays(d, 1)) days.push(d);
  return days;
};

// The API takes instants: the period starts at midnight in Shanghai and ends at the next midnight.
const apiPeriod = (p: Period) => ({ from: `${p.from}T00:00:00+08:00`, to: `${addDays(p.to, 1)}T00:00:00+08:00` });

export const getOverview = (area: string, p: Period) => api<Overview>('/stats/overview', { query: { area, ...apiPeriod(p) } });
export const getRanking = (area: string, p: Period, by: RankBy, metric: Metric) => api<Ranking>('/stats/ranking', { query: { area, by, metric, ...apiPeriod(p) } });
export const listOverdue = (area: string) => api<Page<OverdueEvent>>('/events', { query: { overdue: true, area, limit: 10 } });

/** A name for each code from the user's area down to `area` (areas, and a grid at the end). */
export const getAreaPath = (scope: string, area: string) => {
  const codes = [2, 4, 6, 9, 12, 15].filter((n) => n >= scope.length && n <= area.length).map((n) => area.slice(0, n));
  return Promise.all(codes.map(async (code) => ({ code, name: (await api<{ name: string }>(code.length === 15 ? `/grids/${code}` : `/areas/${code}`)).name })));
};
