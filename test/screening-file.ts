// A messy upstream screening list built from the test database's own people and addresses, with
// the fate of every row known in advance: what a test (or the bench) then expects of an import.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { toCsv } from '../src/lib/csv.ts';
import type { Deps } from '../src/lib/deps.ts';
import { buildIdNumber, buildPerson } from './factories.ts';

export const MESSY_HEADER = ['序号', '证件号码', '姓名', '来源地/途经地', '联系电话', '现住址（详细到门牌）', '到达时间', '备注', '上报单位'];

export type ExpectedRow = { cells: string[]; fate: 'task' | 'rejected' | 'not_ours'; grid?: string; matched?: 'id_number' | 'name_phone' | null; reason?: RegExp };

const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

/** Rows of every kind of mess, in two streets (凯旋 330102011 and 采荷 330102012) and one grid the demo grid worker holds. */
export const messyRows = async (deps: Deps): Promise<ExpectedRow[]> => {
  const db = deps.db;
  const people = await db.selectFrom('persons as p').innerJoin('addresses as a', 'a.id', 'p.address_id')
    .select(['p.name', 'p.id_number', 'p.phone', 'a.full_text', 'a.area_code']).where('p.area_code', 'like', '330102011%').where('p.phone', 'is not', null)
    .orderBy('p.id').limit(7).execute();
  const caihe = await db.selectFrom('addresses').select(['full_text', 'area_code']).where('area_code', 'like', '330102012%').where('level', '=', 'room').orderBy('id').limit(2).execute();
  // registered in the demo worker's grid, which has no library addresses in the test data set
  const mine = await Promise.all(['居民甲', '居民乙'].map(async (name, i) => ({ name, phone: `1370000000${i}`, ...(await buildPerson(deps, '330102011002001', { name, phone: `1370000000${i}` })) })));
  if (people.length < 7 || caihe.length < 2) throw new Error('test data set too small for the messy file');
  let n = 0;
  const row = (id: string, name: string, phone: string, address: string, extra = '') => [String(++n), id, name, '上海市', phone, address, '2026-11-20 08:30', extra, '市指挥部'];
  const p = people;
  return [
    // matched by ID number, placed by the file's address (spaces and a missing 市 are upstream's mess)
    ...p.slice(0, 4).map((x, i) => ({ cells: row(i === 1 ? ` ${x.id_number.toLowerCase()} ` : x.id_number, x.name, x.phone!, i === 2 ? x.full_text.replace('杭州市', '').replace('幢', ' 幢') : x.full_text), fate: 'task' as const, grid: x.area_code, matched: 'id_number' as const })),
    // matched by ID number, no address: placed at the registered grid
    ...p.slice(4, 6).map((x) => ({ cells: row(x.id_number, x.name, x.phone!, ''), fate: 'task' as const, grid: x.area_code, matched: 'id_number' as const })),
    // no ID number: matched by name and phone
    { cells: row('', p[6]!.name, p[6]!.phone!, p[6]!.full_text), fate: 'task', grid: p[6]!.area_code, matched: 'name_phone' },
    // not in the registry, addresses in the library: tasks in 采荷
    ...caihe.map((a) => ({ cells: row(buildIdNumber(), '外来人员', '13800001111', a.full_text), fate: 'task' as const, grid: a.area_code, matched: null })),
    // registered in the worker's grid, no address given
    ...mine.map((m) => ({ cells: row(m.idNumber, m.name, m.phone, ''), fate: 'task' as const, grid: '330102011002001', matched: 'id_number' as const })),
    // bad data
    { cells: row(wrongCheck(buildIdNumber()), '校验错', '13800002222', caihe[0]!.full_text), fate: 'rejected', reason: /校验码错误/ },
    { cells: row(p[0]!.id_number, p[0]!.name, p[0]!.phone!, p[0]!.full_text, '重复上报'), fate: 'rejected', reason: /与第 2 行重复/ },
    { cells: row(buildIdNumber(), '', '13800003333', caihe[1]!.full_text), fate: 'rejected', reason: /姓名为空/ },
    { cells: row(buildIdNumber(), '无地址', '13800004444', ''), fate: 'rejected', reason: /地址为空/ },
    // nobody and nowhere of ours
    { cells: row(buildIdNumber(), '外省人员', '13800005555', '北京市朝阳区建国路88号'), fate: 'not_ours', reason: /不在本辖区/ },
    { cells: row(buildIdNumber(), '外省人员二', '', '江苏省南京市玄武区中山路1号'), fate: 'not_ours', reason: /不在本辖区/ },
  ];
};

/** The rows as a UTF-8 or GBK CSV with blank lines, or as an XLSX sheet. */
export const messyFile = async (rows: ExpectedRow[], as: 'utf8' | 'gbk' | 'xlsx'): Promise<Buffer> => {
  if (as === 'xlsx') {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('排查名单');
    sheet.addRow(MESSY_HEADER);
    rows.forEach((r, i) => {
      sheet.addRow(r.cells);
      if (i === 3) sheet.addRow([]);
    });
    return Buffer.from(await book.xlsx.writeBuffer());
  }
  const lines = toCsv([MESSY_HEADER, ...rows.map((r) => r.cells)]).slice(1).split('\r\n');
  lines.splice(5, 0, '', ',,,'); // blank lines upstream leaves
  const text = lines.join('\r\n');
  return as === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
};
