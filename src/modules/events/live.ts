// Live updates: every change of an event is published here after its transaction commits; the SSE
// route hands each subscriber the changes it may see. In-process: with several API processes on
// PostgreSQL, each process publishes its own changes (see ARCHITECTURE.md).
import { EventEmitter } from 'node:events';
import type { Deps } from '../../lib/deps.ts';

export type EventChange = { id: number; code: string; areaCode: string; handlingArea: string; leadUnitId: number | null; reporterUserId: number | null; state: string };

const buses = new WeakMap<Deps, EventEmitter>();

const busOf = (deps: Deps) => {
  let bus = buses.get(deps);
  if (!bus) {
    bus = new EventEmitter();
    bus.setMaxListeners(0); // one listener per open console
    buses.set(deps, bus);
  }
  return bus;
};

export const publishEventChange = (deps: Deps, change: EventChange) => void busOf(deps).emit('change', change);

/** Calls `fn` for every change until the returned function is called. */
export const subscribeEventChanges = (deps: Deps, fn: (c: EventChange) => void): (() => void) => {
  const bus = busOf(deps);
  bus.on('change', fn);
  return () => void bus.off('change', fn);
};
