// The residents' side of the loop, without an account: report a problem, follow it by its tracking
// number, rate the result. The tracking number alone is guessable, so every read and the rating also
// need the last four digits of the phone given when reporting; a mismatch answers "not found".
import type { Actor } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { categoriesOf } from './catalogue.service.ts';
import { applyEventAction } from './event-actions.service.ts';
import { createEvent, type CreateEventInput } from './events.service.ts';
import * as repo from './events.repo.ts';

export type PublicReport = Omit<CreateEventInput, 'channel' | 'addressId'> & { reporterPhone: string };

// What a resident sees of the history: the steps, and the words the centre addressed to them.
const PUBLIC_NOTES = new Set(['reject', 'feedback', 'settle', 'close', 'rate']);

/** Reports a problem as a resident. Throws event.unknown_category, event.no_location, event.bad_photo. */
export const reportPublicEvent = async (deps: Deps, input: PublicReport) => {
  const { id, code } = await createEvent(deps, null, { ...input, channel: 'resident' });
  return { id, code };
};

/** The event behind a tracking number, if the phone matches. Throws event.not_found. */
const findOwnEvent = async (deps: Deps, code: string, phoneTail: string) => {
  const e = await repo.getEventByCode(deps.db, code.trim().toUpperCase());
  if (!e || e.channel !== 'resident' || !e.reporter_phone || !e.reporter_phone.endsWith(phoneTail)) {
    throw new AppError('event.not_found', '未找到该编号的事件，请核对编号和手机号后四位 (no such tracking number for this phone)');
  }
  return e;
};

/** A closed event may be rated once per closing: after a reopen and a new close, again. */
const isRateable = (state: string, history: readonly { action: string }[]) => state === 'closed' && [...history].reverse().find((h) => h.action === 'close' || h.action === 'rate')?.action === 'close';

/** Progress of a resident's report. Throws event.not_found. */
export const trackPublicEvent = async (deps: Deps, code: string, phoneTail: string) => {
  const e = await findOwnEvent(deps, code, phoneTail);
  const [history, categories] = await Promise.all([repo.listHistory(deps.db, e.id), categoriesOf(deps)]);
  return {
    code: e.code,
    categoryName: categories.get(e.category_code)?.name ?? e.category_code,
    description: e.description,
    address: e.address_text,
    state: e.state,
    createdAt: e.created_at.toISOString(),
    closedAt: e.closed_at?.toISOString() ?? null,
    satisfied: e.satisfied,
    canRate: isRateable(e.state, history),
    steps: history
      .filter((h) => h.from_state !== h.to_state || h.action === 'rate')
      .map((h) => ({ at: h.at.toISOString(), action: h.action, state: h.to_state, note: PUBLIC_NOTES.has(h.action) ? h.note : null })),
  };
};

/**
 * The resident rates the result of a closed report, once; unsatisfied reopens it (counted).
 * Throws event.not_found, event.invalid_transition.
 */
export const ratePublicEvent = async (deps: Deps, code: string, input: { phoneTail: string; satisfied: boolean; note?: string }, ip: string | null) => {
  const e = await findOwnEvent(deps, code, input.phoneTail);
  if (!isRateable(e.state, await repo.listHistory(deps.db, e.id))) throw new AppError('event.invalid_transition', '该事件尚未办结或已评价 (not closed, or already rated)', { state: e.state, action: 'rate' });
  // The proven reporter acts as a resident confined to this event's grid; they hold no other permission.
  const resident: Actor = { userId: 0, username: '群众', roles: ['resident'], scope: e.area_code, unitId: null, personId: null, permissions: new Set(['event.read']), ip };
  await applyEventAction(deps, resident, e.id, 'rate', { satisfied: input.satisfied, note: input.note });
  return trackPublicEvent(deps, code, input.phoneTail);
};
