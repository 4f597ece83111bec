import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';
import { escalateOverdue } from './escalation.service.ts';

// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let t: TestApp;
const tok: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['grid_worker', 'street_op', 'handler', 'county_op', 'street_op_caihe', 'grid_worker_kaixi']) tok[u] = await t.login(u);
});
afterAll(() => t.close());

const gridCentre = async (code: string) => {
  const row = await t.deps.db.selectFrom('grids').select('geometry').where('code', '=', code).executeTakeFirstOrThrow();
  const g = (row.geometry as { coordinates: number[][][] }).coordinates[0]!;
  return { lng: (g[0]![0]! + g[2]![0]!) / 2, lat: (g[0]![1]! + g[2]![1]!) / 2 };
};

const upload = async (token: string) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, payload: PNG });
  expect(res.statusCode).toBe(201);
  return JSON.parse(res.body).id as number;
};

const act = async (user: string, id: number, action: string, body: object = {}) => {
  const res = await t.call('POST', `/api/v1/events/${id}/actions/${action}`, { token: tok[user], body });
  if (res.status !== 200) throw new Error(`${user} ${action}: ${res.status} ${res.text}`);
  return res.body;
};

const report = async (user = 'grid_worker', over: object = {}) => {
  const at = await gridCentre('330102011002001');
  const res = await t.call('POST', '/api/v1/events', { token: tok[user], body: { categoryCode: 'JG01', channel: 'grid_patrol', description: '景芳路沿街占道经营，摊位占用人行道', ...at, ...over } });
  if (res.status !== 201) throw new Error(`report: ${res.status} ${res.text}`);
  return res.body;
};

describe('the closed loop, end to end', () => {
  it('runs report → accept → dispatch → return → re-dispatch → handle → feedback → verify → close → unsatisfied → reopen → close', async () => {
    const photo = await upload(tok.grid_worker!);
    const e = await report('grid_worker', { photoIds: [photo] });
    expect(e).toMatchObject({ state: 'reported', gridCode: '330102011002001', handlingArea: '330102011', level: 'street', step: 'accept', colour: 'green' });
    expect(e.code).toMatch(/^SJ\d{8}\d{8}$/);
    expect(e.allowedActions).toEqual(expect.arrayContaining(['settle']));
    expect(e.allowedActions).not.toContain('accept');

    const seen = await t.call('GET', `/api/v1/events/${e.id}`, { token: tok.street_op });
    expect(seen.body.allowedActions).toEqual(expect.arrayContaining(['accept', 'reject', 'merge', 'escalate', 'urge']));
    await act('street_op', e.id, 'accept');
    const units = (await t.call('GET', '/api/v1/units?area=330102011', { token: tok.street_op })).body.items as { id: number; name: string }[];
    const cityManagement = units.find((u) => u.name === '上城区城管局')!;
    const dispatched = await act('street_op', e.id, 'dispatch', { leadUnitId: cityManagement.id, note: '请城管局处置' });
    expect(dispatched).toMatchObject({ state: 'dispatched', leadUnit: { name: '上城区城管局' }, step: 'sign' });

    const inHandlerInbox = await t.call('GET', '/api/v1/events?box=to_sign', { token: tok.handler });
    expect(inHandlerInbox.body.items.map((x: { id: number }) => x.id)).toContain(e.id);
    await act('handler', e.id, 'sign');
    expect((await act('handler', e.id, 'return', { note: '属市场监管职责' })).state).toBe('returned');
    await act('street_op', e.id, 'dispatch', { leadUnitId: cityManagement.id, note: '经核实属城管职责' });
    await act('handler', e.id, 'sign');
    await act('handler', e.id, 'handle', { note: '已到场劝离' });
    const fb = await act('handler', e.id, 'feedback', { note: '摊位已清理', photoIds: [await upload(tok.handler!)] });
    expect(fb).toMatchObject({ state: 'feedback', step: 'verify' });

    expect((await act('grid_worker', e.id, 'verify', { passed: true, note: '现场核查已整改', photoIds: [await upload(tok.grid_worker!)] })).state).toBe('verified');
    const closed = await act('street_op', e.id, 'close');
    expect(closed).toMatchObject({ state: 'closed', closedAt: expect.any(String) });

    const reopened = await act('street_op', e.id, 'rate', { satisfied: false, note: '回访：群众不满意，摊位又回来了' });
    expect(reopened).toMatchObject({ state: 'accepted', reopenCount: 1, satisfied: false });
    await act('street_op', e.id, 'dispatch', { leadUnitId: cityManagement.id });
    await act('handler', e.id, 'sign');
    await act('handler', e.id, 'feedback', { note: '已取缔' });
    await act('grid_worker', e.id, 'verify', { passed: true });
    const done = await act('street_op', e.id, 'close');
    await act('street_op', e.id, 'rate', { satisfied: true });

    const history = (await t.call('GET', `/api/v1/events/${e.id}`, { token: tok.street_op })).body.history as { action: string; toState: string }[];
    expect(history.map((h) => h.action)).toEqual([
      'report', 'accept', 'dispatch', 'sign', 'return', 'dispatch', 'sign', 'handle', 'feedback', 'verify', 'close', 'rate',
      'dispatch', 'sign', 'feedback', 'verify', 'close', 'rate',
    ]);
    expect(done.state).toBe('closed');
    expect((await t.call('GET', `/api/v1/files/${photo}`, { token: tok.handler })).status).toBe(200);
  });

  it('escalates an overdue event to the county once, even when the worker runs twice', async () => {
    const e = await report();
    const later = new Date(Date.now() + 9 * 86_400_000); // well past the 2 working hours to accept
    const first = await escalateOverdue(t.deps, later);
    const second = await escalateOverdue(t.deps, later);
    expect(first).toContain(e.id);
    expect(second).not.toContain(e.id);
    const after = await t.call('GET', `/api/v1/events/${e.id}`, { token: tok.county_op });
    expect(after.body).toMatchObject({ level: 'county', handlingArea: '330102', escalationCount: 1 });
    expect(after.body.history.at(-1)).toMatchObject({ action: 'escalate', actorName: '系统' });
    const countyInbox = await t.call('GET', '/api/v1/events?box=to_accept', { token: tok.county_op });
    expect(countyInbox.body.items.map((x: { id: number }) => x.id)).toContain(e.id);
    const street = await t.call('GET', `/api/v1/events/${e.id}`, { token: tok.street_op });
    expect(street.body.allowedActions).not.toContain('accept'); // the county holds it now
  });
});

describe('POST /api/v1/events', () => {
  it('returns the first result for a retried Idempotency-Key and refuses the key with another body', async () => {
    const at = await gridCentre('330102011002001');
    const body = { categoryCode: 'GF01', channel: 'grid_patrol', description: '井盖缺失', ...at };
    const send = (b: object) => t.app.inject({ method: 'POST', url: '/api/v1/events', headers: { authorization: `Bearer ${tok.grid_worker}`, 'idempotency-key': 'retry-key-0001' }, payload: b });
    const first = await send(body);
    const again = await send(body);
    expect(JSON.parse(again.body).id).toBe(JSON.parse(first.body).id);
    const other = await send({ ...body, description: '别的事' });
    expect([other.statusCode, JSON.parse(other.body).error.code]).toEqual([409, 'event.idempotency_conflict']);
  });

  it('lets grid staff report anywhere in their street and keep following what they reported', async () => {
    const e = await report('grid_worker', await gridCentre('330102011012001')); // 凯西社区, not their grid
    expect(e.gridCode).toBe('330102011012001');
    expect((await t.call('GET', `/api/v1/events/${e.id}`, { token: tok.grid_worker })).status).toBe(200);
    const mine = await t.call('GET', '/api/v1/events?box=reported_by_me&limit=200', { token: tok.grid_worker });
    expect(mine.body.items.map((x: { id: number }) => x.id)).toContain(e.id);
    expect(e.allowedActions).not.toContain('settle'); // settling is for the grid it happened in
  });

  it('resolves a typed address to its grid', async () => {
    const room = await t.deps.db.selectFrom('addresses').select(['full_text', 'area_code']).where('level', '=', 'room').where('street_code', '=', '330102011').executeTakeFirstOrThrow();
    const e = await report('street_op', { lng: null, lat: null, addressText: room.full_text.replace('杭州市上城区', ''), channel: 'hotline_12345' });
    expect(e).toMatchObject({ gridCode: room.area_code, addressId: expect.any(Number) });
  });

  it('refuses an unknown category, no location, a place outside scope and a bad photo, writing nothing', async () => {
    const before = Number((await t.deps.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const at = await gridCentre('330102011002001');
    const cases: [object, string][] = [
      [{ categoryCode: 'XX99', channel: 'grid_patrol', description: '未知类别', ...at }, 'event.unknown_category'],
      [{ categoryCode: 'JG01', channel: 'grid_patrol', description: '没有位置' }, 'event.no_location'],
      [{ categoryCode: 'JG01', channel: 'grid_patrol', description: '别的街道', ...(await gridCentre('330102012001001')) }, 'area.out_of_scope'],
      [{ categoryCode: 'JG01', channel: 'grid_patrol', description: '假照片', ...at, photoIds: [99999999] }, 'event.bad_photo'],
    ];
    for (const [body, code] of cases) {
      const res = await t.call('POST', '/api/v1/events', { token: tok.grid_worker, body });
      expect(res.body.error.code).toBe(code);
    }
    expect(Number((await t.deps.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
  });

  it('refuses a photo that is not an image or too large', async () => {
    const text = await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { 'content-type': 'image/png' }, payload: Buffer.from('not really a png at all') });
    expect([text.statusCode, JSON.parse(text.body).error.code]).toEqual([415, 'file.bad_type']);
    const big = await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { 'content-type': 'image/jpeg' }, payload: Buffer.alloc(6 * 1024 * 1024, 0xff) });
    expect(big.statusCode).toBe(413);
  });
});

describe('POST /api/v1/events/:id/actions/:action', () => {
  it('refuses an illegal transition with event.invalid_transition and changes nothing', async () => {
    const e = await report();
    const res = await t.call('POST', `/api/v1/events/${e.id}/actions/close`, { token: tok.street_op, body: {} });
    expect([res.status, res.body.error.code]).toEqual([409, 'event.invalid_transition']);
    const after = await t.call('GET', `/api/v1/events/${e.id}`, { token: tok.street_op });
    expect([after.body.state, after.body.history.length]).toEqual(['reported', 1]);
  });

  it('hides events outside scope as not found, and refuses actions the role may not take', async () => {
    const e = await report();
    for (const user of ['street_op_caihe', 'grid_worker_kaixi']) {
      const res = await t.call('POST', `/api/v1/events/${e.id}/actions/accept`, { token: tok[user], body: {} });
      expect([user, res.status, res.body.error.code]).toEqual([user, 404, 'event.not_found']);
      expect((await t.call('GET', `/api/v1/events/${e.id}`, { token: tok[user] })).status).toBe(404);
    }
    const res = await t.call('POST', `/api/v1/events/${e.id}/actions/accept`, { token: tok.grid_worker, body: {} });
    expect([res.status, res.body.error.code]).toEqual([403, 'auth.forbidden']);
    const handler = await t.call('GET', `/api/v1/events/${e.id}`, { token: tok.handler });
    expect(handler.status).toBe(404); // not dispatched to their unit
  });

  it('applies one of two simultaneous actions and refuses the other, with one history line', async () => {
    const e = await report();
    const [a, b] = await Promise.all(['accept', 'reject'].map((action) => t.call('POST', `/api/v1/events/${e.id}/actions/${action}`, { token: tok.street_op, body: { note: '同时操作' } })));
    expect([a!.status, b!.status].sort()).toEqual([200, 409]);
    const after = (await t.call('GET', `/api/v1/events/${e.id}`, { token: tok.street_op })).body;
    expect(after.history).toHaveLength(2);
    expect(['accepted', 'rejected']).toContain(after.state);
  });

  it('needs a reason to return, and a unit to dispatch', async () => {
    const e = await report();
    const res = await t.call('POST', `/api/v1/events/${e.id}/actions/dispatch`, { token: tok.street_op, body: {} });
    expect([res.status, res.body.error.code]).toEqual([400, 'request.invalid']);
  });

  it('settles on the spot (小事不出村) and counts it', async () => {
    const e = await report();
    const settled = await act('grid_worker', e.id, 'settle', { note: '现场劝离，已整改' });
    expect(settled).toMatchObject({ state: 'verified', settledOnSpot: true });
    await act('street_op', e.id, 'close');
  });

  it('suspends the clock and moves the deadline by the time lost', async () => {
    // A Wednesday in office hours, before the sessions expire: suspended 10:00–14:00 CST loses 2.5 working hours.
    t.setNow(new Date('2026-11-18T02:00:00Z'));
    const e = await report();
    await act('street_op', e.id, 'accept');
    const before = (await t.call('GET', `/api/v1/events/${e.id}`, { token: tok.street_op })).body.deadline;
    await act('street_op', e.id, 'suspend', { note: '等待业主配合' });
    t.setNow(new Date('2026-11-18T06:00:00Z'));
    const resumed = await act('street_op', e.id, 'resume');
    // Dispatch allows 4 working hours: due 15:30 the same day; 2.5 hours more run past 17:30 to 09:00 the next morning.
    expect([before, resumed.deadline]).toEqual(['2026-11-18T07:30:00.000Z', '2026-11-19T01:00:00.000Z']);
    t.setNow(new Date());
  });
});

describe('GET /api/v1/inbox and stats', () => {
  it('counts the boxes of each role and the overview for the street', async () => {
    const inbox = await t.call('GET', '/api/v1/inbox', { token: tok.street_op });
    expect(inbox.body.boxes).toMatchObject({ to_accept: expect.any(Number), to_dispatch: expect.any(Number), to_close: expect.any(Number), overdue: expect.any(Number) });
    expect(inbox.body.boxes.to_sign).toBeUndefined();
    const handler = await t.call('GET', '/api/v1/inbox', { token: tok.handler });
    expect(Object.keys(handler.body.boxes)).toEqual(expect.arrayContaining(['to_sign', 'to_handle']));
    const stats = await t.call('GET', '/api/v1/stats/overview?area=330102011', { token: tok.street_op });
    expect(stats.body.received).toBeGreaterThan(0);
    expect(stats.body.closed).toBeGreaterThan(0);
    expect(stats.body.closureRate).toBeCloseTo(stats.body.closed / stats.body.received, 3);
    expect(stats.body.children.map((c: { code: string }) => c.code)).toContain('330102011002');
    expect(stats.body.byDay.reduce((sum: number, d: { received: number }) => sum + d.received, 0)).toBe(stats.body.received);
    expect(stats.body.children.reduce((sum: number, c: { received: number }) => sum + c.received, 0)).toBe(stats.body.received);
    const outside = await t.call('GET', '/api/v1/stats/overview?area=330102012', { token: tok.street_op });
    expect(outside.status).toBe(404);
    const ranking = await t.call('GET', '/api/v1/stats/ranking?area=330102&by=unit', { token: tok.county_op });
    expect(ranking.body.items[0]).toMatchObject({ rank: 1, name: expect.any(String) });
  });
});
