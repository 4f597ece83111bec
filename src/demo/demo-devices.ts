// Demo data of devices and supplies in 凯旋街道: door sensors on the households under home observation,
// a face gate at each demo checkpoint, three venues with people counters, a warehouse with stock and a
// few supply requests. The first readings go through the real rule consumer, so the alerts and their
// events are what the platform itself made of them.
import { sql } from 'kysely';
import { chinaDay } from '../lib/china-time.ts';
import type { Deps } from '../lib/deps.ts';
import { applyBatch, dispatchAlerts } from '../modules/devices/ingest.service.ts';
import { recolour } from '../modules/health-codes/colour.service.ts';
import type { Reading } from '../modules/devices/device-reading.ts';

const STREET = '330102011';
const DEMO = 'DEMO-';

const VENUES = [
  { code: 'DEMO-V-JFSC', name: '景芳农贸市场', kind: 'market' as const, capacity: 600, unit: '上城区市场监管局' },
  { code: 'DEMO-V-KXCC', name: '凯旋路菜场', kind: 'market' as const, capacity: 300, unit: '上城区市场监管局' },
  { code: 'DEMO-V-WSFW', name: '凯旋街道社区卫生服务中心', kind: 'hospital' as const, capacity: 200, unit: '上城区卫生健康局' },
];

const WORKER_GRID = '330102011002001'; // the demo grid_worker's

export const seedDemoDevices = async (deps: Deps) => {
  const db = deps.db;
  const now = deps.clock();
  // Two households of the demo grid worker's own grid under home observation, so their phone has doors to announce.
  const day = (d: number) => chinaDay(new Date(now.getTime() + d * 86_400_000));
  const neighbours = await db.selectFrom('persons').select(['id', 'name', 'id_number', 'area_code']).where('area_code', '=', WORKER_GRID)
    .where('household_id', 'is not', null).where('relation', '=', '户主').orderBy('id').limit(2).execute();
  if (neighbours.length) {
    await db.insertInto('control_measures').values(neighbours.map((p) => ({
      person_id: p.id, id_number: p.id_number, name: p.name, kind: 'home_observation' as const, start_date: day(-2), end_date: day(8), area_code: p.area_code, source: '演示数据',
      created_at: new Date(now.getTime() - 2 * 86_400_000),
    }))).execute();
    await recolour(deps, neighbours.map((p) => p.id), 'measure');
  }
  // Door sensors, bound to each home-observation measure of the street whose person has a household.
  const observed = (await sql<{ id: number; household_id: number; address_id: number | null; area_code: string; name: string }>`
    SELECT m.id, p.household_id, p.address_id, m.area_code, p.name FROM control_measures m JOIN persons p ON p.id = m.person_id
    WHERE m.kind = 'home_observation' AND m.area_code LIKE ${`${STREET}%`} AND p.household_id IS NOT NULL ORDER BY m.id`.execute(db)).rows;
  if (observed.length === 0) return { devices: 0, alerts: 0 };
  await db.insertInto('things').values(observed.map((m, i) => ({
    kind: 'door_sensor' as const, serial: `${DEMO}DS-${String(i + 1).padStart(3, '0')}`, name: `${m.name.slice(0, 1)}家门磁`, address_id: m.address_id,
    county_code: STREET.slice(0, 6), area_code: m.area_code, household_id: m.household_id, measure_id: m.id,
  }))).execute();
  // A face gate at each checkpoint of the street.
  const checkpoints = await db.selectFrom('checkpoints').select(['id', 'name', 'area_code', 'lng', 'lat']).where('area_code', 'like', `${STREET}%`).orderBy('id').execute();
  if (checkpoints.length) {
    await db.insertInto('things').values(checkpoints.map((c, i) => ({
      kind: 'face_gate' as const, serial: `${DEMO}FG-${String(i + 1).padStart(3, '0')}`, name: `${c.name}人脸识别闸机`, county_code: STREET.slice(0, 6), area_code: c.area_code,
      checkpoint_id: c.id, lng: c.lng, lat: c.lat,
    }))).execute();
  }
  // Venues at the street's first compounds, two counters at each.
  const places = (await sql<{ area_code: string; lng: number; lat: number; road: string; road_number: string }>`
    SELECT DISTINCT ON (area_code) area_code, lng, lat, road, road_number FROM addresses WHERE level = 'compound' AND area_code LIKE ${`${STREET}%`}
    ORDER BY area_code, id LIMIT ${VENUES.length}`.execute(db)).rows;
  const units = new Map((await db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.name, u.id]));
  for (const [i, p] of places.entries()) {
    const v = VENUES[i]!;
    const { id } = await db.insertInto('venues').values({
      code: v.code, name: v.name, kind: v.kind, capacity: v.capacity, area_code: p.area_code, county_code: STREET.slice(0, 6), address_text: `${p.road}${p.road_number}`,
      lng: p.lng + 0.0008, lat: p.lat + 0.0004, manager_unit_id: units.get(v.unit) ?? null, created_by: null,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('things').values(['东', '西'].map((gate, k) => ({
      kind: 'people_counter' as const, serial: `${DEMO}PC-${i + 1}-${k + 1}`, name: `${v.name}${gate}门客流计数器`, county_code: STREET.slice(0, 6), area_code: p.area_code,
      venue_id: id, lng: p.lng + 0.0008 + (k ? 0.0003 : -0.0003), lat: p.lat + 0.0004,
    }))).execute();
  }

  const ago = (min: number) => new Date(now.getTime() - min * 60_000);
  // The first readings, through the real consumer: an announced and an unannounced opening, a weak
  // battery, and a crowd at the first market.
  const household = observed[0]!.household_id;
  await db.insertInto('door_announcements').values({
    household_id: household, reason: 'rubbish', starts_at: new Date(now.getTime() - 50 * 60_000), ends_at: new Date(now.getTime() - 30 * 60_000),
    note: '晚饭后倒垃圾', area_code: observed[0]!.area_code, created_by: null,
  }).execute();
  const devices = await db.selectFrom('things').select(['serial', 'kind']).where('serial', 'like', `${DEMO}%`).orderBy('id').execute();
  // Each device's own history in order, ending with a heartbeat a moment ago.
  const history: Record<string, Reading['values'][]> = {
    [`${DEMO}DS-001`]: [{ door: 'open' }, { door: 'closed' }], // inside the announced window
    [`${DEMO}DS-002`]: [{ door: 'open' }], // unannounced
    [`${DEMO}DS-003`]: [{ battery: 12 }],
  };
  const readings: Reading[] = devices.flatMap((d) => {
    const before = history[d.serial] ?? [];
    const at = (k: number) => ago(before.length ? 40 - k * 15 : 2);
    const last: Reading['values'] = d.kind === 'people_counter'
      ? (d.serial.startsWith(`${DEMO}PC-1-`) ? { entered: 330, left: 10 } : { entered: 70, left: 15 })
      : d.kind === 'door_sensor' ? { door: 'closed', battery: d.serial === `${DEMO}DS-003` ? 12 : 86 } : { battery: 100 };
    return [...before.map((values, k) => ({ serial: d.serial, seq: k + 1, at: at(k), values })), { serial: d.serial, seq: before.length + 1, at: ago(2), values: last }];
  });
  await applyBatch(deps, readings);
  await dispatchAlerts(deps);

  // Supplies: the street's warehouse, and requests from the observed households at each stage.
  const { id: warehouseId } = await db.insertInto('supply_warehouses').values({ name: '凯旋街道应急物资储备库', area_code: STREET, county_code: STREET.slice(0, 6), address_text: '凯旋路 445 号' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('supply_stock').values([
    ['rice', 120], ['flour', 80], ['oil', 60], ['vegetables', 200], ['eggs', 90], ['milk', 40], ['infant_formula', 12], ['masks', 500], ['disinfectant', 80], ['antigen_kit', 300], ['medicine', 50],
  ].map(([item, quantity]) => ({ warehouse_id: warehouseId, item: item as string, quantity: quantity as number }))).execute();
  const worker = await db.selectFrom('users').select('id').where('username', '=', 'grid_worker').executeTakeFirst();
  const homes = await db.selectFrom('households').select(['id', 'area_code']).where('area_code', '=', WORKER_GRID).orderBy('id').limit(3).execute();
  const lines = [[{ item: 'rice', quantity: 1 }, { item: 'vegetables', quantity: 2 }], [{ item: 'milk', quantity: 1 }, { item: 'eggs', quantity: 1 }], [{ item: 'antigen_kit', quantity: 2 }, { item: 'masks', quantity: 1 }]];
  const requests = [
    ...homes.map((h, i) => ({ h, stage: (['requested', 'allocated', 'delivered'] as const)[i % 3]! })),
    ...observed.slice(0, 2).map((o) => ({ h: { id: o.household_id, area_code: o.area_code }, stage: 'requested' as const })),
  ];
  for (const [i, { h, stage }] of requests.entries()) {
    const items = lines[i % 3]!;
    await db.insertInto('supply_requests').values({
      household_id: h.id, county_code: STREET.slice(0, 6), area_code: h.area_code, items: JSON.stringify(items), note: null, status: stage, requested_at: ago(180 - i * 20),
      ...(stage !== 'requested' && { warehouse_id: warehouseId, assignee_id: worker?.id ?? null, allocated_at: ago(100) }),
      ...(stage === 'delivered' && { delivered_items: JSON.stringify(items), delivered_at: ago(30), delivered_by: worker?.id ?? null }),
    }).execute();
  }
  // What was allocated has left the warehouse.
  await sql`
    UPDATE supply_stock s SET quantity = s.quantity - x.q FROM (
      SELECT l->>'item' AS item, sum((l->>'quantity')::int) AS q FROM supply_requests r, jsonb_array_elements(r.items) l
      WHERE r.warehouse_id = ${warehouseId} GROUP BY 1
    ) x WHERE s.warehouse_id = ${warehouseId} AND s.item = x.item`.execute(db);
  return { devices: devices.length, alerts: Number((await db.selectFrom('device_alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) };
};
