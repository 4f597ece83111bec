import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildDeps } from '../../app.ts';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => void (t = await startTestApp()));
afterAll(() => t.close());

const login = (username: string, password: string) => t.call('POST', '/api/v1/auth/login', { body: { username, password } });

describe('POST /api/v1/auth/login', () => {
  it('returns a token and the user, and stores only the token hash', async () => {
    const res = await login('street_op', 'zhili-test-pass');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'street_op', roles: ['street_operator'], areaCode: '330102011' });
    const stored = await t.deps.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.some((s) => s.token_hash === res.body.token)).toBe(false);
    const me = await t.call('GET', '/api/v1/auth/me', { token: res.body.token });
    expect(me.body).toMatchObject({ username: 'street_op', scope: '330102011' });
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const wrong = await login('mediator', 'nope');
    const unknown = await login('nobody', 'nope');
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'auth.invalid_credentials']);
    expect([unknown.status, unknown.body.error.code]).toEqual([401, 'auth.invalid_credentials']);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  it('locks the account for 15 minutes after 5 failures, even for the right password', async () => {
    const start = new Date('2026-11-23T08:00:00Z');
    t.setNow(start);
    for (let i = 0; i < 4; i++) expect((await login('leader', 'bad')).body.error.code).toBe('auth.invalid_credentials');
    expect((await login('leader', 'bad')).body.error.code).toBe('auth.locked');
    const locked = await login('leader', 'zhili-test-pass');
    expect([locked.status, locked.body.error.code]).toEqual([423, 'auth.locked']);
    t.setNow(new Date(start.getTime() + 14 * 60_000));
    expect((await login('leader', 'zhili-test-pass')).status).toBe(423);
    t.setNow(new Date(start.getTime() + 16 * 60_000));
    expect((await login('leader', 'zhili-test-pass')).status).toBe(200);
    t.setNow(new Date());
  });

  it('refuses parallel guesses past the limit, even one with the right password', async () => {
    const start = new Date('2026-11-23T09:00:00Z');
    t.setNow(start);
    const attempts = Array.from({ length: 30 }, (_, i) => login('street_op_caihe', i === 25 ? 'zhili-test-pass' : `guess-${i}`));
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r.status === 200)).toEqual([]);
    expect(results.filter((r) => r.body.error.code === 'auth.invalid_credentials').length).toBeLessThanOrEqual(4);
    t.setNow(new Date(start.getTime() + 16 * 60_000));
    expect((await login('street_op_caihe', 'zhili-test-pass')).status).toBe(200);
    t.setNow(new Date());
  });

  it('starts counting afresh when a lock has expired', async () => {
    const start = new Date('2026-11-23T10:00:00Z');
    t.setNow(start);
    for (let i = 0; i < 5; i++) await login('mediator', 'bad');
    t.setNow(new Date(start.getTime() + 16 * 60_000));
    expect((await login('mediator', 'bad')).body.error.code).toBe('auth.invalid_credentials');
    expect((await login('mediator', 'zhili-test-pass')).status).toBe(200);
    t.setNow(new Date());
  });

  it('ignores X-Forwarded-For unless a proxy is trusted, so the audit log keeps the real address', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-for': '8.8.8.8' }, payload: { username: 'auditor', password: 'zhili-test-pass' } });
    expect(res.statusCode).toBe(200);
    const entry = await t.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'auth.login').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.stringify(entry.details)).not.toContain('8.8.8.8');
  });

  it('answers a NUL character with a clear 400, not a 500', async () => {
    const res = await login('a\u0000b', 'x');
    expect(res.status).toBeLessThan(500);
    const list = await t.call('GET', '/api/v1/persons?q=%00', { token: await t.login('street_op') });
    expect([list.status, list.body.error.code]).toEqual([400, 'request.invalid']);
  });

  it('rejects malformed bodies with the error shape and no stack', async () => {
    const bad = await t.call('POST', '/api/v1/auth/login', { body: '{"username":', contentType: 'application/json' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'request.malformed_json']);
    const types = await t.call('POST', '/api/v1/auth/login', { body: { username: 5, password: [] } });
    expect([types.status, types.body.error.code]).toEqual([400, 'request.invalid']);
    expect(types.text).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('sessions', () => {
  it('expires after the configured hours', async () => {
    const token = (await login('county_op', 'zhili-test-pass')).body.token;
    t.setNow(new Date(Date.now() + (t.deps.config.sessionHours + 1) * 3_600_000));
    const res = await t.call('GET', '/api/v1/auth/me', { token });
    expect([res.status, res.body.error.code]).toEqual([401, 'auth.session_expired']);
    t.setNow(new Date());
  });

  it('ends at logout', async () => {
    const token = (await login('county_op', 'zhili-test-pass')).body.token;
    expect((await t.call('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    expect((await t.call('GET', '/api/v1/auth/me', { token })).status).toBe(401);
  });

  it('ends at once for a disabled user, who can no longer sign in', async () => {
    const victim = (await login('grid_worker_kaixi', 'zhili-test-pass')).body;
    const sec = await t.login('sec_admin');
    const res = await t.call('POST', `/api/v1/users/${victim.user.id}/disable`, { token: sec });
    expect(res.status).toBe(200);
    expect((await t.call('GET', '/api/v1/persons', { token: victim.token })).body.error.code).toBe('auth.unauthenticated');
    expect((await login('grid_worker_kaixi', 'zhili-test-pass')).body.error.code).toBe('auth.disabled');
    await t.call('POST', `/api/v1/users/${victim.user.id}/enable`, { token: sec });
    expect((await login('grid_worker_kaixi', 'zhili-test-pass')).status).toBe(200);
  });

  it('ends a disabled user’s sessions in every other API process at once (NOTIFY)', async () => {
    // A second process: its own deps, app and session cache, on the same database.
    const other = await buildApp(buildDeps(t.deps.database, t.deps.config));
    const victim = (await login('grid_leader', 'zhili-test-pass')).body;
    const me = () => other.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${victim.token}` } });
    expect((await me()).statusCode).toBe(200); // now cached over there
    await t.call('POST', `/api/v1/users/${victim.user.id}/disable`, { token: await t.login('sec_admin') });
    let status = 200;
    for (let i = 0; i < 50 && status === 200; i++) {
      await new Promise((r) => setTimeout(r, 10));
      status = (await me()).statusCode;
    }
    expect(status).toBe(401);
    await other.close();
    await t.call('POST', `/api/v1/users/${victim.user.id}/enable`, { token: await t.login('sec_admin') });
  });

  it('lets only sec_admin disable, and only within scope', async () => {
    const admin = await t.login('admin');
    const target = (await t.call('GET', '/api/v1/users?limit=200', { token: admin })).body.items.find((u: { username: string }) => u.username === 'mediator');
    expect((await t.call('POST', `/api/v1/users/${target.id}/disable`, { token: admin })).status).toBe(403);
  });
});

describe('POST /api/v1/users', () => {
  it('creates a user inside the admin scope and audits it', async () => {
    const admin = await t.login('admin');
    const res = await t.call('POST', '/api/v1/users', { token: admin, body: { username: 'new_worker', displayName: '新网格员', password: 'longenough1', roles: ['grid_worker'], areaCode: '330102011002002' } });
    expect(res.status).toBe(201);
    expect((await login('new_worker', 'longenough1')).status).toBe(200);
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').execute();
    expect(audit.map((a) => a.target_id)).toContain(String(res.body.id));
  });

  it('refuses a unit outside the admin scope, which would widen the new user’s scope', async () => {
    const countyAdmin = await t.call('POST', '/api/v1/users', { token: await t.login('admin'), body: { username: 'admin_sc', displayName: '上城区管理员', password: 'longenough1', roles: ['sys_admin'], areaCode: '330102' } });
    const token = (await login('admin_sc', 'longenough1')).body.token;
    const foreign = await t.deps.db.selectFrom('units').select('id').where('area_code', '=', '330105').executeTakeFirstOrThrow();
    const res = await t.call('POST', '/api/v1/users', { token, body: { username: 'sneaky', displayName: 'x', password: 'longenough1', roles: ['county_operator'], areaCode: '330102', unitId: foreign.id } });
    expect([countyAdmin.status, res.status, res.body.error.code]).toEqual([201, 404, 'unit.not_found']);
    const missing = await t.call('POST', '/api/v1/users', { token, body: { username: 'sneaky', displayName: 'x', password: 'longenough1', roles: ['handler'], areaCode: '330102', unitId: 999999 } });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'unit.not_found']);
    const own = await t.deps.db.selectFrom('units').select(['id', 'area_code']).where('area_code', '=', '330102').executeTakeFirstOrThrow();
    const ok = await t.call('POST', '/api/v1/users', { token, body: { username: 'unit_handler', displayName: 'x', password: 'longenough1', roles: ['handler'], areaCode: '330102011', unitId: own.id } });
    expect(ok.body).toMatchObject({ areaCode: own.area_code, unitId: own.id });
  });

  it('keeps the three admin duties on separate accounts', async () => {
    const res = await t.call('POST', '/api/v1/users', { token: await t.login('admin'), body: { username: 'two_hats', displayName: 'x', password: 'longenough1', roles: ['sec_admin', 'auditor'], areaCode: '3301' } });
    expect([res.status, res.body.error.code]).toEqual([400, 'user.bad_roles']);
  });

  it('refuses an unknown area code and a taken username, writing nothing', async () => {
    const admin = await t.login('admin');
    const before = await t.deps.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const unknown = await t.call('POST', '/api/v1/users', { token: admin, body: { username: 'ghost', displayName: 'x', password: 'longenough1', roles: ['grid_worker'], areaCode: '330102099999' } });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'area.unknown_code']);
    const taken = await t.call('POST', '/api/v1/users', { token: admin, body: { username: 'street_op', displayName: 'x', password: 'longenough1', roles: ['grid_worker'], areaCode: '330102011' } });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'user.duplicate_username']);
    const after = await t.deps.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('audit log', () => {
  it('records a full read of a person and cannot be edited or deleted', async () => {
    const token = await t.login('street_op');
    const person = (await t.call('GET', '/api/v1/persons?limit=1', { token })).body.items[0];
    await t.call('GET', `/api/v1/persons/${person.id}?reveal=true`, { token });
    const entries = (await t.call('GET', `/api/v1/audit?action=person.reveal&targetId=${person.id}`, { token: await t.login('auditor') })).body;
    expect(entries.items[0]).toMatchObject({ username: 'street_op', targetType: 'person', targetId: String(person.id) });
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.deps.db)).rejects.toThrow(/append-only/);
  });
});
