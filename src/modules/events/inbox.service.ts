// My inbox: per role, the boxes of work waiting for the caller, as data. A box is a set of states
// and the party the caller must be; each becomes a filter over the events.
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import type { EventState } from './event-machine.ts';
import { isGridStaff, isOperator } from '../../lib/roles.ts';
import { eventReach } from './events.policy.ts';
import type { EventFilter } from './events.repo.ts';
import * as repo from './events.repo.ts';

export const BOXES = ['to_accept', 'to_dispatch', 'to_sign', 'to_handle', 'to_verify', 'to_close', 'overdue', 'reported_by_me'] as const;
export type Box = (typeof BOXES)[number];

type Holder = 'centre' | 'unit' | 'grid' | 'area';
const BOX_RULES: Record<Exclude<Box, 'overdue' | 'reported_by_me'>, { states: EventState[]; holders: Holder[] }> = {
  to_accept: { states: ['reported'], holders: ['centre'] },
  to_dispatch: { states: ['accepted', 'returned'], holders: ['centre'] },
  to_sign: { states: ['dispatched'], holders: ['unit'] },
  to_handle: { states: ['signed', 'handling'], holders: ['unit'] },
  to_verify: { states: ['feedback'], holders: ['grid', 'centre'] },
  to_close: { states: ['verified'], holders: ['centre'] },
};

/** How the caller holds work: a centre (operator at their level), a unit (handler), a grid. */
const holderOf = (actor: Actor): Holder => {
  if (isOperator(actor.roles)) return 'centre';
  if (actor.roles.includes('handler') && actor.unitId !== null) return 'unit';
  if (isGridStaff(actor.roles)) return 'grid';
  return 'area';
};

/** The filter of one box for the caller, or null when the box is not theirs. */
export const boxFilter = (actor: Actor, box: Box, now: Date): Omit<EventFilter, 'limit' | 'offset'> | null => {
  const base = eventReach(actor);
  const holder = holderOf(actor);
  const held = holder === 'centre' ? { handlingArea: actor.scope } : holder === 'unit' && actor.unitId !== null ? { leadUnitId: actor.unitId } : {};
  if (box === 'reported_by_me') return { ...base, reporterId: actor.userId };
  if (box === 'overdue') return { ...base, ...held, overdueAt: now };
  const rule = BOX_RULES[box];
  if (!rule.holders.includes(holder)) return null;
  return { ...base, ...held, states: rule.states };
};

/** Counts of every box that is the caller's. Throws auth.forbidden. */
export const getInbox = async (deps: Deps, actor: Actor) => {
  requirePermission(actor, 'event.read');
  const now = deps.clock();
  const mine = BOXES.flatMap((box) => {
    const f = boxFilter(actor, box, now);
    return f ? [[box, f] as const] : [];
  });
  const counts = await Promise.all(mine.map(([, f]) => repo.countEvents(deps.db, f)));
  return { boxes: Object.fromEntries(mine.map(([box], i) => [box, counts[i]])) as Partial<Record<Box, number>> };
};
