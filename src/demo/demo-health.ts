// Demo data of the health-code module: the demo resident's account tied to a registry entry, checkpoints
// at the gates of 凯旋街道's compounds, a few people under measures, their daily check-ins, and their colours.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Deps } from '../lib/deps.ts';
import { chinaDay } from '../lib/china-time.ts';
import { daysBetween } from '../modules/health-codes/checkin-facts.ts';
import { dayStart } from '../modules/health-codes/colour-eval.ts';
import { recolour } from '../modules/health-codes/colour.service.ts';

export const DEMO_RESIDENT = 'resident';
const STREET = '330102011';

export const seedDemoHealth = async (deps: Deps, db: Kysely<DB>, today: string) => {
  // The resident: the first registered person of the street, with an address.
  const me = await db.selectFrom('persons').select(['id']).where('area_code', 'like', `${STREET}%`).where('address_id', 'is not', null).orderBy('id').executeTakeFirst();
  if (me) await db.updateTable('users').set({ person_id: me.id }).where('username', '=', DEMO_RESIDENT).execute();

  // A gate at each of the street's first compounds, in its grid.
  const { rows: compounds } = await sql<{ compound: string; area_code: string; lng: number; lat: number }>`
    SELECT DISTINCT ON (area_code) compound, area_code, lng, lat FROM addresses
    WHERE level = 'compound' AND area_code LIKE ${`${STREET}%`} ORDER BY area_code, id LIMIT 6`.execute(db);
  if (compounds.length) {
    await db.insertInto('checkpoints').values(compounds.map((c, i) => ({
      code: `KK${STREET}${String(i + 1).padStart(3, '0')}`, name: `${c.compound}东门`, kind: 'compound_gate' as const,
      area_code: c.area_code, compound: c.compound, lng: c.lng, lat: c.lat,
    }))).execute();
  }

  // A few people of the street under measures, so the codes and the checkpoints have something to say.
  const people = await db.selectFrom('persons').select(['id', 'name', 'id_number', 'area_code']).where('area_code', 'like', `${STREET}%`)
    .where('id', '!=', me?.id ?? 0).orderBy('id').offset(10).limit(12).execute();
  const end = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const kinds = ['home_observation', 'centralized_isolation', 'health_monitoring'] as const;
  if (people.length) {
    await db.insertInto('control_measures').values(people.map((p, i) => ({
      person_id: p.id, id_number: p.id_number, name: p.name, kind: kinds[i % 3]!, start_date: end(-3), end_date: end(i % 3 === 2 ? 4 : 11),
      area_code: p.area_code, place: i % 3 === 1 ? '区集中隔离点（某酒店）' : null, source: '演示数据', created_at: `${end(-3)}T09:00:00+08:00`,
    }))).execute();
  }
  return recolour(deps, people.map((p) => p.id), 'measure', db);
};

const WORKER_GRID = '330102011002001'; // the demo grid_worker's

/**
 * Daily check-ins of the street's people under observation or monitoring, for each day before today
 * (now and then a day left out, and one fever yesterday), and a person of the demo grid worker's grid
 * whose health monitoring ended with a day missing, so the round has someone to enter from the sheet.
 */
export const seedDemoCheckins = async (deps: Deps) => {
  const db = deps.db;
  const today = chinaDay(deps.clock());
  const day = (d: number) => chinaDay(dayStart(today, d));
  const lapsed = await db.selectFrom('persons').select(['id', 'name', 'id_number', 'area_code']).where('area_code', '=', WORKER_GRID)
    .where('id', 'not in', db.selectFrom('control_measures').select('person_id').where('person_id', 'is not', null)).orderBy('id').offset(5).limit(1).executeTakeFirst();
  if (lapsed) {
    await db.insertInto('control_measures').values({
      person_id: lapsed.id, id_number: lapsed.id_number, name: lapsed.name, kind: 'health_monitoring', start_date: day(-6), end_date: day(-1), area_code: lapsed.area_code, source: '演示数据',
      created_at: dayStart(day(-6), 0.4),
    }).execute();
  }
  const { rows: measures } = await sql<{ person_id: number; area_code: string; start_date: string; end_date: string }>`
    SELECT m.person_id, p.area_code, m.start_date::text AS start_date, m.end_date::text AS end_date FROM control_measures m JOIN persons p ON p.id = m.person_id
    WHERE m.kind IN ('home_observation', 'health_monitoring') AND p.area_code LIKE ${`${STREET}%`} ORDER BY m.id`.execute(db);
  const rows = measures.flatMap((m, i) => daysBetween(m.start_date, m.end_date < today ? m.end_date : day(-1)).flatMap((d, k) => {
    if ((i % 4 === 1 || m.person_id === lapsed?.id) && k === 1) return []; // a day left out
    const fever = i === measures.length - 1 && d === day(-1);
    return [{
      person_id: m.person_id, day: d, temperature: fever ? 37.6 : 36.2 + ((i + k) % 6) / 10, symptoms: fever ? ['cough'] : [], area_code: m.area_code,
      by_self: i % 2 === 0, created_by: null, created_name: i % 2 === 0 ? '本人' : '社区网格员', created_at: new Date(dayStart(d).getTime() + (8 * 60 + i) * 60_000),
      wants_event: fever, // its event is the worker's to make, as for a check-in whose process stopped
    }];
  }));
  if (rows.length) await db.insertInto('health_checkins').values(rows).execute();
  await recolour(deps, [...new Set(measures.map((m) => m.person_id))], 'checkin');
  return rows.length;
};
