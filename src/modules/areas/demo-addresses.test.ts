import { describe, expect, it } from 'vitest';
import type { StandardAddress } from './address-types.ts';
import {
  buildDemoCountyInput, generateDemoAddresses, generateMessyAddresses, toChineseNumber, type DemoCountyTree,
} from './demo-addresses.ts';

const TREE: DemoCountyTree = {
  cityName: '杭州市',
  county: { code: '330102', name: '上城区' },
  streets: [
    { code: '330102011', name: '凯旋街道', communities: ['景芳社区', '南肖埠社区', '濮家社区', '三里亭社区'] },
    { code: '330102012', name: '采荷街道', communities: ['采荷社区', '芙蓉社区', '红菱社区'] },
    { code: '330102013', name: '南星街道', communities: ['海月社区', '馒头山社区', '江城社区'] },
  ],
  box: [120.16, 30.22, 120.22, 30.3],
};
const input = buildDemoCountyInput(TREE, 6000);
const library = generateDemoAddresses(input);
const byId = new Map(library.map((a) => [a.id, a]));
const childrenOf = (id: number) => library.filter((a) => a.parentId === id);
const compounds = library.filter((a) => a.level === 'compound');

/** A synthetic county the size of 上城区: 10 streets × 20 communities, ~1,100 grids. */
const bigCountyTree = (): DemoCountyTree => ({
  ...TREE,
  streets: Array.from({ length: 10 }, (_, s) => ({
    code: `330102${String(s + 1).padStart(3, '0')}`,
    name: `${'东西南北中'[s % 5]}${'一二'[Math.floor(s / 5)]}街道`,
    communities: Array.from({ length: 20 }, (_, c) => `${'景采芙红江海望清紫金'[s]}${'芳荷蓉菱城月江泰阳都华新安宁兴和平乐春秋'[c]}社区`),
  })),
});

describe('generateDemoAddresses', () => {
  it('is deterministic for a seed and changes with it', () => {
    expect(generateDemoAddresses(input)).toEqual(library);
    expect(generateDemoAddresses({ ...input, seed: 99 })).not.toEqual(library);
  });

  it('numbers ids from 1 and lists each parent before its children', () => {
    library.forEach((a, i) => expect(a.id).toBe(i + 1));
    const parentLevel = { compound: null, building: 'compound', unit: 'building', room: 'unit' } as const;
    for (const a of library) {
      if (a.parentId === null) expect(a.level).toBe('compound');
      else {
        expect(a.parentId).toBeLessThan(a.id);
        expect(byId.get(a.parentId)!.level).toBe(parentLevel[a.level]);
      }
    }
  });

  it('places every point strictly inside the bbox of its grid, in a grid of its community', () => {
    const grids = new Map(input.grids.map((g) => [g.code, g]));
    for (const a of library) {
      const g = grids.get(a.gridCode)!;
      expect(g.communityCode).toBe(a.communityCode);
      const [x0, y0, x1, y1] = g.bbox;
      expect(a.lng > x0 && a.lng < x1 && a.lat > y0 && a.lat < y1).toBe(true);
    }
  });

  it('gives rooms the point of their building', () => {
    for (const a of library.filter((x) => x.level === 'room')) {
      const building = byId.get(byId.get(a.parentId!)!.parentId!)!;
      expect([a.lng, a.lat]).toEqual([building.lng, building.lat]);
    }
  });

  it('names compounds uniquely within the county', () => {
    expect(new Set(compounds.map((c) => c.compound)).size).toBe(compounds.length);
  });

  it('keeps compounds to 4–30 buildings, 1–4 units, 5–18 floors and 2–4 rooms a floor', () => {
    for (const c of compounds) {
      const buildings = childrenOf(c.id);
      expect(buildings.length).toBeGreaterThanOrEqual(4);
      expect(buildings.length).toBeLessThanOrEqual(30);
      const units = childrenOf(buildings[0]!.id);
      expect(units.length).toBeGreaterThanOrEqual(1);
      expect(units.length).toBeLessThanOrEqual(4);
      const rooms = childrenOf(units[0]!.id).map((r) => Number(r.room));
      const floors = new Set(rooms.map((r) => Math.floor(r / 100)));
      expect(Math.max(...floors)).toBeGreaterThanOrEqual(5);
      expect(Math.max(...floors)).toBeLessThanOrEqual(18);
      expect(rooms.length / floors.size).toBeGreaterThanOrEqual(2);
      expect(rooms.length / floors.size).toBeLessThanOrEqual(4);
    }
  });

  it('increases door numbers along each road', () => {
    const last = new Map<string, number>();
    for (const c of compounds) {
      expect(Number(c.roadNumber)).toBeGreaterThan(last.get(c.road) ?? 0);
      last.set(c.road, Number(c.roadNumber));
    }
  });

  it('writes fullText as city, county, street, road, door, compound, then 幢/单元/室', () => {
    const room = library.find((a) => a.level === 'room')!;
    const expected = `杭州市上城区${room.streetName}${room.road}${room.roadNumber}号${room.compound}${room.building}幢${room.unit}单元${room.room}室`;
    expect(room.fullText).toBe(expected);
    expect(compounds[0]!.fullText).toMatch(/号[^幢]+$/);
  });

  it('comes within 2% of the target number of rooms', () => {
    const rooms = library.filter((a) => a.level === 'room').length;
    expect(Math.abs(rooms - 6000) / 6000).toBeLessThan(0.02);
  });

  it('builds 45,000 rooms over ~1,100 grids in well under 2 s', () => {
    const big = buildDemoCountyInput(bigCountyTree(), 45000);
    const started = performance.now();
    const rooms = generateDemoAddresses(big).filter((a: StandardAddress) => a.level === 'room').length;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(big.grids.length).toBeGreaterThan(900);
    expect(Math.abs(rooms - 45000) / 45000).toBeLessThan(0.01);
  });
});

describe('generateMessyAddresses', () => {
  it('is deterministic and points at library ids', () => {
    const a = generateMessyAddresses(library, 50, 3);
    expect(generateMessyAddresses(library, 50, 3)).toEqual(a);
    expect(a.every((m) => byId.has(m.expectedId))).toBe(true);
  });
});

describe('toChineseNumber', () => {
  it.each([[3, '三'], [10, '十'], [12, '十二'], [23, '二十三'], [301, '三零一']])('writes %i as %s', (n, cn) => {
    expect(toChineseNumber(n)).toBe(cn);
  });
});
