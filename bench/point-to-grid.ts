// Throughput of point → grid lookup over every grid in the database (all of Hangzhou, ~18,000)
// (`npm run bench -- point-to-grid`).

import { createRng } from '../src/modules/areas/demo-addresses.ts';
import { buildPointIndex, findGrid, type GridGeometry } from '../src/modules/areas/point-index.ts';

export const RUNS = 5;
const POINTS = 200_000;

export type PointBenchResult = { pointsPerS: number; grids: number; buildIndexMs: number; outsideShare: number };

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Random points over the grids' overall extent (seeded), so some fall outside every grid. */
const randomPoints = (grids: readonly { geometry: GridGeometry }[], count: number): Float64Array => {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { geometry } of grids) {
    for (const [x = 0, y = 0] of (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat(2)) {
      [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
    }
  }
  const rng = createRng(42);
  const points = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    points[2 * i] = minX + rng() * (maxX - minX);
    points[2 * i + 1] = minY + rng() * (maxY - minY);
  }
  return points;
};

/** Builds the index, then times RUNS passes over the same random points; returns the median rate. */
export const measure = (grids: readonly { code: string; geometry: GridGeometry }[]): PointBenchResult => {
  const started = performance.now();
  const index = buildPointIndex(grids);
  const buildIndexMs = performance.now() - started;
  const points = randomPoints(grids, POINTS);
  const rates: number[] = [];
  let outside = 0;
  for (let run = 0; run <= RUNS; run++) {
    outside = 0;
    const t = performance.now();
    for (let i = 0; i < POINTS; i++) if (findGrid(index, points[2 * i]!, points[2 * i + 1]!) === null) outside++;
    if (run > 0) rates.push(POINTS / ((performance.now() - t) / 1000)); // run 0 warms up the JIT
  }
  return { pointsPerS: median(rates), grids: grids.length, buildIndexMs, outsideShare: outside / POINTS };
};
