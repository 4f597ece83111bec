import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildDeps } from '../../app.ts';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';
import { testConfig } from '../../../test/test-db.ts';
import { loadCataloguePreset } from './catalogue.service.ts';

let t: TestApp;
beforeAll(async () => void (t = await startTestApp()));
afterAll(() => t.close());

const centreOf = async (grid: string) => {
  const row = await t.deps.db.selectFrom('grids').select('geometry').where('code', '=', grid).executeTakeFirstOrThrow();
  const g = (row.geometry as { coordinates: number[][][] }).coordinates[0]!;
  return { lng: (g[0]![0]! + g[2]![0]!) / 2, lat: (g[0]![1]! + g[2]![1]!) / 2 };
};

describe('the category catalogue', () => {
  it('ships at least 40 categories on the 2021 platforms, each with limits for every step', async () => {
    const res = await t.call('GET', '/api/v1/categories');
    expect(res.body.platforms.map((p: { name: string }) => p.name)).toEqual(['综治工作', '监管执法', '应急管理', '公共服务', '党政综合']);
    expect(res.body.items.length).toBeGreaterThanOrEqual(40);
    for (const c of res.body.items) expect(Object.keys(c.limits).sort()).toEqual(['accept', 'close', 'dispatch', 'handle', 'sign', 'verify']);
  });

  it('lets sys_admin change a category (audited) and refuses everyone else', async () => {
    const body = { name: '占道经营', platformCode: 'enforcement', leadUnitType: 'urban_management', priority: 'urgent', limits: { accept: { hours: 1 }, dispatch: { hours: 1 }, sign: { hours: 1 }, handle: { days: 2 }, verify: { days: 1 }, close: { days: 1 } } };
    const denied = await t.call('PUT', '/api/v1/categories/JG01', { token: await t.login('street_op'), body });
    expect(denied.status).toBe(403);
    const ok = await t.call('PUT', '/api/v1/categories/JG01', { token: await t.login('admin'), body });
    expect(ok.body).toMatchObject({ code: 'JG01', priority: 'urgent', leadUnitType: 'urban_management' });
    const audit = await t.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'category.update').where('target_id', '=', 'JG01').execute();
    expect(audit).toHaveLength(1);
    const badPlatform = await t.call('PUT', '/api/v1/categories/JG01', { token: await t.login('admin'), body: { ...body, platformCode: 'nowhere' } });
    expect([badPlatform.status, badPlatform.body.error.code]).toEqual([400, 'request.invalid']);
  });

  it('expresses the older four platforms by loading configuration alone', async () => {
    const legacy = await loadCataloguePreset(t.deps, 'legacy');
    expect(legacy.platforms.map((p) => p.name)).toEqual(['综治工作', '市场监管', '综合执法', '便民服务']);
    expect(legacy.items.find((c) => c.code === 'JG05')?.platformCode).toBe('market'); // 食品安全
    expect(legacy.items.find((c) => c.code === 'JG01')?.platformCode).toBe('enforcement'); // 占道经营
    await loadCataloguePreset(t.deps, '2021');
  });
});

describe('the working-day calendar', () => {
  it('is editable per year by sys_admin only', async () => {
    const days = [{ date: '2027-02-05', kind: 'holiday', name: '春节' }, { date: '2027-02-13', kind: 'workday', name: '春节调休上班' }];
    expect((await t.call('PUT', '/api/v1/calendar/2027', { token: await t.login('county_op'), body: { days } })).status).toBe(403);
    const res = await t.call('PUT', '/api/v1/calendar/2027', { token: await t.login('admin'), body: { days } });
    expect(res.body.days).toEqual(days);
    const wrongYear = await t.call('PUT', '/api/v1/calendar/2027', { token: await t.login('admin'), body: { days: [{ date: '2026-02-05', kind: 'holiday', name: 'x' }] } });
    expect(wrongYear.status).toBe(400);
  });
});

describe('faults', () => {
  it('leaves the event and its history as they were when an action fails half way', async () => {
    const token = await t.login('street_op');
    const e = (await t.call('POST', '/api/v1/events', { token, body: { categoryCode: 'GF02', channel: 'hotline_12345', description: '路灯不亮', ...(await centreOf('330102011002001')) } })).body;
    // A history write that fails after the event row was updated in the same transaction.
    await sql`CREATE FUNCTION fail_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`.execute(t.deps.db);
    await sql`CREATE TRIGGER fail_history BEFORE INSERT ON event_history FOR EACH ROW EXECUTE FUNCTION fail_history()`.execute(t.deps.db);
    const res = await t.call('POST', `/api/v1/events/${e.id}/actions/accept`, { token, body: {} });
    await sql`DROP TRIGGER fail_history ON event_history`.execute(t.deps.db);
    expect([res.status, res.body.error.code]).toEqual([500, 'internal']);
    expect(res.text).not.toContain('disk full');
    const after = (await t.call('GET', `/api/v1/events/${e.id}`, { token })).body;
    expect([after.state, after.history.length]).toEqual(['reported', 1]);
  });

  it('keeps the history append-only', async () => {
    await expect(sql`UPDATE event_history SET note = 'x'`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM event_history`.execute(t.deps.db)).rejects.toThrow(/append-only/);
  });
});

describe('GET /api/v1/events/stream', () => {
  let base: string;
  const open = async (user: string) => {
    const ctl = new AbortController();
    const res = await fetch(`${base}/api/v1/events/stream?token=${await t.login(user)}`, { signal: ctl.signal });
    const reader = res.body!.getReader();
    let text = '';
    const read = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
      } catch {
        // aborted at the end of the test
      }
    })();
    return { text: () => text, close: async () => { ctl.abort(); await read; } };
  };
  const report = async (app: TestApp['app']) => {
    const body = { categoryCode: 'JG03', channel: 'grid_patrol', description: '垃圾堆放', ...(await centreOf('330102011002001')) };
    const res = await app.inject({ method: 'POST', url: '/api/v1/events', headers: { authorization: `Bearer ${await t.login('grid_worker')}` }, payload: body });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: number };
  };
  const changesOf = (text: string, id: number) => text.split(`"id":${id},`).length - 1;
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 20));
  };

  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  });

  it('pushes a change to the street operator, once, and not to another street', async () => {
    const mine = await open('street_op');
    const other = await open('street_op_caihe');
    const e = await report(t.app);
    await until(() => changesOf(mine.text(), e.id) > 0);
    await new Promise((r) => setTimeout(r, 200)); // time for this process's own announcement to come back
    await mine.close();
    await other.close();
    expect(changesOf(mine.text(), e.id)).toBe(1);
    expect(changesOf(other.text(), e.id)).toBe(0);
  });

  it('pushes a change made by another API process on the same database', async () => {
    const another = await buildApp(buildDeps(t.deps.database, testConfig()));
    try {
      const mine = await open('street_op');
      const other = await open('street_op_caihe');
      // A stray announcement on the channel (anyone with database access may NOTIFY) is ignored.
      await sql`SELECT pg_notify('zhili_event_changes', 'not an event change')`.execute(t.deps.db);
      await sql`SELECT pg_notify('zhili_event_changes', 'null')`.execute(t.deps.db);
      const e = await report(another);
      await until(() => changesOf(mine.text(), e.id) > 0);
      await mine.close();
      await other.close();
      expect(changesOf(mine.text(), e.id)).toBe(1);
      expect(changesOf(other.text(), e.id)).toBe(0);
    } finally {
      await another.close();
    }
  });
});
