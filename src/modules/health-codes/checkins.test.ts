import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPerson, retireCategory } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';
import { chinaDay } from '../../lib/china-time.ts';
import { runDeadlines } from '../../worker.ts';
import { openCheckinEvent, openPendingCheckinEvents } from './checkin-events.service.ts';
import { dayStart } from './colour-eval.ts';
import { recolour } from './colour.service.ts';

let t: TestApp;
const tok: Record<string, string> = {};
const GRID = '330102011002001'; // grid_worker's
let day: (offset: number) => string;

const checkin = (body: object, token = tok.grid_worker) => t.call('POST', '/api/v1/health-codes/checkins', { token, body });
const codeOf = async (personId: number) => (await t.call('GET', `/api/v1/health-codes/persons/${personId}`, { token: tok.street_op })).body;
const checkinCount = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM health_checkins`.execute(t.deps.db)).rows[0]!.n);
/** Puts a person under a measure from `from` to `to` (days from today), recorded on its first day unless `recorded` says. */
const measure = (personId: number, kind: 'home_observation' | 'health_monitoring', from: number, to: number, area = GRID, recorded = from) =>
  t.deps.db.insertInto('control_measures').values({
    person_id: personId, name: '测试对象', kind, start_date: day(from), end_date: day(to), area_code: area, source: 'manual', created_at: new Date(dayStart(day(recorded)).getTime() + 9 * 3600_000),
  }).execute();
/** A person of the grid under a measure, coloured as the measure makes them. */
const measured = async (kind: 'home_observation' | 'health_monitoring', from: number, to: number, area = GRID, recorded = from) => {
  const p = await buildPerson(t.deps, area);
  await measure(p.id, kind, from, to, area, recorded);
  await recolour(t.deps, [p.id], 'measure');
  return p.id;
};

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['street_op', 'street_op_caihe', 'grid_worker', 'grid_worker_kaixi', 'resident', 'sec_admin', 'handler', 'leader']) tok[u] = await t.login(u);
  const today = chinaDay(t.deps.clock());
  day = (offset) => chinaDay(dayStart(today, offset));
});
afterAll(() => t.close());

describe('a resident checks in', () => {
  let me: number;
  beforeAll(async () => {
    me = (await sql<{ person_id: number }>`SELECT person_id FROM users WHERE username = 'resident'`.execute(t.deps.db)).rows[0]!.person_id;
    await measure(me, 'home_observation', -2, 3, '330102011');
    await recolour(t.deps, [me], 'measure');
  });

  it('sees that today is due and which earlier days are missing', async () => {
    const mine = await t.call('GET', '/api/v1/health-codes/checkins/mine', { token: tok.resident });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body).toMatchObject({ today: day(0), dueToday: true, items: [], measures: [{ kind: 'home_observation', active: true, missing: [day(-2), day(-1)], days: 6 }] });
  });

  it('reports today once; the same day again, another day or another person is refused and writes nothing', async () => {
    const res = await checkin({ temperature: 36.6 }, tok.resident);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ checkin: { day: day(0), temperature: 36.6, fever: false, symptoms: [], bySelf: true, recordedBy: 'resident' }, colour: 'red' });
    const before = await checkinCount();
    expect((await checkin({ temperature: 36.5 }, tok.resident)).body.error.code).toBe('checkin.exists');
    expect((await checkin({ temperature: 36.5, day: day(-1) }, tok.resident)).body.error.code).toBe('checkin.bad_day');
    const other = await buildPerson(t.deps, GRID);
    expect((await checkin({ personId: other.id, temperature: 36.5 }, tok.resident)).body.error.code).toBe('auth.forbidden');
    expect(await checkinCount()).toBe(before);
    const mine = await t.call('GET', '/api/v1/health-codes/checkins/mine', { token: tok.resident });
    expect(mine.body).toMatchObject({ dueToday: false, items: [{ day: day(0), temperature: 36.6 }] });
  });

});

describe('grid staff record check-ins', () => {
  it('bad readings, a day that does not exist, or no person are refused with a clear error, and write nothing', async () => {
    const p = await buildPerson(t.deps, GRID);
    const before = await checkinCount();
    for (const body of [{ temperature: 50 }, { temperature: '36.5' }, { temperature: 36.5, symptoms: ['sneeze'] }, { temperature: 36.5, day: '2026-13-40' }, { temperature: 36.5, day: '2026-02-30' }, { temperature: 36.5, day: '2026-11-31' }]) {
      const res = await checkin({ personId: p.id, ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('request.invalid');
    }
    expect((await checkin({ temperature: 36.5 })).body.error).toMatchObject({ code: 'request.invalid', message: expect.stringContaining('personId') });
    expect(await checkinCount()).toBe(before);
  });

  it('a fever or a symptom turns the code yellow at once, with the reading as its reason and a history line', async () => {
    const p = await buildPerson(t.deps, GRID);
    const res = await checkin({ personId: p.id, temperature: 38.24, symptoms: ['cough', 'cough'], note: '上门测温' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ checkin: { temperature: 38.2, fever: true, symptoms: ['cough'], bySelf: false, recordedBy: 'grid_worker' }, colour: 'yellow' });
    const code = await codeOf(p.id);
    expect(code).toMatchObject({ colour: 'yellow', reasons: [{ rule: 'checkin_unwell', reason: expect.stringContaining('38.2℃、干咳') }], history: [{ colour: 'yellow', cause: 'checkin' }] });
    expect(code.reviewAt).toBe(dayStart(day(0), 3).toISOString());
  });

  it('a person of another grid or street is not found; a role without the right is forbidden; nothing is written', async () => {
    const p = await buildPerson(t.deps, GRID);
    const before = await checkinCount();
    expect((await checkin({ personId: p.id, temperature: 36.5 }, tok.grid_worker_kaixi)).status).toBe(404);
    expect((await checkin({ personId: p.id, temperature: 36.5 }, tok.street_op_caihe)).status).toBe(404);
    for (const role of ['sec_admin', 'handler', 'leader']) {
      expect((await checkin({ personId: p.id, temperature: 36.5 }, tok[role])).body.error.code, role).toBe('auth.forbidden');
      expect((await t.call('GET', '/api/v1/health-codes/checkins', { token: tok[role] })).body.error.code, role).toBe('auth.forbidden');
    }
    for (const role of ['grid_worker_kaixi', 'street_op_caihe']) expect((await t.call('GET', `/api/v1/health-codes/persons/${p.id}/checkins`, { token: tok[role] })).status, role).toBe(404);
    expect(await checkinCount()).toBe(before);
  });

  it('a measure wants check-ins from the day it was recorded, not from an earlier start', async () => {
    const id = await measured('health_monitoring', -6, -1, GRID, -3);
    expect((await codeOf(id)).reasons[0]).toMatchObject({ rule: 'checkins_missing', reason: expect.stringContaining('缺 3 天') });
    const summary = await t.call('GET', `/api/v1/health-codes/persons/${id}/checkins`, { token: tok.grid_worker });
    expect(summary.body.measures).toMatchObject([{ missing: [day(-3), day(-2), day(-1)], days: 3 }]);
  });

  it('two days entered at once for one person both count', async () => {
    const id = await measured('health_monitoring', -3, -2);
    const both = await Promise.all([-3, -2].map((d) => checkin({ personId: id, day: day(d), temperature: 36.5 })));
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect((await codeOf(id)).colour).toBe('green');
  });

  it('a period ends yellow while days lack a check-in; entering them from the sheet turns it green, not before the last', async () => {
    const id = await measured('health_monitoring', -4, -1);
    expect((await codeOf(id))).toMatchObject({ colour: 'yellow', reasons: [{ rule: 'checkins_missing', reason: expect.stringContaining('缺 4 天') }] });
    for (const d of [-4, -3, -2]) expect((await checkin({ personId: id, day: day(d), temperature: 36.4 })).body.colour).toBe('yellow');
    expect((await codeOf(id)).reasons[0].reason).toContain(`缺 1 天：${day(-1).slice(5)}`);
    expect((await checkin({ personId: id, day: day(-1), temperature: 36.7 })).body.colour).toBe('green');
    const summary = await t.call('GET', `/api/v1/health-codes/persons/${id}/checkins`, { token: tok.grid_worker });
    expect(summary.body).toMatchObject({ measures: [{ kind: 'health_monitoring', active: false, missing: [], days: 4 }] });
    expect(summary.body.items.map((c: { day: string }) => c.day)).toEqual([day(-1), day(-2), day(-3), day(-4)]);
    // Not for a day to come, nor further back than the sheet is kept.
    expect((await checkin({ personId: id, day: day(1), temperature: 36.5 })).body.error.code).toBe('checkin.bad_day');
    expect((await checkin({ personId: id, day: day(-31), temperature: 36.5 })).body.error.code).toBe('checkin.bad_day');
  });

  it('the round lists who should check in today, who has not first, then ended periods with days missing; only in the worker\'s own area', async () => {
    const waiting = await measured('home_observation', -2, 5);
    const done = await measured('health_monitoring', 0, 6);
    const elsewhere = await measured('home_observation', -1, 3, '330102011012001');
    const ended = await measured('health_monitoring', -6, -2); // two of its five days entered: three missing
    const complete = await measured('health_monitoring', -3, -2);
    // Home observation with no check-in at all, then health monitoring checked in every day: the round
    // shows the running measure, with the observation's days missing.
    const twice = await measured('home_observation', -10, -6);
    await measure(twice, 'health_monitoring', -5, 3);
    await checkin({ personId: done, temperature: 36.5 });
    for (const [id, d] of [[ended, -6], [ended, -4], [complete, -3], [complete, -2], [twice, -5], [twice, -4], [twice, -3], [twice, -2], [twice, -1]] as const) {
      await checkin({ personId: id, day: day(d), temperature: 36.5 });
    }
    const round = await t.call('GET', '/api/v1/health-codes/checkins', { token: tok.grid_worker });
    expect(round.status, round.text).toBe(200);
    const ids = round.body.items.map((r: { personId: number }) => r.personId);
    expect(ids).toContain(waiting);
    expect(ids).not.toContain(elsewhere);
    expect(ids).not.toContain(complete);
    expect(ids.indexOf(waiting)).toBeLessThan(ids.indexOf(ended));
    expect(ids.indexOf(ended)).toBeLessThan(ids.indexOf(done));
    expect(round.body.items.find((r: { personId: number }) => r.personId === ended)).toMatchObject({ checkin: null, missedBefore: 3, measure: { ended: true } });
    expect(round.body.items.find((r: { personId: number }) => r.personId === waiting)).toMatchObject({ checkin: null, missedBefore: 2, measure: { kind: 'home_observation' }, gridCode: GRID });
    expect(round.body.items.find((r: { personId: number }) => r.personId === done)).toMatchObject({ checkin: { temperature: 36.5, fever: false }, missedBefore: 0 });
    expect(round.body.items.find((r: { personId: number }) => r.personId === twice)).toMatchObject({ checkin: null, missedBefore: 5, measure: { kind: 'health_monitoring', ended: false } });
    expect(round.body.total).toBe(round.body.items.length);
    expect(round.body.items.every((r: { name: string }) => /\*/.test(r.name))).toBe(true);
    expect((await t.call('GET', '/api/v1/health-codes/checkins?area=330102011012', { token: tok.grid_worker })).body.error.code).toBe('area.out_of_scope');
    expect((await t.call('GET', '/api/v1/health-codes/checkins', { token: tok.resident })).body.error.code).toBe('auth.forbidden');
    const kaixi = await t.call('GET', '/api/v1/health-codes/checkins', { token: tok.grid_worker_kaixi });
    expect(kaixi.body.items.map((r: { personId: number }) => r.personId)).toEqual(expect.arrayContaining([elsewhere]));
    expect(kaixi.body.items.map((r: { personId: number }) => r.personId)).not.toContain(waiting);
  });
});

describe('an unwell check-in opens an event for a visit', () => {
  const eventsOf = async (checkinId: number) =>
    (await sql<{ id: number; category_code: string; channel: string; area_code: string; state: string; description: string }>`
      SELECT id, category_code, channel, area_code, state, description FROM events WHERE idempotency_key = ${`checkin-unwell:${checkinId}`}`.execute(t.deps.db)).rows;

  it('a fever opens one 发热及有症状人员 event in the person\'s grid, seen by its worker and not by another grid\'s; a normal reading opens none', async () => {
    const person = await measured('home_observation', -1, 5);
    const res = await checkin({ personId: person, temperature: 38.4, symptoms: ['cough'] });
    expect(res.status, res.text).toBe(201);
    const { event } = res.body.checkin;
    expect(event).toMatchObject({ id: expect.any(Number), code: expect.stringMatching(/^SJ/) });
    expect(await eventsOf(res.body.checkin.id)).toEqual([expect.objectContaining({ id: event.id, category_code: 'YJ0603', channel: 'checkin', area_code: GRID, state: 'reported' })]);
    expect((await eventsOf(res.body.checkin.id))[0]!.description).toContain('38.4℃、干咳');
    expect((await t.call('GET', `/api/v1/events/${event.id}`, { token: tok.grid_worker })).status).toBe(200);
    expect((await t.call('GET', `/api/v1/events/${event.id}`, { token: tok.grid_worker_kaixi })).status).toBe(404);
    // The round and the person's days show it.
    const round = await t.call('GET', '/api/v1/health-codes/checkins', { token: tok.grid_worker });
    expect(round.body.items.find((p: { personId: number }) => p.personId === person).checkin.event).toEqual(event);
    expect((await t.call('GET', `/api/v1/health-codes/persons/${person}/checkins`, { token: tok.grid_worker })).body.items[0].event).toEqual(event);

    // Yesterday's reading from the sheet, also unwell, joins the event still open; one from days ago is history.
    const yesterday = await checkin({ personId: person, day: day(-1), temperature: 37.9 });
    expect(yesterday.body.checkin).toMatchObject({ wantsEvent: true, event });
    // It is a line of the event's history, written once however many tries: undone, then two tries at once.
    const lines = async () => ((await t.call('GET', `/api/v1/events/${event.id}`, { token: tok.grid_worker })).body.history as { action: string; actorName: string; note: string }[])
      .filter((h) => h.action === 'checkin');
    expect(await lines()).toEqual([expect.objectContaining({ actorName: '系统', note: expect.stringContaining(`${day(-1)} 打卡仍有异常：37.9℃`) })]);
    // One more unwell day that no try has linked yet (as a stopped process leaves it), then two tries at once.
    const { rows: [left] } = await sql<{ id: number }>`
      INSERT INTO health_checkins (person_id, day, temperature, symptoms, area_code, by_self, created_name, created_at, wants_event)
      SELECT person_id, ${day(-2)}::date, 38.0, '{}', area_code, false, created_name, created_at, true FROM health_checkins WHERE id = ${res.body.checkin.id}
      RETURNING id`.execute(t.deps.db);
    const tries = await Promise.all([openCheckinEvent(t.deps, Number(left!.id)), openCheckinEvent(t.deps, Number(left!.id))]);
    expect(tries.map((m) => m?.id)).toEqual([event.id, event.id]);
    expect((await lines()).map((l) => l.note)).toEqual([expect.stringContaining(`${day(-1)} `), expect.stringContaining(`${day(-2)} 打卡仍有异常：38.0℃`)]);
    const older = await measured('home_observation', -5, 5);
    const old = await checkin({ personId: older, day: day(-3), temperature: 38.2 });
    expect(old.body.checkin).toMatchObject({ fever: true, wantsEvent: false, event: null });

    const well = await measured('health_monitoring', -1, 5);
    const normal = await checkin({ personId: well, temperature: 36.5 });
    expect(normal.body.checkin).toMatchObject({ wantsEvent: false, event: null });
    expect(await eventsOf(normal.body.checkin.id)).toEqual([]);
  });

  it('when the event cannot be made the check-in still stands; the worker makes it later, backing off, once', async () => {
    const restore = await retireCategory(t, 'YJ0603');
    const person = await measured('home_observation', -1, 5);
    const res = await checkin({ personId: person, temperature: 36.8, symptoms: ['short_breath'] });
    expect(res.status, res.text).toBe(201);
    expect(res.body.checkin).toMatchObject({ wantsEvent: true, event: null });
    const later = (minutes: number) => new Date(t.deps.clock().getTime() + minutes * 60_000);
    expect(await openPendingCheckinEvents(t.deps, later(0))).toBe(0); // left to the request for a minute
    expect(await openPendingCheckinEvents(t.deps, later(2))).toBe(0); // still retired: the next try after 30 s, then 60 s
    await restore();
    expect(await openPendingCheckinEvents(t.deps, later(2))).toBe(0);
    expect(await openPendingCheckinEvents(t.deps, later(4))).toBe(1);
    expect(await openPendingCheckinEvents(t.deps, later(10))).toBe(0);
    expect(await eventsOf(res.body.checkin.id)).toHaveLength(1);
    expect((await runDeadlines(t.deps, later(10))).checkinEvents).toBe(0); // the worker runs it
  });

  it('two tries at once make one event', async () => {
    const restore = await retireCategory(t, 'YJ0603');
    const person = await measured('home_observation', -1, 5);
    const res = await checkin({ personId: person, temperature: 38.0 });
    await restore();
    const retry = new Date(t.deps.clock().getTime() + 60_000); // the failed try's backoff is over
    const made = await Promise.all([openCheckinEvent(t.deps, res.body.checkin.id, retry), openCheckinEvent(t.deps, res.body.checkin.id, retry)]);
    expect(made[0]).toMatchObject({ id: expect.any(Number) });
    expect(made[0]).toEqual(made[1]);
    expect(await eventsOf(res.body.checkin.id)).toHaveLength(1);
  });
});
