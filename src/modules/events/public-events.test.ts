import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
const tok: Record<string, string> = {};
let address = '';
beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['street_op', 'handler', 'street_op_caihe']) tok[u] = await t.login(u);
  address = (await t.call('GET', '/api/v1/addresses?level=room&limit=1', { token: tok.street_op })).body.items[0].fullText;
});
afterAll(() => t.close());

const PHONE = '13912345678';
const report = async (over: object = {}) =>
  t.call('POST', '/api/v1/public/events', { body: { categoryCode: 'JG01', description: '小区门口占道经营，堵住人行道', addressText: address, reporterPhone: PHONE, reporterName: '王女士', ...over } });

const act = async (user: string, id: number, action: string, body: object = {}) => {
  const res = await t.call('POST', `/api/v1/events/${id}/actions/${action}`, { token: tok[user], body });
  if (res.status !== 200) throw new Error(`${user} ${action}: ${res.status} ${res.text}`);
};

/** Runs a reported event to closed through the street centre and the unit. */
const runToClosed = async (id: number) => {
  await act('street_op', id, 'accept');
  const units = (await t.call('GET', '/api/v1/units?area=330102011', { token: tok.street_op })).body.items as { id: number; name: string }[];
  await act('street_op', id, 'dispatch', { leadUnitId: units.find((u) => u.name === '上城区城管局')!.id });
  await act('handler', id, 'sign');
  await act('handler', id, 'feedback', { note: '已清理' });
  await act('street_op', id, 'verify', { passed: true });
  await act('street_op', id, 'close', { note: '已办结，感谢反映' });
};

describe('POST /api/v1/public/events', () => {
  it('takes a report without an account and answers only its id and tracking number', async () => {
    const res = await report();
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['code', 'id']);
    const seen = await t.call('GET', `/api/v1/events/${res.body.id}`, { token: tok.street_op });
    expect(seen.body).toMatchObject({ channel: 'resident', state: 'reported', reporterName: '王女士', reporterPhone: '139****5678' });
  });

  it('refuses a report without a phone, with a bad phone, or with an unknown category, and writes nothing', async () => {
    const before = await t.deps.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect((await report({ reporterPhone: undefined })).body.error.code).toBe('request.invalid');
    expect((await report({ reporterPhone: '12345' })).body.error.code).toBe('request.invalid');
    expect((await report({ categoryCode: 'NOPE' })).body.error.code).toBe('event.unknown_category');
    expect((await report({ addressText: '火星基地1号' })).body.error.code).toBe('event.no_location');
    const after = await t.deps.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('GET /api/v1/public/events/:code', () => {
  it('shows progress to whoever has the number and the phone, and nothing to a wrong phone or another channel', async () => {
    const { code } = (await report()).body;
    const mine = await t.call('GET', `/api/v1/public/events/${code}?phone=5678`);
    expect(mine.body).toMatchObject({ code, state: 'reported', canRate: false, steps: [{ action: 'report', state: 'reported' }] });
    expect(JSON.stringify(mine.body)).not.toContain(PHONE);
    const wrong = await t.call('GET', `/api/v1/public/events/${code}?phone=0000`);
    expect([wrong.status, wrong.body.error.code]).toEqual([404, 'event.not_found']);
    // A report taken by staff (here a 12345 call with the same phone) is not the public page's to show.
    const staff = await t.call('POST', '/api/v1/events', { token: tok.street_op, body: { categoryCode: 'JG01', channel: 'hotline_12345', description: '热线转来：占道经营', addressText: address, reporterPhone: PHONE } });
    expect(staff.status).toBe(201);
    expect((await t.call('GET', `/api/v1/public/events/${staff.body.code}?phone=5678`)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/public/events/${code}?phone=56`)).body.error.code).toBe('request.invalid');
  });
});

describe('POST /api/v1/public/events/:code/rate', () => {
  it('lets the reporter rate a closed event once; unsatisfied reopens it and the next closing may be rated again', async () => {
    const { id, code } = (await report()).body;
    const early = await t.call('POST', `/api/v1/public/events/${code}/rate`, { body: { phone: '5678', satisfied: true } });
    expect([early.status, early.body.error.code]).toEqual([409, 'event.invalid_transition']);

    await runToClosed(id);
    const closed = await t.call('GET', `/api/v1/public/events/${code}?phone=5678`);
    expect(closed.body).toMatchObject({ state: 'closed', canRate: true });
    expect(closed.body.steps.at(-1)).toMatchObject({ action: 'close', note: '已办结，感谢反映' });

    const wrongPhone = await t.call('POST', `/api/v1/public/events/${code}/rate`, { body: { phone: '1111', satisfied: false } });
    expect(wrongPhone.status).toBe(404);
    const unhappy = await t.call('POST', `/api/v1/public/events/${code}/rate`, { body: { phone: '5678', satisfied: false, note: '摊贩又回来了' } });
    expect(unhappy.status).toBe(200);
    expect(unhappy.body).toMatchObject({ state: 'accepted', canRate: false, satisfied: false });
    const staffView = (await t.call('GET', `/api/v1/events/${id}`, { token: tok.street_op })).body;
    expect(staffView).toMatchObject({ state: 'accepted', reopenCount: 1 });
    expect(staffView.history.at(-1)).toMatchObject({ action: 'rate', actorName: '群众', note: '摊贩又回来了' });

    await runToClosedAgain(id);
    const again = await t.call('POST', `/api/v1/public/events/${code}/rate`, { body: { phone: '5678', satisfied: true } });
    expect(again.body).toMatchObject({ state: 'closed', satisfied: true, canRate: false });
    const twice = await t.call('POST', `/api/v1/public/events/${code}/rate`, { body: { phone: '5678', satisfied: false } });
    expect(twice.status).toBe(409);
  });
});

/** From accepted (after a reopen) to closed again. */
const runToClosedAgain = async (id: number) => {
  const units = (await t.call('GET', '/api/v1/units?area=330102011', { token: tok.street_op })).body.items as { id: number; name: string }[];
  await act('street_op', id, 'dispatch', { leadUnitId: units.find((u) => u.name === '上城区城管局')!.id });
  await act('handler', id, 'sign');
  await act('handler', id, 'feedback');
  await act('street_op', id, 'verify', { passed: true });
  await act('street_op', id, 'close');
};

describe('GET /api/v1/demo', () => {
  it('lists the demo accounts outside production', async () => {
    const res = await t.call('GET', '/api/v1/demo');
    expect(res.body.demo).toBe(true);
    expect(res.body.users.map((u: { username: string }) => u.username)).toContain('street_op');
  });
});
