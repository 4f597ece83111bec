// A check-in with a fever or a symptom opens an event for the person's grid (YJ0603 发热人员): someone
// goes to the door, the community health station arranges a clinic visit, and the loop closes on the
// event. It is made right after the check-in commits; the worker makes any that a stopped process left
// without one. The idempotency key names the check-in, so two tries never make two events.
import type { Deps } from '../../lib/deps.ts';
import { createEvent } from '../events/events.service.ts';
import { checkinFindings } from './checkin-facts.ts';
import * as repo from './checkins.repo.ts';

export const UNWELL_CATEGORY = 'YJ0603';
/** How long the worker keeps trying (a retired category, say): after that the round and the code still show the check-in. */
const RETRY_DAYS = 3;
const BATCH = 50;

/** Opens the events of unwell check-ins still without one (only check-in `id`, when given); returns those made. */
export const openCheckinEvents = async (deps: Deps, now: Date = deps.clock(), id?: number) => {
  const pending = await repo.unwellWithoutEvent(deps.db, new Date(now.getTime() - RETRY_DAYS * 86_400_000), BATCH, id);
  const made: { checkinId: number; id: number; code: string }[] = [];
  for (const c of pending) {
    try {
      const event = await createEvent(deps, null, {
        categoryCode: UNWELL_CATEGORY, channel: 'checkin', addressId: c.address_id, areaCode: c.area_code,
        description: `每日健康打卡发现异常：${c.person_name}${c.address_text ? `（${c.address_text}）` : ''}，${c.day} ${checkinFindings(c).join('、')}。请上门核实，引导就医并做好防护。`,
      }, `checkin-unwell:${c.id}`);
      await repo.setCheckinEvent(deps.db, c.id, event.id);
      made.push({ checkinId: c.id, id: event.id, code: event.code });
    } catch (err) {
      deps.log.warn({ err, checkinId: c.id }, 'an unwell check-in could not open its event; the worker will try again');
    }
  }
  return made;
};
