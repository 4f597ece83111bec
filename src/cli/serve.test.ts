// `serve` as an operator runs it: ZHILI_PROCESSES refused on the embedded database; on PostgreSQL, API
// processes sharing the port whose live consoles see each other's changes, all stopped by one SIGTERM.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openTestDatabase, TEST_PASSWORD } from '../../test/test-db.ts';

/** One request on a connection of its own: the cluster hands each new connection to the next process. */
const call = (port: number, method: string, path: string, token?: string, body?: unknown) =>
  new Promise<{ status: number; body: any }>((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request({ port, host: '127.0.0.1', method, path, agent: false, headers: { ...(text ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: data ? JSON.parse(data) : null }));
    });
    req.on('error', reject);
    req.end(text);
  });

describe('ZHILI_PROCESSES', () => {
  it('is refused on the embedded database, which serves one process', () => {
    expect(() => loadConfig({ ZHILI_PROCESSES: '2' })).toThrow(/ZHILI_PROCESSES: more than one API process needs PostgreSQL/);
    expect(loadConfig({ ZHILI_PROCESSES: '2', DATABASE_URL: 'postgres://zhili@db.example/zhili' }).processes).toBe(2);
    expect(loadConfig({}).processes).toBe(1);
  });

  it.runIf(process.env.DATABASE_URL)('serves from two processes that pass event changes to each other’s consoles, and stops on SIGTERM', async () => {
    const { database, url, drop } = await openTestDatabase();
    const row = await database.db.selectFrom('grids').select('geometry').where('code', '=', '330102011002001').executeTakeFirstOrThrow();
    const corners = (row.geometry as { coordinates: number[][][] }).coordinates[0]!;
    const at = { lng: (corners[0]![0]! + corners[2]![0]!) / 2, lat: (corners[0]![1]! + corners[2]![1]!) / 2 };
    const port = 4100 + Math.floor(Math.random() * 500);
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', ZHILI_PROCESSES: '2', ZHILI_WEB: 'off', ZHILI_WORKER: 'off', ZHILI_DEMO_FEED: 'off', ZHILI_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        server.stdout!.on('data', (c) => (out += c) && out.includes('— ready in') && resolve());
        void exited.then(() => reject(new Error(`serve stopped: ${out}`)));
      });
      expect(out).toContain('(database: postgres, 2 API processes)');
      const login = await call(port, 'POST', '/api/v1/auth/login', undefined, { username: 'grid_worker', password: TEST_PASSWORD });
      const token = login.body.token as string;
      const operator = (await call(port, 'POST', '/api/v1/auth/login', undefined, { username: 'street_op', password: TEST_PASSWORD })).body.token as string;
      // The console's stream stays on one process; two reports on new connections: the next process takes one of them.
      let stream = '';
      const streaming = new Promise<void>((resolve) => {
        const req = request({ port, host: '127.0.0.1', path: `/api/v1/events/stream?token=${operator}`, agent: false }, (res) => {
          res.on('data', (c) => (stream += c) && stream.includes('event: ready') && resolve());
        });
        req.on('error', () => {});
        req.end();
      });
      await streaming;
      const ids: number[] = [];
      for (let i = 0; i < 2; i++) {
        const body = { categoryCode: 'JG03', channel: 'grid_patrol', description: `垃圾堆放 ${i + 1}`, ...at };
        const res = await call(port, 'POST', '/api/v1/events', token, body);
        expect([res.status, res.body.error]).toEqual([201, undefined]);
        ids.push(res.body.id);
      }
      for (let i = 0; i < 100 && !ids.every((id) => stream.includes(`"id":${id},`)); i++) await new Promise((r) => setTimeout(r, 20));
      for (const id of ids) expect(stream.split(`"id":${id},`).length - 1).toBe(1);
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      server.kill('SIGKILL');
      await drop();
    }
  }, 60_000);
});
