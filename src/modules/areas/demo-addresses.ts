// Deterministic demo address library (演示地址库) for one county: roads with increasing door numbers,
// compounds named the Hangzhou way, and buildings/units/rooms placed inside a grid of their
// community. Seeded (no Math.random), so tests, benches and demos all see the same library.

import { createRng as createSeededRng } from '../../lib/random.ts';
import type { AddressLevel, StandardAddress } from './address-types.ts';
import { layoutTree, type AreaShapeInput, type BBox, type GridShape } from './grid-geometry.ts';
import { isWithinOneEdit, normalizeAddressText } from './address-normalize.ts';

export type DemoAddressInput = {
  cityName: string;
  county: { code: string; name: string };
  streets: readonly { code: string; name: string }[];
  communities: readonly { code: string; name: string; streetCode: string }[];
  grids: readonly GridShape[];
  targetRooms: number;
  seed?: number;
};

export type Rng = () => number;

/** The shared seeded PRNG (mulberry32), as a bare function. */
export const createRng = (seed: number): Rng => createSeededRng(seed).next;

export const randInt = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

const CN = '零一二三四五六七八九';
/** Chinese numerals as residents write them: 3 → 三, 12 → 十二, 23 → 二十三, 301 → 三零一. */
export const toChineseNumber = (n: number): string => {
  if (n >= 100) return [...String(n)].map((d) => CN[Number(d)]).join('');
  if (n < 10) return CN[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : CN[tens]}十${n % 10 ? CN[n % 10] : ''}`;
};

const COMMON_ROADS = [
  '解放路', '庆春路', '清泰街', '望江路', '江城路', '建国南路', '中河中路', '秋涛北路', '钱江路', '新塘路',
  '机场路', '环城东路', '凤起东路', '艮山西路', '婺江路', '复兴路', '之江路', '延安路', '西湖大道', '近江路',
];
const ROAD_DIRECTIONS = ['东路', '西路', '南路', '北路', '中路'];
const NAME_SUFFIXES = ['新村', '小区', '花园', '苑', '公寓', '家园', '东苑', '西苑', '南苑', '北苑', '雅苑', '华庭'];
const BRANDS = ['金都', '绿城', '阳光', '春江', '钱江', '望江', '东方', '梧桐', '桂花', '丽景', '锦绣', '和睦'];

const MIN_BUILDINGS = 4;
const MAX_BUILDINGS = 30;
const MIN_COMPOUND_ROOMS = MIN_BUILDINGS * 5 * 1 * 2;

type Shape = { buildings: number; units: number; floors: number; perFloor: number };

/** Draws a compound's size, shrinking it (towers → walk-ups, fewer units) until it fits the budget. */
const drawShape = (rng: Rng, budget: number): Shape => {
  // Old 新村 are 5–7-floor walk-ups; newer estates are 11–18-floor towers.
  let floors = rng() < 0.6 ? randInt(rng, 5, 7) : randInt(rng, 11, 18);
  let units = randInt(rng, 1, 4);
  let perFloor = randInt(rng, 2, 4);
  while (MIN_BUILDINGS * floors * units * perFloor > budget) {
    if (floors > 7) floors = 7;
    else if (units > 1) units--;
    else if (perFloor > 2) perFloor--;
    else if (floors > 5) floors--;
    else break;
  }
  const fits = Math.floor(budget / (floors * units * perFloor));
  const buildings = randInt(rng, MIN_BUILDINGS, Math.max(MIN_BUILDINGS, Math.min(MAX_BUILDINGS, fits)));
  return { buildings, units, floors, perFloor };
};

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

/** A compound footprint: 30–60% of the grid, kept 5% away from its edges so points stay strictly inside. */
const footprintIn = (rng: Rng, [x0, y0, x1, y1]: BBox): BBox => {
  const fw = 0.3 + rng() * 0.3;
  const fh = 0.3 + rng() * 0.3;
  const left = x0 + (x1 - x0) * (0.05 + rng() * (0.9 - fw));
  const bottom = y0 + (y1 - y0) * (0.05 + rng() * (0.9 - fh));
  return [left, bottom, left + (x1 - x0) * fw, bottom + (y1 - y0) * fh];
};

const pointIn = (rng: Rng, [x0, y0, x1, y1]: BBox): [number, number] => [
  round6(x0 + rng() * (x1 - x0)),
  round6(y0 + rng() * (y1 - y0)),
];

/** 景芳社区 → 景芳, 横路村村委会 → 横路, 凯旋街道 → 凯旋; never shorter than two characters. */
const stemOf = (name: string, suffix: RegExp): string => {
  let stem = name;
  for (let next = stem.replace(suffix, ''); next !== stem && next.length >= 2; next = stem.replace(suffix, '')) stem = next;
  return stem;
};

/** Roads a compound of this community may front: its own stem road, the street's, a city artery. */
const roadsFor = (rng: Rng, stem: string, streetStem: string): string[] => {
  const roadOf = (s: string) => (/[路街]$/.test(s) ? s : `${s}路`); // 横路 stays 横路, not 横路路
  const own = roadOf(stem);
  const branch = `${own.slice(0, -1)}${pick(rng, ROAD_DIRECTIONS)}`; // 景芳路 → 景芳东路
  return [own, own, branch, roadOf(streetStem), pick(rng, COMMON_ROADS)];
};

/** Compound names unique in the county: numbered series (景芳一区…) or stem/brand + suffix. */
const nameCompound = (rng: Rng, stem: string, numbered: boolean, used: Set<string>): string => {
  const tries = numbered ? [] : Array.from({ length: 12 }, () =>
    `${rng() < 0.2 ? pick(rng, BRANDS) : stem}${pick(rng, NAME_SUFFIXES)}`);
  const name = tries.find((n) => !used.has(n)) ?? seriesName(stem, used);
  used.add(name);
  return name;
};

const seriesName = (stem: string, used: Set<string>): string => {
  for (let i = 1; ; i++) {
    const name = `${stem}${toChineseNumber(i)}区`;
    if (!used.has(name)) return name;
  }
};

type CompoundBase = Omit<StandardAddress, 'id' | 'level' | 'parentId' | 'building' | 'unit' | 'room' | 'lng' | 'lat' | 'fullText'>;

/** Appends one compound and everything below it, parents first; returns its number of rooms. */
const emitCompound = (out: StandardAddress[], base: CompoundBase, shape: Shape, box: BBox, rng: Rng): number => {
  const prefix = `${base.cityName}${base.countyName}${base.streetName}${base.road}${base.roadNumber}号${base.compound}`;
  const push = (level: AddressLevel, parentId: number | null, parts: [string | null, string | null, string | null], at: [number, number], suffix: string): number => {
    const id = out.length + 1;
    const [building, unit, room] = parts;
    // Spelled out, not `...base`: spreading into 50,000 objects is ~20× slower in V8.
    out.push({
      id, level, parentId, cityName: base.cityName, countyCode: base.countyCode, countyName: base.countyName,
      streetCode: base.streetCode, streetName: base.streetName, communityCode: base.communityCode, gridCode: base.gridCode,
      road: base.road, roadNumber: base.roadNumber, compound: base.compound, building, unit, room,
      lng: at[0], lat: at[1], fullText: prefix + suffix,
    });
    return id;
  };
  const center: [number, number] = [round6((box[0] + box[2]) / 2), round6((box[1] + box[3]) / 2)];
  const compoundId = push('compound', null, [null, null, null], center, '');
  for (let b = 1; b <= shape.buildings; b++) {
    const at = pointIn(rng, box);
    const bText = `${b}幢`;
    const buildingId = push('building', compoundId, [String(b), null, null], at, bText);
    for (let u = 1; u <= shape.units; u++) {
      const uText = `${bText}${u}单元`;
      const unitId = push('unit', buildingId, [String(b), String(u), null], at, uText);
      for (let f = 1; f <= shape.floors; f++) {
        for (let k = 1; k <= shape.perFloor; k++) {
          const room = String(f * 100 + k);
          push('room', unitId, [String(b), String(u), room], at, `${uText}${room}室`);
        }
      }
    }
  }
  return shape.buildings * shape.units * shape.floors * shape.perFloor;
};

/** The county's address library, about `targetRooms` rooms spread over communities by grid count. */
export const generateDemoAddresses = (input: DemoAddressInput): StandardAddress[] => {
  const rng = createRng(input.seed ?? 20240501);
  const streets = new Map(input.streets.map((s) => [s.code, s]));
  const gridsOf = new Map<string, GridShape[]>();
  for (const g of input.grids) gridsOf.set(g.communityCode, [...(gridsOf.get(g.communityCode) ?? []), g]);
  const placed = input.communities.filter((c) => gridsOf.has(c.code) && streets.has(c.streetCode));
  const totalGrids = placed.reduce((s, c) => s + gridsOf.get(c.code)!.length, 0);
  const out: StandardAddress[] = [];
  const usedNames = new Set<string>();
  const lastNumber = new Map<string, number>();
  let carry = 0; // over- or under-shoot moves on to the next community, so the county total stays close
  for (const community of placed) {
    const grids = gridsOf.get(community.code)!;
    const street = streets.get(community.streetCode)!;
    const stem = stemOf(community.name, /(社区居民委员会|居民委员会|村民委员会|居委会|村委会|社区|村)$/);
    const roads = roadsFor(rng, stem, stemOf(street.name, /(街道|镇|乡)$/));
    const numbered = rng() < 0.4;
    let budget = carry + (input.targetRooms * grids.length) / totalGrids;
    // Compounds go to the grids in turn, each sized to a grid's share, so every grid has residents.
    const perGrid = Math.max(MIN_COMPOUND_ROOMS, budget / grids.length);
    let turn = 0;
    while (budget >= MIN_COMPOUND_ROOMS / 2) {
      const road = pick(rng, roads);
      const roadNumber = (lastNumber.get(road) ?? 0) + randInt(rng, 1, 24);
      lastNumber.set(road, roadNumber);
      const base: CompoundBase = {
        cityName: input.cityName, countyCode: input.county.code, countyName: input.county.name,
        streetCode: street.code, streetName: street.name, communityCode: community.code,
        gridCode: '', road, roadNumber: String(roadNumber), compound: nameCompound(rng, stem, numbered, usedNames),
      };
      const grid = grids[turn++ % grids.length]!;
      budget -= emitCompound(out, { ...base, gridCode: grid.code }, drawShape(rng, Math.min(budget, perGrid)), footprintIn(rng, grid.bbox), rng);
    }
    carry = budget;
  }
  return out;
};

export type DemoCountyTree = {
  cityName: string;
  county: { code: string; name: string };
  streets: readonly { code: string; name: string; communities: readonly string[] }[];
  box: BBox;
};

/** Generator input for a hand-made county: community codes are street code + 001…, grids from layoutTree. */
export const buildDemoCountyInput = (tree: DemoCountyTree, targetRooms: number, seed?: number): DemoAddressInput => {
  const communities = tree.streets.flatMap((s) =>
    s.communities.map((name, i) => ({ code: `${s.code}${String(i + 1).padStart(3, '0')}`, name, streetCode: s.code })));
  const areas: AreaShapeInput[] = [
    { code: tree.county.code, parentCode: null, level: 'county' },
    ...tree.streets.map((s) => ({ code: s.code, parentCode: tree.county.code, level: 'street' })),
    ...communities.map((c) => ({ code: c.code, parentCode: c.streetCode, level: 'community' })),
  ];
  const { grids } = layoutTree(tree.county.code, areas, tree.box);
  const streets = tree.streets.map(({ code, name }) => ({ code, name }));
  return { cityName: tree.cityName, county: tree.county, streets, communities, grids, targetRooms, ...(seed === undefined ? {} : { seed }) };
};

// ---- Messy inputs: how residents and grid workers actually type library addresses ----

export type MessyAddress = { text: string; expectedId: number };

type Tail = (b: number, u: number, r: number) => string;
const cn = toChineseNumber;
const TAILS: Readonly<Record<Exclude<AddressLevel, 'compound'>, readonly Tail[]>> = {
  room: [
    (b, u, r) => `${b}幢${u}单元${r}室`, (b, u, r) => `${b}幢${u}单元${r}`, (b, u, r) => `${b}-${u}-${r}`,
    (b, u, r) => `${b}号楼${u}单元${r}室`, (b, u, r) => `${b}栋${u}单元${r}`, (b, u, r) => `${b}号${u}单元${r}室`,
    (b, u, r) => `${cn(b)}幢${cn(u)}单元${cn(r)}室`, (b, u, r) => `${b}#${u}单元${r}`, (b, u, r) => `${b}幢${u}单${r}号房`,
  ],
  unit: [(b, u) => `${b}幢${u}单元`, (b, u) => `${b}号楼${u}单元`, (b, u) => `${b}栋${cn(u)}单元`],
  building: [(b) => `${b}幢`, (b) => `${b}号楼`, (b) => `${b}栋`, (b) => `${b}号`, (b) => `${cn(b)}幢`],
};
const TYPO_CHARS = [...'方京彩萧源元圆佳嘉荷河和新心欣'];

const typoOf = (rng: Rng, name: string): string => {
  const at = randInt(rng, 0, name.length - 1);
  const op = randInt(rng, 0, 2);
  const ch = pick(rng, TYPO_CHARS);
  if (op === 0) return name.slice(0, at) + name.slice(at + 1);
  if (op === 1) return name.slice(0, at) + ch + name.slice(at);
  return name[at] === ch ? name : name.slice(0, at) + ch + name.slice(at + 1);
};

/** A typo nobody could undo (near two names, or containing another name) is not a fair test input. */
const isFairTypo = (typo: string, original: string, names: readonly string[]): boolean => {
  const t = normalizeAddressText(typo);
  if (t.length < 3 || /\d$/.test(t)) return false;
  const near = names.filter((n) => isWithinOneEdit(t, n));
  if (near.length !== 1 || near[0] !== normalizeAddressText(original)) return false;
  for (let i = 1; i < t.length - 1; i++) if (names.includes(t.slice(i))) return false;
  return true;
};

const compoundVariant = (rng: Rng, name: string, names: readonly string[]): string => {
  const roll = rng();
  if (roll < 0.15) return normalizeAddressText(name); // 景芳三区 → 景芳3区
  if (roll >= 0.4) return name;
  for (let i = 0; i < 5; i++) {
    const typo = typoOf(rng, name);
    if (isFairTypo(typo, name, names)) return typo;
  }
  return name;
};

const messyTextFor = (rng: Rng, a: StandardAddress, names: readonly string[]): string => {
  const admin = pick(rng, [
    '', a.streetName, a.countyName + a.streetName, a.cityName + a.countyName + a.streetName,
    `浙江省${a.cityName}${a.countyName}${a.streetName}`, a.cityName + a.countyName, a.countyName,
  ]);
  const door = rng() < 0.5 ? `${a.road}${a.roadNumber}号` : '';
  const [b, u, r] = [Number(a.building), Number(a.unit), Number(a.room)];
  let tail = a.level === 'compound' ? '' : pick(rng, TAILS[a.level])(b, u, r);
  if (rng() < 0.2) tail = tail.replace(/(幢|单元)/g, '$1 ');
  const sep = rng() < 0.3 ? pick(rng, [' ', '，', ', ', '  ']) : '';
  const text = [admin, door, compoundVariant(rng, a.compound, names), tail].filter(Boolean).join(sep);
  if (rng() >= 0.15) return text;
  return text.replace(/[0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)); // 全角
};

/** `count` messy spellings of random library addresses, each with the id it must resolve to. */
export const generateMessyAddresses = (addresses: readonly StandardAddress[], count: number, seed = 7): MessyAddress[] => {
  const rng = createRng(seed);
  const names = addresses.filter((a) => a.level === 'compound').map((a) => normalizeAddressText(a.compound));
  return Array.from({ length: count }, () => {
    const a = pick(rng, addresses);
    return { text: messyTextFor(rng, a, names), expectedId: a.id };
  });
};
