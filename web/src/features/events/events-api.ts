// The closed loop's API as the pages use it: events, actions, the inbox, the catalogue and units.
import { api, getToken, withQuery, type Page, type Query } from '../../lib/api.ts';

export type EventItem = {
  id: number;
  code: string;
  categoryCode: string;
  categoryName: string;
  channel: string;
  description: string;
  state: string;
  level: string;
  priority: string | number;
  suspended: boolean;
  gridCode: string;
  handlingArea: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  reporterName: string | null;
  reporterPhone: string | null;
  leadUnit: { id: number; name: string } | null;
  assistUnits: { id: number; name: string }[];
  photoIds: number[];
  step: string | null;
  deadline: string | null;
  colour: 'green' | 'yellow' | 'red' | null;
  escalationCount: number;
  reopenCount: number;
  urgeCount: number;
  superviseCount: number;
  settledOnSpot: boolean;
  satisfied: boolean | null;
  createdAt: string;
  closedAt: string | null;
  allowedActions: string[];
};

export type HistoryEntry = {
  id: number;
  at: string;
  actorName: string;
  action: string;
  fromState: string | null;
  toState: string;
  note: string | null;
  photoIds: number[];
  details: Record<string, unknown> | null;
};

export type EventDetail = EventItem & {
  history: HistoryEntry[];
  possibleDuplicates: { id: number; code: string; description: string; state: string; createdAt: string }[];
};

export type Category = { code: string; name: string; platformCode: string; parentCode?: string | null; priority: string | number; leadUnitType?: string };
export type Catalogue = { platforms: { code: string; name: string }[]; items: Category[] };
export type Unit = { id: number; name: string; type: string; areaCode: string };
export type Inbox = { boxes: Partial<Record<Box, number>> };
export const BOXES = ['to_accept', 'to_dispatch', 'to_sign', 'to_handle', 'to_verify', 'to_close', 'overdue', 'reported_by_me'] as const;
export type Box = (typeof BOXES)[number];

export type ActionBody = {
  note?: string;
  photoIds?: number[];
  leadUnitId?: number;
  assistUnitIds?: number[];
  passed?: boolean;
  satisfied?: boolean;
  mergeInto?: number;
};

export type NewEvent = {
  categoryCode: string;
  channel: string;
  description: string;
  addressText?: string | null;
  lng?: number | null;
  lat?: number | null;
  photoIds?: number[];
};

export const listEvents = (q: Query) => api<Page<EventItem>>('/events', { query: q });
export const getEvent = (id: number) => api<EventDetail>(`/events/${id}`);
export const applyAction = (id: number, action: string, body: ActionBody) => api<EventItem>(`/events/${id}/actions/${action}`, { body });
export const reportEvent = (e: NewEvent, idempotencyKey: string) => api<EventDetail>('/events', { body: e, headers: { 'idempotency-key': idempotencyKey } });
export const getInbox = () => api<Inbox>('/inbox');
export const getCatalogue = () => api<Catalogue>('/categories');
export const listUnits = (area?: string) => api<{ items: Unit[] }>('/units', { query: { area, below: true } });

/** Live changes of events the caller may see (Server-Sent Events); returns a function that stops listening. */
export const watchEventChanges = (onChange: (c: { id: number; code: string; state: string }) => void, onStatus: (connected: boolean) => void = () => {}) => {
  const source = new EventSource(withQuery('/api/v1/events/stream', { token: getToken() }));
  source.addEventListener('ready', () => onStatus(true));
  source.addEventListener('change', (m) => onChange(JSON.parse((m as MessageEvent<string>).data)));
  // The browser reconnects by itself; meanwhile the page says so.
  source.onerror = () => onStatus(false);
  return () => source.close();
};
