// Health-code benchmarks over HTTP against PostgreSQL, the API in processes of its own as deployed (DEPLOYMENT).
// health-verify: checks per second and p99 with every record stored (load from wrk), beside a bare Fastify
// hello-world measured the same way in the same run. health-recolour: a zone over every person of
// the demo county, from the POST until verify answers red for a sample of them.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { Pool } from 'undici';
import { sealToken } from '../src/modules/health-codes/code-token.ts';
import { tokenKeys } from '../src/modules/health-codes/colour.service.ts';
import { openBenchDatabase } from './bench-db.ts';
import { login, startServer } from './events.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const CLIENTS = 64;
const SECONDS = 10;
const RUNS = 3;

/** A bare Fastify answering {"hello":"world"}, in its own process like the API. */
const startHello = async (port: number): Promise<ChildProcess> => {
  const code = `const f = (await import('fastify')).default(); f.get('/', async () => ({ hello: 'world' })); await f.listen({ port: ${port}, host: '127.0.0.1' });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('hello-world did not start');
};

/**
 * CPU seconds a process and its children (the API processes) have used, user + system, from /proc: the
 * server's work per request, apart from the machine's speed of the moment.
 */
const cpuSeconds = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  return (Number(fields[11]) + Number(fields[12])) / 100 + children.reduce((sum, child) => sum + cpuSeconds(child), 0); // utime, stime in clock ticks (USER_HZ = 100)
};

/**
 * The API as deployed on this machine: one process, PostgreSQL beside it on the same two cores
 * (ZHILI_PROCESSES in the environment measures another count). Two processes, one per core, spent
 * more CPU per check (78–125 µs against 55–71) and had the higher p99 in paired invocations: they
 * contend with PostgreSQL and wrk for the same two cores.
 */
const DEPLOYMENT = { ZHILI_PROCESSES: process.env.ZHILI_PROCESSES ?? '1' };

const toMs = (v: string, unit: string) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit]!;

/**
 * CPU seconds of this process's children that have ended (wrk, run to completion): a fixed piece of C
 * whose CPU per request gauges the machine's speed during the very run it loads.
 */
const endedChildrenCpu = (): number => {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime
};

/**
 * The load comes from wrk (C, one thread, 64 connections): a load generator in Node costs as much CPU
 * per request as a light handler, on the same two cores as the server and PostgreSQL.
 */
const wrk = (url: string, seconds: number, env: Record<string, string> = {}, script?: string) => {
  const args = ['-t1', `-c${CLIENTS}`, `-d${seconds}s`, '--latency', ...(script ? ['-s', script] : []), url];
  const cpu0 = endedChildrenCpu();
  const out = execFileSync('wrk', args, { encoding: 'utf8', env: { ...process.env, ...env } });
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  return {
    perS: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p99: p99 ? toMs(p99[1]!, p99[2]!) : NaN,
    requests,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    errors: /Socket errors: (.*)/.exec(out)?.[1] ?? null,
    wrkCpu: ((endedChildrenCpu() - cpu0) * 1e6) / Math.max(requests, 1),
  };
};

export const benchVerify = async () => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw new Error('health-verify drives the server with wrk: apt-get install -y wrk');
  }
  const { database, deps } = await openBenchDatabase();
  const port = 3900 + Math.floor(Math.random() * 50);
  const { base, child } = await startServer(port, DEPLOYMENT, process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []);
  const hello = await startHello(port + 60);
  try {
    const token = await login(base, 'street_op');
    const cp = await deps.db.selectFrom('checkpoints').select('code').where('area_code', 'like', '330102011%').orderBy('id').executeTakeFirstOrThrow();
    const people = (await deps.db.selectFrom('persons').select('id').where('area_code', 'like', '330102011%').execute()).map((p) => Number(p.id));
    const key = [...(await tokenKeys(deps.db)).values()].at(-1)!;
    // Each token may be used once: a fresh file of them for every run, sealed before the clock starts.
    const file = '/tmp/zhili-bench-tokens.txt';
    const tokens = (count: number) => writeFileSync(file, Array.from({ length: count }, (_, i) => sealToken(key, people[i % people.length]!, new Date(), 600).token).join('\n') + '\n');
    const env = { TOKENS: file, TOKEN: token, CP: cp.code, THREADS: '1' };
    const script = new URL('./verify.lua', import.meta.url).pathname;
    // The bench database is reused, a million checks more each time: vacuum what the last invocation
    // left, as autovacuum would on a production server (it is off on some machines).
    await sql`VACUUM (ANALYZE) health_code_checks, checkpoint_counts`.execute(deps.db);
    tokens(100_000);
    wrk(base, 6, env, script); // warm-up of every API process: the colour book, the JIT, the pool
    // A checkpoint's last step (fsync of the data files) stalls commits for a moment: named in the run it fell in.
    // (Readable by superusers and pg_monitor only: otherwise not named.)
    const lastCheckpoint = () => sql<{ t: Date }>`SELECT checkpoint_time AS t FROM pg_control_checkpoint()`.execute(deps.db).then((r) => String(r.rows[0]!.t), () => null);
    const checks = async () => Number((await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM health_code_checks`.execute(deps.db)).rows[0]!.n);
    const runs: { perS: number; p99: number; hello: number; helloP99: number; stored: boolean; cpu: number; helloCpu: number; wrkCpu: number; helloWrkCpu: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      tokens(300_000);
      const before = await checks(), checkpoint = await lastCheckpoint();
      const cpu0 = cpuSeconds(child.pid!);
      const v = wrk(base, SECONDS, env, script);
      const cpu = cpuSeconds(child.pid!) - cpu0;
      const stored = (await checks()) - before;
      const checkpointed = (await lastCheckpoint()) !== checkpoint;
      const helloCpu0 = cpuSeconds(hello.pid!);
      const h = wrk(`http://127.0.0.1:${port + 60}/`, SECONDS);
      const helloCpu = cpuSeconds(hello.pid!) - helloCpu0;
      const ok = v.requests - v.non2xx;
      // wrk stops with up to one request per connection in flight: stored, but not counted as answered.
      runs.push({
        perS: v.perS, p99: v.p99, hello: h.perS, helloP99: h.p99, stored: v.non2xx === 0 && stored >= ok && stored - ok <= CLIENTS,
        cpu: (cpu * 1e6) / v.requests, helloCpu: (helloCpu * 1e6) / h.requests, wrkCpu: v.wrkCpu, helloWrkCpu: h.wrkCpu,
      });
      console.log(`run ${i + 1}: verify ${v.perS.toFixed(0)}/s p99 ${v.p99.toFixed(1)} ms (${ok} answered 200, ${v.non2xx} other, ${stored} records stored${v.errors ? `, socket errors ${v.errors}` : ''}${checkpointed ? ', a PostgreSQL checkpoint finished meanwhile' : ''}; server CPU ${runs.at(-1)!.cpu.toFixed(1)} µs/check, wrk ${v.wrkCpu.toFixed(1)}); hello-world ${h.perS.toFixed(0)}/s p99 ${h.p99.toFixed(1)} ms (${runs.at(-1)!.helloCpu.toFixed(1)} µs/request, wrk ${h.wrkCpu.toFixed(1)})`);
    }
    const perS = median(runs.map((r) => r.perS)), helloS = median(runs.map((r) => r.hello));
    console.log(`health-verify: checks_per_s=${perS.toFixed(0)} p99_ms=${median(runs.map((r) => r.p99)).toFixed(1)} hello_per_s=${helloS.toFixed(0)} hello_p99_ms=${median(runs.map((r) => r.helloP99)).toFixed(1)} ratio=${(perS / helloS).toFixed(3)} cpu_us_per_check=${median(runs.map((r) => r.cpu)).toFixed(1)} hello_cpu_us_per_request=${median(runs.map((r) => r.helloCpu)).toFixed(1)} wrk_cpu_us_per_check=${median(runs.map((r) => r.wrkCpu)).toFixed(1)} wrk_cpu_us_per_hello=${median(runs.map((r) => r.helloWrkCpu)).toFixed(1)} every_check_stored=${runs.every((r) => r.stored)} clients=${CLIENTS} api_processes=${DEPLOYMENT.ZHILI_PROCESSES} hello_processes=1`);
  } finally {
    child.kill('SIGTERM');
    hello.kill('SIGTERM');
    await database.close();
  }
};

export const benchRecolour = async () => {
  const { database, deps } = await openBenchDatabase();
  const { base, child } = await startServer(3960 + Math.floor(Math.random() * 30), DEPLOYMENT);
  try {
    const token = await login(base, 'county_op');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const cp = await deps.db.selectFrom('checkpoints').select('code').orderBy('id').executeTakeFirstOrThrow();
    // A rectangle around every address of the demo county: every one of its people is inside.
    const box = (await sql<{ x0: number; y0: number; x1: number; y1: number }>`
      SELECT min(lng) - 0.001 AS x0, min(lat) - 0.001 AS y0, max(lng) + 0.001 AS x1, max(lat) + 0.001 AS y1 FROM addresses WHERE county_code = '330102'`.execute(deps.db)).rows[0]!;
    const people = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM persons p JOIN addresses a ON a.id = p.address_id WHERE a.county_code = '330102'`.execute(deps.db)).rows[0]!.n);
    const sample = (await sql<{ id_number: string }>`
      SELECT p.id_number FROM persons p JOIN addresses a ON a.id = p.address_id WHERE a.county_code = '330102' ORDER BY md5(p.id::text) LIMIT 1000`.execute(deps.db)).rows.map((r) => r.id_number);
    const pool = new Pool(base, { connections: 32 });
    const colourOf = async (idNumber: string) => {
      const res = await pool.request({ method: 'POST', path: '/api/v1/health-codes/verify', headers, body: JSON.stringify({ checkpoint: cp.code, idNumber }) });
      return ((await res.body.json()) as { colour: string }).colour;
    };
    const geometry = { type: 'Polygon', coordinates: [[[box.x0, box.y0], [box.x1, box.y0], [box.x1, box.y1], [box.x0, box.y1], [box.x0, box.y0]]] };
    const times: number[] = [], posts: number[] = [], lifts: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await Promise.all(sample.map(colourOf)); // the sample is in the verifying process's memory, as at a busy gate
      const t0 = performance.now();
      const drawing = pool.request({ method: 'POST', path: '/api/v1/risk-zones', headers, body: JSON.stringify({ name: `基准封控区 ${run + 1}`, level: 'sealed', geometry }) })
        .then(async (res) => {
          const body = (await res.body.json()) as { id: number; totals: { persons: number } };
          if (res.statusCode !== 201) throw new Error(`draw: ${res.statusCode} ${JSON.stringify(body)}`);
          posts.push(performance.now() - t0);
          return body;
        });
      // Ask the checkpoint until every person of the sample is red.
      let pending = [...sample];
      while (pending.length) {
        const colours = await Promise.all(pending.map(colourOf));
        pending = pending.filter((_, i) => colours[i] !== 'red');
        if (pending.length) await new Promise((r) => setTimeout(r, 20));
      }
      const seen = performance.now() - t0;
      times.push(seen);
      const zone = await drawing;
      const red = Number((await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM persons p JOIN risk_zone_addresses z ON z.address_id = p.address_id JOIN health_codes c ON c.person_id = p.id
        WHERE z.zone_id = ${zone.id} AND c.colour = 'red'`.execute(deps.db)).rows[0]!.n);
      const t1 = performance.now();
      const lifted = await pool.request({ method: 'POST', path: `/api/v1/risk-zones/${zone.id}/actions/lift`, headers, body: '{}' });
      await lifted.body.text();
      lifts.push(performance.now() - t1);
      console.log(`run ${run + 1}: ${zone.totals.persons} people in the zone (${red} red in the database); sample of ${sample.length} red at the checkpoint after ${(seen / 1000).toFixed(2)} s; POST answered after ${(posts.at(-1)! / 1000).toFixed(2)} s (tasks for every grid included); lift took ${(lifts.at(-1)! / 1000).toFixed(2)} s`);
    }
    await pool.close();
    console.log(`health-recolour: persons=${people} red_at_checkpoint_s=${(median(times) / 1000).toFixed(2)} post_s=${(median(posts) / 1000).toFixed(2)} lift_s=${(median(lifts) / 1000).toFixed(2)} sample=${sample.length}`);
  } finally {
    child.kill('SIGTERM');
    await database.close();
  }
};
