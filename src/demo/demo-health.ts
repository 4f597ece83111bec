// Demo data of the health-code module: the demo resident's account tied to a registry entry, checkpoints
// at the gates of 凯旋街道's compounds, a few people under measures, and their colours.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Deps } from '../lib/deps.ts';
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
      area_code: p.area_code, place: i % 3 === 1 ? '区集中隔离点（某酒店）' : null, source: '演示数据',
    }))).execute();
  }
  return recolour(deps, people.map((p) => p.id), 'measure', db);
};
