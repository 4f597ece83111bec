// Colours on the map, as data. Event states use the antd preset colours of the state tags
// (components/event-tags.tsx); `handling` takes a darker blue there so it is not `reported`'s twin.
import type { MapEvent } from './map-api.ts';

export type LegendGroup = { key: string; states: string[]; colour: string };

export const STATE_GROUPS: LegendGroup[] = [
  { key: 'reported', states: ['reported'], colour: '#1677ff' },
  { key: 'accepted', states: ['accepted'], colour: '#2f54eb' },
  { key: 'dispatched', states: ['dispatched'], colour: '#722ed1' },
  { key: 'signed', states: ['signed'], colour: '#13c2c2' },
  { key: 'handling', states: ['handling'], colour: '#0958d9' },
  { key: 'returned', states: ['returned'], colour: '#fa8c16' },
  { key: 'feedback', states: ['feedback'], colour: '#faad14' },
  { key: 'verified', states: ['verified'], colour: '#a0d911' },
  { key: 'closed', states: ['closed'], colour: '#52c41a' },
  { key: 'rejected', states: ['rejected', 'merged'], colour: '#8c8c8c' },
];

const BY_STATE = new Map(STATE_GROUPS.flatMap((g) => g.states.map((s) => [s, g] as const)));
export const groupOf = (state: string) => BY_STATE.get(state)?.key ?? state;
export const stateColour = (state: string) => BY_STATE.get(state)?.colour ?? '#8c8c8c';

export const OVERDUE_RING = '#f5222d';
export const MAP_BACKGROUND = '#eef2f7';

/** Grid fills: a grid with an overdue event stands out, then one with open events. */
export const GRID_FILLS = { overdue: '#fecaca', open: '#fde68a', quiet: '#dbeafe' } as const;
export const GRID_STROKE = '#60a5fa';
export const GRID_SELECTED = '#1d4ed8';

const TERMINAL = new Set(['closed', 'rejected', 'merged']);
export type GridCounts = { open: number; closed: number; overdue: number };

/** Open, closed and overdue events per grid code. */
export const countByGrid = (events: readonly MapEvent[]) => {
  const counts = new Map<string, GridCounts>();
  for (const e of events) {
    let c = counts.get(e.gridCode);
    if (!c) counts.set(e.gridCode, (c = { open: 0, closed: 0, overdue: 0 }));
    if (e.state === 'closed') c.closed++;
    else if (!TERMINAL.has(e.state)) {
      c.open++;
      if (e.colour === 'red') c.overdue++;
    }
  }
  return counts;
};

export const gridFill = (c: GridCounts | undefined) => (c?.overdue ? GRID_FILLS.overdue : c?.open ? GRID_FILLS.open : GRID_FILLS.quiet);
