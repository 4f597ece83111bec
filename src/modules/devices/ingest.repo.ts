// SQL of the stream consumer: the state of the devices and venues a batch touches, their new state
// (written only if no other consumer changed it meanwhile), and alerts folded by key.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { TERMINAL_STATES } from '../events/event-machine.ts';
import type { AlertDraft, DeviceState, VenueState, Window } from './device-rules.ts';

/** The devices' state as it stands; `saveDevices` writes only over the same state (optimistic, no row locks to take). */
export const readDevices = async (db: Kysely<DB>, serials: readonly string[]): Promise<DeviceState[]> => {
  const { rows } = await sql<{
    id: number; serial: string; kind: string; status: DeviceState['status']; name: string; county_code: string; area_code: string; last_seq: number; seq_mask: number;
    battery: number | null; last_seen_at: Date | null; household_id: number | null; venue_id: number | null;
    m_kind: string | null; m_start: string | null; m_end: string | null;
  }>`
    SELECT t.id, t.serial, t.kind, t.status, t.name, t.county_code, t.area_code, t.last_seq, t.seq_mask, t.battery, t.last_seen_at,
           t.household_id, t.venue_id, m.kind AS m_kind, m.start_date::text AS m_start, m.end_date::text AS m_end
    FROM things t LEFT JOIN control_measures m ON m.id = t.measure_id
    WHERE t.serial = ANY(${serials}::text[])`.execute(db);
  return rows.map((r) => ({
    id: r.id, serial: r.serial, kind: r.kind, status: r.status, name: r.name, countyCode: r.county_code, areaCode: r.area_code, lastSeq: Number(r.last_seq), seqMask: Number(r.seq_mask), readSeq: Number(r.last_seq), readMask: Number(r.seq_mask),
    battery: r.battery, lastSeenAt: r.last_seen_at, lastReading: null, householdId: r.household_id, venueId: r.venue_id,
    measure: r.m_kind ? { kind: r.m_kind, startDate: r.m_start!, endDate: r.m_end! } : null,
  }));
};

export const lockVenues = async (db: Kysely<DB>, ids: readonly number[]): Promise<VenueState[]> => {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: number; name: string; capacity: number; occupancy: number; crowded: boolean; area_code: string; county_code: string; occupancy_at: Date | null }>`
    SELECT id, name, capacity, occupancy, crowded, area_code, county_code, occupancy_at FROM venues
    WHERE id = ANY(${[...ids]}::bigint[]) ORDER BY id FOR UPDATE`.execute(db);
  return rows.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, occupancy: r.occupancy, crowded: r.crowded, areaCode: r.area_code, countyCode: r.county_code, occupancyAt: r.occupancy_at }));
};

/** Announced openings of these households that overlap [from, to]. */
export const announcementWindows = async (db: Kysely<DB>, householdIds: readonly number[], from: Date, to: Date) => {
  const windows = new Map<number, Window[]>();
  if (householdIds.length === 0) return windows;
  const rows = await db.selectFrom('door_announcements').select(['household_id', 'starts_at', 'ends_at'])
    .where('household_id', 'in', [...householdIds]).where('ends_at', '>=', from).where('starts_at', '<=', to).execute();
  for (const r of rows) {
    const list = windows.get(r.household_id) ?? [];
    list.push({ startsAt: r.starts_at, endsAt: r.ends_at });
    windows.set(r.household_id, list);
  }
  return windows;
};

export class StaleDeviceState extends Error {}

/** Writes the new state over the state read; throws StaleDeviceState when another consumer got there first. */
export const saveDevices = async (db: Kysely<DB>, ds: readonly DeviceState[]) => {
  if (ds.length === 0) return;
  // One JSON document rather than an array per column: PostgreSQL parses it far faster than the
  // driver writes array literals. The newest values merge into what the device said before.
  const rows = JSON.stringify(ds.map((d) => ({
    id: d.id, seq: d.lastSeq, mask: d.seqMask, battery: d.battery, seen: d.lastSeenAt, reading: d.lastReading, status: d.status, read_seq: d.readSeq, read_mask: d.readMask,
  })));
  const res = await sql`
    UPDATE things t SET last_seq = v.seq, seq_mask = v.mask, battery = v.battery, last_seen_at = v.seen,
      last_reading = CASE WHEN v.reading IS NULL THEN t.last_reading ELSE COALESCE(t.last_reading, '{}'::jsonb) || v.reading END, status = v.status
    FROM jsonb_to_recordset(${rows}::jsonb) AS v (id bigint, seq bigint, mask bigint, battery smallint, seen timestamptz, reading jsonb, status text, read_seq bigint, read_mask bigint)
    WHERE t.id = v.id AND t.last_seq = v.read_seq AND t.seq_mask = v.read_mask`.execute(db);
  if (Number(res.numAffectedRows ?? 0) !== ds.length) throw new StaleDeviceState(`${ds.length - Number(res.numAffectedRows ?? 0)} devices changed meanwhile`);
};

export const saveVenues = async (db: Kysely<DB>, vs: readonly VenueState[]) => {
  if (vs.length === 0) return;
  await sql`
    UPDATE venues x SET occupancy = v.occupancy, crowded = v.crowded, occupancy_at = v.at
    FROM unnest(${vs.map((v) => v.id)}::bigint[], ${vs.map((v) => v.occupancy)}::int[], ${vs.map((v) => v.crowded)}::bool[],
                ${vs.map((v) => v.occupancyAt?.toISOString() ?? null)}::timestamptz[]) AS v (id, occupancy, crowded, at)
    WHERE x.id = v.id`.execute(db);
};

// One lock for every writer of alerts: folding reads then writes, and two consumers must not both insert.
const ALERT_LOCK = 74020;

type Folded = AlertDraft & { repeats: number; lastAt: Date };

/**
 * Writes the drafts: each folds into an alert of its key whose event has not ended and whose span,
 * widened by the window, holds the draft's time (a late reading may land before the newest alert); or
 * becomes a new alert. Returns the new ids.
 */
export const writeAlerts = async (db: Kysely<DB>, drafts: readonly Folded[], windowMs: (d: AlertDraft) => number) => {
  if (drafts.length === 0) return [];
  await sql`SELECT pg_advisory_xact_lock(${ALERT_LOCK})`.execute(db);
  const { rows: open } = await sql<{ id: number; dedupe_key: string; first_at: Date; last_at: Date }>`
    SELECT a.id, a.dedupe_key, a.first_at, a.last_at
    FROM device_alerts a LEFT JOIN events e ON e.id = a.event_id
    WHERE a.dedupe_key = ANY(${drafts.map((d) => d.key)}::text[]) AND (e.id IS NULL OR e.state <> ALL(${[...TERMINAL_STATES]}::text[]))
    ORDER BY a.id DESC`.execute(db);
  const fold: { id: number; d: Folded }[] = [];
  const fresh: Folded[] = [];
  for (const d of drafts) {
    const w = windowMs(d);
    const o = open.find((a) => a.dedupe_key === d.key && a.first_at.getTime() - w <= d.lastAt.getTime() && d.at.getTime() <= a.last_at.getTime() + w);
    if (o) {
      fold.push({ id: o.id, d });
      o.first_at = new Date(Math.min(o.first_at.getTime(), d.at.getTime())); // a later draft of this batch sees the widened span
      o.last_at = new Date(Math.max(o.last_at.getTime(), d.lastAt.getTime()));
    } else fresh.push(d);
  }
  if (fold.length) {
    await sql`
      UPDATE device_alerts a SET occurrences = a.occurrences + v.n, first_at = LEAST(a.first_at, v.first), last_at = GREATEST(a.last_at, v.last), cleared_at = NULL
      FROM (SELECT id, sum(n)::int AS n, min(first) AS first, max(last) AS last
            FROM unnest(${fold.map((f) => f.id)}::bigint[], ${fold.map((f) => f.d.repeats + 1)}::int[], ${fold.map((f) => f.d.at.toISOString())}::timestamptz[],
                        ${fold.map((f) => f.d.lastAt.toISOString())}::timestamptz[]) AS u (id, n, first, last) GROUP BY id) AS v
      WHERE a.id = v.id`.execute(db);
  }
  if (fresh.length === 0) return [];
  const inserted = await db.insertInto('device_alerts').values(fresh.map((d) => ({
    kind: d.kind, rule_id: d.ruleId, dedupe_key: d.key, thing_id: d.thingId, venue_id: d.venueId, county_code: d.countyCode, area_code: d.areaCode,
    message: d.message, details: JSON.stringify(d.details), first_at: d.at, last_at: d.lastAt, occurrences: d.repeats + 1,
  }))).returning('id').execute();
  return inserted.map((r) => r.id);
};

/** The condition behind these alerts ended (a crowd thinned, a silent device spoke again). */
export const clearAlerts = async (db: Kysely<DB>, keys: readonly { key: string; at: Date }[]) => {
  if (keys.length === 0) return;
  await sql`
    UPDATE device_alerts a SET cleared_at = v.at
    FROM unnest(${keys.map((k) => k.key)}::text[], ${keys.map((k) => k.at.toISOString())}::timestamptz[]) AS v (key, at)
    WHERE a.dedupe_key = v.key AND a.cleared_at IS NULL`.execute(db);
};

/** Alerts still without an event and not put aside until after `now`, oldest first, with what the event needs to know. */
export const pendingAlerts = (db: Kysely<DB>, limit: number, now: Date) =>
  db.selectFrom('device_alerts as a')
    .leftJoin('things as t', 't.id', 'a.thing_id')
    .leftJoin('venues as v', 'v.id', 'a.venue_id')
    .select(['a.id', 'a.kind', 'a.area_code', 'a.message', 'a.dispatch_attempts', 't.address_id', 'v.address_text as v_address'])
    .where('a.event_id', 'is', null).where((eb) => eb.or([eb('a.dispatch_after', 'is', null), eb('a.dispatch_after', '<=', now)]))
    .orderBy('a.id').limit(limit).execute();

export const setAlertEvent = (db: Kysely<DB>, alertId: number, eventId: number) =>
  db.updateTable('device_alerts').set({ event_id: eventId, dispatch_error: null, dispatch_after: null }).where('id', '=', alertId).where('event_id', 'is', null).execute();

/** The alert's event could not be made: why, and when to try again. */
export const putAlertAside = (db: Kysely<DB>, alertId: number, error: string, after: Date) =>
  db.updateTable('device_alerts').set((eb) => ({ dispatch_attempts: eb('dispatch_attempts', '+', 1), dispatch_error: error, dispatch_after: after }))
    .where('id', '=', alertId).where('event_id', 'is', null).execute();

/** Active devices of the stream kinds last heard from before a time, for the silence sweep. */
export const activeStreamDevices = (db: Kysely<DB>, seenBefore: Date) =>
  db.selectFrom('things').select(['id', 'serial', 'kind', 'name', 'status', 'county_code', 'area_code', 'last_seen_at'])
    .where('status', '=', 'active').where('kind', 'in', ['door_sensor', 'face_gate', 'people_counter'])
    .where('last_seen_at', '<', seenBefore).execute();

export const markOffline = (db: Kysely<DB>, ids: readonly number[]) =>
  ids.length ? db.updateTable('things').set({ status: 'offline' }).where('id', 'in', [...ids]).where('status', '=', 'active').execute() : Promise.resolve([]);

export const latestRules = (db: Kysely<DB>) =>
  db.selectFrom('device_rule_sets').select(['version', 'rules', 'note', 'created_at']).orderBy('version', 'desc').limit(1).executeTakeFirst();

export const insertRules = (db: Kysely<DB>, row: { version: number; rules: string; note: string | null; created_by: number | null }) =>
  db.insertInto('device_rule_sets').values(row).execute();
