// Devices (物联感知) as the API gives them: door sensors, face gates and people counters with what they
// are bound to, their alerts, venues with live occupancy, and announced door openings.
import { api, type Page, type Query } from '../../lib/api.ts';

export const DEVICE_KINDS = ['door_sensor', 'face_gate', 'people_counter'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
/** waiting: registered and active, but no reading has come yet. */
export const DEVICE_STATUSES = ['active', 'waiting', 'offline', 'retired'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];
export const ALERT_KINDS = ['violation', 'maintenance', 'crowd'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const REASONS = ['rubbish', 'delivery', 'medical', 'other'] as const;
export type Reason = (typeof REASONS)[number];
export const VENUE_KINDS = ['market', 'station', 'mall', 'scenic', 'hospital', 'other'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];

/** What a device last said; keys appear once the device has sent them. */
export type Reading = { at?: string; battery?: number; tamper?: boolean; door?: 'open' | 'closed'; entered?: number; left?: number };

export type Device = {
  id: number; serial: string; kind: DeviceKind; name: string; status: DeviceStatus; battery: number | null; lastSeenAt: string | null; lastReading: Reading | null;
  gridCode: string; address: string | null; lng: number | null; lat: number | null; openAlerts: number; householdId: number | null;
  measure: { id: number; kind: string | null; personName: string; startDate: string | null; endDate: string | null } | null;
  venue: { id: number; name: string | null } | null;
  checkpoint: { id: number; name: string | null } | null;
};
export type DeviceCount = { kind: DeviceKind; status: DeviceStatus; count: number };
export type DeviceList = Page<Device> & { counts: DeviceCount[] };

export type Alert = {
  id: number; kind: AlertKind; ruleId: string; gridCode: string; message: string; details: Record<string, unknown>; firstAt: string; lastAt: string; occurrences: number;
  clearedAt: string | null; status: 'open' | 'resolved';
  /** `openable`: the caller may open the event (a venue's managing unit, once it is dispatched to it). */
  event: { id: number; code: string | null; state: string | null; openable: boolean } | null;
  eventFailure: { reason: string; attempts: number; nextAttemptAt: string | null } | null;
  device: { id: number; serial: string | null; name: string | null } | null;
  venue: { id: number; name: string | null } | null;
};
export type DeviceDetail = Device & { alerts: Alert[] };
export type Binding = { measureId?: number; venueId?: number; checkpointId?: number };

export type Venue = {
  id: number; code: string; name: string; kind: VenueKind; capacity: number; gridCode: string; address: string | null; lng: number | null; lat: number | null;
  managerUnit: { id: number; name: string | null } | null; occupancy: number; crowded: boolean; occupancyAt: string | null; load: number; counters: number;
};
export type NewVenue = { code: string; name: string; kind: VenueKind; capacity: number; gridCode: string; address?: string; lng?: number; lat?: number; managerUnitId?: number };

export type ObservedHousehold = {
  householdId: number; headName: string; personName: string; address: string | null; gridCode: string;
  measure: { kind: string; endDate: string }; device: { id: number; serial: string; status: DeviceStatus };
};
export type Announcement = { id: number; householdId: number; reason: Reason; startsAt: string; endsAt: string; note: string | null; gridCode: string; createdAt: string };
export type NewAnnouncement = { householdId?: number; reason: Reason; startsAt?: string; minutes: number; note?: string };

export const PAGE_SIZE = 200;

export const listDevices = (q: Query) => api<DeviceList>('/devices', { query: q });
export const getDevice = (id: number) => api<DeviceDetail>(`/devices/${id}`);
export const bindDevice = (id: number, body: Binding) => api<DeviceDetail>(`/devices/${id}/binding`, { method: 'PUT', body });
export type ActiveMeasure = { id: number; kind: string; personName: string; gridCode: string; startDate: string; endDate: string; householdId: number | null; device: { id: number; serial: string } | null };
export const listActiveMeasures = (area?: string) => api<{ items: ActiveMeasure[] }>('/devices/measures', { query: { area } });
export const listObservedHouseholds = (area?: string) => api<{ items: ObservedHousehold[] }>('/devices/observed-households', { query: { area } });

export const listAlerts = (q: Query) => api<Page<Alert>>('/device-alerts', { query: q });

export const listVenues = (q: Query) => api<Page<Venue>>('/venues', { query: q });
export const createVenue = (body: NewVenue) => api<Venue>('/venues', { method: 'POST', body });

/** Without a household: the resident's own. */
export const listAnnouncements = (householdId?: number) => api<{ items: Announcement[] }>('/door-announcements', { query: { householdId } });
export const announceOpening = (body: NewAnnouncement) => api<Announcement>('/door-announcements', { method: 'POST', body });

/** The most devices the live page reads (five pages, re-read every 5 s). */
export const MAX_DEVICES = 1_000;

/** Every device matching `q`, up to MAX_DEVICES: the first page, then the rest at once. */
export const listAllDevices = async (q: Query): Promise<DeviceList> => {
  const first = await listDevices({ ...q, limit: PAGE_SIZE, offset: 0 });
  const offsets: number[] = [];
  for (let o = PAGE_SIZE; o < Math.min(first.total, MAX_DEVICES); o += PAGE_SIZE) offsets.push(o);
  const rest = await Promise.all(offsets.map((offset) => listDevices({ ...q, limit: PAGE_SIZE, offset })));
  return { ...first, items: first.items.concat(...rest.map((p) => p.items)) };
};
