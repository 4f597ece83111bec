// Daily health check-ins (每日健康打卡) as the API gives them: the resident's own, a person's for
// staff, and the grid worker's round of who should check in on a day.
import { api } from '../../lib/api.ts';
import type { Colour } from './health-api.ts';

export const SYMPTOMS = ['cough', 'fatigue', 'sore_throat', 'smell_taste', 'nasal', 'conjunctivitis', 'myalgia', 'diarrhoea', 'short_breath'] as const;
export type Symptom = (typeof SYMPTOMS)[number];
export type MeasureKind = 'home_observation' | 'centralized_isolation' | 'health_monitoring';

export type Checkin = {
  id: number; personId: number; day: string; temperature: number; fever: boolean; symptoms: Symptom[]; note: string | null;
  bySelf: boolean; recordedBy: string; recordedAt: string;
  /** A fever or a symptom on a recent day opens an event (a visit), or joins the person's open one. */
  wantsEvent: boolean;
  event: CheckinEvent | null;
};
export type CheckinEvent = { id: number; code: string };
export type CheckinSummary = {
  today: string;
  measures: { kind: MeasureKind; startDate: string; endDate: string; active: boolean; missing: string[]; days: number }[];
  items: Checkin[];
};
export type RosterItem = {
  personId: number; name: string; address: string | null; gridCode: string; missedBefore: number;
  measure: { kind: MeasureKind; startDate: string; endDate: string; ended: boolean };
  checkin: { temperature: number; fever: boolean; symptoms: Symptom[]; recordedBy: string; event: CheckinEvent | null } | null;
};

/** How far back staff may enter a day from the paper sheet (as the server allows). */
export const BACKFILL_DAYS = 30;

export type CheckinInput = { personId?: number; day?: string; temperature: number; symptoms: Symptom[]; note?: string };

export const recordCheckin = (body: CheckinInput) => api<{ checkin: Checkin; colour: Colour }>('/health-codes/checkins', { method: 'POST', body });
export const getMyCheckins = () => api<CheckinSummary & { dueToday: boolean }>('/health-codes/checkins/mine');
export const getPersonCheckins = (personId: number) => api<CheckinSummary>(`/health-codes/persons/${personId}/checkins`);
export const getRoster = (q: { area?: string; day?: string } = {}) => api<{ day: string; total: number; items: RosterItem[] }>('/health-codes/checkins', { query: q });
