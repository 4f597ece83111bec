// Every demo user against objects inside and outside their scope, on every list, read and write route.
// Expected outcomes come from the rule (permission + area-code prefix), and the API must match them
// exactly: no leak, no wrongful denial. Bodies are scanned for unmasked ID numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inScope } from '../src/lib/scope.ts';
import { GRANTS, type Permission } from '../src/lib/roles.ts';
import { DEMO_USERS } from '../src/demo/demo-seed.ts';
import { buildEvent, buildPerson, buildThing } from './factories.ts';
import { startTestApp, type TestApp } from './test-app.ts';

// Places objects are put: two grids in two communities of 凯旋街道, one in 采荷街道, one in another district.
const PLACES = ['330102011002001', '330102011012001', '330102012001001', '330105001051001'];

let t: TestApp;
const persons = new Map<string, number>();
const things = new Map<string, number>();
const events = new Map<string, number>();
const tokens = new Map<string, string>();

beforeAll(async () => {
  t = await startTestApp();
  for (const p of PLACES) {
    persons.set(p, (await buildPerson(t.deps, p)).id);
    things.set(p, await buildThing(t.deps, p));
    events.set(p, await buildEvent(t.deps, p));
  }
  for (const u of DEMO_USERS) tokens.set(u.username, await t.login(u.username));
});
afterAll(() => t.close());

// A user's scope root: the unit's area for a handler (their unit is a 上城区 unit), else their area.
const scopeOf = (u: (typeof DEMO_USERS)[number]) => (u.unit ? '330102' : u.areaCode);
const may = (u: (typeof DEMO_USERS)[number], p: Permission) => u.roles.some((r) => GRANTS[r].includes(p));
const UNMASKED_ID = /\b\d{17}[\dX]\b/;

describe('scope matrix', () => {
  for (const u of DEMO_USERS) {
    describe(u.username, () => {
      it('reads a person only inside scope, masked', async () => {
        for (const place of PLACES) {
          const res = await t.call('GET', `/api/v1/persons/${persons.get(place)}`, { token: tokens.get(u.username) });
          const expected = !may(u, 'registry.read') ? 403 : inScope(scopeOf(u), place) ? 200 : 404;
          expect({ place, status: res.status }).toEqual({ place, status: expected });
          expect(res.text).not.toMatch(UNMASKED_ID);
        }
      });

      it('reveals a person in full only with the right and inside scope', async () => {
        for (const place of PLACES) {
          const res = await t.call('GET', `/api/v1/persons/${persons.get(place)}?reveal=true`, { token: tokens.get(u.username) });
          const expected = !may(u, 'registry.read') || !may(u, 'person.reveal') ? 403 : inScope(scopeOf(u), place) ? 200 : 404;
          expect({ place, status: res.status }).toEqual({ place, status: expected });
          if (res.status === 200) expect(res.body.idNumber).toMatch(UNMASKED_ID);
        }
      });

      it('lists persons: everything in scope, nothing outside, never unmasked', async () => {
        const res = await t.call('GET', '/api/v1/persons?limit=200', { token: tokens.get(u.username) });
        if (!may(u, 'registry.read')) return expect(res.status).toBe(403);
        expect(res.status).toBe(200);
        const inside = await t.deps.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).where('area_code', 'like', `${scopeOf(u)}%`).executeTakeFirstOrThrow();
        expect(res.body.total).toBe(Number(inside.n));
        for (const p of res.body.items) expect(inScope(scopeOf(u), p.gridCode)).toBe(true);
        expect(res.text).not.toMatch(UNMASKED_ID);
        for (const place of PLACES) {
          const byArea = await t.call('GET', `/api/v1/persons?area=${place}`, { token: tokens.get(u.username) });
          const visible = inScope(scopeOf(u), place) || inScope(place, scopeOf(u));
          expect({ place, status: byArea.status }).toEqual({ place, status: visible ? 200 : 404 });
          for (const p of byArea.body.items ?? []) expect(inScope(scopeOf(u), p.gridCode)).toBe(true);
        }
      });

      it('reads and lists things only inside scope', async () => {
        for (const place of PLACES) {
          const res = await t.call('GET', `/api/v1/things/${things.get(place)}`, { token: tokens.get(u.username) });
          const expected = !may(u, 'registry.read') ? 403 : inScope(scopeOf(u), place) ? 200 : 404;
          expect({ place, status: res.status }).toEqual({ place, status: expected });
        }
        for (const table of ['households', 'houses', 'enterprises', 'things']) {
          const res = await t.call('GET', `/api/v1/${table}?limit=200`, { token: tokens.get(u.username) });
          if (!may(u, 'registry.read')) {
            expect(res.status).toBe(403);
            continue;
          }
          for (const row of res.body.items) expect(inScope(scopeOf(u), row.gridCode)).toBe(true);
        }
      });

      it('writes a person only inside scope', async () => {
        for (const place of PLACES) {
          const res = await t.call('PATCH', `/api/v1/persons/${persons.get(place)}`, { token: tokens.get(u.username), body: { tags: ['已走访'] } });
          const expected = !may(u, 'registry.write') ? 403 : inScope(scopeOf(u), place) ? 200 : 404;
          expect({ place, status: res.status }).toEqual({ place, status: expected });
        }
      });

      it('registers a device only inside scope', async () => {
        for (const place of PLACES) {
          const res = await t.call('POST', '/api/v1/things', { token: tokens.get(u.username), body: { kind: 'door_sensor', serial: `S-${u.username}-${place}`, name: '门磁', areaCode: place } });
          const expected = !may(u, 'registry.write') ? 403 : inScope(scopeOf(u), place) ? 201 : 403;
          expect({ place, status: res.status }).toEqual({ place, status: expected });
        }
      });

      it('sees areas and grids of its subtree and the path above, nothing beside', async () => {
        for (const place of PLACES) {
          for (const code of [place.slice(0, 9), place.slice(0, 12)]) {
            const res = await t.call('GET', `/api/v1/areas/${code}`, { token: tokens.get(u.username) });
            const scope = scopeOf(u);
            const expected = !may(u, 'area.read') ? 403 : code.startsWith(scope) || scope.startsWith(code) ? 200 : 404;
            expect({ code, status: res.status }).toEqual({ code, status: expected });
          }
          const grid = await t.call('GET', `/api/v1/grids/${place}`, { token: tokens.get(u.username) });
          expect({ place, status: grid.status }).toEqual({ place, status: !may(u, 'area.read') ? 403 : inScope(scopeOf(u), place) ? 200 : 404 });
        }
        const children = await t.call('GET', '/api/v1/areas?parent=3301', { token: tokens.get(u.username) });
        if (children.status === 200) {
          for (const a of children.body.items) expect(a.code.startsWith(scopeOf(u)) || scopeOf(u).startsWith(a.code)).toBe(true);
        }
      });

      it('reads, lists and acts on events only as its reach and role allow', async () => {
        const onlyUnit = u.roles.every((r) => r === 'handler'); // a handler sees only work dispatched to the unit
        const sees = (place: string) => !onlyUnit && inScope(scopeOf(u), place);
        const operatorOf = (place: string) =>
          (u.roles.includes('street_operator') && inScope(scopeOf(u), place.slice(0, 9))) || u.roles.includes('county_operator') || u.roles.includes('leader');
        for (const place of PLACES) {
          const read = await t.call('GET', `/api/v1/events/${events.get(place)}`, { token: tokens.get(u.username) });
          expect({ place, status: read.status }).toEqual({ place, status: !may(u, 'event.read') ? 403 : sees(place) ? 200 : 404 });
          const urge = await t.call('POST', `/api/v1/events/${events.get(place)}/actions/urge`, { token: tokens.get(u.username), body: {} });
          const expected = !may(u, 'event.read') ? 403 : !sees(place) ? 404 : operatorOf(place) ? 200 : 403;
          expect({ place, action: 'urge', status: urge.status }).toEqual({ place, action: 'urge', status: expected });
        }
        const list = await t.call('GET', '/api/v1/events?limit=200', { token: tokens.get(u.username) });
        if (!may(u, 'event.read')) return expect(list.status).toBe(403);
        for (const e of list.body.items) expect(sees(e.gridCode)).toBe(true);
        const visible = PLACES.filter(sees).map((p) => events.get(p));
        expect(list.body.items.map((e: { id: number }) => e.id)).toEqual(expect.arrayContaining(visible));
      });

      it('lists users and audit entries only with the duty, only in scope', async () => {
        const users = await t.call('GET', '/api/v1/users?limit=200', { token: tokens.get(u.username) });
        expect(users.status).toBe(may(u, 'user.read') ? 200 : 403);
        for (const x of users.body.items ?? []) expect(inScope(scopeOf(u), x.areaCode)).toBe(true);
        const audit = await t.call('GET', '/api/v1/audit?limit=200', { token: tokens.get(u.username) });
        expect(audit.status).toBe(may(u, 'audit.read') ? 200 : 403);
        // Entries with no area (unknown usernames) are for city-level auditors only.
        for (const x of audit.body.items ?? []) expect(x.areaCode === null ? scopeOf(u).length <= 4 : inScope(scopeOf(u), x.areaCode)).toBe(true);
      });
    });
  }

  it('refuses every scoped route without a token', async () => {
    for (const url of ['/api/v1/persons', '/api/v1/grids', '/api/v1/areas/3301', '/api/v1/things', '/api/v1/users', '/api/v1/audit']) {
      const res = await t.call('GET', url);
      expect({ url, status: res.status, code: res.body.error.code }).toEqual({ url, status: 401, code: 'auth.unauthenticated' });
    }
  });
});
