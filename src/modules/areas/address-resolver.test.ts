import { describe, expect, it } from 'vitest';
import type { StandardAddress } from './address-types.ts';
import {
  buildDemoCountyInput, generateDemoAddresses, generateMessyAddresses, toChineseNumber, type DemoCountyTree,
} from './demo-addresses.ts';
import { buildAddressIndex, resolveAddress, resolveStandard } from './address-resolver.ts';

/** A small 上城区: 3 streets × 5 communities. */
const TREE: DemoCountyTree = {
  cityName: '杭州市',
  county: { code: '330102', name: '上城区' },
  streets: [
    { code: '330102011', name: '凯旋街道', communities: ['景芳社区', '景华社区', '三里亭社区', '南肖埠社区', '濮家社区'] },
    { code: '330102012', name: '采荷街道', communities: ['采荷社区', '芙蓉社区', '观音塘社区', '红菱社区', '常青社区'] },
    { code: '330102013', name: '南星街道', communities: ['南星社区', '海月社区', '馒头山社区', '江城社区', '美政社区'] },
  ],
  box: [120.16, 30.22, 120.22, 30.3],
};

const library = generateDemoAddresses(buildDemoCountyInput(TREE, 8000));
const index = buildAddressIndex(library);
const rooms = library.filter((a) => a.level === 'room');
const byId = new Map(library.map((a) => [a.id, a]));
const sample = rooms[Math.floor(rooms.length / 3)]!;
const compoundOf = (a: StandardAddress) => byId.get(byId.get(byId.get(a.parentId!)!.parentId!)!.parentId!)!;

const resolvedId = (text: string): number | null => {
  const r = resolveAddress(index, text);
  return r.status === 'resolved' ? r.address.id : null;
};

describe('resolveStandard', () => {
  it('finds every library address by its exact standard text', () => {
    expect(library.every((a) => resolveStandard(index, a.fullText) === a)).toBe(true);
  });

  it('returns null for text that is not standard form', () => {
    expect(resolveStandard(index, `${sample.compound}${sample.building}幢`)).toBeNull();
  });
});

describe('resolveAddress on messy text', () => {
  it('resolves at least 98% of 3,000 messy variants to exactly the right address', () => {
    const variants = generateMessyAddresses(library, 3000, 11);
    const wrong = variants.filter((v) => resolvedId(v.text) !== v.expectedId);
    const accuracy = 1 - wrong.length / variants.length;
    console.info(`address resolution accuracy: ${(accuracy * 100).toFixed(2)}% of ${variants.length}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.98);
  });

  const { compound: c, building: b, unit: u, room } = sample;
  const full = `杭州市上城区${sample.streetName}${c}${b}幢${u}单元${room}`;
  const forms: [string, string][] = [
    ['without 室', full],
    ['dash form', `${c}${b}-${u}-${room}`],
    ['号楼', `${c}${b}号楼${u}单元${room}室`],
    ['栋', `${c}${b}栋${u}单元${room}`],
    ['full-width digits', `${c}${b}幢${u}单元${room}`.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))],
    ['浙江省 prefix and road', `浙江省${sample.fullText.replace(/室$/, '')}`],
    ['stray spaces and commas', `${sample.streetName} ${c}，${b}幢 ${u}单元, ${room}室`],
  ];
  for (const [label, text] of forms) {
    it(`resolves the room written with ${label}`, () => {
      expect(resolvedId(text)).toBe(sample.id);
    });
  }

  it('resolves Chinese numerals in the compound name and the tail', () => {
    const numbered = rooms.find((a) => /[一二三四五六七八九]区$/.test(a.compound) && a.room === '502')!;
    const cn = (n: string | null) => toChineseNumber(Number(n));
    const arabicName = numbered.compound.replace(/[一二三四五六七八九](?=区$)/, (d) => String('一二三四五六七八九'.indexOf(d) + 1));
    expect(resolvedId(`${numbered.compound}${cn(numbered.building)}幢${cn(numbered.unit)}单元五百零二室`)).toBe(numbered.id);
    expect(resolvedId(`${arabicName}${numbered.building}-${numbered.unit}-502`)).toBe(numbered.id);
  });

  it('resolves road + door number alone to the compound with lower confidence', () => {
    const home = compoundOf(sample);
    const r = resolveAddress(index, `${home.road}${home.roadNumber}号`);
    expect(r).toMatchObject({ status: 'resolved', matchedLevel: 'compound', address: { id: home.id } });
    expect(r.status === 'resolved' && r.confidence).toBeLessThan(0.85);
  });

  it('corrects a one-character typo in the compound name with lower confidence', () => {
    const name = sample.compound;
    const typo = `${name.slice(0, 1)}萧${name.slice(2)}`;
    const r = resolveAddress(index, `${typo}${b}幢${u}单元${room}室`);
    expect(r).toMatchObject({ status: 'resolved', address: { id: sample.id } });
    expect(r.status === 'resolved' && r.confidence).toBeLessThan(1);
  });

  it('infers the unit when only one unit of the building has the room, else asks for it', () => {
    const building = byId.get(byId.get(sample.parentId!)!.parentId!)!;
    const units = library.filter((a) => a.parentId === building.id).length;
    const r = resolveAddress(index, `${c}${b}幢${room}室`);
    if (units === 1) expect(r).toMatchObject({ status: 'resolved', address: { id: sample.id } });
    else expect(r).toMatchObject({ status: 'unresolved', reason: 'ambiguous' });
  });

  it('resolves despite a wrong street, with a note and lower confidence', () => {
    const otherStreet = TREE.streets.find((st) => st.name !== sample.streetName)!.name;
    const r = resolveAddress(index, `${otherStreet}${c}${b}幢${u}单元${room}室`);
    expect(r).toMatchObject({ status: 'resolved', address: { id: sample.id } });
    expect(r.status === 'resolved' && r.confidence).toBeLessThan(1);
    expect(r.status === 'resolved' && r.notes.join()).toContain(sample.streetName);
  });

  it('gives full confidence and room level to exact standard text', () => {
    expect(resolveAddress(index, sample.fullText)).toMatchObject({ status: 'resolved', confidence: 1, matchedLevel: 'room' });
  });

  it('stops at the building when only the building is written', () => {
    const building = byId.get(byId.get(sample.parentId!)!.parentId!)!;
    expect(resolveAddress(index, `${c}${b}号`)).toMatchObject({ status: 'resolved', matchedLevel: 'building', address: { id: building.id } });
  });
});

describe('resolveAddress when it cannot resolve', () => {
  const { compound: c, building: b, unit: u } = sample;

  it('reports empty text', () => {
    expect(resolveAddress(index, '  ，')).toMatchObject({ status: 'unresolved', reason: 'empty' });
  });

  it('reports an unknown compound by name', () => {
    const r = resolveAddress(index, '西溪诚园12幢2单元301室');
    expect(r).toMatchObject({ status: 'unresolved', reason: 'no_compound' });
    expect(r.status === 'unresolved' && r.message).toContain('西溪诚园');
  });

  it('reports a door number that is not in the library', () => {
    const r = resolveAddress(index, `${compoundOf(sample).road}9999号`);
    expect(r).toMatchObject({ status: 'unresolved', reason: 'no_compound' });
    expect(r.status === 'unresolved' && r.message).toContain('9999号');
  });

  it('reports a missing building, unit and room with the deepest existing address', () => {
    expect(resolveAddress(index, `${c}99幢1单元101室`)).toMatchObject({ reason: 'no_building', candidates: [{ level: 'compound' }] });
    expect(resolveAddress(index, `${c}${b}幢9单元101室`)).toMatchObject({ reason: 'no_unit', candidates: [{ level: 'building' }] });
    const r = resolveAddress(index, `${c}${b}幢${u}单元9901室`);
    expect(r).toMatchObject({ reason: 'no_room', candidates: [{ level: 'unit' }] });
    expect(r.status === 'unresolved' && r.message).toContain('9901室');
  });

  it('does not guess between 景芳一区/二区/三区 when the numeral is missing', () => {
    const series = library.filter((a) => a.level === 'compound' && /[一二三]区$/.test(a.compound));
    const stem = series[0]!.compound.replace(/[一二三]区$/, '');
    const r = resolveAddress(index, `${stem}区1幢1单元101室`);
    expect(r).toMatchObject({ status: 'unresolved', reason: 'ambiguous' });
    expect(r.status === 'unresolved' && r.candidates!.length).toBeGreaterThan(1);
  });

  it('uses the door number to settle an otherwise ambiguous typo', () => {
    const series = library.filter((a) => a.level === 'compound' && /[一二三]区$/.test(a.compound));
    const target = series[1]!;
    const stem = target.compound.replace(/[一二三]区$/, '');
    const r = resolveAddress(index, `${target.road}${target.roadNumber}号${stem}区`);
    expect(r).toMatchObject({ status: 'resolved', address: { id: target.id } });
  });
});
