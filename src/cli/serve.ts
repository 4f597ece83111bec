// `npm start`: open the database, migrate, seed demo data on first start, serve.
import cluster from 'node:cluster';
import { buildApp, buildDeps } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { seedDemoDevices } from '../demo/demo-devices.ts';
import { seedDemoCheckins } from '../demo/demo-health.ts';
import { seedDemoEvents } from '../demo/demo-events.ts';
import { DEMO_USERS, seedDemo } from '../demo/demo-seed.ts';
import type { Deps } from '../lib/deps.ts';
import { ensureReferenceData } from '../modules/events/reference-data.ts';
import type { Database } from '../db/client.ts';
import { buildWeb, hasWebBuild, isWebBuildStale } from '../web-assets.ts';
import { startDeadlineWorker } from '../worker.ts';

/** Migrations, then the reference data (catalogue, calendar) an empty database needs. */
export const prepareDatabase = async (database: Database, deps: Deps) => {
  const applied = await migrate(database);
  await ensureReferenceData(deps);
  return applied;
};

/** Builds the web app when its sources are newer than web/dist; without Vite (a production install) the API serves alone. */
const ensureWebBuild = async (say: (s: string) => void) => {
  if (!isWebBuildStale()) return;
  try {
    await buildWeb(say);
  } catch (e) {
    say(`The web app could not be built (${e instanceof Error ? e.message : String(e)}); serving ${hasWebBuild() ? 'the previous build' : 'the API only'}.`);
  }
};

const isEmpty = async (deps: Deps) => (await deps.db.selectFrom('areas').select('code').limit(1).execute()).length === 0;

/** Seeds demo data into an empty database, unless in production. */
export const seedIfEmpty = async (deps: Deps, say: (s: string) => void) => {
  if (deps.config.production || !(await isEmpty(deps))) return false;
  const t0 = Date.now();
  say(`Creating demo data (Hangzhou area tree, 上城区 registry of ${deps.config.demoPersons} synthetic residents)…`);
  const r = await seedDemo(deps, { persons: deps.config.demoPersons, password: deps.config.demoPassword, progress: (s) => say(`  ${s}`) });
  const events = await seedDemoEvents(deps);
  say(`  ${events} events of the last three weeks`);
  const devices = await seedDemoDevices(deps);
  say(`  ${devices.devices} devices in 凯旋街道 sending readings, ${devices.alerts} alerts raised`);
  say(`  ${await seedDemoCheckins(deps)} daily health check-ins`);
  say(`Demo data ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${r.grids} grids, ${r.addresses} addresses, ${r.persons} persons.`);
  say(`Demo users: ${DEMO_USERS.map((u) => u.username).join(', ')} — password: ${deps.config.demoPassword}`);
  return true;
};

/** One API process: the app on the port, the deadline worker unless ZHILI_WORKER=off; SIGTERM closes it. */
const serveApi = async (database: Database, deps: Deps) => {
  const app = await buildApp(deps);
  // The deadline worker runs inside the server unless ZHILI_WORKER=off (then run `zhili worker`).
  const stopWorker = deps.config.worker ? startDeadlineWorker(deps) : () => {};
  // Once, whichever signal comes first (Ctrl-C reaches every process of the group, then the first sends SIGTERM).
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= (async () => {
    stopWorker();
    await app.close();
    await database.close();
    process.exit(0);
  })());
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: deps.config.port, host: deps.config.host });
};

/**
 * ZHILI_PROCESSES > 1: API processes sharing the port (node:cluster), started once the database is
 * ready. The deadline worker and the demo devices run in the first only; a process that dies is
 * replaced; SIGTERM stops them all.
 */
const serveProcesses = (count: number, ready: () => void) => {
  let stopping = false, listening = 0;
  const start = (index: number) => {
    cluster.fork(index > 0 ? { ZHILI_WORKER: 'off', ZHILI_DEMO_FEED: 'off' } : {}).on('exit', (code, signal) => {
      if (stopping) return;
      const how = signal ?? `exit ${code}`;
      // One that never started (the port taken, say) would fail again: stop, as a single process would.
      if (listening < count) return stop(`API process ${index + 1} did not start (${how})`);
      console.error(`API process ${index + 1} stopped (${how}); starting another`);
      setTimeout(() => start(index), 1000);
    });
  };
  cluster.on('listening', () => ++listening === count && ready());
  const stop = (failure?: string) => {
    if (failure) console.error(failure);
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
    let left = workers.length;
    const code = failure ? 1 : 0;
    if (left === 0) process.exit(code);
    for (const w of workers) {
      w!.once('exit', () => --left === 0 && process.exit(code));
      w!.process.kill('SIGTERM');
    }
  };
  process.once('SIGINT', () => stop());
  process.once('SIGTERM', () => stop());
  for (let i = 0; i < count; i++) start(i);
};

export const serve = async () => {
  const t0 = Date.now();
  const config = loadConfig();
  const database = await openDatabase(config);
  const deps = buildDeps(database, config);
  // One of several API processes: the process that forked it has prepared the database.
  if (cluster.isWorker) return serveApi(database, deps);
  const say = (s: string) => console.log(s);
  const applied = await prepareDatabase(database, deps);
  if (applied.length) say(`Applied migrations: ${applied.join(', ')}`);
  await seedIfEmpty(deps, say);
  if (config.web) await ensureWebBuild(say);
  const ready = (processes: string) => say(`Zhili serving on http://localhost:${config.port} (database: ${database.kind}${database.kind === 'pglite' ? `, ${config.dataDir}` : ''}${processes}) — ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (config.processes === 1) {
    await serveApi(database, deps);
    return ready('');
  }
  await database.close();
  serveProcesses(config.processes, () => ready(`, ${config.processes} API processes`));
};
