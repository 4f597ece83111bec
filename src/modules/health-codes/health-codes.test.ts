import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildPerson, retireCategory } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';
import { runDeadlines } from '../../worker.ts';
import { sealToken } from './code-token.ts';
import { notifyCodes } from './colour.repo.ts';
import { tokenKeys } from './colour.service.ts';
import { createVerifier } from './verify.service.ts';
import * as zonesRepo from './zones.repo.ts';

let t: TestApp;
const tok: Record<string, string> = {};
const STREET = '330102011';
let gate: { code: string; areaCode: string };

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['county_op', 'street_op', 'street_op_caihe', 'grid_worker', 'grid_worker_kaixi', 'resident', 'sec_admin', 'auditor']) tok[u] = await t.login(u);
  const list = await t.call('GET', '/api/v1/checkpoints', { token: tok.street_op });
  gate = list.body.items[0];
});
afterAll(() => t.close());

const checks = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM health_code_checks`.execute(t.deps.db)).rows[0]!.n);
const colourOf = async (personId: number) => (await t.call('GET', `/api/v1/health-codes/persons/${personId}`, { token: tok.county_op })).body.colour as string;
// Over a socket, as a gate calls it: answered by the fast lane (verify-lane.test.ts holds it to Fastify's route).
const verify = (body: object, token = tok.street_op) => t.callOverSocket('POST', '/api/v1/health-codes/verify', { token, body });
const tokenFor = async (personId: number, at = new Date(), seconds = 120) => sealToken([...(await tokenKeys(t.deps.db)).values()][0]!, personId, at, seconds).token;
/** A verify call and the number of check records it left. */
const verifyCounted = async (body: object, token?: string) => {
  const before = await checks();
  const res = await verify(body, token);
  return { res, written: (await checks()) - before };
};

describe('a resident\'s own code', () => {
  it('shows the colour, the masked name and a token that holds no personal data', async () => {
    const me = await t.call('GET', '/api/v1/health-codes/mine', { token: tok.resident });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ colour: 'green', reasons: [{ rule: 'default' }] });
    expect(me.body.name).toMatch(/^.\*/u);
    expect(me.body.token).toMatch(/^ZL3\./);
    const person = (await sql<{ name: string; id_number: string }>`SELECT p.name, p.id_number FROM users u JOIN persons p ON p.id = u.person_id WHERE u.username = 'resident'`.execute(t.deps.db)).rows[0]!;
    expect(me.body.token).not.toContain(person.id_number);
    expect(Date.parse(me.body.expiresAt) - Date.parse(me.body.issuedAt)).toBe(120_000);
  });
  it('is refused to staff without a registry entry', async () => {
    expect((await t.call('GET', '/api/v1/health-codes/mine', { token: tok.street_op })).body.error.code).toBe('auth.forbidden');
  });
});

describe('verify at a checkpoint', () => {
  it('a valid green code passes, with the masked name and the reason; one record', async () => {
    const p = await buildPerson(t.deps, gate.areaCode, { name: '李小明' });
    const { res, written } = await verifyCounted({ checkpoint: gate.code, token: await tokenFor(p.id) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ result: 'pass', colour: 'green', name: '李*明', reasonCode: 'colour', checkpoint: { code: gate.code } });
    expect(written).toBe(1);
  });

  it('the same token a second time is denied as replayed, and recorded', async () => {
    const p = await buildPerson(t.deps, gate.areaCode);
    const token = await tokenFor(p.id);
    expect((await verify({ checkpoint: gate.code, token })).body.result).toBe('pass');
    const { res, written } = await verifyCounted({ checkpoint: gate.code, token });
    expect(res.body).toMatchObject({ result: 'deny', reasonCode: 'replayed' });
    expect(written).toBe(1);
  });

  it('a forged or an expired token is denied with its reason; one record each', async () => {
    const p = await buildPerson(t.deps, gate.areaCode);
    const good = await tokenFor(p.id);
    const forged = good.slice(0, -3) + (good.endsWith('AAA') ? 'BBB' : 'AAA');
    const f = await verifyCounted({ checkpoint: gate.code, token: forged });
    expect(f.res.body).toMatchObject({ result: 'deny', reasonCode: 'forged', colour: null, name: null });
    expect(f.written).toBe(1);
    const e = await verifyCounted({ checkpoint: gate.code, token: await tokenFor(p.id, new Date(Date.now() - 10 * 60_000)) });
    expect(e.res.body).toMatchObject({ result: 'deny', reasonCode: 'expired' });
    expect(e.written).toBe(1);
  });

  it('a colour changed after the code was shown wins, also over the colour the verifier already holds', async () => {
    const p = await buildPerson(t.deps, gate.areaCode);
    const [earlier, token] = [await tokenFor(p.id), await tokenFor(p.id)]; // both shown while green
    expect((await verify({ checkpoint: gate.code, token: earlier })).body).toMatchObject({ result: 'pass', colour: 'green' }); // now in the verifier's memory
    const raised = await t.call('POST', `/api/v1/health-codes/persons/${p.id}/decisions`, { token: tok.street_op, body: { colour: 'red', reason: '密接人员' } });
    expect(raised.status).toBe(201);
    // The verifier follows the change notice (on PostgreSQL it comes a few milliseconds after the commit).
    await vi.waitFor(async () => expect((await verify({ checkpoint: gate.code, idNumber: p.idNumber })).body.colour).toBe('red'), { timeout: 2000, interval: 20 });
    const { res, written } = await verifyCounted({ checkpoint: gate.code, token });
    expect(res.body).toMatchObject({ result: 'deny', colour: 'red', reasonCode: 'colour' });
    expect(res.body.reason).toContain('密接人员');
    expect(written).toBe(1);
  });

  it('a face gate sends the ID number of the person it recognised (人码合一)', async () => {
    const p = await buildPerson(t.deps, gate.areaCode);
    const { res, written } = await verifyCounted({ checkpoint: gate.code, idNumber: p.idNumber });
    expect(res.body).toMatchObject({ result: 'pass', colour: 'green' });
    expect(written).toBe(1);
    const unknown = await verifyCounted({ checkpoint: gate.code, idNumber: '110101199003074477' });
    expect(unknown.res.body).toMatchObject({ result: 'deny', reasonCode: 'unknown_person' });
    expect(unknown.written).toBe(1);
  });

  it('an unknown checkpoint is refused, and the attempt recorded', async () => {
    const p = await buildPerson(t.deps, gate.areaCode);
    const { res, written } = await verifyCounted({ checkpoint: 'KK-NOWHERE', token: await tokenFor(p.id) });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('checkpoint.not_found');
    expect(written).toBe(1);
  });

  it('a checkpoint of another street is refused to its neighbour\'s staff, and recorded', async () => {
    const p = await buildPerson(t.deps, gate.areaCode);
    const { res, written } = await verifyCounted({ checkpoint: gate.code, token: await tokenFor(p.id) }, tok.street_op_caihe);
    expect(res.status).toBe(403);
    expect(written).toBe(1);
  });

  it('a checkpoint of a community serves its grids\' staff, not another community\'s; each check recorded', async () => {
    const market = await t.call('POST', '/api/v1/checkpoints', { token: tok.street_op, body: { name: '景芳菜场入口', kind: 'market', areaCode: '330102011002' } });
    expect(market.status, market.text).toBe(201);
    const p = await buildPerson(t.deps, '330102011002001');
    const own = await verifyCounted({ checkpoint: market.body.code, token: await tokenFor(p.id) }, tok.grid_worker);
    expect(own.res.body).toMatchObject({ result: 'pass', checkpoint: { code: market.body.code } });
    expect(own.written).toBe(1);
    const other = await verifyCounted({ checkpoint: market.body.code, token: await tokenFor(p.id) }, tok.grid_worker_kaixi);
    expect(other.res.body.error.code).toBe('area.out_of_scope');
    expect(other.written).toBe(1);
    // The scan page lists it for the grid's worker (staffed), not for the other community's; the plain list stays in scope.
    const codes = async (token: string | undefined, q: string) => (await t.call('GET', `/api/v1/checkpoints?limit=200${q}`, { token })).body.items.map((c: { code: string }) => c.code);
    expect(await codes(tok.grid_worker, '&staffed=true')).toContain(market.body.code);
    expect(await codes(tok.grid_worker, '')).not.toContain(market.body.code);
    expect(await codes(tok.grid_worker_kaixi, '&staffed=true')).not.toContain(market.body.code);
  });

  it('a gate\'s own terminal checks codes at its street\'s checkpoints, not at another street\'s, and reads nothing else', async () => {
    const terminal = await t.login('gate');
    const p = await buildPerson(t.deps, gate.areaCode, { name: '周闸机' });
    const own = await verifyCounted({ checkpoint: gate.code, token: await tokenFor(p.id) }, terminal);
    expect(own.res.body).toMatchObject({ result: 'pass', name: '周*机' });
    expect(own.written).toBe(1);
    const caihe = await t.call('POST', '/api/v1/checkpoints', { token: tok.street_op_caihe, body: { name: '采荷测试卡口', kind: 'road', areaCode: '330102012' } });
    const other = await verifyCounted({ checkpoint: caihe.body.code, token: await tokenFor(p.id) }, terminal);
    expect(other.res.body.error.code).toBe('area.out_of_scope');
    expect(other.written).toBe(1);
    for (const url of [`/api/v1/health-codes/persons/${p.id}`, '/api/v1/checkpoints', `/api/v1/persons/${p.id}`]) {
      expect((await t.call('GET', url, { token: terminal })).status, url).toBe(403);
    }
  });

  it('a request with neither token nor idNumber is a bad request and writes nothing', async () => {
    const { res, written } = await verifyCounted({ checkpoint: gate.code });
    expect(res.status).toBe(400);
    expect(written).toBe(0);
    expect((await verify({ checkpoint: gate.code, token: 'x' }, tok.auditor)).status).toBe(403);
  });

  it('under overload answers 503 and never loses a check it acknowledged', async () => {
    const verifier = createVerifier(t.deps, { maxWaiting: 5 });
    await verifier.start();
    const actor = { userId: 1, username: 'street_op', roles: ['street_operator'] as const, scope: STREET, unitId: null, personId: null, permissions: new Set(['healthcode.verify'] as const), ip: null };
    const people = await Promise.all(Array.from({ length: 10 }, () => buildPerson(t.deps, gate.areaCode)));
    const tokens = await Promise.all(people.flatMap((p) => Array.from({ length: 6 }, () => tokenFor(p.id))));
    const before = await checks();
    const results = await Promise.allSettled(tokens.map((token) => verifier.verify(actor as never, { checkpoint: gate.code, token })));
    await verifier.stop();
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect((r as PromiseRejectedResult).reason.code).toBe('healthcode.overloaded');
    expect((await checks()) - before).toBe(ok.length);
    const ids = ok.map((r) => (r as PromiseFulfilledResult<{ checkId: number }>).value.checkId);
    const stored = await t.deps.db.selectFrom('health_code_checks').select('id').where('id', 'in', ids).execute();
    expect(stored).toHaveLength(ok.length);
  });
});

describe('checkpoints', () => {
  it('counts the day\'s checks and denials; traces who passed, for operators only, audited', async () => {
    const list = await t.call('GET', '/api/v1/checkpoints', { token: tok.street_op });
    const mine = list.body.items.find((c: { code: string }) => c.code === gate.code);
    expect(mine.today.checked).toBeGreaterThan(5);
    expect(mine.today.denied).toBeGreaterThan(2);
    const one = await t.call('GET', `/api/v1/checkpoints/${mine.id}`, { token: tok.street_op });
    expect(one.body.today).toEqual(mine.today);
    expect(one.body.recent.length).toBeGreaterThan(0);
    expect((await t.call('GET', '/api/v1/checkpoints?area=330102012', { token: tok.street_op })).body.error.code).toBe('area.out_of_scope');
    const from = new Date(Date.now() - 3600_000).toISOString(), to = new Date(Date.now() + 60_000).toISOString();
    const url = `/api/v1/checkpoints/${mine.id}/passes?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const trace = await t.call('GET', url, { token: tok.street_op });
    expect(trace.status).toBe(200);
    expect(trace.body.items.length).toBeGreaterThan(0);
    expect(trace.body.items.every((i: { result: string }) => i.result === 'pass')).toBe(true);
    expect(trace.body.items[0].name).toContain('*');
    expect((await t.call('GET', url, { token: tok.grid_worker })).status).toBe(403);
    expect((await t.call('GET', url, { token: tok.street_op_caihe })).body.error.code).toBe('checkpoint.not_found');
    const audit = await t.call('GET', '/api/v1/audit?action=checkpoint.trace', { token: tok.auditor });
    expect(audit.body.items.some((a: { username: string }) => a.username === 'street_op')).toBe(true);
  });

  it('registers a checkpoint in scope only', async () => {
    const body = { name: '测试菜场入口', kind: 'market', areaCode: gate.areaCode };
    expect((await t.call('POST', '/api/v1/checkpoints', { token: tok.street_op, body })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/checkpoints', { token: tok.street_op_caihe, body })).body.error.code).toBe('area.out_of_scope');
  });
});

describe('colour rules', () => {
  it('a rule set that does not parse is refused with its line, and nothing changes', async () => {
    const current = await t.call('GET', '/api/v1/health-codes/rules', { token: tok.sec_admin });
    const bad = current.body.source.replace('"colour": "red", "reason": "居住在封控区"', '"colour": "crimson", "reason": "居住在封控区"');
    const res = await t.call('POST', '/api/v1/health-codes/rules', { token: tok.sec_admin, body: { source: bad } });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].line).toBe(bad.split('\n').findIndex((l: string) => l.includes('crimson')) + 1);
    expect(res.body.error.message).toMatch(/^规则第 \d+ 行/);
    expect((await t.call('GET', '/api/v1/health-codes/rules', { token: tok.sec_admin })).body.version).toBe(current.body.version);
  });
  it('only the security administrator publishes; a new version recolours and is audited', async () => {
    const current = await t.call('GET', '/api/v1/health-codes/rules', { token: tok.sec_admin });
    expect((await t.call('POST', '/api/v1/health-codes/rules', { token: tok.county_op, body: { source: current.body.source } })).status).toBe(403);
    const p = await buildPerson(t.deps, gate.areaCode);
    await t.call('POST', `/api/v1/health-codes/persons/${p.id}/decisions`, { token: tok.street_op, body: { colour: 'yellow', reason: '次密接' } });
    expect(await colourOf(p.id)).toBe('yellow');
    const stricter = current.body.source.replace('"id": "manual_yellow", "colour": "yellow"', '"id": "manual_yellow", "colour": "red"');
    const res = await t.call('POST', '/api/v1/health-codes/rules', { token: tok.sec_admin, body: { source: stricter, note: '人工黄码升红' } });
    expect(res.status).toBe(201);
    expect(res.body.version).toBe(current.body.version + 1);
    expect(await colourOf(p.id)).toBe('red');
    const restored = await t.call('POST', '/api/v1/health-codes/rules', { token: tok.sec_admin, body: { source: current.body.source, note: '恢复' } });
    expect(restored.status).toBe(201);
    expect(await colourOf(p.id)).toBe('yellow');
    const audit = await t.call('GET', '/api/v1/audit?action=healthcode.rules_publish', { token: tok.auditor });
    expect(audit.body.items.length).toBeGreaterThanOrEqual(2);
  });
});

describe('appeals (纠错)', () => {
  it('staff at a gate appeal for the person whose code they just checked, within their own grid only', async () => {
    const p = await buildPerson(t.deps, '330102011002001'); // the demo grid worker's grid
    await t.call('POST', `/api/v1/health-codes/persons/${p.id}/decisions`, { token: tok.street_op, body: { colour: 'yellow', reason: '外地返回' } });
    const checked = (await verify({ checkpoint: gate.code, idNumber: p.idNumber })).body;
    expect(checked).toMatchObject({ result: 'deny', colour: 'yellow' });
    const body = { checkId: checked.checkId, reason: '已在本地居住一个月，码色有误' };
    expect((await t.call('POST', '/api/v1/health-codes/appeals', { token: tok.grid_worker_kaixi, body })).body.error.code).toBe('person.not_found');
    expect((await t.call('POST', '/api/v1/health-codes/appeals', { token: tok.grid_worker, body: { ...body, checkId: 999_999_999 } })).body.error.code).toBe('healthcode.check_not_found');
    const filed = await t.call('POST', '/api/v1/health-codes/appeals', { token: tok.grid_worker, body });
    expect(filed.status, filed.text).toBe(201);
    expect(filed.body).toMatchObject({ personId: p.id, colour: 'yellow', status: 'pending', filedBy: 'grid_worker' });
  });

  it('a resident appeals, the neighbour street cannot decide, their own street grants it and the colour and history follow', async () => {
    const me = (await sql<{ id: number }>`SELECT person_id AS id FROM users WHERE username = 'resident'`.execute(t.deps.db)).rows[0]!.id;
    await t.call('POST', `/api/v1/health-codes/persons/${me}/decisions`, { token: tok.street_op, body: { colour: 'red', reason: '同时空伴随' } });
    expect(await colourOf(me)).toBe('red');
    const filed = await t.call('POST', '/api/v1/health-codes/appeals', { token: tok.resident, body: { reason: '当天我在外地出差，有车票为证' } });
    expect(filed.status).toBe(201);
    expect((await t.call('POST', '/api/v1/health-codes/appeals', { token: tok.resident, body: { reason: '再申诉一次' } })).body.error.code).toBe('healthcode.appeal_pending');
    const id = filed.body.id;
    expect((await t.call('POST', `/api/v1/health-codes/appeals/${id}/decide`, { token: tok.street_op_caihe, body: { grant: true, note: '核实' } })).status).toBe(404);
    expect((await t.call('POST', `/api/v1/health-codes/appeals/${id}/decide`, { token: tok.grid_worker, body: { grant: true, note: '核实' } })).status).toBe(403);
    const listed = await t.call('GET', '/api/v1/health-codes/appeals?status=pending', { token: tok.street_op });
    expect(listed.body.items.map((a: { id: number }) => a.id)).toContain(id);
    const decided = await t.call('POST', `/api/v1/health-codes/appeals/${id}/decide`, { token: tok.street_op, body: { grant: true, note: '核实车票，确不在场', exemptRules: ['manual_red'] } });
    expect(decided.body).toMatchObject({ status: 'granted', exemptRules: ['manual_red'] });
    const code = await t.call('GET', `/api/v1/health-codes/persons/${me}`, { token: tok.street_op });
    expect(code.body.colour).toBe('green');
    expect(code.body.history.slice(0, 2).map((h: { colour: string; cause: string }) => [h.colour, h.cause.split(':')[0]])).toEqual([['green', 'appeal'], ['red', 'decision']]);
    expect((await t.call('GET', `/api/v1/health-codes/persons/${me}`, { token: tok.street_op_caihe })).status).toBe(404);
  });
});

describe('risk zones', () => {
  it('a 封控区 over part of a community turns exactly the people inside red, gives one task per grid, and steps down on its timer', async () => {
    // A small box around one building of the street: the addresses inside are those whose point is in the box.
    const { rows: [c] } = await sql<{ lng: number; lat: number; community_code: string }>`
      SELECT a.lng, a.lat, a.community_code FROM addresses a WHERE a.level = 'building' AND a.street_code = ${STREET}
        AND EXISTS (SELECT 1 FROM persons p JOIN addresses r ON r.id = p.address_id WHERE r.community_code = a.community_code)
      ORDER BY a.id LIMIT 1`.execute(t.deps.db);
    const d = 0.0004;
    const [x0, y0, x1, y1] = [c!.lng - d, c!.lat - d, c!.lng + d, c!.lat + d];
    const inside = (await sql<{ id: number; area_code: string }>`
      SELECT p.id, a.area_code FROM persons p JOIN addresses a ON a.id = p.address_id WHERE a.lng BETWEEN ${x0} AND ${x1} AND a.lat BETWEEN ${y0} AND ${y1}`.execute(t.deps.db)).rows;
    const community = (await sql<{ id: number }>`
      SELECT p.id FROM persons p JOIN addresses a ON a.id = p.address_id WHERE a.community_code = ${c!.community_code} AND NOT (a.lng BETWEEN ${x0} AND ${x1} AND a.lat BETWEEN ${y0} AND ${y1})`.execute(t.deps.db)).rows;
    expect(inside.length).toBeGreaterThan(0);
    expect(community.length).toBeGreaterThan(0); // only part of the community
    const before = new Map(await Promise.all(community.slice(0, 30).map(async (p) => [p.id, await colourOf(p.id)] as const)));

    const geometry = { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
    const neighbour = await t.call('POST', '/api/v1/risk-zones', { token: tok.street_op_caihe, body: { name: '越界', level: 'sealed', geometry } });
    expect(neighbour.body.error.code).toBe('area.out_of_scope');
    const drawn = await t.call('POST', '/api/v1/risk-zones', { token: tok.street_op, body: { name: '测试小区封控区', level: 'sealed', geometry, timers: { sealed: 7, controlled: 3 } } });
    expect(drawn.status).toBe(201);
    expect(drawn.body.totals.persons).toBe(inside.length);
    for (const p of inside) expect(await colourOf(p.id)).toBe('red');
    for (const [id, colour] of before) expect(await colourOf(id)).toBe(colour);
    const grids = [...new Set(inside.map((p) => p.area_code))].sort();
    expect(drawn.body.tasks.map((x: { gridCode: string }) => x.gridCode)).toEqual(grids);
    const events = await t.deps.db.selectFrom('events').select(['area_code', 'category_code', 'channel']).where('id', 'in', drawn.body.tasks.map((x: { eventId: number }) => x.eventId)).execute();
    expect(events.map((e) => e.area_code).sort()).toEqual(grids);
    expect(events.every((e) => e.category_code === 'YJ0601' && e.channel === 'risk_zone')).toBe(true);

    // Listed for the street that drew it and for its county, not for the neighbour street.
    for (const u of ['street_op', 'county_op']) {
      const list = await t.call('GET', '/api/v1/risk-zones?status=active', { token: tok[u] });
      expect(list.status).toBe(200);
      expect(list.body.items.map((z: { id: number }) => z.id)).toContain(drawn.body.id);
    }
    expect((await t.call('GET', '/api/v1/risk-zones', { token: tok.street_op_caihe })).body.items.map((z: { id: number }) => z.id)).not.toContain(drawn.body.id);
    expect((await t.call('GET', `/api/v1/risk-zones/${drawn.body.id}`, { token: tok.street_op_caihe })).status).toBe(404);

    // The people list, and the addresses to seal with their households and people.
    const people = await t.call('GET', `/api/v1/risk-zones/${drawn.body.id}/people?limit=200`, { token: tok.street_op });
    expect(people.body.total).toBe(inside.length);
    expect(people.body.items.every((p: { colour: string }) => p.colour === 'red')).toBe(true);
    const addresses = await t.call('GET', `/api/v1/risk-zones/${drawn.body.id}/addresses?limit=200`, { token: tok.street_op });
    expect(addresses.body.total).toBe(drawn.body.totals.addresses);
    const sum = (k: string) => addresses.body.items.reduce((n: number, a: Record<string, number>) => n + a[k]!, 0);
    expect([sum('households'), sum('persons')]).toEqual([drawn.body.totals.households, drawn.body.totals.persons]);
    expect(addresses.body.items.every((a: { gridCode: string }) => grids.includes(a.gridCode))).toBe(true);
    expect((await t.call('GET', `/api/v1/risk-zones/${drawn.body.id}/addresses`, { token: tok.street_op_caihe })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/risk-zones/${drawn.body.id}/addresses?grid=330102012001001`, { token: tok.street_op })).status).toBe(403);

    // Seven days without a new case: 封控 → 管控, and its people go yellow (unless something else keeps them red).
    const zoneId = drawn.body.id;
    t.setNow(new Date(Date.now() + 7 * 86_400_000 + 60_000));
    try {
      const done = await runDeadlines(t.deps);
      expect(done.zones).toBeGreaterThanOrEqual(1);
      const z = await t.deps.db.selectFrom('risk_zones').select(['level']).where('id', '=', zoneId).executeTakeFirstOrThrow();
      expect(z.level).toBe('controlled');
      const reasons = await t.deps.db.selectFrom('health_codes').select(['person_id', 'colour', 'reasons']).where('person_id', 'in', inside.map((p) => p.id)).execute();
      for (const r of reasons) {
        const rules = (r.reasons as { rule: string }[]).map((x) => x.rule);
        expect(rules).toContain('controlled_zone');
        expect(rules).not.toContain('sealed_zone');
        if (!rules.some((x) => x !== 'controlled_zone' && x !== 'after_observation')) expect(r.colour).toBe('yellow');
      }
    } finally {
      t.setNow(new Date());
    }
  });

  /** A small square around a building of the street where people live (the last such building, or the `skip`-th), and the people inside it. */
  const peopledSquare = async (at: 'last' | { skip: number }) => {
    const { rows: [c] } = await sql<{ lng: number; lat: number }>`
      SELECT a.lng, a.lat FROM addresses a WHERE a.level = 'building' AND a.street_code = ${STREET}
        AND EXISTS (SELECT 1 FROM persons p JOIN addresses r ON r.id = p.address_id WHERE r.lng = a.lng AND r.lat = a.lat)
      ORDER BY ${at === 'last' ? sql`a.id DESC` : sql`a.id`} OFFSET ${at === 'last' ? 0 : at.skip} LIMIT 1`.execute(t.deps.db);
    const d = 0.0002;
    const [x0, y0, x1, y1] = [c!.lng - d, c!.lat - d, c!.lng + d, c!.lat + d];
    const inside = (await sql<{ id: number }>`
      SELECT p.id FROM persons p JOIN addresses a ON a.id = p.address_id WHERE a.lng BETWEEN ${x0} AND ${x1} AND a.lat BETWEEN ${y0} AND ${y1}`.execute(t.deps.db)).rows;
    expect(inside.length).toBeGreaterThan(0);
    return { inside, geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] } };
  };

  it('a zone drawn to start later leaves its people as they are until it starts, then the worker turns them red', async () => {
    const { inside, geometry } = await peopledSquare('last');
    const before = await Promise.all(inside.map((p) => colourOf(p.id)));
    expect(before.filter((c) => c !== 'red').length).toBeGreaterThan(0);
    const startAt = new Date(Date.now() + 2 * 3600_000);
    const drawn = await t.call('POST', '/api/v1/risk-zones', { token: tok.street_op, body: { name: '明日封控区', level: 'sealed', geometry, startAt: startAt.toISOString() } });
    expect(drawn.status, drawn.text).toBe(201);
    expect(await Promise.all(inside.map((p) => colourOf(p.id)))).toEqual(before);
    t.setNow(new Date(startAt.getTime() + 60_000));
    try {
      expect((await runDeadlines(t.deps)).recoloured).toBeGreaterThanOrEqual(inside.length);
      for (const p of inside) expect(await colourOf(p.id)).toBe('red');
    } finally {
      t.setNow(new Date());
    }
  });

  it('a zone whose grid tasks could not be made is drawn all the same, and the worker makes them later', async () => {
    const { geometry } = await peopledSquare({ skip: 10 });
    const restore = await retireCategory(t, 'YJ0601'); // the task category, retired meanwhile
    const drawn = await t.call('POST', '/api/v1/risk-zones', { token: tok.street_op, body: { name: '任务待派封控区', level: 'sealed', geometry } });
    await restore();
    expect(drawn.status, drawn.text).toBe(201);
    expect(drawn.body.tasks).toEqual([]);
    const grids = drawn.body.grids.map((g: { gridCode: string }) => g.gridCode);
    expect(grids.length).toBeGreaterThan(0);
    t.setNow(new Date(Date.now() + 2 * 60_000));
    try {
      expect((await runDeadlines(t.deps)).zoneTasks).toBe(1);
      expect((await runDeadlines(t.deps)).zoneTasks).toBe(0); // once
    } finally {
      t.setNow(new Date());
    }
    const zone = (await t.call('GET', `/api/v1/risk-zones/${drawn.body.id}`, { token: tok.street_op })).body;
    expect(zone.tasks.map((x: { gridCode: string }) => x.gridCode)).toEqual(grids);
    const reporters = await t.deps.db.selectFrom('events').select('reporter_name').where('id', 'in', zone.tasks.map((x: { eventId: number }) => x.eventId)).execute();
    expect(reporters.map((r) => r.reporter_name)).toEqual(grids.map(() => 'street_op')); // as the one who drew it
  });

  it('a zone is answered at checkpoints once committed; its codes follow, finished by the worker when the drawing process stopped', async () => {
    // Two green people of the street at different addresses, no zone over either.
    const { rows: [p, other] } = await sql<{ id: number; id_number: string; address_id: number; area_code: string }>`
      SELECT DISTINCT ON (p.address_id) p.id, p.id_number, p.address_id, a.area_code FROM persons p JOIN addresses a ON a.id = p.address_id
      WHERE a.street_code = ${STREET} AND NOT EXISTS (SELECT 1 FROM health_codes c WHERE c.person_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM risk_zone_addresses z WHERE z.address_id = p.address_id)
      ORDER BY p.address_id, p.id LIMIT 2`.execute(t.deps.db);
    const colourAtGate = async (idNumber: string) => (await verify({ checkpoint: gate.code, idNumber })).body as { colour: string; reason: string };
    expect((await colourAtGate(p!.id_number)).colour).toBe('green'); // now in the verifier's memory
    // The zone as a drawing process commits it before recolouring, and then stops.
    const zone = await t.deps.db.transaction().execute(async (trx) => {
      const z = await zonesRepo.insertZone(trx, {
        code: 'FKTEST001', name: '未完成着色的封控区', level: 'sealed', geometry: { type: 'Polygon', coordinates: [] }, area_code: p!.area_code,
        timers: { sealed: 7, controlled: 3, precaution: null }, start_at: t.deps.clock(), level_since: t.deps.clock(), created_by: null,
      });
      await zonesRepo.insertZoneAddresses(trx, z.id, [{ id: p!.address_id, area_code: p!.area_code }]);
      await notifyCodes(trx);
      return z;
    });
    await vi.waitFor(async () => expect(await colourAtGate(p!.id_number)).toMatchObject({ colour: 'red', reason: expect.stringContaining('未完成着色的封控区') }), { timeout: 5000, interval: 50 });
    expect(await t.deps.db.selectFrom('health_codes').select('colour').where('person_id', '=', p!.id).executeTakeFirst()).toBeUndefined();
    expect(await colourOf(p!.id)).toBe('red'); // the console page adds the zone too
    const listed = await t.call('GET', `/api/v1/risk-zones/${zone.id}/people`, { token: tok.street_op }); // and the zone's people list
    expect(listed.body.items).toEqual([expect.objectContaining({ id: p!.id, colour: 'red' })]);
    expect((await colourAtGate(other!.id_number)).colour).toBe('green');

    // The worker leaves a zone drawn under a minute ago to its own process, then finishes it.
    expect((await runDeadlines(t.deps)).pendingZones).toBe(0);
    t.setNow(new Date(Date.now() + 2 * 60_000));
    try {
      expect((await runDeadlines(t.deps)).pendingZones).toBe(1);
    } finally {
      t.setNow(new Date());
    }
    expect((await t.deps.db.selectFrom('health_codes').select('colour').where('person_id', '=', p!.id).executeTakeFirstOrThrow()).colour).toBe('red');
    expect((await t.deps.db.selectFrom('risk_zones').select('recoloured_at').where('id', '=', zone.id).executeTakeFirstOrThrow()).recoloured_at).not.toBeNull();
    expect((await colourAtGate(p!.id_number)).colour).toBe('red');

    const lifted = await t.call('POST', `/api/v1/risk-zones/${zone.id}/actions/lift`, { token: tok.street_op, body: {} });
    expect(lifted.status).toBe(200);
    await vi.waitFor(async () => expect((await colourAtGate(p!.id_number)).colour).toBe('green'), { timeout: 5000, interval: 50 });
  });

  it('refuses a shape that is not a polygon, or holds no address', async () => {
    const bad = await t.call('POST', '/api/v1/risk-zones', { token: tok.street_op, body: { name: '一个点', level: 'sealed', geometry: { type: 'Point', coordinates: [120.2, 30.3] } } });
    expect(bad.body.error.code).toBe('zone.bad_geometry');
    const empty = await t.call('POST', '/api/v1/risk-zones', {
      token: tok.street_op, body: { name: '空白处', level: 'sealed', geometry: { type: 'Polygon', coordinates: [[[100, 40], [100.001, 40], [100.001, 40.001], [100, 40]]] } },
    });
    expect(empty.body.error.code).toBe('zone.empty');
    expect(Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM risk_zones WHERE name IN ('一个点', '空白处')`.execute(t.deps.db)).rows[0]!.n)).toBe(0);
  });
});
