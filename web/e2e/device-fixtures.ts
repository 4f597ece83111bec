// What the device and supply journeys need, made through the API where it can be: a household under home
// observation in the grid worker's grid (the demo has no residents there, and no API makes a measure, so
// those rows are written directly), its door sensor, venues with people counters, readings sent by the
// gateway (one unannounced opening, one venue over capacity), and a warehouse with stock.
import type { TestApp } from '../../test/test-app.ts';

export const GRID = '330102011002001';
export const STREET = '330102011';

export type DeviceFixtures = {
  householdId: number;
  personName: string;
  door: { id: number; serial: string; name: string };
  crowded: { id: number; name: string };
  calm: { id: number; name: string };
  warehouse: { id: number; name: string };
};

// Plain checks, not vitest's: the same fixtures seed a development data dir.
const ok = <R extends { status: number; text: string }>(res: R, status = 200) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  return res;
};

const until = async (what: string, check: () => Promise<boolean>, ms = 10_000) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) if (await check()) return;
  throw new Error(`timed out waiting for ${what}`);
};

/** The middle of a grid's outline. */
export const gridCentre = async (test: TestApp, code = GRID) => {
  const row = await test.deps.db.selectFrom('grids').select('geometry').where('code', '=', code).executeTakeFirstOrThrow();
  const g = row.geometry as { type: string; coordinates: unknown };
  const ring = (g.type === 'Polygon' ? (g.coordinates as number[][][])[0] : (g.coordinates as number[][][][])[0]![0])!;
  const xs = ring.map((p) => p[0]!).sort((a, b) => a - b), ys = ring.map((p) => p[1]!).sort((a, b) => a - b);
  return { lng: (xs[0]! + xs.at(-1)!) / 2, lat: (ys[0]! + ys.at(-1)!) / 2 };
};

/** A household with one person under home observation from yesterday for ten days, in GRID. */
const observedHousehold = async (test: TestApp, tag: string) => {
  const db = test.deps.db;
  const day = (d: number) => new Date(Date.now() + 8 * 3_600_000 + d * 86_400_000).toISOString().slice(0, 10);
  const h = await db.insertInto('households').values({ county_code: '330102', area_code: GRID, head_name: `测试户主${tag}` }).returning('id').executeTakeFirstOrThrow();
  const name = `观察${tag}`;
  const p = await db.insertInto('persons').values({
    name, id_number: `33010219800101${String(1000 + Number(h.id) % 9000).padStart(4, '0')}`, gender: 'male', birth_date: '1980-01-01', region_code: '330102',
    household_id: h.id, relation: '户主', county_code: '330102', area_code: GRID, address_text: `景芳一区${tag}幢101室`,
  }).returning('id').executeTakeFirstOrThrow();
  const m = await db.insertInto('control_measures').values({
    person_id: p.id, name, kind: 'home_observation', start_date: day(-1), end_date: day(10), area_code: GRID, source: '浏览器测试',
  }).returning('id').executeTakeFirstOrThrow();
  return { householdId: Number(h.id), measureId: Number(m.id), personName: name };
};

export const makeDeviceFixtures = async (test: TestApp, password?: string): Promise<DeviceFixtures> => {
  const op = await test.login('street_op', password);
  const gateway = await test.login('gateway', password);
  const centre = await gridCentre(test);
  const at = (x: number, y: number) => ({ lng: centre.lng + x * 0.0008, lat: centre.lat + y * 0.0008 });

  // Door sensors: one on an observed household, one silent spare.
  const home = await observedHousehold(test, 'A');
  const thing = async (kind: string, serial: string, name: string, pos: { lng: number; lat: number }) => {
    const t = ok(await test.call('POST', '/api/v1/things', { token: op, body: { kind, serial, name, areaCode: GRID } }), 201).body as { id: number };
    // Things placed by grid only have no position; a real device would stand at an address.
    await test.deps.db.updateTable('things').set(pos).where('id', '=', t.id).execute();
    return t.id;
  };
  const doorId = await thing('door_sensor', 'E2E-MC-001', '景芳一区A幢门磁', at(-1, 1));
  ok(await test.call('PUT', `/api/v1/devices/${doorId}/binding`, { token: op, body: { measureId: home.measureId } }));
  await thing('door_sensor', 'E2E-MC-002', '景芳一区备用门磁', at(1, 1));

  // Venues, each with a counter.
  const venue = async (code: string, name: string, kind: string, capacity: number, pos: { lng: number; lat: number }) =>
    ok(await test.call('POST', '/api/v1/venues', { token: op, body: { code, name, kind, capacity, gridCode: GRID, address: '景芳路1号', ...pos } }), 201).body as { id: number; name: string };
  const crowded = await venue('E2E-MARKET', '景芳测试农贸市场', 'market', 50, at(0, -1));
  const calm = await venue('E2E-STATION', '景芳测试公交站', 'station', 500, at(1, -1));
  for (const [serial, v] of [['E2E-KL-001', crowded], ['E2E-KL-002', calm]] as const) {
    const id = await thing('people_counter', serial, `${v.name}计数器`, at(0, 0));
    ok(await test.call('PUT', `/api/v1/devices/${id}/binding`, { token: op, body: { venueId: v.id } }));
  }

  // Readings: the door closed then opened without an announcement; the market fills past its capacity.
  const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  ok(await test.call('POST', '/api/v1/devices/readings', {
    token: gateway,
    body: {
      readings: [
        { serial: 'E2E-MC-001', seq: 1, at: ago(20), battery: 88, door: 'closed' },
        { serial: 'E2E-MC-001', seq: 2, at: ago(2), door: 'open' },
        { serial: 'E2E-KL-001', seq: 1, at: ago(3), entered: 58, left: 4 },
        { serial: 'E2E-KL-002', seq: 1, at: ago(3), entered: 140, left: 20 },
      ],
    },
  }), 202);
  // The demo may hold alerts of its own: wait for these two.
  type Raised = { device: { serial: string | null } | null; venue: { id: number } | null; event: unknown };
  await until('the alerts and their events', async () => {
    const items = (await test.call('GET', '/api/v1/device-alerts?status=open&limit=200', { token: op })).body.items as Raised[];
    const door = items.find((a) => a.device?.serial === 'E2E-MC-001'), crowd = items.find((a) => a.venue?.id === crowded.id);
    return !!door?.event && !!crowd?.event;
  });

  // A warehouse of the street with stock.
  const w = ok(await test.call('POST', '/api/v1/supplies/warehouses', { token: op, body: { name: '凯旋测试物资点', streetCode: STREET, address: '凯旋路100号' } }), 201).body as { id: number; name: string };
  for (const [item, quantity] of [['rice', 20], ['vegetables', 40], ['masks', 100]] as const) {
    ok(await test.call('POST', `/api/v1/supplies/warehouses/${w.id}/stock`, { token: op, body: { item, quantity } }));
  }
  return {
    householdId: home.householdId, personName: home.personName, door: { id: doorId, serial: 'E2E-MC-001', name: '景芳一区A幢门磁' },
    crowded: { id: crowded.id, name: crowded.name }, calm: { id: calm.id, name: calm.name }, warehouse: { id: w.id, name: w.name },
  };
};
