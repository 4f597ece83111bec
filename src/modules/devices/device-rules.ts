// Device rules as data, and their evaluation: pure, no I/O. The consumer hands in the state of the
// devices and venues a batch touches; evaluation advances that state reading by reading and returns
// the alerts the rules raise. Each device remembers which of its recent sequence numbers it has
// applied, so a reading delivered again is skipped and one delivered late (after newer ones, as a
// redelivery is) is still applied: that is what makes redelivery from the stream harmless.
import { z } from 'zod';
import { chinaDay } from '../../lib/china-time.ts';
import type { AlertKind } from '../../db/schema-devices.ts';
import type { Reading } from './device-reading.ts';

const minutes = z.number().positive().max(7 * 24 * 60);

export const deviceRulesSchema = z.object({
  // An opening of a bound door while the person's measure lasts, outside every announced window.
  door: z.object({ measures: z.array(z.enum(['home_observation', 'centralized_isolation', 'health_monitoring'])).min(1), graceMinutes: z.number().min(0).max(120) }),
  battery: z.object({ below: z.number().min(1).max(100) }),
  // A device not heard from for this long, per kind.
  silence: z.object({ door_sensor: minutes, face_gate: minutes, people_counter: minutes }),
  // Raised when occupancy reaches raiseAt × capacity; a new crowd only after it fell to clearAt × capacity.
  crowd: z.object({ raiseAt: z.number().positive().max(5), clearAt: z.number().positive().max(5) }).refine((c) => c.clearAt < c.raiseAt, 'clearAt 须小于 raiseAt（人数回落到此比例以下才算散去）'),
  // Repeats of an alert inside this window, while its event is open, fold into it.
  windowMinutes: z.object({ violation: minutes, maintenance: minutes, crowd: minutes }),
});
export type DeviceRules = z.infer<typeof deviceRulesSchema>;

export const DEFAULT_DEVICE_RULES: DeviceRules = {
  door: { measures: ['home_observation'], graceMinutes: 5 },
  battery: { below: 20 },
  silence: { door_sensor: 60, face_gate: 15, people_counter: 15 },
  crowd: { raiseAt: 1, clearAt: 0.9 },
  windowMinutes: { violation: 30, maintenance: 24 * 60, crowd: 120 },
};

export type RuleId = 'door.unannounced' | 'battery.low' | 'device.tampered' | 'device.silent' | 'venue.crowd';
export const ALERT_KIND: Record<RuleId, AlertKind> = {
  'door.unannounced': 'violation', 'battery.low': 'maintenance', 'device.tampered': 'maintenance', 'device.silent': 'maintenance', 'venue.crowd': 'crowd',
};

export type Measure = { kind: string; startDate: string; endDate: string };
export type DeviceState = {
  id: number;
  serial: string;
  kind: string;
  status: 'active' | 'offline' | 'retired';
  name: string;
  countyCode: string;
  areaCode: string;
  lastSeq: number;
  /** Bit i: sequence lastSeq − 1 − i was applied. */
  seqMask: number;
  /** lastSeq and seqMask as read, for writing back only over the same state. */
  readSeq: number;
  readMask: number;
  battery: number | null;
  lastSeenAt: Date | null;
  /** What the newest readings applied here said (merged into the stored reading when saved). */
  lastReading: Record<string, unknown> | null;
  householdId: number | null;
  measure: Measure | null;
  venueId: number | null;
  changed?: boolean;
};
export type VenueState = { id: number; name: string; capacity: number; occupancy: number; crowded: boolean; areaCode: string; countyCode: string; occupancyAt: Date | null; changed?: boolean };
export type Window = { startsAt: Date; endsAt: Date };

export type AlertDraft = {
  ruleId: RuleId;
  kind: AlertKind;
  key: string;
  thingId: number | null;
  venueId: number | null;
  countyCode: string;
  areaCode: string;
  at: Date;
  message: string;
  details: Record<string, unknown>;
};

export type Outcome = { applied: number; duplicates: number; unknown: number; alerts: AlertDraft[]; cleared: { key: string; at: Date }[] };

/** How far behind a device's newest reading a late one is still taken; older ones count as repeats. */
export const SEQ_WINDOW = 48;
const bit = (i: number) => 2 ** i;

/**
 * Whether a sequence number is new for a device that has applied `lastSeq` and the window `mask`, and
 * the window after taking it. Numbers stay below 2^48, exact in a double.
 */
export const admitSeq = (lastSeq: number, mask: number, seq: number): { fresh: boolean; newest: boolean; lastSeq: number; mask: number } => {
  if (seq > lastSeq) {
    const k = seq - lastSeq;
    const kept = k >= SEQ_WINDOW ? 0 : (mask % bit(SEQ_WINDOW - k)) * bit(k);
    return { fresh: true, newest: true, lastSeq: seq, mask: kept + (lastSeq > 0 && k <= SEQ_WINDOW ? bit(k - 1) : 0) };
  }
  const i = lastSeq - seq - 1;
  if (i < 0 || i >= SEQ_WINDOW || Math.floor(mask / bit(i)) % 2 === 1) return { fresh: false, newest: false, lastSeq, mask };
  return { fresh: true, newest: false, lastSeq, mask: mask + bit(i) };
};


const deviceAlert = (d: DeviceState, ruleId: RuleId, at: Date, message: string, details: Record<string, unknown> = {}): AlertDraft => ({
  ruleId, kind: ALERT_KIND[ruleId], key: `${ruleId}:thing:${d.id}`, thingId: d.id, venueId: null, countyCode: d.countyCode, areaCode: d.areaCode, at, message,
  details: { serial: d.serial, ...details },
});

const measureCovers = (rules: DeviceRules, m: Measure | null, at: Date) =>
  m !== null && (rules.door.measures as string[]).includes(m.kind) && m.startDate <= chinaDay(at) && chinaDay(at) <= m.endDate;

const announced = (rules: DeviceRules, windows: readonly Window[] | undefined, at: Date) => {
  const grace = rules.door.graceMinutes * 60_000;
  return (windows ?? []).some((w) => w.startsAt.getTime() - grace <= at.getTime() && at.getTime() <= w.endsAt.getTime() + grace);
};

/**
 * Applies readings, in sequence order per device, to the given state. `windows` are the announced
 * openings per household. Mutates the states (marking them `changed`) and returns the alerts raised.
 */
export const applyReadings = (
  rules: DeviceRules,
  devices: Map<string, DeviceState>,
  venues: Map<number, VenueState>,
  windows: Map<number, Window[]>,
  readings: readonly Reading[],
): Outcome => {
  const out: Outcome = { applied: 0, duplicates: 0, unknown: 0, alerts: [], cleared: [] };
  const ordered = [...readings].sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
  for (const r of ordered) {
    const d = devices.get(r.serial);
    if (!d || d.status === 'retired') { out.unknown++; continue; }
    const seq = admitSeq(d.lastSeq, d.seqMask, r.seq);
    if (!seq.fresh) { out.duplicates++; continue; }
    out.applied++;
    const wasLow = d.battery !== null && d.battery < rules.battery.below;
    d.lastSeq = seq.lastSeq;
    d.seqMask = seq.mask;
    d.lastSeenAt = d.lastSeenAt && d.lastSeenAt > r.at ? d.lastSeenAt : r.at;
    if (d.status === 'offline') out.cleared.push({ key: `device.silent:thing:${d.id}`, at: r.at });
    d.status = 'active';
    d.changed = true;
    // What the device says now comes from its newest reading; a late one only counts for the rules.
    if (seq.newest) d.lastReading = { ...d.lastReading, ...r.values, at: r.at.toISOString() };
    if (seq.newest && r.values.battery !== undefined) {
      d.battery = r.values.battery;
      if (!wasLow && d.battery < rules.battery.below) out.alerts.push(deviceAlert(d, 'battery.low', r.at, `${d.name}电量低（${d.battery}%）`, { battery: d.battery }));
    }
    if (r.values.tamper) out.alerts.push(deviceAlert(d, 'device.tampered', r.at, `${d.name}疑似被拆除或遮挡`));
    if (d.kind === 'door_sensor' && r.values.door === 'open' && d.householdId !== null && measureCovers(rules, d.measure, r.at) && !announced(rules, windows.get(d.householdId), r.at)) {
      out.alerts.push(deviceAlert(d, 'door.unannounced', r.at, `${d.name}在居家观察期间未报备开门`, { householdId: d.householdId, measure: d.measure }));
    }
    const v = d.kind === 'people_counter' && d.venueId !== null ? venues.get(d.venueId) : undefined;
    if (v && (r.values.entered !== undefined || r.values.left !== undefined)) crowd(rules, v, r, out);
  }
  return out;
};

/** Occupancy follows the counters' in and out; one alert per crowd, thanks to the clear mark. */
const crowd = (rules: DeviceRules, v: VenueState, r: Reading, out: Outcome) => {
  v.occupancy = Math.max(0, v.occupancy + (r.values.entered ?? 0) - (r.values.left ?? 0));
  v.occupancyAt = r.at;
  v.changed = true;
  if (!v.crowded && v.occupancy >= v.capacity * rules.crowd.raiseAt) {
    v.crowded = true;
    out.alerts.push({
      ruleId: 'venue.crowd', kind: 'crowd', key: `venue.crowd:venue:${v.id}`, thingId: null, venueId: v.id, countyCode: v.countyCode, areaCode: v.areaCode, at: r.at,
      message: `${v.name}人数 ${v.occupancy} 已达容量 ${v.capacity}`, details: { occupancy: v.occupancy, capacity: v.capacity },
    });
  } else if (v.crowded && v.occupancy <= v.capacity * rules.crowd.clearAt) {
    v.crowded = false;
    out.cleared.push({ key: `venue.crowd:venue:${v.id}`, at: r.at });
  }
};

/** Devices not heard from for longer than their kind allows. One never heard from is not yet installed, not silent. */
export const silentDevices = <D extends { kind: string; status: string; lastSeenAt: Date | null }>(rules: DeviceRules, devices: readonly D[], now: Date) =>
  devices.filter((d) => {
    const limit = rules.silence[d.kind as keyof DeviceRules['silence']];
    return limit !== undefined && d.status === 'active' && d.lastSeenAt !== null && now.getTime() - d.lastSeenAt.getTime() > limit * 60_000;
  });

/** Alerts of one batch with the same key fold together while each comes inside the window of the one before. */
export const foldDrafts = (drafts: readonly AlertDraft[], windowMs: (d: AlertDraft) => number) => {
  const groups: (AlertDraft & { repeats: number; lastAt: Date })[] = [];
  const current = new Map<string, (typeof groups)[number]>();
  for (const a of [...drafts].sort((x, y) => x.at.getTime() - y.at.getTime())) {
    const g = current.get(a.key);
    if (g && a.at.getTime() - g.lastAt.getTime() <= windowMs(a)) {
      g.repeats++;
      g.lastAt = a.at;
    } else {
      const fresh = { ...a, repeats: 0, lastAt: a.at };
      groups.push(fresh);
      current.set(a.key, fresh);
    }
  }
  return groups;
};

/** How long an alert whose event could not be made waits before the next try: 30 s, doubling, at most an hour. */
export const dispatchRetryMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
