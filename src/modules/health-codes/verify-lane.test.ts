// The verify fast lane (lib/fast-lane.ts) against Fastify's route for the same path: the same request
// gets the same answer by either way in, and what the lane does not fully understand goes to Fastify.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPerson } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';
import { sealToken } from './code-token.ts';
import { tokenKeys } from './colour.service.ts';

const VERIFY = '/api/v1/health-codes/verify';
let t: TestApp;
let gate: { code: string; areaCode: string };
const tok: Record<string, string> = {};
let laneCalls = 0;

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['street_op', 'street_op_caihe', 'auditor']) tok[u] = await t.login(u);
  gate = (await t.call('GET', '/api/v1/checkpoints', { token: tok.street_op })).body.items[0];
  const lane = t.app.lanes.get(VERIFY)!;
  t.app.lanes.set(VERIFY, (bearer, body) => (laneCalls++, lane(bearer, body)));
});
afterAll(() => t.close());

const checks = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM health_code_checks`.execute(t.deps.db)).rows[0]!.n);
const tokenFor = async (personId: number) => sealToken([...(await tokenKeys(t.deps.db)).values()][0]!, personId, new Date(), 120).token;
/** What must not differ between the two ways in: all but the record's own id and time. */
const comparable = (body: any) => (body && 'checkId' in body ? { ...body, checkId: 'n', checkedAt: 't' } : body);

/** The same request through the lane (a socket) and through Fastify (inject): the lane was used, both answered alike, each left `records` check records. */
const sameBothWays = async (opts: { body: unknown; token?: string; contentType?: string }, records: number) => {
  const before = { calls: laneCalls, checks: await checks() };
  const lane = await t.callOverSocket('POST', VERIFY, opts);
  expect(laneCalls - before.calls, 'answered by the lane').toBe(1);
  const afterLane = await checks();
  const route = await t.call('POST', VERIFY, opts);
  expect(laneCalls - before.calls, 'inject does not reach the lane').toBe(1);
  expect({ status: lane.status, body: comparable(lane.body) }).toEqual({ status: route.status, body: comparable(route.body) });
  expect(afterLane - before.checks).toBe(records);
  expect((await checks()) - afterLane).toBe(records);
  return lane;
};

describe('verify through the fast lane', () => {
  it('answers a face gate as the route does, one record each', async () => {
    const p = await buildPerson(t.deps, gate.areaCode, { name: '郑快道' });
    const res = await sameBothWays({ token: tok.street_op, body: { checkpoint: gate.code, idNumber: p.idNumber.toLowerCase() } }, 1);
    expect(res.body).toMatchObject({ result: 'pass', colour: 'green', name: '郑*道', checkpoint: { code: gate.code } });
    // A charset and a byte-order mark, as some gates send them.
    const bom = `\uFEFF${JSON.stringify({ checkpoint: gate.code, idNumber: p.idNumber })}`;
    expect((await sameBothWays({ token: tok.street_op, body: bom, contentType: 'application/json; charset=utf-8' }, 1)).body).toMatchObject({ result: 'pass' });
  });

  it('a scanned code passes once; the same code again is a replay by either way in', async () => {
    const p = await buildPerson(t.deps, gate.areaCode);
    const token = await tokenFor(p.id);
    const first = await t.callOverSocket('POST', VERIFY, { token: tok.street_op, body: { checkpoint: gate.code, token } });
    expect(first.body).toMatchObject({ result: 'pass' });
    const again = await sameBothWays({ token: tok.street_op, body: { checkpoint: gate.code, token } }, 1);
    expect(again.body).toMatchObject({ result: 'deny', reasonCode: 'replayed' });
  });

  it('refuses bad input with the route\'s error, writing nothing', async () => {
    const bad = async (body: unknown, code: string) => {
      const res = await sameBothWays({ token: tok.street_op, body, contentType: 'application/json' }, 0);
      expect(res.body.error.code).toBe(code);
      return res;
    };
    expect((await bad('{"checkpoint":', 'request.malformed_json')).status).toBe(400);
    await bad(`{"checkpoint":"${gate.code}","idNumber":"110101199003074477","__proto__":{"x":1}}`, 'request.malformed_json');
    expect((await bad({ checkpoint: '' }, 'request.invalid')).body.error.message).toMatch(/^body\/checkpoint: /);
    await bad({ checkpoint: gate.code, idNumber: '12345' }, 'request.invalid');
    await bad({ checkpoint: gate.code }, 'request.invalid'); // neither a code nor a face
  });

  it('holds every access rule: an unknown session, a role that may not check, another street\'s checkpoint', async () => {
    const p = await buildPerson(t.deps, gate.areaCode);
    const body = { checkpoint: gate.code, idNumber: p.idNumber };
    expect((await sameBothWays({ token: 'not-a-session', body }, 0)).status).toBe(401);
    expect((await sameBothWays({ token: 'not-a-session', body: '{"checkpoint":', contentType: 'application/json' }, 0)).status).toBe(401); // the session first
    expect((await sameBothWays({ token: tok.auditor, body }, 0)).body.error.code).toBe('auth.forbidden');
    const other = await sameBothWays({ token: tok.street_op_caihe, body }, 1);
    expect(other.body.error.code).toBe('area.out_of_scope');
    expect((await sameBothWays({ token: tok.street_op, body: { ...body, checkpoint: 'KK-NOWHERE' } }, 1)).status).toBe(404);
  });

  it('leaves to Fastify what it does not fully understand', async () => {
    const p = await buildPerson(t.deps, gate.areaCode);
    const body = JSON.stringify({ checkpoint: gate.code, idNumber: p.idNumber });
    const calls = laneCalls;
    expect((await t.callOverSocket('POST', VERIFY, { body, contentType: 'application/json' })).status).toBe(401); // no session
    expect((await t.callOverSocket('POST', VERIFY, { token: tok.street_op, body, contentType: 'application/xml' })).status).toBe(415);
    expect((await t.callOverSocket('POST', `${VERIFY}?via=route`, { token: tok.street_op, body, contentType: 'application/json' })).body).toMatchObject({ result: 'pass' });
    const big = JSON.stringify({ checkpoint: gate.code, idNumber: p.idNumber, pad: 'x'.repeat(20_000) });
    expect((await t.callOverSocket('POST', VERIFY, { token: tok.street_op, body: big, contentType: 'application/json' })).body).toMatchObject({ result: 'pass' });
    expect(laneCalls).toBe(calls);
  });
});
