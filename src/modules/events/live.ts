// Live updates: every change of an event is published here after its transaction commits; the SSE
// route hands each subscriber the changes it may see. Other processes on the same database (more API
// processes, the standalone worker) hear of it through NOTIFY, each change named by the process that
// made it, which has already told its own subscribers.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type { Deps } from '../../lib/deps.ts';

export type EventChange = { id: number; code: string; areaCode: string; handlingArea: string; leadUnitId: number | null; reporterUserId: number | null; state: string };

const CHANNEL = 'zhili_event_changes';

type Bus = { emitter: EventEmitter; origin: string };
const buses = new WeakMap<Deps, Bus>();

const busOf = (deps: Deps) => {
  let bus = buses.get(deps);
  if (!bus) {
    bus = { emitter: new EventEmitter(), origin: randomUUID() };
    bus.emitter.setMaxListeners(0); // one listener per open console
    buses.set(deps, bus);
  }
  return bus;
};

export const publishEventChange = (deps: Deps, change: EventChange) => {
  const { emitter, origin } = busOf(deps);
  emitter.emit('change', change);
  sql`SELECT pg_notify(${CHANNEL}, ${JSON.stringify({ origin, change })})`.execute(deps.db)
    .catch((err: unknown) => deps.log.warn({ err, event: change.id }, 'an event change was not announced to other processes'));
};

/** Passes the changes other processes announce to this one's subscribers, until the returned function is called. */
export const followOtherProcesses = (deps: Deps): Promise<() => Promise<void>> =>
  deps.database.listen(CHANNEL, (payload) => {
    const { emitter, origin } = busOf(deps);
    let message: { origin?: string; change?: EventChange };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      // Anyone with access to the database can NOTIFY: a stray message must not stop the process.
      return deps.log.warn({ payload: payload.slice(0, 200) }, 'an event change announcement that is not JSON was ignored');
    }
    if (message?.change && message.origin !== origin) emitter.emit('change', message.change); // `null` parses too
  });

/** Calls `fn` for every change until the returned function is called. */
export const subscribeEventChanges = (deps: Deps, fn: (c: EventChange) => void): (() => void) => {
  const { emitter } = busOf(deps);
  emitter.on('change', fn);
  return () => void emitter.off('change', fn);
};
