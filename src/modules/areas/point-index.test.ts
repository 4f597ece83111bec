import { describe, expect, it } from 'vitest';
import { boxToPolygon, layoutTree, type AreaShapeInput, type BBox, type GridShape } from './grid-geometry.ts';
import { buildPointIndex, findGrid, type MultiPolygon } from './point-index.ts';

const ROOT: BBox = [120.0, 30.0, 120.3, 30.3];

/** 1 county × 3 streets × 4 communities, cut into grids by layoutTree (about 60 grids). */
const buildGrids = (): GridShape[] => {
  const areas: AreaShapeInput[] = [{ code: '330102', parentCode: null, level: 'county' }];
  for (let s = 1; s <= 3; s++) {
    const street = `330102${String(s).padStart(3, '0')}`;
    areas.push({ code: street, parentCode: '330102', level: 'street' });
    for (let c = 1; c <= 4; c++) areas.push({ code: `${street}${String(c).padStart(3, '0')}`, parentCode: street, level: 'community' });
  }
  return layoutTree('330102', areas, ROOT).grids;
};

const grids = buildGrids();
const index = buildPointIndex([...grids].reverse().map((g) => ({ code: g.code, geometry: boxToPolygon(g.bbox) })));
const contains = ([x0, y0, x1, y1]: BBox, x: number, y: number) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

describe('findGrid', () => {
  it('maps every grid centre to that grid', () => {
    for (const g of grids) {
      const [x0, y0, x1, y1] = g.bbox;
      expect(findGrid(index, (x0 + x1) / 2, (y0 + y1) / 2)).toBe(g.code);
    }
  });

  it('returns null outside every grid', () => {
    expect(findGrid(index, 119.9, 30.1)).toBeNull();
    expect(findGrid(index, 120.1, 30.31)).toBeNull();
  });

  it('gives a point on a shared edge or corner exactly one grid: the lowest code touching it', () => {
    for (const g of grids) {
      const [x0, y0, x1, y1] = g.bbox;
      const edgePoints: [number, number][] = [[x0, (y0 + y1) / 2], [x1, (y0 + y1) / 2], [(x0 + x1) / 2, y0], [x0, y0], [x1, y1]];
      for (const [x, y] of edgePoints) {
        const touching = grids.filter((o) => contains(o.bbox, x, y)).map((o) => o.code).sort();
        expect(findGrid(index, x, y)).toBe(touching[0]);
      }
    }
  });

  it('accepts MultiPolygon grids and respects holes', () => {
    const multi: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [boxToPolygon([0, 0, 1, 1]).coordinates, boxToPolygon([2, 0, 3, 1]).coordinates],
    };
    const holed = boxToPolygon([0, 2, 3, 5]);
    holed.coordinates.push(boxToPolygon([1, 3, 2, 4]).coordinates[0]!.slice().reverse());
    const small = buildPointIndex([{ code: 'A', geometry: multi }, { code: 'B', geometry: holed }]);
    expect(findGrid(small, 0.5, 0.5)).toBe('A');
    expect(findGrid(small, 2.5, 0.5)).toBe('A');
    expect(findGrid(small, 1.5, 0.5)).toBeNull();
    expect(findGrid(small, 0.5, 2.5)).toBe('B');
    expect(findGrid(small, 1.5, 3.5)).toBeNull();
  });

  it('returns null on an empty index', () => {
    expect(findGrid(buildPointIndex([]), 120.1, 30.1)).toBeNull();
  });
});
