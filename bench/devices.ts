// device-stream: readings through NATS JetStream into the rule consumer of the API process (as
// deployed: `npm start` with NATS_URL), against PostgreSQL.
// 1. drain: a backlog of readings waits in the stream, the API starts, readings applied per second
//    (device state and alerts committed, then acknowledged).
// 2. paced: devices publish at the target rate; for every violation, the time from its reading to its
//    event being in the grid's inbox (the alert carries its event id), p50/p99.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import type { Deps } from '../src/lib/deps.ts';
import { messageIdOf, subjectOf, SUBJECT_ROOT } from '../src/modules/devices/device-reading.ts';
import { natsConnection, STREAM_NAME } from '../src/modules/devices/stream-nats.ts';
import { openBenchDatabase } from './bench-db.ts';
import { startServer } from './events.ts';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const SENSORS = 5_000;
const VENUES = 20;
const COUNTERS_PER_VENUE = 10;
const DRAIN_READINGS = Number(process.env.BENCH_DRAIN ?? 400_000);
const PACED_RATE = Number(process.env.BENCH_RATE ?? 20_000);
const PACED_SECONDS = 20;
const VIOLATORS = 400; // door sensors that open once, unannounced, during the paced run

/** CPU seconds used so far by one process, or by every process of a command name. */
const cpuOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // utime and stime, in ticks of 10 ms
  return (Number(f[11]) + Number(f[12])) / 100;
};
const cpuOfCommand = (comm: string) => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).reduce((sum, d) => {
  try {
    return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === comm ? sum + cpuOf(Number(d)) : sum;
  } catch {
    return sum; // gone meanwhile
  }
}, 0);
/** CPU seconds the whole machine has been busy, every core together. */
const cpuOfMachine = () => {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  return (ticks.reduce((a, b) => a + b, 0) - ticks[3]! - ticks[4]!) / 100; // all but idle and iowait
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

type Fixture = { sensors: string[]; counters: string[] };

/** Door sensors bound to home-observation measures of real demo households, and counters at venues. */
const prepare = async (deps: Deps): Promise<Fixture> => {
  const db = deps.db;
  await sql`DELETE FROM device_alerts WHERE thing_id IN (SELECT id FROM things WHERE serial LIKE 'BENCH-%') OR venue_id IN (SELECT id FROM venues WHERE code LIKE 'BENCH-%')`.execute(db);
  await sql`DELETE FROM things WHERE serial LIKE 'BENCH-%'`.execute(db);
  await sql`DELETE FROM control_measures WHERE source = 'bench'`.execute(db);
  await sql`DELETE FROM venues WHERE code LIKE 'BENCH-%'`.execute(db);
  await sql`
    WITH p AS (
      SELECT DISTINCT ON (household_id) id, name, household_id, address_id, area_code FROM persons
      WHERE household_id IS NOT NULL AND county_code = '330102' ORDER BY household_id, id LIMIT ${SENSORS}
    ), m AS (
      INSERT INTO control_measures (person_id, name, kind, start_date, end_date, area_code, source)
      SELECT id, name, 'home_observation', current_date - 1, current_date + 7, area_code, 'bench' FROM p RETURNING id, person_id
    )
    INSERT INTO things (kind, serial, name, address_id, county_code, area_code, household_id, measure_id, last_seen_at)
    SELECT 'door_sensor', 'BENCH-DS-' || p.id, '门磁' || p.id, p.address_id, '330102', p.area_code, p.household_id, m.id, now()
    FROM p JOIN m ON m.person_id = p.id`.execute(db);
  const grids = (await sql<{ code: string }>`SELECT code FROM grids WHERE code LIKE '330102%' ORDER BY code LIMIT ${VENUES}`.execute(db)).rows;
  for (const [i, g] of grids.entries()) {
    const v = await db.insertInto('venues').values({ code: `BENCH-V${i}`, name: `农贸市场${i}`, kind: 'market', capacity: 400, area_code: g.code, county_code: '330102', address_text: null, lng: null, lat: null, manager_unit_id: null, created_by: null }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('things').values(Array.from({ length: COUNTERS_PER_VENUE }, (_, k) => ({
      kind: 'people_counter' as const, serial: `BENCH-PC-${i}-${k}`, name: `客流计数${i}-${k}`, county_code: '330102', area_code: g.code, venue_id: v.id, last_seen_at: new Date(),
    }))).execute();
  }
  // Every run rewrites these tables, and a table left bloated by earlier runs (things grew eightfold over
  // a dozen) makes each reading's row cost more: each run starts from compact tables, so runs compare.
  await sql`VACUUM (FULL, ANALYZE) things, venues, device_alerts, control_measures`.execute(db);
  const sensors = (await sql<{ serial: string }>`SELECT serial FROM things WHERE serial LIKE 'BENCH-DS-%' ORDER BY id`.execute(db)).rows.map((r) => r.serial);
  const counters = (await sql<{ serial: string }>`SELECT serial FROM things WHERE serial LIKE 'BENCH-PC-%' ORDER BY id`.execute(db)).rows.map((r) => r.serial);
  return { sensors, counters };
};

/** Readings as devices send them: door sensors report closed with their battery, counters their flow. */
const reader = (f: Fixture) => {
  const seq = new Map<string, number>();
  const next = (serial: string) => {
    const n = (seq.get(serial) ?? 0) + 1;
    seq.set(serial, n);
    return n;
  };
  let i = 0;
  return (violation?: string) => {
    if (violation) return { kind: 'door_sensor', r: { serial: violation, seq: next(violation), at: new Date().toISOString(), door: 'open' } };
    i++;
    if (i % 10 === 0) {
      const serial = f.counters[i % f.counters.length]!;
      return { kind: 'people_counter', r: { serial, seq: next(serial), at: new Date().toISOString(), entered: i % 7, left: (i + 3) % 7 } };
    }
    const serial = f.sensors[i % f.sensors.length]!;
    return { kind: 'door_sensor', r: { serial, seq: next(serial), at: new Date().toISOString(), door: 'closed', battery: 60 + (i % 40) } };
  };
};

const appliedSum = async (deps: Deps) =>
  Number((await sql<{ n: string }>`SELECT COALESCE(sum(last_seq), 0) AS n FROM things WHERE serial LIKE 'BENCH-%'`.execute(deps.db)).rows[0]!.n);

export const benchDeviceStream = async () => {
  const { database, deps } = await openBenchDatabase();
  const f = await prepare(deps);
  console.log(`${f.sensors.length} door sensors under home observation, ${f.counters.length} counters at ${VENUES} venues`);
  const nc = await connect(natsConnection(NATS_URL));
  const jsm = await jetstreamManager(nc);
  await jsm.streams.delete(STREAM_NAME).catch(() => {});
  await jsm.streams.add({ name: STREAM_NAME, subjects: [`${SUBJECT_ROOT}.>`] });
  const js = jetstream(nc);
  const encoder = new TextEncoder();
  const next = reader(f);
  // The backlog is published with JetStream acknowledgements; the paced load as devices on a network
  // mostly send, fire and forget on core NATS (the stream stores it all the same), so that the load
  // generator, on the same two cores, takes little of them.
  const publish = (k: { kind: string; r: { serial: string; seq: number } }) =>
    js.publish(subjectOf(SUBJECT_ROOT, '330102', k.kind), encoder.encode(JSON.stringify(k.r)), { msgID: messageIdOf(k.r) });
  const send = (k: { kind: string; r: { serial: string; seq: number } }) => nc.publish(subjectOf(SUBJECT_ROOT, '330102', k.kind), encoder.encode(JSON.stringify(k.r)));

  // 1. drain
  const t0 = performance.now();
  for (let i = 0; i < DRAIN_READINGS; i += 5_000) await Promise.all(Array.from({ length: 5_000 }, () => publish(next())));
  console.log(`published a backlog of ${DRAIN_READINGS} readings in ${((performance.now() - t0) / 1000).toFixed(1)} s (${Math.round(DRAIN_READINGS / ((performance.now() - t0) / 1000))}/s)`);
  let server: ChildProcess | null = null;
  try {
    // Watch from before the server starts: it consumes as soon as it is ready, before it answers HTTP.
    const base = await appliedSum(deps);
    let first = 0;
    let done = 0;
    const watch = (async () => {
      while (!done) {
        const n = await appliedSum(deps);
        if (n > base && !first) first = performance.now();
        if (n - base >= DRAIN_READINGS) done = performance.now();
        else await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const started = await startServer(3197, { NATS_URL }, process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []);
    server = started.child;
    await watch;
    const drainS = (done - first) / 1000;
    const drainRate = DRAIN_READINGS / drainS;
    console.log(`drained ${DRAIN_READINGS} readings in ${drainS.toFixed(1)} s: ${Math.round(drainRate)} readings/s`);

    // The drain left a dead row version per reading; autovacuum would have cleared them by now.
    await sql`VACUUM things`.execute(deps.db);

    // 2. paced, with violations whose events we wait for
    const violators = f.sensors.slice(0, VIOLATORS);
    const violateAt = new Set(Array.from({ length: VIOLATORS }, (_, k) => Math.floor(((k + 0.5) / VIOLATORS) * PACED_RATE * PACED_SECONDS)));
    const since = new Date();
    const seen = new Map<number, number>();
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const rows = (await sql<{ id: number; first_at: Date }>`
          SELECT id, first_at FROM device_alerts WHERE rule_id = 'door.unannounced' AND event_id IS NOT NULL AND first_at >= ${since}`.execute(deps.db)).rows;
        const now = Date.now();
        for (const r of rows) if (!seen.has(r.id)) seen.set(r.id, now - r.first_at.getTime());
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    // PostgreSQL's share is what is left: its backends come and go, and a process gone takes its count with it.
    const cpu0 = { server: cpuOf(started.child.pid!), nats: cpuOfCommand('nats-server'), bench: cpuOf(process.pid), machine: cpuOfMachine() };
    const tp = performance.now();
    let sent = 0;
    let v = 0;
    const tick = 20; // ms
    while (sent < PACED_RATE * PACED_SECONDS) {
      const due = Math.min(PACED_RATE * PACED_SECONDS, Math.floor(((performance.now() - tp) / 1000) * PACED_RATE) + Math.floor((PACED_RATE * tick) / 1000));
      for (; sent < due; sent++) send(violateAt.has(sent) ? next(violators[v++]!) : next());
      await nc.flush();
      const wait = tp + ((sent / PACED_RATE) * 1000) - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const pacedS = (performance.now() - tp) / 1000;
    const cpu = { server: cpuOf(started.child.pid!) - cpu0.server, nats: cpuOfCommand('nats-server') - cpu0.nats, bench: cpuOf(process.pid) - cpu0.bench, machine: cpuOfMachine() - cpu0.machine };
    const until = Date.now() + 30_000;
    while (seen.size < VIOLATORS && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    polling = false;
    await poll;
    const lat = [...seen.values()];
    const stored = (await jsm.streams.info(STREAM_NAME)).state.messages - DRAIN_READINGS;
    const applied = (await appliedSum(deps)) - base - DRAIN_READINGS;
    console.log(`paced: ${sent} readings offered in ${pacedS.toFixed(1)} s (${Math.round(sent / pacedS)}/s), ${stored} stored in the stream, ${applied} applied; ${lat.length}/${VIOLATORS} violations reached the inbox: p50 ${median(lat)} ms, p99 ${pct(lat, 0.99)} ms, max ${Math.max(...lat)} ms`);
    const crowds = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM device_alerts WHERE rule_id = 'venue.crowd' AND venue_id IN (SELECT id FROM venues WHERE code LIKE 'BENCH-%')`.execute(deps.db)).rows[0]!.n;
    const load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).trim();
    const share = (x: number) => `${((x / pacedS) * 100).toFixed(0)}%`;
    console.log(`crowd alerts: ${crowds}; load average ${load}`);
    console.log(`while paced, of 2 cores (200%): the machine ${share(cpu.machine)}, the server ${share(cpu.server)} (${((cpu.server / sent) * 1e6).toFixed(1)} µs a reading), the NATS server ${share(cpu.nats)}, this load generator ${share(cpu.bench)}, PostgreSQL and the rest ${share(cpu.machine - cpu.server - cpu.nats - cpu.bench)}`);
    console.log(`device-stream: drain_per_s=${Math.round(drainRate)} paced_per_s=${Math.round(sent / pacedS)} event_p50_ms=${median(lat)} event_p99_ms=${pct(lat, 0.99)} violations=${lat.length}/${VIOLATORS} readings=${DRAIN_READINGS + sent}`);
  } finally {
    server?.kill('SIGTERM');
    await nc.close();
    await database.close();
  }
};
