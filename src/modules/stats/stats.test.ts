import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
const tok: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['grid_worker', 'street_op', 'county_op']) tok[u] = await t.login(u);
});
afterAll(() => t.close());

// The middle of the grid worker's own grid (景芳社区第1网格).
const ownGrid = async () => {
  const row = await t.deps.db.selectFrom('grids').select('geometry').where('code', '=', '330102011002001').executeTakeFirstOrThrow();
  const g = (row.geometry as { coordinates: number[][][] }).coordinates[0]!;
  return { lng: (g[0]![0]! + g[2]![0]!) / 2, lat: (g[0]![1]! + g[2]![1]!) / 2 };
};

const report = async (categoryCode: string) => {
  const res = await t.call('POST', '/api/v1/events', {
    token: tok.grid_worker,
    body: { categoryCode, channel: 'grid_patrol', description: `巡查发现：${categoryCode}`, ...(await ownGrid()) },
  });
  if (res.status !== 201) throw new Error(`report: ${res.status} ${res.text}`);
  return res.body as { id: number; gridCode: string };
};

const act = async (user: string, id: number, action: string) => {
  const res = await t.call('POST', `/api/v1/events/${id}/actions/${action}`, { token: tok[user], body: {} });
  if (res.status !== 200) throw new Error(`${user} ${action}: ${res.status} ${res.text}`);
};

// The app's clock stands still, so events reported now are at the end of the default period: ask up to tomorrow.
const overview = async (user: string, query: string) => {
  const to = new Date(Date.now() + 86_400_000).toISOString();
  const res = await t.call('GET', `/api/v1/stats/overview?${query.includes('to=') ? query : `${query}&to=${encodeURIComponent(to)}`}`, { token: tok[user] });
  expect(res.status).toBe(200);
  return res.body as { received: number; byCategory: { code: string; name: string; received: number; closed: number }[] };
};

describe('GET /api/v1/stats/overview byCategory', () => {
  it('counts received and closed per category in the area, most received first, named from the catalogue', async () => {
    const jg = [await report('JG01'), await report('JG01'), await report('JG01')];
    await report('GF01');
    await report('GF01');
    await report('ZZ01');
    await act('grid_worker', jg[0]!.id, 'settle');
    await act('street_op', jg[0]!.id, 'close');
    const caihe = await t.deps.db.selectFrom('grids').select('code').where('code', 'like', '330102012%').orderBy('code').limit(1).executeTakeFirstOrThrow();
    await buildEvent(t.deps, caihe.code); // JG01 in another street

    const street = await overview('street_op', 'area=330102011');
    expect(street.byCategory).toEqual([
      { code: 'JG01', name: '占道经营', received: 3, closed: 1 },
      { code: 'GF01', name: expect.any(String), received: 2, closed: 0 },
      { code: 'ZZ01', name: '矛盾纠纷', received: 1, closed: 0 },
    ]);
    expect(street.byCategory.reduce((s, c) => s + c.received, 0)).toBe(street.received);

    const county = await overview('county_op', 'area=330102');
    expect(county.byCategory[0]).toEqual({ code: 'JG01', name: '占道经营', received: 4, closed: 1 });
  });

  it('follows the period like the other figures', async () => {
    const past = await overview('street_op', 'area=330102011&from=2020-01-01&to=2020-02-01');
    expect([past.received, past.byCategory]).toEqual([0, []]);
  });

  it('keeps the ten most received categories', async () => {
    const codes = ['JG02', 'JG03', 'JG04', 'JG05', 'JG06', 'JG07', 'JG08', 'JG09', 'ZZ02'];
    for (const code of codes) await report(code);
    const street = await overview('street_op', 'area=330102011');
    expect(street.byCategory).toHaveLength(10);
    expect(street.byCategory.slice(0, 3).map((c) => c.code)).toEqual(['JG01', 'GF01', 'JG02']);
    const counts = street.byCategory.map((c) => c.received);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(street.byCategory.every((c) => c.name !== c.code)).toBe(true);
  });
});
