import { describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/actor.ts';
import { createRng } from '../../lib/random.ts';
import { permissionsOf, type Role } from '../../lib/roles.ts';
import { EVENT_ACTIONS, EVENT_STATES, nextState, TERMINAL_STATES, TRANSITIONS, type EventAction, type EventLevel, type EventState } from './event-machine.ts';
import { mayApply, type EventFacts } from './events.policy.ts';

type Sim = { state: EventState; level: EventLevel; suspended: boolean; history: { action: EventAction; from: EventState; to: EventState }[] };

// Applies the table the way the service does: the state moves, the flags follow the action.
const step = (s: Sim, action: EventAction, input: { passed?: boolean; satisfied?: boolean }): boolean => {
  const to = nextState(s.state, action, s, input);
  if (to === null) return false;
  s.history.push({ action, from: s.state, to });
  if (action === 'escalate') s.level = s.level === 'street' ? 'county' : 'city';
  if (action === 'suspend') s.suspended = true;
  if (action === 'resume' || to !== s.state) s.suspended = false;
  s.state = to;
  return true;
};

describe('the transition table', () => {
  it('keeps every random sequence of actions inside the known states, with an unbroken history', () => {
    const rng = createRng(2026);
    for (let run = 0; run < 2000; run++) {
      const s: Sim = { state: 'reported', level: 'street', suspended: false, history: [] };
      let applied = 0;
      for (let i = 0; i < 60; i++) {
        const action = rng.pick(EVENT_ACTIONS);
        if (step(s, action, { passed: rng.chance(0.7), satisfied: rng.chance(0.8) })) applied++;
        expect(EVENT_STATES).toContain(s.state);
      }
      expect(s.history).toHaveLength(applied);
      for (let i = 1; i < s.history.length; i++) expect(s.history[i]!.from).toBe(s.history[i - 1]!.to);
      if (s.state === 'rejected' || s.state === 'merged') expect(s.history.at(-1)!.to).toBe(s.state);
    }
  });

  it('reaches every state from a report, and leaves rejected and merged events alone', () => {
    const reached = new Set<EventState>(['reported']);
    let frontier: EventState[] = ['reported'];
    while (frontier.length) {
      const next: EventState[] = [];
      for (const state of frontier) {
        for (const action of EVENT_ACTIONS) {
          for (const input of [{ passed: true, satisfied: true }, { passed: false, satisfied: false }]) {
            const to = nextState(state, action, { suspended: false, level: 'street' }, input);
            if (to && !reached.has(to)) {
              reached.add(to);
              next.push(to);
            }
          }
        }
      }
      frontier = next;
    }
    expect([...reached].sort()).toEqual([...EVENT_STATES].sort());
    for (const state of ['rejected', 'merged'] as const) {
      expect(EVENT_ACTIONS.filter((a) => nextState(state, a, { suspended: false, level: 'street' }) !== null)).toEqual([]);
    }
    expect(TERMINAL_STATES).toEqual(['closed', 'rejected', 'merged']);
  });

  it('escalates at most to the city', () => {
    expect(nextState('handling', 'escalate', { suspended: false, level: 'county' })).toBe('handling');
    expect(nextState('handling', 'escalate', { suspended: false, level: 'city' })).toBeNull();
  });
});

describe('the policy: role × action', () => {
  const actor = (role: Role, scope: string, unitId: number | null = null): Actor => ({
    userId: 1, username: role, roles: [role], scope, unitId, personId: null, permissions: permissionsOf([role]), ip: null,
  });
  // A street-level event in 景芳社区第1网格, dispatched to unit 7.
  const event = (state: EventState, over: Partial<EventFacts> = {}): EventFacts => ({
    state, level: 'street', suspended: false, areaCode: '330102011002001', handlingArea: '330102011',
    leadUnitId: 7, assistUnitIds: [], reporterUserId: null, ...over,
  });
  // For each action, an event it applies to (a suspended one for resume).
  const applicable = (a: EventAction): EventFacts => {
    const from = TRANSITIONS[a].from[0]!;
    return event(from, a === 'resume' ? { suspended: true } : {});
  };
  const allowed = (who: Actor) => EVENT_ACTIONS.filter((a) => mayApply(who, applicable(a), a)).sort();

  it.each<[string, Actor, EventAction[]]>([
    ['grid worker of the grid', actor('grid_worker', '330102011002001'), ['settle', 'verify']],
    ['street operator of the street', actor('street_operator', '330102011'), ['accept', 'close', 'dispatch', 'escalate', 'merge', 'rate', 'reject', 'reopen', 'resume', 'suspend', 'urge', 'verify']],
    ['county operator', actor('county_operator', '330102'), ['accept', 'close', 'dispatch', 'escalate', 'merge', 'rate', 'reject', 'reopen', 'resume', 'supervise', 'suspend', 'urge', 'verify']],
    ['handler of the lead unit', actor('handler', '330102', 7), ['feedback', 'handle', 'return', 'sign']],
    ['leader', actor('leader', '3301'), ['supervise', 'urge']],
    ['mediator', actor('mediator', '330102'), []],
    ['sys_admin', actor('sys_admin', '3301'), []],
  ])('%s may take exactly its actions', (_name, who, expected) => {
    expect(allowed(who)).toEqual([...expected].sort());
  });

  it.each<[string, Actor]>([
    ['grid worker of another grid', actor('grid_worker', '330102011012001')],
    ['street operator of another street', actor('street_operator', '330102012')],
    ['handler of another unit', actor('handler', '330102', 8)],
    ['leader of another district', actor('leader', '330105')],
  ])('%s may take none', (_name, who) => {
    expect(allowed(who)).toEqual([]);
  });

  it('gives the street nothing once the county holds the event', () => {
    const escalated = { handlingArea: '330102', level: 'county' as const };
    expect(mayApply(actor('street_operator', '330102011'), event('reported', escalated), 'accept')).toBe(false);
    expect(mayApply(actor('county_operator', '330102'), event('reported', escalated), 'accept')).toBe(true);
  });
});
