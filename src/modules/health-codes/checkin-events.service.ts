// A check-in with a fever or a symptom for today or yesterday opens an event for the person's grid
// (YJ0603 发热及有症状人员): someone goes to the door, the community health station arranges a clinic
// visit, and the loop closes on the event. A person whose event is still open gets no second one: the
// new check-in joins it, as a line of the event's history, so whoever follows it up sees the days go by.
// The event is made right after the check-in commits; the worker makes any that
// a stopped process left without one, and retries a failure later (30 s, doubling, at most an hour).
// The idempotency key names the check-in, so two tries never make two events.
import { sql } from 'kysely';
import type { Deps } from '../../lib/deps.ts';
import { dispatchRetryMs } from '../devices/device-rules.ts';
import { TERMINAL_STATES } from '../events/event-machine.ts';
import { addSystemLine, createEvent } from '../events/events.service.ts';
import { checkinFindings, isFever } from './checkin-facts.ts';
import * as repo from './checkins.repo.ts';

export const UNWELL_CATEGORY = 'YJ0603';
/** How long the worker keeps trying (a retired category, say); the round and the code still show the reading. */
const RETRY_DAYS = 3;
/** The worker leaves a check-in this young to the request that stored it. */
const GRACE_MS = 60_000;
const BATCH = 50;
const WORKER_LOCK = 74_012;

/** A fever or any symptom, for a day recent enough to visit: the check-in wants an event. */
export const wantsEvent = (c: { day: string; temperature: number; symptoms: readonly string[] }, yesterday: string) =>
  c.day >= yesterday && (isFever(c.temperature) || c.symptoms.length > 0);

type Made = { checkinId: number; id: number; code: string };

const openFor = async (deps: Deps, c: repo.UnwellCheckin, now: Date): Promise<Made | null> => {
  try {
    const open = await repo.openCheckinEventOf(deps.db, c.person_id, TERMINAL_STATES);
    // Linked and written down together, once however many tries (the link goes only to a check-in
    // without one); an event closed meanwhile is not joined: the check-in opens a new one.
    const joined = open && await addSystemLine(deps, open.id, {
      action: 'checkin', note: `${c.person_name} ${c.day} 打卡仍有异常：${checkinFindings(c).join('、')}`, details: { checkinId: c.id },
    }, (trx) => repo.setCheckinEvent(trx, c.id, open.id));
    if (joined) return { checkinId: c.id, id: joined.id, code: joined.code };
    const event = await createEvent(deps, null, {
      categoryCode: UNWELL_CATEGORY, channel: 'checkin', addressId: c.address_id, areaCode: c.area_code,
      description: `每日健康打卡发现异常：${c.person_name}${c.address_text ? `（${c.address_text}）` : ''}，${c.day} ${checkinFindings(c).join('、')}。请上门核实，引导就医并做好防护。`,
    }, `checkin-unwell:${c.id}`);
    await repo.setCheckinEvent(deps.db, c.id, event.id);
    return { checkinId: c.id, id: event.id, code: event.code };
  } catch (err) {
    deps.log.warn({ err, checkinId: c.id, attempts: c.event_attempts + 1 }, 'an unwell check-in could not open its event; tried again later');
    await repo.putCheckinEventAside(deps.db, c.id, new Date(now.getTime() + dispatchRetryMs(c.event_attempts + 1)));
    return null;
  }
};

/** Opens (or joins) the event of check-in `id`, just stored. */
export const openCheckinEvent = async (deps: Deps, id: number, now: Date = deps.clock()): Promise<Made | null> => {
  const [c] = await repo.pendingCheckinEvents(deps.db, { since: new Date(0), until: now, now, limit: 1, id });
  return c ? openFor(deps, c, now) : null;
};

/** The worker's part: events of check-ins still without one. On PostgreSQL one process at a time. */
export const openPendingCheckinEvents = async (deps: Deps, now: Date = deps.clock()): Promise<number> => {
  const work = async () => {
    const pending = await repo.pendingCheckinEvents(deps.db, {
      since: new Date(now.getTime() - RETRY_DAYS * 86_400_000), until: new Date(now.getTime() - GRACE_MS), now, limit: BATCH,
    });
    let made = 0;
    for (const c of pending) if (await openFor(deps, c, now)) made++;
    return made;
  };
  if (deps.database.kind !== 'postgres') return work();
  return deps.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${WORKER_LOCK}) AS ok`.execute(trx);
    return rows[0]!.ok ? work() : 0;
  });
};
