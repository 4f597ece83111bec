// Demo data on an empty database: Hangzhou's real area tree, synthetic grids and staff, an address
// library and a registry of invented residents and enterprises for 上城区, units and one user per
// role. All in one transaction, so a failed seed leaves nothing behind. Writes in bulk through the repos.
import type { Kysely } from 'kysely';
import { reserveIds } from '../db/sequences.ts';
import type { DB, HouseUsage, ThingKind } from '../db/schema.ts';
import type { Deps } from '../lib/deps.ts';
import { hashPassword } from '../lib/passwords.ts';
import { createRng, type Rng } from '../lib/random.ts';
import type { Role } from '../lib/roles.ts';
import type { StandardAddress } from '../modules/areas/address-types.ts';
import { insertAddresses } from '../modules/areas/addresses.repo.ts';
import { insertGridStaff, listAreasUnder, upsertAreas } from '../modules/areas/areas.repo.ts';
import { generateGrids } from '../modules/areas/areas-import.service.ts';
import { generateDemoAddresses } from '../modules/areas/demo-addresses.ts';
import { readDivisions } from '../modules/areas/division-source.ts';
import type { GridShape } from '../modules/areas/grid-geometry.ts';
import { insertPersons } from '../modules/registry/persons.repo.ts';
import { chinaDay } from '../modules/health-codes/colour-eval.ts';
import { seedDemoHealth } from './demo-health.ts';
import { creditCodeFor, enterpriseFor, idNumberFor, mobileFor, personName, tagsFor } from './demo-people.ts';

export const DEMO_CITY = '3301';
export const DEMO_COUNTY = '330102';

type Progress = (step: string) => void;

/** Seeds everything. `persons` sizes the registry (about 100,000 by default). */
export const seedDemo = async (deps: Deps, opts: { persons: number; password: string; progress?: Progress }) => {
  const say = opts.progress ?? (() => {});
  const passwordHash = await hashPassword(opts.password);
  return deps.db.transaction().execute(async (trx) => {
    await upsertAreas(trx, await readDivisions(DEMO_CITY));
    const grids = await generateGrids(trx, DEMO_CITY);
    say(`areas and ${grids.length} grids`);
    await seedGridStaff(trx, grids);
    const units = await seedUnits(trx);
    const addresses = await seedAddresses(trx, grids, opts.persons);
    say(`${addresses.length} addresses`);
    const persons = await seedResidents(trx, addresses, opts.persons);
    say(`${persons} persons`);
    await seedEnterprisesAndThings(trx, addresses);
    await seedUsers(trx, passwordHash, units);
    await seedDemoHealth(deps, trx, chinaDay(deps.clock()));
    await trx.updateTable('grids').set((eb) => ({
      households: eb.selectFrom('households').select((e) => e.fn.countAll<number>().as('n')).whereRef('households.area_code', '=', 'grids.code'),
    })).where('county_code', '=', DEMO_COUNTY).execute();
    return { grids: grids.length, addresses: addresses.length, persons };
  });
};

const seedGridStaff = async (db: Kysely<DB>, grids: GridShape[]) => {
  const rng = createRng(11);
  // 一长三员: a grid leader, a full-time and one or two part-time grid workers, and a police liaison.
  const staff = grids.flatMap((g) => [
    { gridCode: g.code, name: personName(rng), duty: 'leader' as const, phone: mobileFor(rng), userId: null },
    { gridCode: g.code, name: personName(rng), duty: 'full_time' as const, phone: mobileFor(rng), userId: null },
    ...Array.from({ length: rng.int(1, 2) }, () => ({ gridCode: g.code, name: personName(rng), duty: 'part_time' as const, phone: mobileFor(rng), userId: null })),
    { gridCode: g.code, name: personName(rng), duty: 'police' as const, phone: mobileFor(rng), userId: null },
  ]);
  await insertGridStaff(db, staff);
};

// Departments the centre dispatches to: per county, and per street of the demo county.
const COUNTY_UNITS = [
  ['城管局', 'urban_management'], ['市场监管局', 'market_regulation'], ['应急管理局', 'emergency'], ['住建局', 'housing'],
  ['公安分局', 'police'], ['综合行政执法局', 'law_enforcement'], ['卫生健康局', 'health'], ['民政局', 'civil_affairs'],
  ['人力社保局', 'human_resources'], ['司法局', 'judicial'], ['生态环境分局', 'ecology'], ['交通运输局', 'transport'],
] as const;
const STREET_UNITS = [
  ['派出所', 'police'], ['市场监管所', 'market_regulation'], ['综合行政执法队', 'law_enforcement'], ['应急管理站', 'emergency'],
  ['司法所', 'judicial'], ['城管中队', 'urban_management'],
] as const;

const seedUnits = async (db: Kysely<DB>) => {
  const areas = await listAreasUnder(db, DEMO_CITY);
  const rows = [
    ...areas.filter((a) => a.level === 'county').flatMap((c) => COUNTY_UNITS.map(([n, type]) => ({ name: `${c.name}${n}`, type, area_code: c.code }))),
    ...areas.filter((a) => a.level === 'street' && a.code.startsWith(DEMO_COUNTY)).flatMap((s) =>
      STREET_UNITS.map(([n, type]) => ({ name: `${s.name.replace(/街道$/, '')}${n}`, type, area_code: s.code }))),
  ];
  return db.insertInto('units').values(rows).returning(['id', 'name']).execute();
};

const seedAddresses = async (db: Kysely<DB>, grids: GridShape[], persons: number) => {
  const areas = await listAreasUnder(db, DEMO_COUNTY);
  const county = areas.find((a) => a.code === DEMO_COUNTY)!;
  const addresses = generateDemoAddresses({
    cityName: '杭州市',
    county: { code: county.code, name: county.name },
    streets: areas.filter((a) => a.level === 'street'),
    communities: areas.filter((a) => a.level === 'community').map((c) => ({ code: c.code, name: c.name, streetCode: c.parentCode! })),
    grids: grids.filter((g) => g.code.startsWith(DEMO_COUNTY)),
    targetRooms: Math.max(200, Math.ceil(persons / 2.3 / 0.88)),
  });
  await insertAddresses(db, addresses.map((a) => ({
    id: a.id, level: a.level, parent_id: a.parentId, county_code: a.countyCode, street_code: a.streetCode, community_code: a.communityCode,
    area_code: a.gridCode, road: a.road, road_number: a.roadNumber, compound: a.compound, building: a.building, unit: a.unit, room: a.room,
    lng: a.lng, lat: a.lat, full_text: a.fullText,
  })));
  return addresses;
};

const USAGE: HouseUsage[] = ['owner_occupied', 'owner_occupied', 'owner_occupied', 'rented', 'rented', 'group_rental'];
const YEAR = 2026;

// One household per occupied room, one to five members; houses for every room.
const seedResidents = async (db: Kysely<DB>, addresses: StandardAddress[], target: number) => {
  const rng = createRng(42);
  const rooms = addresses.filter((a) => a.level === 'room');
  // Shuffled, so a small registry (tests) still spreads over every community.
  const occupied = shuffle(rng, rooms.filter(() => rng.chance(0.88)));
  const householdIds = await reserveIds(db, 'households_id_seq', occupied.length);
  const taken = new Set<string>();
  const households = [], persons = [];
  for (const [i, room] of occupied.entries()) {
    if (persons.length >= target) break;
    const members = memberPlan(rng);
    const area = { county_code: room.countyCode, area_code: room.gridCode, address_id: room.id };
    for (const [k, m] of members.entries()) {
      const gender = k === 0 ? (rng.chance(0.55) ? 'male' : 'female') : rng.chance(0.5) ? 'male' : 'female';
      const id = idNumberFor(rng, taken, YEAR - m.maxAge, YEAR - m.minAge, gender);
      const name = personName(rng);
      if (k === 0) households.push({ id: householdIds[i]!, head_name: name, ...area });
      const age = YEAR - Number(id.slice(6, 10));
      persons.push({
        name, id_number: id, gender, birth_date: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, region_code: id.slice(0, 6),
        phone: age >= 16 ? mobileFor(rng) : null, address_text: room.fullText, household_id: householdIds[i]!, relation: m.relation,
        tags: tagsFor(rng, age), ...area,
      } as const);
    }
  }
  for (let i = 0; i < households.length; i += 5000) await db.insertInto('households').values(households.slice(i, i + 5000)).execute();
  await insertPersons(db, persons);
  const lived = new Set(households.map((h) => h.address_id));
  const houses = rooms.map((r) => ({ address_id: r.id, county_code: r.countyCode, area_code: r.gridCode, usage: occupiedUsage(rng, lived.has(r.id)), floor_area: String(rng.int(35, 160)) }));
  for (let i = 0; i < houses.length; i += 5000) await db.insertInto('houses').values(houses.slice(i, i + 5000)).execute();
  return persons.length;
};

const shuffle = <T>(rng: Rng, items: T[]): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
};

const occupiedUsage = (rng: Rng, occupied: boolean): HouseUsage => (occupied ? rng.pick(USAGE) : 'vacant');

const memberPlan = (rng: Rng) => {
  const head = { relation: '户主', minAge: 22, maxAge: 92 };
  const size = rng.pick([1, 1, 2, 2, 2, 3, 3, 3, 4, 5]);
  const others = [
    { relation: '配偶', minAge: 22, maxAge: 90 },
    { relation: '子女', minAge: 0, maxAge: 40 },
    { relation: '子女', minAge: 0, maxAge: 30 },
    { relation: '父母', minAge: 60, maxAge: 95 },
  ];
  return [head, ...others.slice(0, size - 1)];
};

const THING_KINDS: ThingKind[] = ['camera', 'face_gate', 'smoke_detector', 'fire_hydrant', 'people_counter'];

const seedEnterprisesAndThings = async (db: Kysely<DB>, addresses: StandardAddress[]) => {
  const rng = createRng(7);
  const compounds = addresses.filter((a) => a.level === 'compound');
  const taken = new Set<string>();
  const enterprises = compounds.flatMap((c) =>
    Array.from({ length: rng.int(0, 4) }, () => {
      const e = enterpriseFor(rng);
      return {
        ...e, credit_code: creditCodeFor(rng, c.countyCode, taken), legal_person: personName(rng), phone: mobileFor(rng),
        address_id: c.id, address_text: c.fullText, county_code: c.countyCode, area_code: c.gridCode,
      };
    }));
  for (let i = 0; i < enterprises.length; i += 2000) await db.insertInto('enterprises').values(enterprises.slice(i, i + 2000)).execute();
  const things = compounds.flatMap((c, i) =>
    Array.from({ length: rng.int(1, 3) }, (_, k) => {
      const kind = rng.pick(THING_KINDS);
      return { kind, serial: `HZ${c.countyCode}-${String(i).padStart(5, '0')}-${k}`, name: `${c.compound}${kindName[kind]}`, address_id: c.id, county_code: c.countyCode, area_code: c.gridCode };
    }));
  for (let i = 0; i < things.length; i += 2000) await db.insertInto('things').values(things.slice(i, i + 2000)).execute();
};

const kindName: Record<ThingKind, string> = {
  door_sensor: '门磁', face_gate: '人脸识别门禁', camera: '视频监控', people_counter: '客流计数器', smoke_detector: '烟感', fire_hydrant: '消防栓', manhole_cover: '智能井盖',
};

/** The demo users, one per role, named in the README. */
export const DEMO_USERS: { username: string; displayName: string; roles: Role[]; areaCode: string; unit?: string; staffOf?: string }[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['sys_admin'], areaCode: '3301' },
  { username: 'sec_admin', displayName: '安全管理员', roles: ['sec_admin'], areaCode: '3301' },
  { username: 'auditor', displayName: '审计管理员', roles: ['auditor'], areaCode: '3301' },
  { username: 'leader', displayName: '市领导', roles: ['leader'], areaCode: '3301' },
  { username: 'county_op', displayName: '上城区社会治理中心坐席', roles: ['county_operator'], areaCode: '330102' },
  { username: 'street_op', displayName: '凯旋街道指挥室坐席', roles: ['street_operator'], areaCode: '330102011' },
  { username: 'street_op_caihe', displayName: '采荷街道指挥室坐席', roles: ['street_operator'], areaCode: '330102012' },
  { username: 'grid_leader', displayName: '景芳社区第1网格网格长', roles: ['grid_leader'], areaCode: '330102011002001', staffOf: 'leader' },
  { username: 'grid_worker', displayName: '景芳社区第1网格网格员', roles: ['grid_worker'], areaCode: '330102011002001', staffOf: 'full_time' },
  { username: 'grid_worker_kaixi', displayName: '凯西社区第1网格网格员', roles: ['grid_worker'], areaCode: '330102011012001', staffOf: 'full_time' },
  { username: 'handler', displayName: '上城区城管局处置员', roles: ['handler'], areaCode: '330102', unit: '上城区城管局' },
  { username: 'mediator', displayName: '上城区矛调中心调解员', roles: ['mediator'], areaCode: '330102' },
  { username: 'resident', displayName: '凯旋街道居民', roles: ['resident'], areaCode: '330102011' },
  { username: 'gateway', displayName: '上城区物联网关', roles: ['device_gateway'], areaCode: '330102' },
  { username: 'gate', displayName: '凯旋街道卡口核验终端', roles: ['checkpoint_terminal'], areaCode: '330102011' },
];

const seedUsers = async (db: Kysely<DB>, passwordHash: string, units: { id: number; name: string }[]) => {
  for (const u of DEMO_USERS) {
    const unitId = u.unit ? units.find((x) => x.name === u.unit)?.id ?? null : null;
    const { id } = await db
      .insertInto('users')
      .values({ username: u.username, display_name: u.displayName, password_hash: passwordHash, roles: u.roles, area_code: u.areaCode, unit_id: unitId })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (u.staffOf) {
      const staff = await db.selectFrom('grid_staff').select('id').where('grid_code', '=', u.areaCode).where('duty', '=', u.staffOf as 'leader').where('user_id', 'is', null).orderBy('id').executeTakeFirst();
      if (staff) await db.updateTable('grid_staff').set({ user_id: id }).where('id', '=', staff.id).execute();
    }
  }
};
