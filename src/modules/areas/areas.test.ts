import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';
import { importGridsGeoJson } from './areas-import.service.ts';
import { importAddressesCsv } from './addresses-import.service.ts';
import { polygonBBox, type Polygon } from './grid-geometry.ts';

let t: TestApp;
beforeAll(async () => void (t = await startTestApp()));
afterAll(() => t.close());

const count = async (level: string, prefix: string) =>
  Number((await t.deps.db.selectFrom('areas').select((eb) => eb.fn.countAll<number>().as('n')).where('level', '=', level as 'county').where('code', 'like', `${prefix}%`).executeTakeFirstOrThrow()).n);

describe('area tree', () => {
  it('holds Hangzhou from the 2023 division codes: 13 counties, 196 streets, 3,320 communities', async () => {
    expect([await count('county', '3301'), await count('street', '3301'), await count('community', '3301')]).toEqual([13, 196, 3320]);
    const admin = await t.login('admin');
    expect((await t.call('GET', '/api/v1/areas/330102011002', { token: admin })).body).toEqual({ code: '330102011002', name: '景芳社区', level: 'community', parentCode: '330102011' });
    const streets = await t.call('GET', '/api/v1/areas?parent=330102', { token: admin });
    expect(streets.body.items.map((s: { name: string }) => s.name)).toContain('凯旋街道');
    expect(streets.body.total).toBe(14);
  });

  it('refuses a malformed area code', async () => {
    const res = await t.call('GET', '/api/v1/areas/abc', { token: await t.login('admin') });
    expect([res.status, res.body.error.code]).toEqual([400, 'request.invalid']);
  });
});

describe('grids', () => {
  it('gives every community 3–8 grids coded community + 3 digits', async () => {
    const rows = await t.deps.db.selectFrom('grids').select(['community_code', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('community_code').execute();
    expect(rows).toHaveLength(3320);
    for (const r of rows) expect(Number(r.n)).toBeGreaterThanOrEqual(3), expect(Number(r.n)).toBeLessThanOrEqual(8);
    const codes = await t.deps.db.selectFrom('grids').select(['code', 'community_code']).limit(500).execute();
    for (const g of codes) expect(g.code).toMatch(new RegExp(`^${g.community_code}\\d{3}$`));
  });

  it('tiles each community with its grids and each street with its communities (areas add up, points land once)', async () => {
    const areaOf = (p: Polygon) => { const [x0, y0, x1, y1] = polygonBBox(p); return (x1 - x0) * (y1 - y0); };
    const street = await t.deps.db.selectFrom('areas').select('geometry').where('code', '=', '330102011').executeTakeFirstOrThrow();
    const communities = await t.deps.db.selectFrom('areas').select(['code', 'geometry']).where('parent_code', '=', '330102011').execute();
    const sum = communities.reduce((s, c) => s + areaOf(c.geometry as Polygon), 0);
    expect(sum).toBeCloseTo(areaOf(street.geometry as Polygon), 8);
    const grids = await t.deps.db.selectFrom('grids').select(['code', 'geometry']).where('code', 'like', '330102011%').execute();
    const [x0, y0, x1, y1] = polygonBBox(street.geometry as Polygon);
    for (let i = 0; i < 500; i++) {
      const lng = x0 + ((i * 7919) % 1000 + 0.5) / 1000 * (x1 - x0), lat = y0 + ((i * 104729) % 997 + 0.5) / 997 * (y1 - y0);
      const res = await t.call('GET', `/api/v1/grids/locate?lng=${lng}&lat=${lat}`);
      const inside = grids.filter((g) => { const [a, b, c, d] = polygonBBox(g.geometry as Polygon); return lng >= a && lng <= c && lat >= b && lat <= d; });
      expect(inside.map((g) => g.code)).toContain(res.body.gridCode);
    }
  });

  it('lists grids with staff and, on request, geometry', async () => {
    const token = await t.login('grid_worker');
    const res = await t.call('GET', '/api/v1/grids?geometry=true', { token });
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({ code: '330102011002001', name: '景芳社区第1网格', geometry: { type: 'Polygon' } });
    expect(res.body.items[0].staff.map((s: { duty: string }) => s.duty)).toContain('leader');
  });
});

describe('zhili import grids FILE.geojson', () => {
  const square = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

  it('replaces a community’s grids and moves its addresses and residents to the new grid', async () => {
    const community = await t.deps.db.selectFrom('areas').select('geometry').where('code', '=', '330102011002').executeTakeFirstOrThrow();
    const [x0, y0, x1, y1] = polygonBBox(community.geometry as Polygon);
    const mid = (x0 + x1) / 2;
    const doc = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { code: '330102011002001', name: '景芳西网格' }, geometry: square(x0, y0, mid, y1) },
      { type: 'Feature', properties: { code: '330102011002002', name: '景芳东网格' }, geometry: square(mid, y0, x1, y1) },
    ] };
    const r = await importGridsGeoJson(t.deps, JSON.stringify(doc));
    expect(r).toMatchObject({ grids: 2, communities: 1 });
    const grids = await t.deps.db.selectFrom('grids').select('code').where('community_code', '=', '330102011002').execute();
    expect(grids.map((g) => g.code).sort()).toEqual(['330102011002001', '330102011002002']);
    const addresses = await t.deps.db.selectFrom('addresses').select(['lng', 'area_code']).where('community_code', '=', '330102011002').execute();
    for (const a of addresses) expect(a.area_code).toBe(a.lng < mid ? '330102011002001' : '330102011002002');
    const stray = await t.deps.db.selectFrom('persons as p').innerJoin('addresses as a', 'a.id', 'p.address_id').select('p.id').whereRef('p.area_code', '<>', 'a.area_code').execute();
    expect(stray).toEqual([]);
  });

  it('refuses to remove a grid a user is bound to, or to leave an address outside every grid', async () => {
    const corner = async (community: string, gridCode: string) => {
      const c = await t.deps.db.selectFrom('areas').select('geometry').where('code', '=', community).executeTakeFirstOrThrow();
      const [x0, y0, x1, y1] = polygonBBox(c.geometry as Polygon);
      const doc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: gridCode, name: '一角' }, geometry: square(x0, y0, x0 + (x1 - x0) / 100, y0 + (y1 - y0) / 100) }] };
      const err = await importGridsGeoJson(t.deps, JSON.stringify(doc)).catch((e: { code: string; details: { reason: string }[] }) => e);
      expect(err).toMatchObject({ code: 'grid.bad_geometry' });
      return (err as { details: { reason: string }[] }).details.map((d) => d.reason).join('\n');
    };
    expect(await corner('330102011012', '330102011012002')).toContain('grid_worker_kaixi');
    const withAddresses = await t.deps.db.selectFrom('addresses').select('community_code').where('community_code', 'like', '3301020120%').executeTakeFirstOrThrow();
    expect(await corner(withAddresses.community_code, `${withAddresses.community_code}009`)).toMatch(/is in no new grid/);
    expect(await importGridsGeoJson(t.deps, JSON.stringify({ type: 'FeatureCollection', features: [null] })).catch((e: { code: string }) => e.code)).toBe('grid.bad_geometry');
  });

  it('rejects bad features with their number and changes nothing', async () => {
    const before = await t.deps.db.selectFrom('grids').select('code').where('community_code', '=', '330102011003').execute();
    const doc = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { code: '330102011003001', name: 'ok' }, geometry: square(120, 30, 120.1, 30.1) },
      { type: 'Feature', properties: { code: '123', name: 'bad code' }, geometry: square(120, 30, 120.1, 30.1) },
      { type: 'Feature', properties: { code: '330102011003002', name: 'line' }, geometry: { type: 'LineString', coordinates: [[120, 30], [121, 31]] } },
    ] };
    await expect(importGridsGeoJson(t.deps, JSON.stringify(doc))).rejects.toMatchObject({ code: 'grid.bad_geometry', details: [{ feature: 2 }, { feature: 3 }] });
    await expect(importGridsGeoJson(t.deps, '{nope')).rejects.toMatchObject({ code: 'import.bad_file' });
    const after = await t.deps.db.selectFrom('grids').select('code').where('community_code', '=', '330102011003').execute();
    expect(after).toEqual(before);
  });
});

describe('zhili import addresses FILE.csv', () => {
  it('adds rooms with their compound, building and unit, each in the grid of its point; a re-run adds nothing', async () => {
    const grid = await t.deps.db.selectFrom('grids').select(['code', 'geometry']).where('code', '=', '330102012001001').executeTakeFirstOrThrow();
    const [x0, y0, x1, y1] = polygonBBox(grid.geometry as Polygon);
    const lng = (x0 + x1) / 2, lat = (y0 + y1) / 2;
    const csv = `道路,门牌号,小区,幢,单元,室,经度,纬度\n测试路,8,测试新村,1,1,101,${lng},${lat}\n测试路,8,测试新村,1,1,102,${lng},${lat}\n`;
    expect(await importAddressesCsv(t.deps, csv)).toMatchObject({ rows: 2, created: 5 });
    expect(await importAddressesCsv(t.deps, csv)).toMatchObject({ created: 0, existing: 5 });
    const res = await t.call('POST', '/api/v1/addresses/resolve', { body: { text: '采荷街道测试新村1幢1单元102' } });
    expect(res.body).toMatchObject({ status: 'resolved', address: { gridCode: '330102012001001', room: '102' } });
  });

  it('lists every bad row and imports nothing', async () => {
    const csv = '道路,门牌号,小区,幢,单元,室,经度,纬度\n,8,甲,1,1,101,120.2,30.2\n乙路,x,乙,1,1,101,120.2,30.2\n丙路,9,丙,,1,101,abc,30.2\n丁路,9,丁,1,1,101,10,10\n';
    await expect(importAddressesCsv(t.deps, csv)).rejects.toMatchObject({
      code: 'import.bad_rows',
      details: [{ row: 2, field: 'road' }, { row: 3, field: 'roadNumber' }, { row: 4, field: 'building' }, { row: 4, field: 'lng' }, { row: 5, field: 'lng' }],
    });
    const n = await t.deps.db.selectFrom('addresses').select('id').where('compound', 'in', ['甲', '乙', '丙', '丁']).execute();
    expect(n).toEqual([]);
  });
});
