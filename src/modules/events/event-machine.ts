// The closed loop (闭环) as data: every action, the states it applies in, where it leads and who
// may take it. Pure: no I/O. The policy below reads this table; so do allowedActions and the tests.

export const EVENT_STATES = [
  'reported', // 上报, waiting to be accepted
  'accepted', // 受理, waiting to be dispatched
  'dispatched', // 分派, waiting for the lead unit to sign
  'signed', // 签收
  'handling', // 处置中
  'returned', // 退单, waiting for the centre to re-dispatch
  'feedback', // 反馈, waiting for on-site verification
  'verified', // 核查通过, waiting to be closed
  'closed', // 结案
  'rejected', // 不予受理
  'merged', // 合并为重复
] as const;
export type EventState = (typeof EVENT_STATES)[number];

export const EVENT_ACTIONS = [
  'accept', 'reject', 'merge', 'settle', 'dispatch', 'sign', 'return', 'handle', 'feedback', 'verify',
  'close', 'rate', 'reopen', 'escalate', 'suspend', 'resume', 'urge', 'supervise',
] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/** Who stands where towards an event; the policy works these out from role, scope and assignment. */
export type Party = 'operator' | 'county_operator' | 'lead_unit' | 'grid' | 'leader' | 'system' | 'reporter';

export const OPEN_STATES: readonly EventState[] = ['reported', 'accepted', 'dispatched', 'signed', 'handling', 'returned', 'feedback', 'verified'];
export const TERMINAL_STATES: readonly EventState[] = ['closed', 'rejected', 'merged'];
const IN_PROGRESS: readonly EventState[] = ['accepted', 'dispatched', 'signed', 'handling', 'returned', 'feedback', 'verified'];

type Rule = {
  from: readonly EventState[];
  /** The next state; 'same' leaves it (escalate, urge…); a function decides from the body. */
  to: EventState | 'same' | ((input: { passed?: boolean; satisfied?: boolean }) => EventState);
  parties: readonly Party[];
  /** Extra condition on the event's flags. */
  when?: (e: { suspended: boolean; level: EventLevel }) => boolean;
};

export type EventLevel = 'street' | 'county' | 'city';
export const NEXT_LEVEL: Record<EventLevel, EventLevel | null> = { street: 'county', county: 'city', city: null };
const LEVEL_CODE_LENGTH: Record<EventLevel, number> = { street: 9, county: 6, city: 4 };

/** One level up: the upper level and the code of the centre that holds the event from then on, or null at the top. */
export const escalationOf = (level: EventLevel, areaCode: string): { level: EventLevel; handlingArea: string } | null => {
  const up = NEXT_LEVEL[level];
  return up ? { level: up, handlingArea: areaCode.slice(0, LEVEL_CODE_LENGTH[up]) } : null;
};

export const TRANSITIONS: Record<EventAction, Rule> = {
  accept: { from: ['reported'], to: 'accepted', parties: ['operator'] },
  reject: { from: ['reported'], to: 'rejected', parties: ['operator'] },
  merge: { from: ['reported', 'accepted'], to: 'merged', parties: ['operator'] },
  settle: { from: ['reported', 'accepted'], to: 'verified', parties: ['grid'] }, // 小事不出村: settled on the spot
  dispatch: { from: ['accepted', 'returned', 'dispatched', 'signed', 'handling'], to: 'dispatched', parties: ['operator'] }, // also 改派
  sign: { from: ['dispatched'], to: 'signed', parties: ['lead_unit'] },
  return: { from: ['dispatched', 'signed'], to: 'returned', parties: ['lead_unit'] }, // 退单
  handle: { from: ['signed', 'handling'], to: 'handling', parties: ['lead_unit'] },
  feedback: { from: ['signed', 'handling'], to: 'feedback', parties: ['lead_unit'] },
  verify: { from: ['feedback'], to: ({ passed }) => (passed ? 'verified' : 'handling'), parties: ['grid', 'operator'] },
  close: { from: ['verified'], to: 'closed', parties: ['operator'] },
  rate: { from: ['closed'], to: ({ satisfied }) => (satisfied ? 'closed' : 'accepted'), parties: ['operator', 'reporter'] }, // 回访, or the resident's own rating
  reopen: { from: ['closed'], to: 'accepted', parties: ['operator'] },
  escalate: { from: OPEN_STATES, to: 'same', parties: ['operator', 'system'], when: (e) => NEXT_LEVEL[e.level] !== null },
  suspend: { from: IN_PROGRESS, to: 'same', parties: ['operator'], when: (e) => !e.suspended }, // the operator's action is the approval
  resume: { from: IN_PROGRESS, to: 'same', parties: ['operator'], when: (e) => e.suspended },
  urge: { from: OPEN_STATES, to: 'same', parties: ['operator', 'leader'] }, // 催办
  supervise: { from: OPEN_STATES, to: 'same', parties: ['county_operator', 'leader'] }, // 督办
};

/** The state an action leads to from `state`, or null when the action does not apply there. */
export const nextState = (
  state: EventState,
  action: EventAction,
  flags: { suspended: boolean; level: EventLevel },
  input: { passed?: boolean; satisfied?: boolean } = {},
): EventState | null => {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(state) || (rule.when && !rule.when(flags))) return null;
  if (rule.to === 'same') return state;
  return typeof rule.to === 'function' ? rule.to(input) : rule.to;
};

/** Which deadline step a state starts: who is expected to act next. */
export type Step = 'accept' | 'dispatch' | 'sign' | 'handle' | 'verify' | 'close';
export const STEP_OF: Record<EventState, Step | null> = {
  reported: 'accept', accepted: 'dispatch', returned: 'dispatch', dispatched: 'sign', signed: 'handle', handling: 'handle',
  feedback: 'verify', verified: 'close', closed: null, rejected: null, merged: null,
};
