// Health-code benchmarks over HTTP against PostgreSQL, the API in its own process as deployed.
// health-verify: checks per second and p99 with every record stored, beside a bare Fastify
// hello-world measured the same way in the same run. health-recolour: a zone over every person of
// the demo county, from the POST until verify answers red for a sample of them.
import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { Pool } from 'undici';
import { sealToken } from '../src/modules/health-codes/code-token.ts';
import { tokenKeys } from '../src/modules/health-codes/colour.service.ts';
import { openBenchDatabase } from './bench-db.ts';
import { closePools, login, startServer } from './events.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

const CLIENTS = 64;
const SECONDS = 10;
const RUNS = 3;

/** A bare Fastify answering {"hello":"world"}, in its own process like the API. */
const startHello = async (port: number): Promise<ChildProcess> => {
  const code = `const f = (await import('fastify')).default(); f.post('/', async () => ({ hello: 'world' })); await f.listen({ port: ${port}, host: '127.0.0.1' });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`, { method: 'POST' })).ok) return child;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('hello-world did not start');
};

/** `clients` loops of one request each for `seconds`: rate, p99 and how many answered 200. */
const load = async (base: string, seconds: number, request: (i: number) => { path: string; headers: Record<string, string>; body: string }) => {
  const pool = new Pool(base, { connections: CLIENTS, pipelining: 1 });
  const latencies: number[] = [];
  let ok = 0, n = 0;
  const statuses = new Map<number, number>();
  const until = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (Date.now() < until) {
      const r = request(n++);
      const t0 = performance.now();
      const res = await pool.request({ method: 'POST', path: r.path, headers: r.headers, body: r.body });
      await res.body.text();
      latencies.push(performance.now() - t0);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode === 200) ok++;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  return { perS: latencies.length / elapsed, p99: percentile(latencies, 0.99), ok, total: latencies.length, statuses };
};

export const benchVerify = async () => {
  const { database, deps } = await openBenchDatabase();
  const port = 3900 + Math.floor(Math.random() * 50);
  const { base, child } = await startServer(port);
  const hello = await startHello(port + 60);
  try {
    const token = await login(base, 'street_op');
    const cp = await deps.db.selectFrom('checkpoints').select('code').where('area_code', 'like', '330102011%').orderBy('id').executeTakeFirstOrThrow();
    const people = (await deps.db.selectFrom('persons').select('id').where('area_code', 'like', '330102011%').execute()).map((p) => Number(p.id));
    const key = [...(await tokenKeys(deps.db)).values()].at(-1)!;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    // Each token may be used once: a fresh one for every request, sealed before the clock starts.
    const tokens = (count: number) => Array.from({ length: count }, (_, i) => sealToken(key, people[i % people.length]!, new Date(), 300).token);
    const verifyRequest = (list: string[]) => (i: number) => ({ path: '/api/v1/health-codes/verify', headers, body: JSON.stringify({ checkpoint: cp.code, token: list[i]! }) });
    await load(base, 2, verifyRequest(tokens(60_000))); // warm-up: the colour book, the JIT, the pool
    const helloRequest = () => ({ path: '/', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ checkpoint: cp.code, token: 'x' }) });
    const checks = async () => Number((await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM health_code_checks`.execute(deps.db)).rows[0]!.n);
    const runs: { perS: number; p99: number; hello: number; helloP99: number; stored: boolean }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const list = tokens(400_000);
      const before = await checks();
      const v = await load(base, SECONDS, verifyRequest(list));
      const stored = (await checks()) - before;
      const h = await load(`http://127.0.0.1:${port + 60}`, SECONDS, helloRequest);
      runs.push({ perS: v.perS, p99: v.p99, hello: h.perS, helloP99: h.p99, stored: stored === v.ok && v.ok === v.total });
      console.log(`run ${i + 1}: verify ${v.perS.toFixed(0)}/s p99 ${v.p99.toFixed(1)} ms (${v.ok}/${v.total} answered 200, ${stored} records stored; statuses ${JSON.stringify(Object.fromEntries(v.statuses))}); hello-world ${h.perS.toFixed(0)}/s p99 ${h.p99.toFixed(1)} ms`);
    }
    const perS = median(runs.map((r) => r.perS)), helloS = median(runs.map((r) => r.hello));
    console.log(`health-verify: checks_per_s=${perS.toFixed(0)} p99_ms=${median(runs.map((r) => r.p99)).toFixed(1)} hello_per_s=${helloS.toFixed(0)} hello_p99_ms=${median(runs.map((r) => r.helloP99)).toFixed(1)} ratio=${(perS / helloS).toFixed(3)} every_check_stored=${runs.every((r) => r.stored)} clients=${CLIENTS}`);
  } finally {
    await closePools();
    child.kill('SIGTERM');
    hello.kill('SIGTERM');
    await database.close();
  }
};

export const benchRecolour = async () => {
  const { database, deps } = await openBenchDatabase();
  const { base, child } = await startServer(3960 + Math.floor(Math.random() * 30));
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
