// Synthetic but consistent geometry for the area tree. There are no public grid boundaries, so each
// node's rectangle is cut into its children's rectangles (a weighted treemap): communities tile their
// street, streets their county, grids their community. Shared edges use the same cut value on both
// sides, so the tiling has no gaps and no overlaps.

export type BBox = readonly [minLng: number, minLat: number, maxLng: number, maxLat: number];
export type Polygon = { type: 'Polygon'; coordinates: number[][][] };

/** Hangzhou's real extent, so synthetic shapes sit where the city is. */
export const HANGZHOU_BBOX: BBox = [118.34, 29.19, 120.72, 30.56];

export type WeightedNode = { key: string; weight: number };

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Cuts `box` into one rectangle per node, with areas proportional to weight, in node order. */
export const splitBox = (box: BBox, nodes: readonly WeightedNode[]): Map<string, BBox> => {
  const out = new Map<string, BBox>();
  const cut = (b: BBox, list: readonly WeightedNode[]): void => {
    const [first] = list;
    if (!first) return;
    if (list.length === 1) {
      out.set(first.key, b);
      return;
    }
    const total = list.reduce((s, n) => s + n.weight, 0);
    let acc = 0;
    let at = 1;
    // Split where the running weight crosses half, keeping both sides non-empty.
    for (let i = 0; i < list.length - 1; i++) {
      acc += list[i]!.weight;
      at = i + 1;
      if (acc >= total / 2) break;
    }
    const left = list.slice(0, at);
    const share = left.reduce((s, n) => s + n.weight, 0) / total;
    const [x0, y0, x1, y1] = b;
    // Cut across the longer side (in metres, roughly) to keep shapes close to square.
    const wide = (x1 - x0) * Math.cos(((y0 + y1) / 2) * (Math.PI / 180)) >= y1 - y0;
    if (wide) {
      const x = round6(x0 + (x1 - x0) * share);
      cut([x0, y0, x, y1], left);
      cut([x, y0, x1, y1], list.slice(at));
    } else {
      const y = round6(y1 - (y1 - y0) * share);
      cut([x0, y, x1, y1], left);
      cut([x0, y0, x1, y], list.slice(at));
    }
  };
  cut(box, nodes);
  return out;
};

export const boxToPolygon = ([x0, y0, x1, y1]: BBox): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});

export const polygonBBox = (p: Polygon): BBox => {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const ring of p.coordinates) {
    for (const pt of ring) {
      const [x, y] = pt as [number, number];
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
};

/** Deterministic grid count for a community: 3–8, stable across runs. */
export const gridCountFor = (communityCode: string): number => {
  let h = 2166136261;
  for (const ch of communityCode) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return 3 + ((h >>> 0) % 6);
};

export type AreaShapeInput = { code: string; parentCode: string | null; level: string };
export type GridShape = { code: string; communityCode: string; seq: number; bbox: BBox };

/**
 * Lays out a whole subtree (root → … → communities) inside `rootBox` and cuts each community into
 * its grids. Weights are the number of grids below a node, so dense districts get more room.
 */
export const layoutTree = (
  rootCode: string,
  areas: readonly AreaShapeInput[],
  rootBox: BBox = HANGZHOU_BBOX,
): { areaBoxes: Map<string, BBox>; grids: GridShape[] } => {
  const children = new Map<string, string[]>();
  for (const a of areas) {
    if (!a.parentCode) continue;
    const list = children.get(a.parentCode) ?? [];
    list.push(a.code);
    children.set(a.parentCode, list);
  }
  for (const list of children.values()) list.sort();
  const level = new Map(areas.map((a) => [a.code, a.level]));
  const weight = new Map<string, number>();
  const weigh = (code: string): number => {
    const kids = children.get(code) ?? [];
    const w = level.get(code) === 'community' ? gridCountFor(code) : kids.reduce((s, k) => s + weigh(k), 0);
    weight.set(code, Math.max(w, 1));
    return Math.max(w, 1);
  };
  weigh(rootCode);
  const areaBoxes = new Map<string, BBox>([[rootCode, rootBox]]);
  const grids: GridShape[] = [];
  const place = (code: string): void => {
    const box = areaBoxes.get(code)!;
    if (level.get(code) === 'community') {
      const n = gridCountFor(code);
      const seqs = Array.from({ length: n }, (_, i) => ({ key: String(i + 1), weight: 1 }));
      for (const [seq, b] of splitBox(box, seqs)) {
        grids.push({ code: code + seq.padStart(3, '0'), communityCode: code, seq: Number(seq), bbox: b });
      }
      return;
    }
    const kids = children.get(code) ?? [];
    const boxes = splitBox(box, kids.map((k) => ({ key: k, weight: weight.get(k)! })));
    for (const [k, b] of boxes) {
      areaBoxes.set(k, b);
      place(k);
    }
  };
  place(rootCode);
  return { areaBoxes, grids };
};
