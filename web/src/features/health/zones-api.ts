// Risk zones (三区): the list, one zone with its grids, tasks, history and people, drawing and changing one.
import type { MultiPolygon, Polygon } from 'geojson';
import { api, type Page, type Query } from '../../lib/api.ts';
import type { Colour } from './health-api.ts';

export const LEVELS = ['sealed', 'controlled', 'precaution'] as const;
export type Level = (typeof LEVELS)[number];
export type Timers = Record<Level, number | null>;
export const DEFAULT_TIMERS: Timers = { sealed: 7, controlled: 3, precaution: null };

export type Zone = {
  id: number; code: string; name: string; level: Level; levelName: string; status: 'active' | 'lifted'; areaCode: string; geometry: Polygon | MultiPolygon;
  timers: Timers; startAt: string; levelSince: string; lastCaseAt: string | null; liftedAt: string | null; nextStep: { to: Level | 'lifted'; at: string } | null;
};
export type ZoneDetail = Zone & {
  totals: { addresses: number; households: number; persons: number };
  grids: { gridCode: string; addresses: number; households: number; persons: number }[];
  tasks: { gridCode: string; eventId: number; eventCode: string; state: string; deadline: string | null }[];
  history: { at: string; action: string; fromLevel: Level | null; toLevel: Level | null; actorName: string; note: string | null }[];
};
export type ZonePerson = { id: number; name: string; idNumber: string; gridCode: string; address: string | null; colour: Colour };
export type ZoneAddress = { id: number; address: string; level: string; gridCode: string; households: number; persons: number };
export type NewZone = { name: string; level: Level; geometry: unknown; startAt?: string; timers?: Partial<Timers>; note?: string };

export const listZones = (q: Query) => api<Page<Zone>>('/risk-zones', { query: q });
export const getZone = (id: number) => api<ZoneDetail>(`/risk-zones/${id}`);
export const drawZone = (body: NewZone) => api<ZoneDetail>('/risk-zones', { method: 'POST', body });
export const zonePeople = (id: number, q: Query) => api<Page<ZonePerson>>(`/risk-zones/${id}/people`, { query: q });
export const zoneAddresses = (id: number, q: Query) => api<Page<ZoneAddress>>(`/risk-zones/${id}/addresses`, { query: q });
export const changeZone = (id: number, action: 'level' | 'case' | 'lift', body: { level?: Level; note?: string }) =>
  api<ZoneDetail>(`/risk-zones/${id}/actions/${action}`, { method: 'POST', body });
