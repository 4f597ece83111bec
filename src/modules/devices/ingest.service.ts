// The rule consumer: batches of readings from the stream, applied in one transaction each (device
// state, venue occupancy, alerts), acknowledged only after commit. Alerts then become events in the
// closed loop (the alerts table is the outbox), and a sweep raises alerts for devices gone silent.
import { sql } from 'kysely';
import { chinaMinute } from '../../lib/china-time.ts';
import { eachLimit } from '../../lib/each-limit.ts';
import { AppError } from '../../lib/errors.ts';
import type { Deps } from '../../lib/deps.ts';
import type { AlertKind } from '../../db/schema-devices.ts';
import { createEvent } from '../events/events.service.ts';
import { applyReadings, dispatchRetryMs, foldDrafts, silentDevices, type AlertDraft, type DeviceRules, type VenueState } from './device-rules.ts';
import { decodeReading, type Reading } from './device-reading.ts';
import type { StreamMessage } from './device-stream.ts';
import { activeDeviceRules } from './device-rules.service.ts';
import * as repo from './ingest.repo.ts';

export type BatchResult = { applied: number; duplicates: number; unknown: number; malformed: number; alerts: number };

const windowOf = (rules: DeviceRules) => (d: AlertDraft) => rules.windowMinutes[d.kind] * 60_000;

/** A clearance that an alert of the same key raised later in the batch overrides is dropped. */
const lastWord = (drafts: ReturnType<typeof foldDrafts>, cleared: { key: string; at: Date }[]) =>
  cleared.filter((c) => !drafts.some((d) => d.key === c.key && d.lastAt > c.at));

/**
 * Applies one batch of readings in one transaction. Safe to apply again: repeats are skipped by
 * sequence. When another consumer changed one of the devices meanwhile, the batch is applied afresh.
 */
export const applyBatch = async (deps: Deps, readings: readonly Reading[]): Promise<Omit<BatchResult, 'malformed'>> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyOnce(deps, readings);
    } catch (err) {
      if (!(err instanceof repo.StaleDeviceState) || attempt >= 5) throw err;
    }
  }
};

const applyOnce = async (deps: Deps, readings: readonly Reading[]): Promise<Omit<BatchResult, 'malformed'>> => {
  if (readings.length === 0) return { applied: 0, duplicates: 0, unknown: 0, alerts: 0 };
  const rules = await activeDeviceRules(deps);
  const serials = [...new Set(readings.map((r) => r.serial))];
  const opened = new Set(readings.filter((r) => r.values.door === 'open').map((r) => r.serial));
  const times = readings.map((r) => r.at.getTime());
  const grace = rules.door.graceMinutes * 60_000;
  return deps.db.transaction().execute(async (trx) => {
    const devices = await repo.readDevices(trx, serials);
    const venues = await repo.lockVenues(trx, [...new Set(devices.flatMap((d) => (d.kind === 'people_counter' && d.venueId !== null ? [d.venueId] : [])))]);
    const households = [...new Set(devices.flatMap((d) => (opened.has(d.serial) && d.householdId !== null && d.measure ? [d.householdId] : [])))];
    const windows = await repo.announcementWindows(trx, households, new Date(Math.min(...times) - grace), new Date(Math.max(...times) + grace));
    const out = applyReadings(rules, new Map(devices.map((d) => [d.serial, d])), new Map<number, VenueState>(venues.map((v) => [v.id, v])), windows, readings);
    await repo.saveDevices(trx, devices.filter((d) => d.changed));
    await repo.saveVenues(trx, venues.filter((v) => v.changed));
    const drafts = foldDrafts(out.alerts, windowOf(rules));
    const fresh = await repo.writeAlerts(trx, drafts, windowOf(rules));
    await repo.clearAlerts(trx, lastWord(drafts, out.cleared));
    return { applied: out.applied, duplicates: out.duplicates, unknown: out.unknown, alerts: fresh.length };
  });
};

/**
 * The lane of a reading: a device's readings always go to the same one, and every counter's to the
 * first (counters share their venue's row), so lanes never wait on each other's rows.
 */
const laneOf = (subject: string, serial: string, lanes: number) => {
  if (lanes === 1 || subject.endsWith('.people_counter')) return 0;
  let h = 0;
  for (let i = 0; i < serial.length; i++) h = (h * 31 + serial.charCodeAt(i)) | 0;
  return Math.abs(h) % lanes;
};

/**
 * Decodes a batch from the stream and applies it; a message that is not a reading is counted and
 * dropped. On PostgreSQL the devices are split into lanes applied side by side, each in its own
 * transaction, so the database works on two cores while this process decodes.
 */
export const handleMessages = async (deps: Deps, batch: readonly StreamMessage[]): Promise<BatchResult> => {
  const lanes = deps.database.kind === 'postgres' ? 2 : 1;
  const byLane: Reading[][] = Array.from({ length: lanes }, () => []);
  let malformed = 0;
  for (const m of batch) {
    const d = decodeReading(m.data);
    if (d.ok) byLane[laneOf(m.subject, d.reading.serial, lanes)]!.push(d.reading);
    else malformed++;
  }
  if (malformed) deps.log.warn({ malformed }, 'device messages that are not readings were dropped');
  const total: BatchResult = { applied: 0, duplicates: 0, unknown: 0, alerts: 0, malformed };
  for (const r of await Promise.all(byLane.map((readings) => applyBatch(deps, readings)))) {
    total.applied += r.applied; total.duplicates += r.duplicates; total.unknown += r.unknown; total.alerts += r.alerts;
  }
  return total;
};

// What each kind of alert becomes in the closed loop.
export const ALERT_CATEGORY: Record<AlertKind, string> = { violation: 'YJ0602', crowd: 'YJ0701', maintenance: 'YJ0801' };
const DISPATCH_LOCK = 74021;
const DISPATCH_PARALLEL = 4;

/** What the console says of an alert whose event could not be made: our errors say why; others are not for its eyes. */
const whyNoEvent = (err: unknown) => (err instanceof AppError ? err.message : '系统暂时无法生成事件，将自动重试');

/**
 * Turns alerts without an event into events (channel `device`), oldest first. One that fails is put
 * aside with the reason and tried again later, so it does not hold back those behind it. On
 * PostgreSQL one process at a time does it, under a lock held by a transaction that stays open while
 * it works.
 */
export const dispatchAlerts = async (deps: Deps, now: Date = deps.clock()): Promise<number> => {
  const work = async () => {
    let made = 0;
    for (;;) {
      const pending = await repo.pendingAlerts(deps.db, 50, now);
      // A few side by side: the events do not depend on each other, and each waits mostly on the database.
      await eachLimit(pending, DISPATCH_PARALLEL, async (a) => {
        try {
          const event = await createEvent(deps, null, {
            categoryCode: ALERT_CATEGORY[a.kind], channel: 'device', areaCode: a.area_code, addressId: a.address_id,
            description: `${a.message}${a.v_address ? `，地址：${a.v_address}` : ''}（设备告警 #${a.id}）`,
          }, `device-alert:${a.id}`); // a retry after the event was made but not noted finds it again
          await repo.setAlertEvent(deps.db, a.id, event.id);
          made++;
        } catch (err) {
          const attempts = a.dispatch_attempts + 1;
          deps.log.warn({ err, alertId: a.id, attempts }, 'device alert could not become an event; put aside');
          await repo.putAlertAside(deps.db, a.id, whyNoEvent(err), new Date(now.getTime() + dispatchRetryMs(attempts)));
        }
      });
      if (pending.length < 50) return made;
    }
  };
  if (deps.database.kind !== 'postgres') return work();
  return deps.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${DISPATCH_LOCK}) AS ok`.execute(trx);
    return rows[0]!.ok ? work() : 0;
  });
};

/** Devices silent past their kind's limit go offline with a maintenance alert. */
export const sweepSilentDevices = async (deps: Deps, now: Date = deps.clock()) => {
  const rules = await activeDeviceRules(deps);
  const shortest = Math.min(...Object.values(rules.silence));
  const candidates = await repo.activeStreamDevices(deps.db, new Date(now.getTime() - shortest * 60_000));
  const silent = silentDevices(rules, candidates.map((d) => ({ ...d, lastSeenAt: d.last_seen_at })), now);
  if (silent.length === 0) return 0;
  const drafts = foldDrafts(silent.map((d): AlertDraft => ({
    ruleId: 'device.silent', kind: 'maintenance', key: `device.silent:thing:${d.id}`, thingId: d.id, venueId: null, countyCode: d.county_code, areaCode: d.area_code,
    at: now, message: `${d.name}已离线，最后在线 ${chinaMinute(d.last_seen_at!)}`, details: { serial: d.serial, lastSeenAt: d.last_seen_at?.toISOString() ?? null },
  })), windowOf(rules));
  await deps.db.transaction().execute(async (trx) => {
    await repo.markOffline(trx, silent.map((d) => d.id));
    await repo.writeAlerts(trx, drafts, windowOf(rules));
  });
  return silent.length;
};
