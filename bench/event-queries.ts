// Inbox, list and figure queries with 1,000,000 events stored: p50/p95 over HTTP, one request at a
// time, as an operator's console makes them.
import { sql } from 'kysely';
import type { Database } from '../src/db/client.ts';
import { openBenchDatabase } from './bench-db.ts';
import { login, startServer } from './events.ts';

const TARGET = 1_000_000;
const SAMPLES = 100;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

/** Tops the bench database up to a million events spread over 上城区's grids and the last year. */
const fillEvents = async (database: Database) => {
  const have = Number((await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM events`.execute(database.db)).rows[0]!.n);
  if (have >= TARGET) return have;
  const missing = TARGET - have;
  console.log(`inserting ${missing} events…`);
  const t0 = performance.now();
  await sql`
    WITH g AS (SELECT array_agg(code ORDER BY code) AS codes FROM grids WHERE county_code = '330102'),
         u AS (SELECT array_agg(id ORDER BY id) AS ids FROM units WHERE area_code LIKE '330102%'),
         c AS (SELECT array_agg(code ORDER BY code) AS codes FROM categories),
         -- About 3% of a year's events are still open, as with Zhejiang's 96.7% closure rate.
         s AS (SELECT array_fill('closed'::text, ARRAY[194]) || ARRAY['reported','accepted','dispatched','signed','handling','feedback'] AS states)
    INSERT INTO events (id, code, category_code, channel, description, state, level, priority, county_code, area_code, handling_area,
                        lng, lat, lead_unit_id, step, step_started_at, deadline, overdue_steps, satisfied, created_at, closed_at, updated_at)
    SELECT nextval('events_id_seq'), 'BENCH' || lpad(n::text, 10, '0'), c.codes[1 + (n % array_length(c.codes, 1))], 'grid_patrol', '基准数据',
           st, 'street', 'normal', '330102', area, substr(area, 1, 9), 120.2, 30.27,
           CASE WHEN st IN ('dispatched', 'signed', 'handling', 'feedback', 'closed') THEN u.ids[1 + (n % array_length(u.ids, 1))] END,
           CASE WHEN st = 'closed' THEN NULL ELSE 'handle' END,
           CASE WHEN st = 'closed' THEN NULL ELSE created END,
           CASE WHEN st = 'closed' THEN NULL ELSE created + interval '3 days' END,
           (n % 9 = 0)::int, CASE WHEN st = 'closed' THEN n % 10 <> 0 END, created,
           CASE WHEN st = 'closed' THEN created + interval '2 days' END, created
    FROM generate_series(1, ${missing}::int) n, g, u, c, s,
         LATERAL (SELECT g.codes[1 + (hashint4(n) & 2147483647) % array_length(g.codes, 1)] AS area,
                         s.states[1 + (hashint4(n + 7) & 2147483647) % 200] AS st,
                         now() - ((hashint4(n + 13) & 2147483647) % 31536000) * interval '1 second' AS created) x`.execute(database.db);
  await sql`VACUUM ANALYZE events`.execute(database.db); // the steady state autovacuum keeps: index-only scans for figures
  console.log(`inserted in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return TARGET;
};

const timeGets = async (base: string, token: string, path: string) => {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    times.push(performance.now() - t);
  }
  return { p50: pct(times, 0.5), p95: pct(times, 0.95) };
};

export const benchEventQueries = async () => {
  const { database } = await openBenchDatabase();
  const stored = await fillEvents(database);
  const { base, child } = await startServer(3700 + Math.floor(Math.random() * 200));
  try {
    const [street, county, handler] = await Promise.all(['street_op', 'county_op', 'handler'].map((u) => login(base, u)));
    const cases: [string, string, string][] = [
      ['inbox_street', street!, '/api/v1/inbox'],
      ['list_to_accept', street!, '/api/v1/events?box=to_accept&limit=50'],
      ['list_county', county!, '/api/v1/events?limit=50'],
      ['list_county_filtered', county!, '/api/v1/events?state=handling&category=JG&limit=50'],
      ['inbox_handler', handler!, '/api/v1/inbox'],
      ['list_to_sign', handler!, '/api/v1/events?box=to_sign&limit=50'],
      ['stats_county', county!, '/api/v1/stats/overview?area=330102'],
    ];
    const figures: string[] = [];
    for (const [name, token, path] of cases) {
      await timeGets(base, token, path); // warm-up
      const r = await timeGets(base, token, path);
      console.log(`${name.padEnd(22)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  ${path}`);
      figures.push(`${name}_p95_ms=${r.p95.toFixed(1)}`);
    }
    console.log(`event-queries: events=${stored} ${figures.join(' ')}`);
  } finally {
    child.kill('SIGTERM');
    await database.close();
  }
};
