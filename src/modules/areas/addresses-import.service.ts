// Address library import from CSV: one row a room (or a building, when unit and room are empty).
// Compounds, buildings and units are created as needed; every address gets its grid from its point.
// Any bad row rejects the whole file, with every bad row listed.
import type { AddressesTable } from '../../db/schema.ts';
import { readCsvImport, throwIfBadRows, type RowError } from '../../lib/csv-import.ts';
import type { Deps } from '../../lib/deps.ts';
import { pointIndexOf, invalidateAreaCaches } from './area-cache.ts';
import { listAreasUnder } from './areas.repo.ts';
import * as repo from './addresses.repo.ts';
import { findGrid } from './point-index.ts';

// Accepted header names, English or Chinese, for each field.
const COLUMNS = {
  road: ['road', '道路', '路巷'],
  roadNumber: ['roadNumber', '门牌号', '门牌'],
  compound: ['compound', '小区'],
  building: ['building', '幢', '楼幢'],
  unit: ['unit', '单元'],
  room: ['room', '室', '房号'],
  lng: ['lng', '经度'],
  lat: ['lat', '纬度'],
} as const;
type Field = keyof typeof COLUMNS;

/** Formats the standard full text of an address, as far down as its parts go. */
export const formatAddressText = (p: { cityName: string; countyName: string; streetName: string; road: string; roadNumber: string; compound: string; building?: string | null; unit?: string | null; room?: string | null }) =>
  `${p.cityName}${p.countyName}${p.streetName}${p.road}${p.roadNumber}号${p.compound}` +
  (p.building ? `${p.building}幢` : '') + (p.unit ? `${p.unit}单元` : '') + (p.room ? `${p.room}室` : '');

/** Imports addresses from CSV text. Throws import.bad_file, import.bad_rows (details: every bad row). */
export const importAddressesCsv = async (deps: Deps, text: string) => {
  const { rows: records } = readCsvImport(text, COLUMNS, ['road', 'roadNumber', 'compound', 'lng', 'lat'], 200_000);
  const points = await pointIndexOf(deps);
  const areas = new Map((await listAreasUnder(deps.db, '')).map((a) => [a.code, a]));
  const errors: RowError[] = [];
  const byText = new Map<string, Omit<AddressesTable, 'id' | 'parent_id'> & { parentText: string | null }>();
  for (const { line, get } of records) {
    const v = Object.fromEntries((Object.keys(COLUMNS) as Field[]).map((f) => [f, get(f)])) as Record<Field, string>;
    const lng = Number(v.lng), lat = Number(v.lat);
    const bad = (field: string, reason: string) => errors.push({ row: line, field, reason });
    if (!v.road) bad('road', '道路为空');
    if (!/^\d+[A-Za-z-]?\d*$/.test(v.roadNumber)) bad('roadNumber', `门牌号 "${v.roadNumber}" 不是数字`);
    if (!v.compound) bad('compound', '小区为空');
    if ((v.unit || v.room) && !v.building) bad('building', '有单元或室时必须有幢');
    if (!v.lng || !Number.isFinite(lng) || !v.lat || !Number.isFinite(lat)) {
      bad('lng', `坐标 "${v.lng},${v.lat}" 无效`);
      continue;
    }
    const grid = findGrid(points, lng, lat);
    if (!grid) {
      bad('lng', `坐标 ${lng},${lat} 不在任何网格内`);
      continue;
    }
    if (errors.some((e) => e.row === line)) continue;
    const community = areas.get(grid.slice(0, 12)), street = areas.get(grid.slice(0, 9)), county = areas.get(grid.slice(0, 6)), city = areas.get(grid.slice(0, 4));
    if (!community || !street || !county) {
      bad('lng', `网格 ${grid} 不在区划树中`);
      continue;
    }
    const base = { cityName: city?.name ?? '', countyName: county.name, streetName: street.name, road: v.road, roadNumber: v.roadNumber, compound: v.compound };
    const chain = [
      { level: 'compound' as const, building: null, unit: null, room: null },
      ...(v.building ? [{ level: 'building' as const, building: v.building, unit: null, room: null }] : []),
      ...(v.unit ? [{ level: 'unit' as const, building: v.building, unit: v.unit, room: null }] : []),
      ...(v.room ? [{ level: 'room' as const, building: v.building, unit: v.unit || null, room: v.room }] : []),
    ];
    let parentText: string | null = null;
    for (const c of chain) {
      const full = formatAddressText({ ...base, ...c });
      if (!byText.has(full)) {
        byText.set(full, {
          level: c.level, county_code: county.code, street_code: street.code, community_code: community.code, area_code: grid,
          road: v.road, road_number: v.roadNumber, compound: v.compound, building: c.building, unit: c.unit, room: c.room,
          lng, lat, full_text: full, parentText,
        });
      }
      parentText = full;
    }
  }
  throwIfBadRows(errors);
  const result = await deps.db.transaction().execute(async (trx) => {
    const texts = [...byText.keys()];
    const existing = [];
    for (let i = 0; i < texts.length; i += 5000) {
      existing.push(...(await trx.selectFrom('addresses').select(['id', 'full_text']).where('full_text', 'in', texts.slice(i, i + 5000)).execute()));
    }
    const ids = new Map(existing.map((e) => [e.full_text, e.id]));
    const fresh = [...byText.values()].filter((a) => !ids.has(a.full_text));
    const newIds = await repo.nextAddressIds(trx, fresh.length);
    fresh.forEach((a, i) => ids.set(a.full_text, newIds[i]!));
    const rows = fresh.map(({ parentText, ...a }) => ({ ...a, id: ids.get(a.full_text)!, parent_id: parentText ? ids.get(parentText)! : null }));
    await repo.insertAddresses(trx, rows);
    return { rows: records.length, created: rows.length, existing: existing.length };
  });
  invalidateAreaCaches(deps);
  return result;
};
