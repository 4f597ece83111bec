// `npm run bench -- NAME`: runs one benchmark and prints its figures, last line `NAME: key=value …`.
import { loadStandardAddresses } from '../src/modules/areas/addresses.repo.ts';
import { allGridGeometries } from '../src/modules/areas/areas.repo.ts';
import type { GridGeometry } from '../src/modules/areas/point-index.ts';
import { measure as measureAddresses, RUNS } from './address-resolution.ts';
import { openBenchDatabase } from './bench-db.ts';
import { runFirstStart } from './first-start.ts';
import { measure as measurePoints } from './point-to-grid.ts';
import { benchEventQueries } from './event-queries.ts';
import { benchEventCreate, benchLifecycle } from './events.ts';
import { benchScreening } from './screening.ts';
import { benchRecolour, benchVerify } from './health-codes.ts';
import { benchDeviceStream } from './devices.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const benches: Record<string, () => Promise<void>> = {
  'address-resolution': async () => {
    const { database } = await openBenchDatabase();
    const t0 = performance.now();
    const addresses = await loadStandardAddresses(database.db);
    console.log(`loaded ${addresses.length} addresses from PostgreSQL in ${(performance.now() - t0).toFixed(0)} ms`);
    await database.close();
    const r = measureAddresses(addresses);
    console.log(`index built in ${r.buildIndexMs.toFixed(0)} ms; free-text accuracy ${(r.freetextAccuracy * 100).toFixed(2)}% (medians of ${RUNS} runs)`);
    console.log(`address-resolution: standard_per_s=${Math.round(r.standardPerS)} freetext_per_s=${Math.round(r.freetextPerS)} library=${r.library} accuracy=${r.freetextAccuracy.toFixed(4)}`);
  },
  'point-to-grid': async () => {
    const { database } = await openBenchDatabase();
    const grids = (await allGridGeometries(database.db)).map((g) => ({ code: g.code, geometry: g.geometry as GridGeometry }));
    await database.close();
    const r = measurePoints(grids);
    console.log(`index built in ${r.buildIndexMs.toFixed(0)} ms; ${(r.outsideShare * 100).toFixed(1)}% of points outside every grid`);
    console.log(`point-to-grid: points_per_s=${Math.round(r.pointsPerS)} grids=${r.grids}`);
  },
  'event-create': benchEventCreate,
  'event-lifecycle': benchLifecycle,
  'event-queries': benchEventQueries,
  'screening-import': benchScreening,
  'health-verify': benchVerify,
  'health-recolour': benchRecolour,
  'device-stream': benchDeviceStream,
  'first-start': async () => {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const r = await runFirstStart();
      console.log(`run ${i + 1}: serving after ${r.servingS.toFixed(1)} s, RSS ${r.rssServing.toFixed(0)} MB serving, ${r.rssAfter.toFixed(0)} MB after 150 requests`);
      runs.push(r);
    }
    console.log(`first-start: serving_s=${median(runs.map((r) => r.servingS)).toFixed(1)} rss_mb=${median(runs.map((r) => r.rssAfter)).toFixed(0)} database=pglite runs=${runs.length}`);
  },
};

const name = process.argv[2] ?? '';
const bench = benches[name];
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
await bench();
