// Resolves addresses as people write them to the unified address library (统一地址库).
// Pipeline: normalise → strip 省/市/区/街道 → strip 路+门牌号 → split off 幢/单元/室 → find the
// compound (exact, by suffix, then one-edit fuzzy through a SymSpell deletion index) → walk down.
// Every step is a map lookup, never a scan of the library.
// Choice: when the text names a building/unit/room that does not exist, the result is `unresolved`
// (no_building/no_unit/no_room) with the deepest existing address as the only candidate, never a
// silently coarser address: a caller that wants the fallback takes `candidates[0]`.

import type { AddressLevel, StandardAddress } from './address-types.ts';
import {
  deletionsOf, isWithinOneEdit, normalizeAddressText, parseAddressTail, type AddressTail,
} from './address-normalize.ts';

type UnitNode = { address: StandardAddress; rooms: Map<string, StandardAddress> };
type BuildingNode = { address: StandardAddress; units: Map<string, UnitNode> };
type CompoundNode = { address: StandardAddress; buildings: Map<string, BuildingNode> };
type AreaHit = { counties: string[]; streets: string[] };

export type AddressIndex = {
  byFullText: Map<string, StandardAddress>;
  compounds: Map<string, CompoundNode[]>; // normalised name → compounds (a name may recur across counties)
  deletions: Map<string, string[]>; // name and its one-char deletions → names (SymSpell)
  doors: Map<string, CompoundNode[]>; // normalised 路 + "#" + 门牌号 → compounds
  roads: Set<string>;
  areas: Map<string, AreaHit>; // normalised 省/市/区/街道 names that may open an address
  maxRoadLength: number;
  maxAreaLength: number;
  maxNameLength: number;
};

export type UnresolvedReason = 'empty' | 'no_compound' | 'ambiguous' | 'no_building' | 'no_unit' | 'no_room';
export type AddressResolution =
  | { status: 'resolved'; address: StandardAddress; confidence: number; matchedLevel: AddressLevel; notes: string[] }
  | { status: 'unresolved'; reason: UnresolvedReason; message: string; candidates?: StandardAddress[] };

const PROVINCES = ['中国', '浙江省', '浙江'];
// A coarser answer is less useful and more likely to be a misreading of a longer text.
const LEVEL_CONFIDENCE: Readonly<Record<AddressLevel, number>> = { room: 1, unit: 0.95, building: 0.9, compound: 0.85 };

const pushTo = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

const addArea = (index: AddressIndex, name: string, hit: Partial<AreaHit>): void => {
  const key = normalizeAddressText(name);
  const entry = index.areas.get(key) ?? { counties: [], streets: [] };
  for (const c of hit.counties ?? []) if (!entry.counties.includes(c)) entry.counties.push(c);
  for (const s of hit.streets ?? []) if (!entry.streets.includes(s)) entry.streets.push(s);
  index.areas.set(key, entry);
  index.maxAreaLength = Math.max(index.maxAreaLength, key.length);
};

const addCompound = (index: AddressIndex, node: CompoundNode): void => {
  const a = node.address;
  const name = normalizeAddressText(a.compound);
  if (!index.compounds.has(name)) for (const key of [name, ...deletionsOf(name)]) pushTo(index.deletions, key, name);
  pushTo(index.compounds, name, node);
  const road = normalizeAddressText(a.road);
  index.roads.add(road);
  pushTo(index.doors, `${road}#${a.roadNumber}`, node);
  index.maxRoadLength = Math.max(index.maxRoadLength, road.length);
  index.maxNameLength = Math.max(index.maxNameLength, name.length);
  addArea(index, a.cityName, {});
  addArea(index, a.cityName.replace(/市$/, ''), {});
  addArea(index, a.countyName, { counties: [a.countyCode] });
  addArea(index, a.streetName, { streets: [a.streetCode] });
};

/** Indexes a library (any order of rows); rows whose parent is missing are left out of the tree. */
export const buildAddressIndex = (addresses: readonly StandardAddress[]): AddressIndex => {
  const index: AddressIndex = {
    byFullText: new Map(), compounds: new Map(), deletions: new Map(), doors: new Map(), roads: new Set(),
    areas: new Map(), maxRoadLength: 0, maxAreaLength: 0, maxNameLength: 0,
  };
  for (const p of PROVINCES) addArea(index, p, {});
  const compounds = new Map<number, CompoundNode>();
  const buildings = new Map<number, BuildingNode>();
  const units = new Map<number, UnitNode>();
  const parentOf = <T>(map: Map<number, T>, a: StandardAddress) => (a.parentId === null ? undefined : map.get(a.parentId));
  for (const a of addresses) {
    index.byFullText.set(a.fullText, a);
    if (a.level !== 'compound') continue;
    const node: CompoundNode = { address: a, buildings: new Map() };
    compounds.set(a.id, node);
    addCompound(index, node);
  }
  for (const a of addresses) {
    if (a.level === 'building' && a.building) {
      const node: BuildingNode = { address: a, units: new Map() };
      parentOf(compounds, a)?.buildings.set(a.building, node);
      buildings.set(a.id, node);
    }
  }
  for (const a of addresses) {
    if (a.level === 'unit' && a.unit) {
      const node: UnitNode = { address: a, rooms: new Map() };
      parentOf(buildings, a)?.units.set(a.unit, node);
      units.set(a.id, node);
    }
  }
  for (const a of addresses) if (a.level === 'room' && a.room) parentOf(units, a)?.rooms.set(a.room, a);
  return index;
};

/** Exact lookup of the library's own 标准地址 text (what the app stores and displays). */
export const resolveStandard = (index: AddressIndex, fullText: string): StandardAddress | null =>
  index.byFullText.get(fullText) ?? null;

type Context = { counties: Set<string>; streets: Set<string>; door: string | null; doorNodes: CompoundNode[] };

/** Strips 省/市/区/街道 names from the front; those given narrow down same-named compounds. */
const stripAreas = (index: AddressIndex, text: string, ctx: Context): string => {
  let rest = text;
  for (let found = true; found; ) {
    found = false;
    for (let len = Math.min(index.maxAreaLength, rest.length); len >= 2 && !found; len--) {
      const hit = index.areas.get(rest.slice(0, len));
      if (!hit) continue;
      hit.counties.forEach((c) => ctx.counties.add(c));
      hit.streets.forEach((s) => ctx.streets.add(s));
      rest = rest.slice(len);
      found = true;
    }
  }
  return rest;
};

/** Strips a known road followed by a door number (景芳路100号) from the front. */
const stripDoor = (index: AddressIndex, text: string, ctx: Context): string => {
  for (let len = Math.min(index.maxRoadLength, text.length); len >= 2; len--) {
    const road = text.slice(0, len);
    if (!index.roads.has(road)) continue;
    const m = /^(\d+)号/.exec(text.slice(len));
    if (!m) continue;
    ctx.door = `${road}${m[1]}号`;
    ctx.doorNodes = index.doors.get(`${road}#${m[1]}`) ?? [];
    return text.slice(len + m[0].length);
  }
  return text;
};

type Match = { nodes: CompoundNode[]; confidence: number; note: string | null };

const fuzzyNames = (index: AddressIndex, query: string): string[] => {
  if (query.length < 3 || query.length > index.maxNameLength + 1) return []; // too far from every name
  const names = new Set<string>();
  for (const key of [query, ...deletionsOf(query)]) for (const n of index.deletions.get(key) ?? []) names.add(n);
  return [...names].filter((n) => n !== query && isWithinOneEdit(query, n));
};

const fuzzyMatch = (index: AddressIndex, query: string, confidence: number): Match | null => {
  const names = fuzzyNames(index, query);
  if (names.length === 0) return null;
  const nodes = names.flatMap((n) => index.compounds.get(n) ?? []);
  const note = names.length === 1 ? `小区名「${query}」按「${nodes[0]!.address.compound}」纠正` : null;
  return { nodes, confidence, note };
};

// Residents drop the generic ending: 南肖埠 for 南肖埠新村, 美政 for 美政苑.
const GENERIC_ENDINGS = ['小区', '新村', '花园', '苑', '公寓', '家园', '华庭', '东苑', '西苑', '南苑', '北苑', '雅苑'];

const completeName = (index: AddressIndex, head: string): Match | null => {
  if (head.length < 2) return null;
  const nodes = GENERIC_ENDINGS.flatMap((ending) => index.compounds.get(head + ending) ?? []);
  if (nodes.length === 0) return null;
  return { nodes, confidence: 0.9, note: nodes.length === 1 ? `「${head}」补全为「${nodes[0]!.address.compound}」` : null };
};

/** Finds the compound: exact, + 小区/新村…, exact suffix (unknown text before it), one-edit typo, typo in a suffix. */
const matchCompound = (index: AddressIndex, head: string, rawHead: string): Match | null => {
  const exact = (name: string, confidence: number, note: string | null): Match | null => {
    const nodes = index.compounds.get(name);
    return nodes ? { nodes, confidence, note } : null;
  };
  const found = exact(head, 1, null) ?? completeName(index, head);
  if (found) return found;
  for (let i = Math.max(1, rawHead.length - index.maxNameLength); i <= rawHead.length - 2; i++) {
    const hit = exact(rawHead.slice(i), 0.9, `忽略了未识别的「${rawHead.slice(0, i)}」`);
    if (hit) return hit;
  }
  const fuzzy = fuzzyMatch(index, head, 0.8);
  if (fuzzy) return fuzzy;
  for (let i = Math.max(1, head.length - index.maxNameLength - 1); i <= head.length - 3; i++) {
    const hit = fuzzyMatch(index, head.slice(i), 0.75);
    if (hit) return hit;
  }
  return null;
};

/** Keeps the compounds that agree most with the 区/街道/门牌 the text gave. */
const narrow = (nodes: CompoundNode[], ctx: Context): { nodes: CompoundNode[]; notes: string[]; factor: number } => {
  const score = (n: CompoundNode) =>
    (ctx.counties.has(n.address.countyCode) ? 1 : 0) + (ctx.streets.has(n.address.streetCode) ? 1 : 0) +
    (ctx.doorNodes.includes(n) ? 2 : 0);
  const best = Math.max(...nodes.map(score));
  const kept = [...new Set(nodes.filter((n) => score(n) === best))];
  const notes: string[] = [];
  const only = kept[0]!.address;
  if (ctx.streets.size > 0 && !ctx.streets.has(only.streetCode)) notes.push(`所写街道与小区所在的${only.streetName}不符`);
  if (ctx.counties.size > 0 && !ctx.counties.has(only.countyCode)) notes.push(`所写区县与小区所在的${only.countyName}不符`);
  if (ctx.door && !ctx.doorNodes.some((n) => n.address === only)) notes.push(`门牌「${ctx.door}」与小区不符`);
  return { nodes: kept, notes, factor: 0.8 ** notes.length };
};

type Walk = { address: StandardAddress; factor: number; notes: string[] } | Extract<AddressResolution, { status: 'unresolved' }>;

const unresolved = (reason: UnresolvedReason, message: string, candidates?: StandardAddress[]): Extract<AddressResolution, { status: 'unresolved' }> =>
  candidates ? { status: 'unresolved', reason, message, candidates } : { status: 'unresolved', reason, message };

/** Walks from the compound to the building/unit/room the text names. */
const walkDown = (node: CompoundNode, tail: AddressTail): Walk => {
  const name = node.address.compound;
  if (!tail.building) return { address: node.address, factor: 1, notes: [] };
  const b = node.buildings.get(tail.building);
  if (!b) return unresolved('no_building', `${name}没有${tail.building}幢`, [node.address]);
  if (tail.unit) {
    const u = b.units.get(tail.unit);
    if (!u) return unresolved('no_unit', `${name}${tail.building}幢没有${tail.unit}单元`, [b.address]);
    if (!tail.room) return { address: u.address, factor: 1, notes: [] };
    const r = u.rooms.get(tail.room);
    if (!r) return unresolved('no_room', `${name}${tail.building}幢${tail.unit}单元没有${tail.room}室`, [u.address]);
    return { address: r, factor: 1, notes: [] };
  }
  if (!tail.room) return { address: b.address, factor: 1, notes: [] };
  // 12幢301室 without a unit: fine when only one unit of the building has that room.
  const rooms = [...b.units.values()].flatMap((u) => u.rooms.get(tail.room ?? '') ?? []);
  if (rooms.length === 0) return unresolved('no_room', `${name}${tail.building}幢没有${tail.room}室`, [b.address]);
  if (rooms.length > 1) return unresolved('ambiguous', `${name}${tail.building}幢有${rooms.length}个${tail.room}室，请写明单元`, rooms);
  return { address: rooms[0]!, factor: 0.9, notes: ['未写单元，按唯一含该室号的单元匹配'] };
};

const listNames = (nodes: CompoundNode[]): string =>
  nodes.slice(0, 5).map((n) => `${n.address.compound}（${n.address.streetName}）`).join('、');

/** No compound name matched: the door number alone still places the address (景芳路100号). */
const doorMatch = (head: string, ctx: Context): Match | null => {
  if (ctx.doorNodes.length === 0) return null;
  if (!head) return { nodes: ctx.doorNodes, confidence: 0.75, note: `按门牌「${ctx.door}」定位小区` };
  return { nodes: ctx.doorNodes, confidence: 0.6, note: `小区名「${head}」未识别，按门牌「${ctx.door}」定位` };
};

/** Resolves free text to the most precise library address it names, or says what was not found. */
export const resolveAddress = (index: AddressIndex, text: string): AddressResolution => {
  const standard = index.byFullText.get(text);
  if (standard) return { status: 'resolved', address: standard, confidence: 1, matchedLevel: standard.level, notes: [] };
  const norm = normalizeAddressText(text);
  if (!norm) return unresolved('empty', '地址为空');
  const ctx: Context = { counties: new Set(), streets: new Set(), door: null, doorNodes: [] };
  const afterAreas = stripAreas(index, norm, ctx);
  const afterDoor = stripDoor(index, afterAreas, ctx);
  const tail = parseAddressTail(afterDoor);
  const rawHead = norm.slice(0, norm.length - (afterDoor.length - tail.head.length));
  const match = matchCompound(index, tail.head, rawHead) ?? doorMatch(tail.head, ctx);
  if (!match) {
    const missing = ctx.door ? `，门牌「${ctx.door}」也不在地址库中` : '';
    return unresolved('no_compound', `未找到小区：「${afterAreas || norm}」${missing}`);
  }
  const narrowed = narrow(match.nodes, ctx);
  if (narrowed.nodes.length > 1) {
    return unresolved('ambiguous', `「${tail.head || ctx.door}」可能是多个小区：${listNames(narrowed.nodes)}，请补充街道或门牌号`,
      narrowed.nodes.map((n) => n.address));
  }
  const walk = walkDown(narrowed.nodes[0]!, tail);
  if ('status' in walk) return walk;
  const notes = [...(match.note ? [match.note] : []), ...narrowed.notes, ...walk.notes];
  const confidence = match.confidence * narrowed.factor * walk.factor * LEVEL_CONFIDENCE[walk.address.level];
  return { status: 'resolved', address: walk.address, confidence: Math.round(confidence * 100) / 100, matchedLevel: walk.address.level, notes };
};
