// A 100,000-row upstream batch with realistic mess (GBK CSV; messy addresses; bad checksums,
// duplicates, missing names and addresses, people from elsewhere), imported over HTTP into a server
// of its own: seconds until every row is matched and dispatched, the server's peak RSS, and the
// share of rows whose address is in the library that land on the right grid.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { toCsv } from '../src/lib/csv.ts';
import { idNumberCheckChar } from '../src/lib/id-number.ts';
import { loadStandardAddresses } from '../src/modules/areas/addresses.repo.ts';
import { createRng, generateMessyAddresses } from '../src/modules/areas/demo-addresses.ts';
import { openBenchDatabase } from './bench-db.ts';
import { login, startServer } from './events.ts';

const ROWS = 100_000;
const HEADER = ['序号', '姓名', '证件号码', '联系电话', '现居住地址', '来源地/途经地', '到达时间', '备注'];

/** A valid ID number no registry person has (region 330185 is not seeded). */
const freshId = (k: number) => {
  const d = new Date(Date.UTC(1950, 0, 1) + Math.floor(k / 900) * 86_400_000);
  const first17 = `330185${d.toISOString().slice(0, 10).replace(/-/g, '')}${String(100 + (k % 900)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};

export const benchScreening = async () => {
  const { database } = await openBenchDatabase();
  const addresses = await loadStandardAddresses(database.db);
  const gridOf = new Map(addresses.map((a) => [a.id, a.gridCode]));
  const persons = await database.db.selectFrom('persons').select(['name', 'id_number', 'phone']).where('phone', 'is not', null).where('area_code', 'like', '330102%').orderBy('id').limit(70_000).execute();
  const rng = createRng(11);
  const messy = generateMessyAddresses(addresses, 90_000, 23);
  let m = 0, fresh = 0;
  const expected: (string | null)[] = []; // per data row: the grid its address must land on, or null
  const rows: string[][] = [];
  const add = (name: string, id: string, phone: string, address: string, grid: string | null) => {
    rows.push([String(rows.length + 1), name, id, phone, address, '上海市', '2026-11-20 08:30', '']);
    expected.push(grid);
  };
  const withAddress = () => messy[m++]!;
  for (let i = 0; i < 60_000; i++) { const p = persons[i]!, a = withAddress(); add(p.name, p.id_number, p.phone!, a.text, gridOf.get(a.expectedId)!); }
  for (let i = 0; i < 20_000; i++) { const a = withAddress(); add('外来人员', freshId(fresh++), '13800001111', a.text, gridOf.get(a.expectedId)!); }
  for (let i = 60_000; i < 65_000; i++) { const p = persons[i]!; add(p.name, p.id_number, p.phone!, '', null); }
  for (let i = 65_000; i < 70_000; i++) { const p = persons[i]!, a = withAddress(); add(p.name, '', p.phone!, a.text, gridOf.get(a.expectedId)!); }
  for (let i = 0; i < 3_000; i++) { const id = freshId(fresh++); add('校验错', id.slice(0, 17) + (id[17] === '1' ? '2' : '1'), '13800002222', messy[i]!.text, null); }
  for (let i = 0; i < 2_000; i++) { const dup = rows[Math.floor(rng() * 60_000)]!; add(dup[1]!, dup[2]!, dup[3]!, dup[4]!, null); }
  for (let i = 0; i < 3_000; i++) add('外省人员', freshId(fresh++), '13800005555', `北京市朝阳区建国路${i + 1}号`, null);
  for (let i = 0; i < 2_000; i++) add('', freshId(fresh++), '13800003333', messy[i + 3_000]!.text, null);
  const file = iconv.encode(toCsv([HEADER, ...rows]).slice(1), 'gbk');
  console.log(`file: ${rows.length} rows, ${(file.byteLength / 1024 / 1024).toFixed(1)} MB GBK CSV`);

  const { base, child } = await startServer(3900 + Math.floor(Math.random() * 90));
  try {
    const token = await login(base, 'county_op');
    const q = new URLSearchParams({ source: '市疫情防控指挥部', reason: '基准测试：抵杭人员排查', deadline: new Date(Date.now() + 86_400_000).toISOString() });
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/screening/batches?${q}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: new Uint8Array(file) });
    const seconds = (performance.now() - t0) / 1000;
    const body = (await res.json()) as { batchId: number; rows: number; imported: number; rejected: number; notOurs: number; matched: number };
    if (res.status !== 201) throw new Error(`import: ${res.status} ${JSON.stringify(body)}`);
    const peakMb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
    const placed = await database.db.selectFrom('screening_rows').select(['line', 'area_code']).where('batch_id', '=', body.batchId).where('status', '=', 'task').execute();
    const gridAt = new Map(placed.map((r) => [r.line, r.area_code]));
    const inLibrary = expected.flatMap((g, i) => (g ? [[g, gridAt.get(i + 2)] as const] : [])); // line = data row + header
    const right = inLibrary.filter(([want, got]) => want === got).length;
    console.log(`rows ${body.rows}: imported ${body.imported} (matched ${body.matched}), rejected ${body.rejected}, not ours ${body.notOurs}`);
    console.log(`screening-import: rows=${body.rows} seconds=${seconds.toFixed(1)} peak_rss_mb=${peakMb.toFixed(0)} right_grid=${(right / inLibrary.length).toFixed(4)} of_in_library=${inLibrary.length}`);
  } finally {
    child.kill('SIGTERM');
    await database.close();
  }
};
