// Rows placed exactly where a test needs them, written through the repos.
import type { Deps } from '../src/lib/deps.ts';
import type { TestApp } from './test-app.ts';
import { idNumberCheckChar } from '../src/lib/id-number.ts';
import { insertReportedEvent, reserveEventId } from '../src/modules/events/events.repo.ts';
import { insertPersons } from '../src/modules/registry/persons.repo.ts';

let seq = 0;

/** A valid ID number the demo seed never makes (region 330185 is not in its lists). */
export const buildIdNumber = (): string => {
  seq++;
  const first17 = `3301851990${String(1 + (seq % 12)).padStart(2, '0')}${String(1 + (seq % 28)).padStart(2, '0')}${String(100 + (seq % 900)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};

export const buildPerson = async (deps: Deps, area: string, over: { name?: string; phone?: string } = {}) => {
  const idNumber = `${buildIdNumber()}`;
  const [id] = await insertPersons(deps.db, [{
    name: over.name ?? `测试${seq}`, id_number: idNumber, gender: 'male', birth_date: '1990-01-01', region_code: '330102',
    phone: over.phone ?? `139${String(10_000_000 + seq).slice(-8)}`, county_code: area.slice(0, 6), area_code: area, tags: ['测试'],
  }]);
  return { id: id!, idNumber };
};

export const buildThing = async (deps: Deps, area: string) => {
  const row = await deps.db.insertInto('things').values({ kind: 'camera', serial: `T-${area}-${++seq}`, name: '测试摄像头', county_code: area.slice(0, 6), area_code: area }).returning('id').executeTakeFirstOrThrow();
  return row.id;
};

/** A reported event at a grid, written through the repo (no HTTP, no scope checks). */
export const buildEvent = async (deps: Deps, grid: string) => {
  const id = await reserveEventId(deps.db);
  const now = new Date();
  await insertReportedEvent(deps.db, {
    id, code: `TEST${id}`, category_code: 'JG01', channel: 'grid_patrol', description: '测试事件', state: 'reported', level: 'street',
    priority: 'normal', county_code: grid.slice(0, 6), area_code: grid, handling_area: grid.slice(0, 9), step: 'accept',
    step_started_at: now, deadline: new Date(now.getTime() + 3_600_000), created_at: now, updated_at: now,
  }, { at: now, actor_id: null, actor_name: 'test', action: 'report', from_state: null, to_state: 'reported', note: null, details: null }, []);
  return id;
};

/** Retires an event category through the API, as sys_admin would; the returned function restores it. */
export const retireCategory = async (t: Pick<TestApp, 'call' | 'login'>, code: string): Promise<() => Promise<void>> => {
  const c = (await t.call('GET', '/api/v1/categories')).body.items.find((x: { code: string }) => x.code === code);
  const token = await t.login('admin');
  const put = async (active: boolean) => {
    const body = { name: c.name, parentCode: c.parentCode, platformCode: c.platformCode, leadUnitType: c.leadUnitType, priority: c.priority, limits: c.limits, active };
    const res = await t.call('PUT', `/api/v1/categories/${code}`, { token, body });
    if (res.status !== 200) throw new Error(`category ${code}: ${res.status} ${res.text}`);
  };
  await put(false);
  return () => put(true);
};
