// Event benchmarks over HTTP against PostgreSQL: the server runs as its own process (as deployed),
// the load comes from this one, and pgbench measures the database's own ceiling in the same run.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { Pool } from 'undici';
import type { Database } from '../src/db/client.ts';
import { openBenchDatabase } from './bench-db.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const benchUrl = () => {
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = '/zhili_bench';
  return u.toString();
};

/** Starts the API on the bench database and waits for /healthz. */
export const startServer = async (port: number, extra: Record<string, string> = {}, nodeArgs: string[] = []): Promise<{ base: string; child: ChildProcess }> => {
  const env = { ...process.env, DATABASE_URL: benchUrl(), PORT: String(port), ZHILI_LOG_LEVEL: 'warn', ZHILI_WORKER: 'off', ...extra };
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts', 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
};

export const login = async (base: string, username: string) => {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'zhili-demo' }) });
  return ((await res.json()) as { token: string }).token;
};

// The load comes through a keep-alive pool (as a load generator like wrk would): fetch() costs the
// client about as much CPU as the server spends answering, on the same two cores.
const pools = new Map<string, Pool>();
const poolOf = (base: string) => {
  let p = pools.get(base);
  if (!p) pools.set(base, (p = new Pool(base, { connections: 64, pipelining: 1 })));
  return p;
};

export const post = async (base: string, token: string, path: string, body: unknown) => {
  const res = await poolOf(base).request({ method: 'POST', path, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const json = (await res.body.json()) as { id: number; error?: unknown };
  if (res.statusCode >= 300) throw new Error(`${path}: ${res.statusCode} ${JSON.stringify(json)}`);
  return json;
};

export const get = async (base: string, token: string, path: string) => {
  const res = await poolOf(base).request({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } });
  const json = await res.body.json();
  if (res.statusCode >= 300) throw new Error(`${path}: ${res.statusCode} ${JSON.stringify(json)}`);
  return json;
};

export const closePools = async () => {
  await Promise.all([...pools.values()].map((p) => p.close()));
  pools.clear();
};

/** Runs `clients` loops of `work` for `seconds`; returns completed loops per second. */
export const drive = async (clients: number, seconds: number, work: () => Promise<void>) => {
  let done = 0;
  const until = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (Date.now() < until) {
      await work();
      done++;
    }
  }));
  return done / ((performance.now() - started) / 1000);
};

/** pgbench's TPS for a one-row insert transaction at the same concurrency, on the same database. */
export const pgbenchInsertTps = async (database: Database, clients: number, seconds: number) => {
  await sql`CREATE TABLE IF NOT EXISTS bench_one_row (id bigserial PRIMARY KEY, v integer NOT NULL, at timestamptz NOT NULL DEFAULT now())`.execute(database.db);
  const script = '/tmp/zhili-pgbench-insert.sql';
  execFileSync('bash', ['-c', `echo 'INSERT INTO bench_one_row (v) VALUES (1);' > ${script}`]);
  const u = new URL(benchUrl());
  const out = execFileSync('pgbench', ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', script, '-h', u.hostname, '-p', u.port || '5432', '-U', u.username || 'postgres', 'zhili_bench'], { encoding: 'utf8' });
  return Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? 0);
};

export const gridPoint = async (database: Database, grid: string) => {
  const row = await database.db.selectFrom('grids').select('geometry').where('code', '=', grid).executeTakeFirstOrThrow();
  const g = (row.geometry as { coordinates: number[][][] }).coordinates[0]!;
  return { lng: (g[0]![0]! + g[2]![0]!) / 2, lat: (g[0]![1]! + g[2]![1]!) / 2 };
};

const CLIENTS = 32;
const SECONDS = 10;
const RUNS = 3;

/** Event creation over HTTP with 32 clients, beside pgbench's one-row insert TPS. */
export const benchEventCreate = async () => {
  const { database } = await openBenchDatabase();
  const { base, child } = await startServer(3700 + Math.floor(Math.random() * 200));
  try {
    const token = await login(base, 'grid_worker');
    const at = await gridPoint(database, '330102011002001');
    const body = { categoryCode: 'JG01', channel: 'grid_patrol', description: '基准测试：占道经营', ...at };
    await drive(CLIENTS, 2, async () => void (await post(base, token, '/api/v1/events', body))); // warm-up
    const http: number[] = [], pg: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      http.push(await drive(CLIENTS, SECONDS, async () => void (await post(base, token, '/api/v1/events', body))));
      pg.push(await pgbenchInsertTps(database, CLIENTS, SECONDS));
      console.log(`run ${i + 1}: http ${http.at(-1)!.toFixed(0)} events/s, pgbench ${pg.at(-1)!.toFixed(0)} tps`);
    }
    const h = median(http), p = median(pg);
    console.log(`event-create: events_per_s=${h.toFixed(0)} pgbench_insert_tps=${p.toFixed(0)} ratio=${(h / p).toFixed(3)} clients=${CLIENTS}`);
  } finally {
    await closePools();
    child.kill('SIGTERM');
    await database.close();
  }
};

/** Full lifecycles over HTTP: create → accept → dispatch → sign → handle → feedback → verify → close. */
export const benchLifecycle = async () => {
  const { database } = await openBenchDatabase();
  const { base, child } = await startServer(3700 + Math.floor(Math.random() * 200));
  try {
    const [worker, operator, handler] = await Promise.all(['grid_worker', 'street_op', 'handler'].map((u) => login(base, u)));
    const unit = await database.db.selectFrom('units').select('id').where('name', '=', '上城区城管局').executeTakeFirstOrThrow();
    const at = await gridPoint(database, '330102011002001');
    const lifecycle = async () => {
      const e = await post(base, worker!, '/api/v1/events', { categoryCode: 'JG01', channel: 'grid_patrol', description: '基准测试：全流程', ...at });
      const act = (token: string, action: string, body: object = {}) => post(base, token, `/api/v1/events/${e.id}/actions/${action}`, body);
      await act(operator!, 'accept');
      await act(operator!, 'dispatch', { leadUnitId: unit.id });
      await act(handler!, 'sign');
      await act(handler!, 'handle');
      await act(handler!, 'feedback', { note: '已处置' });
      await act(worker!, 'verify', { passed: true });
      await act(operator!, 'close');
    };
    await drive(CLIENTS, 2, lifecycle);
    const rates: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      rates.push(await drive(CLIENTS, SECONDS, lifecycle));
      console.log(`run ${i + 1}: ${rates.at(-1)!.toFixed(0)} lifecycles/s`);
    }
    console.log(`event-lifecycle: lifecycles_per_s=${median(rates).toFixed(0)} requests_per_lifecycle=8 clients=${CLIENTS}`);
  } finally {
    await closePools();
    child.kill('SIGTERM');
    await database.close();
  }
};

