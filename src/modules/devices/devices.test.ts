// Devices end to end on a real database: register, bind, announce, readings over HTTP into the stream
// (the in-process one here; device-stream.test.ts runs NATS), alerts, events in the grid's inbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retireCategory } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';

let GRID: string; // a grid of 凯旋街道 with people in it
let t: TestApp;
let op: string, gateway: string;
let person: { id: number; household_id: number; address_id: number };
let measureId: number;

const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const waitFor = async <T>(what: () => Promise<T | null | undefined | false>, ms = 10_000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};
const seqOf = async (serial: string) => Number((await t.deps.db.selectFrom('things').select('last_seq').where('serial', '=', serial).executeTakeFirstOrThrow()).last_seq);
const registerDevice = async (kind: string, serial: string, body: Record<string, unknown>) => {
  const res = await t.call('POST', '/api/v1/things', { token: op, body: { kind, serial, name: `测试${serial}`, ...body } });
  expect(res.status, res.text).toBe(201);
  return res.body.id as number;
};
const send = (readings: unknown[], token = gateway) => t.call('POST', '/api/v1/devices/readings', { token, body: { readings } });

beforeAll(async () => {
  t = await startTestApp();
  [op, gateway] = await Promise.all([t.login('street_op'), t.login('gateway')]);
  const p = await t.deps.db.selectFrom('persons').select(['id', 'household_id', 'address_id', 'area_code']).where('area_code', 'like', '330102011%')
    .where('area_code', 'not like', '330102011012%').where('household_id', 'is not', null).where('address_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
  person = p as typeof person;
  GRID = p.area_code;
  measureId = (await t.deps.db.insertInto('control_measures').values({
    person_id: person.id, name: '测试对象', kind: 'home_observation', start_date: day(-2), end_date: day(5), area_code: GRID, source: 'manual',
  }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

describe('door sensors under home observation', () => {
  let deviceId: number;
  it('binds a door sensor to the measure and its household', async () => {
    deviceId = await registerDevice('door_sensor', 'DS-T-1', { addressId: person.address_id });
    const res = await t.call('PUT', `/api/v1/devices/${deviceId}/binding`, { token: op, body: { measureId } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ householdId: person.household_id, measure: { id: measureId, kind: 'home_observation', endDate: day(5) } });
    // A counter cannot watch a household, and a street outside scope cannot bind.
    expect((await t.call('PUT', `/api/v1/devices/${deviceId}/binding`, { token: op, body: { venueId: 1 } })).body.error.code).toBe('device.bad_binding');
    expect((await t.call('PUT', `/api/v1/devices/${deviceId}/binding`, { token: await t.login('street_op_caihe'), body: {} })).status).toBe(404);
  });

  it('an unannounced opening becomes one alert and one event in the grid; the announced one and a repeat do not', async () => {
    const now = Date.now();
    const ann = await t.call('POST', '/api/v1/door-announcements', { token: op, body: { householdId: person.household_id, reason: 'rubbish', minutes: 15 } });
    expect(ann.status, ann.text).toBe(201);
    const at = (min: number) => new Date(now + min * 60_000).toISOString();
    const batch = [
      { serial: 'DS-T-1', seq: 1, at: at(1), door: 'open', battery: 88 },
      { serial: 'DS-T-1', seq: 2, at: at(2), door: 'closed' },
      { serial: 'DS-T-1', seq: 3, at: at(40), door: 'open' },
    ];
    const res = await send(batch);
    expect(res.status, res.text).toBe(202);
    expect(res.body).toEqual({ accepted: 3, duplicates: 0 });
    expect((await send(batch)).body).toEqual({ accepted: 0, duplicates: 3 }); // the same readings again: dropped at the stream
    await waitFor(async () => (await seqOf('DS-T-1')) === 3);
    const alerts = await waitFor(async () => {
      const r = await t.call('GET', `/api/v1/device-alerts?area=${GRID}`, { token: op });
      return r.body.items.length && r.body.items.every((a: any) => a.event) ? r.body.items : null;
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'violation', ruleId: 'door.unannounced', occurrences: 1, status: 'open', device: { id: deviceId } });
    const event = await t.call('GET', `/api/v1/events/${alerts[0].event.id}`, { token: op });
    expect(event.body).toMatchObject({ channel: 'device', categoryCode: 'YJ0602', gridCode: GRID, state: 'reported' });
    const inbox = await t.call('GET', '/api/v1/events?box=to_accept&limit=200', { token: op });
    expect(inbox.body.items.some((e: any) => e.id === alerts[0].event.id)).toBe(true);
  });

  it('another opening inside the window folds into the open alert; closing the event resolves it', async () => {
    await send([{ serial: 'DS-T-1', seq: 4, at: new Date(Date.now() + 45 * 60_000).toISOString(), door: 'open' }]);
    await waitFor(async () => (await seqOf('DS-T-1')) === 4);
    const list = (await t.call('GET', `/api/v1/device-alerts?area=${GRID}&kind=violation`, { token: op })).body.items;
    expect(list).toHaveLength(1);
    expect(list[0].occurrences).toBe(2);
    await t.deps.db.updateTable('events').set({ state: 'closed' }).where('id', '=', list[0].event.id).execute();
    expect((await t.call('GET', `/api/v1/device-alerts?area=${GRID}&status=resolved`, { token: op })).body.items.map((a: any) => a.id)).toEqual([list[0].id]);
    // After the event closed, the next violation is a new alert with a new event.
    await send([{ serial: 'DS-T-1', seq: 5, at: new Date(Date.now() + 50 * 60_000).toISOString(), door: 'open' }]);
    const open = await waitFor(async () => {
      const r = (await t.call('GET', `/api/v1/device-alerts?area=${GRID}&status=open`, { token: op })).body.items;
      return r.length === 1 && r[0].event ? r : null;
    });
    expect(open[0].event.id).not.toBe(list[0].event.id);
  });

  it('a grid of another community, a street of another district part and a resident of another household are kept out', async () => {
    const kaixi = await t.login('grid_worker_kaixi');
    expect((await t.call('GET', `/api/v1/devices/${deviceId}`, { token: kaixi })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/device-alerts', { token: kaixi })).body.items).toHaveLength(0);
    expect((await t.call('GET', `/api/v1/devices?area=${GRID}`, { token: kaixi })).body.error.code).toBe('area.out_of_scope');
    const ann = await t.call('POST', '/api/v1/door-announcements', { token: kaixi, body: { householdId: person.household_id, reason: 'delivery' } });
    expect(ann.status).toBe(404);
    const resident = await t.login('resident');
    const own = await t.call('POST', '/api/v1/door-announcements', { token: resident, body: { reason: 'medical', minutes: 60 } });
    expect(own.status, own.text).toBe(201);
    const neighbour = await t.deps.db.selectFrom('households').select('id').where('id', '!=', own.body.householdId).orderBy('id').executeTakeFirstOrThrow();
    const other = await t.call('POST', '/api/v1/door-announcements', { token: resident, body: { householdId: neighbour.id, reason: 'medical' } });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('household.not_found');
  });
});

describe('the HTTP batch path refuses bad input whole', () => {
  it('names each bad reading by index and publishes nothing', async () => {
    const before = await seqOf('DS-T-1');
    const res = await send([
      { serial: 'DS-T-1', seq: 100, at: new Date().toISOString(), door: 'open' },
      { serial: 'DS-T-1', seq: -1, at: 'yesterday' },
      { serial: 'NO-SUCH-DEVICE', seq: 1, at: new Date().toISOString() },
    ]);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('device.bad_readings');
    expect(res.body.error.details.map((d: any) => d.index)).toEqual([1, 2]);
    await new Promise((r) => setTimeout(r, 200));
    expect(await seqOf('DS-T-1')).toBe(before);
  });

  it('only a gateway may send, and only for devices in its area', async () => {
    expect((await send([{ serial: 'DS-T-1', seq: 101, at: new Date().toISOString() }], op)).status).toBe(403);
    const caiheDevice = await t.deps.db.insertInto('things').values({ kind: 'door_sensor', serial: 'DS-CAIHE', name: '采荷门磁', county_code: '330102', area_code: '330102012001001' }).returning('id').executeTakeFirstOrThrow();
    expect(caiheDevice.id).toBeGreaterThan(0);
    const admin = await t.login('admin');
    const made = await t.call('POST', '/api/v1/users', { token: admin, body: { username: 'gw_kaixuan', displayName: '凯旋网关', password: 'gateway-pass-1', roles: ['device_gateway'], areaCode: '330102011' } });
    expect(made.status, made.text).toBe(201);
    const kaixuan = await t.login('gw_kaixuan', 'gateway-pass-1');
    const res = await send([{ serial: 'DS-CAIHE', seq: 1, at: new Date().toISOString() }], kaixuan);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ index: 0, serial: 'DS-CAIHE', reason: expect.stringContaining('未登记') }]);
    expect((await send([{ serial: 'DS-CAIHE', seq: 1, at: new Date().toISOString() }])).status).toBe(202); // the district's gateway may
  });
});

describe('crowds at a venue', () => {
  it('raises one alert per crowd, to the street and to the venue’s managing unit', async () => {
    const unit = await t.deps.db.selectFrom('units').select(['id']).where('name', '=', '上城区城管局').executeTakeFirstOrThrow();
    const venue = await t.call('POST', '/api/v1/venues', { token: op, body: { code: 'V-T-1', name: '景芳农贸市场', kind: 'market', capacity: 50, gridCode: GRID, managerUnitId: unit.id } });
    expect(venue.status, venue.text).toBe(201);
    expect((await t.call('POST', '/api/v1/venues', { token: op, body: { code: 'V-T-1', name: '重复', kind: 'market', capacity: 5, gridCode: GRID } })).status).toBe(409);
    const counter = await registerDevice('people_counter', 'PC-T-1', { areaCode: GRID });
    expect((await t.call('PUT', `/api/v1/devices/${counter}/binding`, { token: op, body: { venueId: venue.body.id } })).status).toBe(200);
    const base = Date.now();
    const flows = [[30, 0], [25, 0], [0, 3], [4, 0], [0, 12], [10, 0]]; // 30, 55 crowd, 52, 56, 44 cleared, 54 crowd again
    await send(flows.map(([entered, left], i) => ({ serial: 'PC-T-1', seq: i + 1, at: new Date(base + i * 60_000).toISOString(), entered, left })));
    await waitFor(async () => (await seqOf('PC-T-1')) === flows.length);
    const v = (await t.call('GET', `/api/v1/venues/${venue.body.id}`, { token: op })).body;
    expect(v).toMatchObject({ occupancy: 54, crowded: true, capacity: 50 });
    const alerts = await waitFor(async () => {
      const r = (await t.call('GET', `/api/v1/device-alerts?kind=crowd`, { token: op })).body.items;
      return r.length && r.every((a: any) => a.event) ? r : null;
    });
    // The second crowd came inside the window while the first one's event was open: folded, not a second event.
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ occurrences: 2, clearedAt: null, venue: { id: venue.body.id } });
    const handler = await t.login('handler');
    const managers = async () => (await t.call('GET', '/api/v1/device-alerts?kind=crowd', { token: handler })).body.items;
    expect((await managers()).map((a: any) => a.id)).toEqual([alerts[0].id]);
    expect((await t.call('GET', `/api/v1/venues/${venue.body.id}`, { token: handler })).status).toBe(200);
    // The managing unit sees the alert and its event's state; it opens the event once the street dispatches it to the unit.
    const eventId = alerts[0].event.id;
    expect(alerts[0].event.openable).toBe(true);
    expect((await managers())[0].event).toMatchObject({ id: eventId, state: 'reported', openable: false });
    expect((await t.call('GET', `/api/v1/events/${eventId}`, { token: handler })).status).toBe(404);
    expect((await t.call('POST', `/api/v1/events/${eventId}/actions/accept`, { token: op, body: {} })).status).toBe(200);
    const sent = await t.call('POST', `/api/v1/events/${eventId}/actions/dispatch`, { token: op, body: { leadUnitId: unit.id } });
    expect(sent.status, sent.text).toBe(200);
    expect((await managers())[0].event).toMatchObject({ id: eventId, state: 'dispatched', openable: true });
    expect((await t.call('GET', `/api/v1/events/${eventId}`, { token: handler })).status).toBe(200);
  });
});

describe('silence', () => {
  it('the worker marks a device silent past its limit offline with a maintenance alert; a reading brings it back', async () => {
    const { runDeadlines } = await import('../../worker.ts');
    const id = await registerDevice('face_gate', 'FG-T-1', { areaCode: GRID });
    // Registered but never heard from: listed and counted as waiting, not as online.
    const listed = async (status: string) => (await t.call('GET', `/api/v1/devices?area=${GRID}&status=${status}&limit=200`, { token: op })).body;
    expect((await t.call('GET', `/api/v1/devices/${id}`, { token: op })).body.status).toBe('waiting');
    const before = await listed('waiting');
    expect(before.items.map((d: any) => d.id)).toContain(id);
    expect((await listed('active')).items.map((d: any) => d.id)).not.toContain(id);
    const waitingCount = (counts: any[]) => counts.filter((c) => c.status === 'waiting').reduce((n, c) => n + c.count, 0);
    expect(waitingCount(before.counts)).toBe(before.total);
    await send([{ serial: 'FG-T-1', seq: 1, at: new Date().toISOString(), battery: 70 }]);
    await waitFor(async () => (await seqOf('FG-T-1')) === 1);
    expect((await listed('active')).items.map((d: any) => d.id)).toContain(id);
    expect(waitingCount((await listed('waiting')).counts)).toBe(before.total - 1);
    const later = new Date(Date.now() + 20 * 60_000);
    const done = await runDeadlines(t.deps, later);
    expect(done.silent).toBeGreaterThanOrEqual(1);
    const d = (await t.call('GET', `/api/v1/devices/${id}`, { token: op })).body;
    expect(d).toMatchObject({ status: 'offline' });
    expect(d.alerts.map((a: any) => a.ruleId)).toEqual(['device.silent']);
    expect(d.alerts[0].event).not.toBeNull();
    expect((await runDeadlines(t.deps, later)).silent).toBe(0); // once, not every sweep
    await send([{ serial: 'FG-T-1', seq: 2, at: later.toISOString() }]);
    await waitFor(async () => (await seqOf('FG-T-1')) === 2);
    const back = (await t.call('GET', `/api/v1/devices/${id}`, { token: op })).body;
    expect(back.status).toBe('active');
    expect(back.alerts[0].clearedAt).not.toBeNull();
  });
});

describe('an alert whose event cannot be made', () => {
  it('is put aside with the reason, does not hold back the alerts behind it, and gets its event on a later try', async () => {
    const { runDeadlines } = await import('../../worker.ts');
    const restoreCategory = await retireCategory(t, 'YJ0801'); // maintenance alerts have nowhere to go
    await registerDevice('face_gate', 'FG-T-2', { areaCode: GRID });
    const venue = await t.call('POST', '/api/v1/venues', { token: op, body: { code: 'V-T-2', name: '采荷菜场', kind: 'market', capacity: 5, gridCode: GRID } });
    const counter = await registerDevice('people_counter', 'PC-T-2', { areaCode: GRID });
    expect((await t.call('PUT', `/api/v1/devices/${counter}/binding`, { token: op, body: { venueId: venue.body.id } })).status).toBe(200);
    // More alerts that cannot become events than one round of the dispatcher takes, all older than the crowd below.
    const gate = await registerDevice('face_gate', 'FG-T-3', { areaCode: GRID });
    await t.deps.db.insertInto('device_alerts').values(Array.from({ length: 60 }, (_, i) => ({
      kind: 'maintenance' as const, rule_id: 'battery.low', dedupe_key: `battery.low:thing:${gate}:${i}`, thing_id: gate, venue_id: null, county_code: GRID.slice(0, 6), area_code: GRID,
      message: `测试FG-T-3电量低 #${i}`, details: '{}', first_at: new Date(), last_at: new Date(),
    }))).execute();
    await send([{ serial: 'FG-T-2', seq: 1, at: new Date().toISOString(), battery: 5 }]);
    await waitFor(async () => (await seqOf('FG-T-2')) === 1);
    await send([{ serial: 'PC-T-2', seq: 1, at: new Date().toISOString(), entered: 9, left: 0 }]);
    const alertOf = async (kind: string, serial: string) =>
      (await t.call('GET', `/api/v1/device-alerts?kind=${kind}`, { token: op })).body.items.find((a: any) => a.device?.serial === serial || a.venue?.id === venue.body.id);
    // The crowd behind it still becomes an event.
    const crowd = await waitFor(async () => { const a = await alertOf('crowd', 'PC-T-2'); return a?.event ? a : null; });
    expect(crowd.eventFailure).toBeNull();
    const low = await waitFor(async () => { const a = await alertOf('maintenance', 'FG-T-2'); return a?.eventFailure ? a : null; });
    expect(low.event).toBeNull();
    expect(low.eventFailure).toMatchObject({ attempts: 1, reason: expect.stringContaining('YJ0801') });
    const retryAt = Date.parse(low.eventFailure.nextAttemptAt);
    expect(retryAt).toBeGreaterThan(Date.now());

    await restoreCategory();
    // Not before its time: the worker leaves it aside, then makes its event once the time has come.
    await runDeadlines(t.deps, new Date(retryAt - 5_000));
    expect((await alertOf('maintenance', 'FG-T-2')).event).toBeNull();
    expect((await runDeadlines(t.deps, new Date(retryAt + 1_000))).alertEvents).toBe(61);
    const done = await alertOf('maintenance', 'FG-T-2');
    expect(done.event).not.toBeNull();
    expect(done.eventFailure).toBeNull();
    const event = (await t.call('GET', `/api/v1/events/${done.event.id}`, { token: op })).body;
    expect(event).toMatchObject({ categoryCode: 'YJ0801', channel: 'device', gridCode: GRID });
  });
});

describe('an alert whose event was made but not noted', () => {
  it('finds that event on the retry instead of making a second', async () => {
    const { runDeadlines } = await import('../../worker.ts');
    const gate = await registerDevice('face_gate', 'FG-T-4', { areaCode: GRID });
    // The database refuses to note this gate's alerts' events, as a connection lost right after the event was made would.
    await t.deps.database.runScript(`
      CREATE FUNCTION test_refuse_link() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'link lost'; END $$;
      CREATE TRIGGER test_refuse_link BEFORE UPDATE OF event_id ON device_alerts FOR EACH ROW WHEN (OLD.thing_id = ${gate}) EXECUTE FUNCTION test_refuse_link();`);
    try {
      await send([{ serial: 'FG-T-4', seq: 1, at: new Date().toISOString(), battery: 5 }]);
      const alertOfGate = async () => (await t.call('GET', '/api/v1/device-alerts?kind=maintenance', { token: op })).body.items.find((a: any) => a.device?.serial === 'FG-T-4');
      const aside = await waitFor(async () => { const a = await alertOfGate(); return a?.eventFailure ? a : null; });
      expect(aside.eventFailure.reason).toBe('系统暂时无法生成事件，将自动重试');
    } finally {
      await t.deps.database.runScript('DROP TRIGGER test_refuse_link ON device_alerts; DROP FUNCTION test_refuse_link();');
    }
    const alert = (await t.call('GET', '/api/v1/device-alerts?kind=maintenance', { token: op })).body.items.find((a: any) => a.device?.serial === 'FG-T-4');
    await runDeadlines(t.deps, new Date(Date.parse(alert.eventFailure.nextAttemptAt) + 1_000));
    const events = await t.deps.db.selectFrom('events').select('id').where('description', 'like', `%（设备告警 #${alert.id}）`).execute();
    expect(events).toHaveLength(1);
    const noted = (await t.call('GET', '/api/v1/device-alerts?kind=maintenance', { token: op })).body.items.find((a: any) => a.id === alert.id);
    expect(noted.event?.id).toBe(events[0]!.id);
  });
});

describe('device rules', () => {
  it('sec_admin publishes a version; bad rules are refused with the path and nothing is written', async () => {
    const sec = await t.login('sec_admin');
    const current = (await t.call('GET', '/api/v1/devices/rules', { token: op })).body;
    const bad = await t.call('POST', '/api/v1/devices/rules', { token: sec, body: { rules: { ...current.rules, crowd: { raiseAt: 1, clearAt: 2 } } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('crowd');
    expect((await t.call('POST', '/api/v1/devices/rules', { token: op, body: { rules: current.rules } })).status).toBe(403);
    const ok = await t.call('POST', '/api/v1/devices/rules', { token: sec, body: { rules: { ...current.rules, battery: { below: 30 } }, note: '冬季电池衰减快' } });
    expect(ok.status, ok.text).toBe(201);
    expect((await t.call('GET', '/api/v1/devices/rules', { token: op })).body).toMatchObject({ version: ok.body.version, rules: { battery: { below: 30 } } });
  });
});
