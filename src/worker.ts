// The deadline worker: what is overdue goes one level up, events and screening tasks alike; risk
// zones step down on their timers (and get the grid tasks their drawing did not make) and colours that
// depend on time are computed again. Each job
// keeps its "once" in the rows it changes, so a restart or a second worker never escalates twice.
import type { Deps } from './lib/deps.ts';
import { escalateOverdue } from './modules/events/escalation.service.ts';
import { escalateOverdueTasks } from './modules/screening/screening.service.ts';
import { recolourDue } from './modules/health-codes/colour.service.ts';
import { downgradeDueZones, fanOutMissingTasks, recolourPendingZones } from './modules/health-codes/zones.service.ts';
import { dispatchAlerts, sweepSilentDevices } from './modules/devices/ingest.service.ts';
import { openPendingCheckinEvents } from './modules/health-codes/checkin-events.service.ts';

/** Escalates everything overdue at `now`. */
export const runDeadlines = async (deps: Deps, now: Date = deps.clock()) => {
  const events = await escalateOverdue(deps, now);
  const tasks = await escalateOverdueTasks(deps, now);
  // Zones first: one whose recolouring did not finish gets it, one stepping down recolours its people;
  // then whoever's time has come.
  const pendingZones = await recolourPendingZones(deps, now);
  const zoneTasks = await fanOutMissingTasks(deps, now);
  const zones = await downgradeDueZones(deps, now);
  const recoloured = await recolourDue(deps, now);
  // Devices gone silent raise alerts; any alert still without its event (a process stopped in between) gets one.
  const silent = await sweepSilentDevices(deps, now);
  const alertEvents = await dispatchAlerts(deps, now);
  // An unwell check-in whose event was not made (a process stopped in between) gets it.
  const checkinEvents = await openPendingCheckinEvents(deps, now);
  return { events: events.length, screeningTasks: tasks.street.length + tasks.county.length, zones: zones.length, pendingZones, zoneTasks, recoloured, silent, alertEvents, checkinEvents };
};

/** Runs the worker every `everyMs` until the returned stop function is called. */
export const startDeadlineWorker = (deps: Deps, everyMs = 30_000) => {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const done = await runDeadlines(deps);
      if (done.events || done.screeningTasks || done.zones || done.pendingZones || done.zoneTasks || done.recoloured || done.silent || done.alertEvents || done.checkinEvents) deps.log.info(done, 'deadlines and timers run');
    } catch (err) {
      deps.log.error({ err }, 'deadline worker failed; will retry');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, everyMs);
  void tick();
  return () => clearInterval(timer);
};
