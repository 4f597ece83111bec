import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messyFile, messyRows, MESSY_HEADER, type ExpectedRow } from '../../../test/screening-file.ts';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';
import { runDeadlines } from '../../worker.ts';

let t: TestApp;
let rows: ExpectedRow[];
const tok: Record<string, string> = {};
const DEADLINE = new Date(Date.now() + 2 * 3_600_000); // sessions last 12 hours: the clock moves within them

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['county_op', 'street_op', 'street_op_caihe', 'grid_worker', 'grid_worker_kaixi', 'handler']) tok[u] = await t.login(u);
  rows = await messyRows(t.deps);
});
afterAll(() => t.close());

const upload = (file: Buffer, user = 'county_op', query = `source=${encodeURIComponent('市疫情防控指挥部')}&reason=${encodeURIComponent('来自中风险地区的抵杭人员')}&deadline=${DEADLINE.toISOString()}`) =>
  t.call('POST', `/api/v1/screening/batches?${query}`, { token: tok[user], body: file, contentType: 'text/csv' });

const perGrid = (rs: ExpectedRow[]) => rs.filter((r) => r.fate === 'task').reduce<Record<string, number>>((m, r) => ({ ...m, [r.grid!]: (m[r.grid!] ?? 0) + 1 }), {});
const count = (fate: ExpectedRow['fate']) => rows.filter((r) => r.fate === fate).length;

describe('importing a messy upstream list', () => {
  it.each(['utf8', 'gbk', 'xlsx'] as const)('maps the columns and gives every row its fate (%s)', async (as) => {
    const preview = await upload(await messyFile(rows, as), 'county_op', 'preview=true');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ preview: true, rows: rows.length, imported: count('task'), rejected: count('rejected'), notOurs: count('not_ours') });
    expect(preview.body.mapping).toMatchObject({ name: '姓名', idNumber: '证件号码', phone: '联系电话', address: '现住址（详细到门牌）', origin: '来源地/途经地', arrivedAt: '到达时间', remark: '备注' });
    expect(preview.body.imported + preview.body.rejected + preview.body.notOurs).toBe(rows.length);
    if (as !== 'xlsx') expect(preview.body.blankLines).toBe(2);
    // every rejected row is named with its column and reason
    const rejected = rows.filter((r) => r.fate === 'rejected');
    expect(preview.body.problems).toHaveLength(rejected.length);
    for (const [i, r] of rejected.entries()) expect(preview.body.problems[i].reason).toMatch(r.reason!);
    expect(preview.body.problems.map((p: { column: string }) => p.column)).toEqual(['证件号码', '证件号码', '姓名', '现住址（详细到门牌）']);
    expect((await t.call('GET', '/api/v1/screening/batches', { token: tok.county_op })).body.items).toHaveLength(0); // a preview writes nothing
  });

  it('refuses files that are not lists, and creates nothing', async () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.alloc(0), /为空/],
      [Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10]), /不是 CSV 或 XLSX/],
      [Buffer.from('地址,电话\n景芳三区,13800000000\n'), /缺少列/],
      [Buffer.from(`${MESSY_HEADER.join(',')}\n`), /没有数据行/],
      [Buffer.from('PK\u0003\u0004 not really a zip'), /无法读取/],
    ];
    for (const [file, message] of cases) {
      const res = await upload(file);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'import.bad_file' });
      expect(res.body.error.message).toMatch(message);
    }
    const big = await upload(Buffer.alloc(50 * 1024 * 1024 + 10, 0x41));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('request.too_large');
    const noMeta = await upload(await messyFile(rows, 'utf8'), 'county_op', 'source=x&reason=y&deadline=yesterday');
    expect(noMeta.body.error.code).toBe('request.invalid');
    expect((await t.call('GET', '/api/v1/screening/batches', { token: tok.county_op })).body.items).toHaveLength(0);
    expect(Number((await t.deps.db.selectFrom('screening_rows').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it('forbids the import to roles that do not receive batches', async () => {
    for (const u of ['grid_worker', 'handler']) expect((await upload(await messyFile(rows, 'utf8'), u)).status).toBe(403);
  });
});

describe('a batch from import to feedback', () => {
  let batchId = 0;
  const tasks = async (user: string, query = '') => (await t.call('GET', `/api/v1/screening/tasks?batch=${batchId}&limit=200${query}`, { token: tok[user] })).body;

  it('imports the batch in one go and dispatches a task per row to its grid', async () => {
    const res = await upload(await messyFile(rows, 'gbk'));
    expect(res.status).toBe(201);
    batchId = res.body.batchId;
    expect(res.body).toMatchObject({ rows: rows.length, imported: count('task'), rejected: count('rejected'), notOurs: count('not_ours') });
    const batch = (await t.call('GET', `/api/v1/screening/batches/${batchId}`, { token: tok.county_op })).body;
    expect(batch.now).toEqual({ tasks: count('task'), rejected: count('rejected'), notOurs: count('not_ours') });
    expect(batch.progress).toMatchObject({ tasks: count('task'), verified: 0, overdue: 0 });
    // exact counts per grid, and the match method per row, in file order
    const all = (await tasks('county_op')).items as { gridCode: string; matchedBy: string | null; line: number }[];
    const got = all.reduce<Record<string, number>>((m, x) => ({ ...m, [x.gridCode]: (m[x.gridCode] ?? 0) + 1 }), {});
    expect(got).toEqual(perGrid(rows));
    expect(all.map((x) => x.matchedBy)).toEqual(rows.filter((r) => r.fate === 'task').map((r) => r.matched));
    // counted at every level: streets, then the communities of one street
    const streets = (await t.call('GET', `/api/v1/screening/batches/${batchId}/progress`, { token: tok.county_op })).body;
    expect(streets.children.map((c: { code: string }) => c.code)).toEqual(['330102011', '330102012']);
    const communities = (await t.call('GET', `/api/v1/screening/batches/${batchId}/progress?area=330102011`, { token: tok.county_op })).body;
    expect(communities.children.reduce((s: number, c: { tasks: number }) => s + c.tasks, 0)).toBe(streets.children[0].tasks);
  });

  it('shows a grid worker only their grid and a street operator only their street', async () => {
    const mine = rows.filter((r) => r.grid === '330102011002001').length;
    const worker = await tasks('grid_worker');
    expect(worker.total).toBe(mine);
    expect(worker.items.every((x: { gridCode: string }) => x.gridCode === '330102011002001')).toBe(true);
    const caihe = await tasks('street_op_caihe');
    expect(caihe.items.every((x: { gridCode: string }) => x.gridCode.startsWith('330102012'))).toBe(true);
    expect(caihe.total).toBe(rows.filter((r) => r.grid?.startsWith('330102012')).length);
    // another grid's or street's task is not found, not forbidden
    const kaixuanTask = (await tasks('county_op')).items.find((x: { gridCode: string }) => x.gridCode.startsWith('330102011') && x.gridCode !== '330102011002001');
    expect((await t.call('GET', `/api/v1/screening/tasks/${kaixuanTask.id}`, { token: tok.grid_worker })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/screening/tasks/${kaixuanTask.id}`, { token: tok.street_op_caihe })).status).toBe(404);
    // the import's own figures, the rejected rows and the feedback file stay with the county
    const asStreet = (await t.call('GET', `/api/v1/screening/batches/${batchId}`, { token: tok.street_op_caihe })).body;
    expect(asStreet.rejected).toBeUndefined();
    expect(asStreet.progress.tasks).toBe(caihe.total);
    const list = (await t.call('GET', '/api/v1/screening/batches', { token: tok.street_op_caihe })).body;
    expect(list.total).toBe(1);
    expect(list.items[0].progress.tasks).toBe(caihe.total);
    expect((await t.call('GET', '/api/v1/screening/batches', { token: tok.county_op })).body.items[0].progress.tasks).toBe(count('task'));
    expect((await tasks('street_op_caihe', '&state=rejected')).total).toBe(0);
    expect((await tasks('county_op', '&state=rejected')).total).toBe(count('rejected'));
    expect((await t.call('GET', `/api/v1/screening/batches/${batchId}/feedback?format=csv`, { token: tok.street_op_caihe })).status).toBe(403);
    expect((await t.call('GET', `/api/v1/screening/batches/${batchId}/progress?area=330102011`, { token: tok.street_op_caihe })).status).toBe(403);
  });

  it('lets the grid worker record outcomes: a measure on the person, an event for someone not found', async () => {
    const [a, b] = (await tasks('grid_worker')).items as { id: number }[];
    const detail = (await t.call('GET', `/api/v1/screening/tasks/${a!.id}`, { token: tok.grid_worker })).body;
    expect(detail.allowedActions).toEqual(['verify']);
    expect(detail.masked).toBe(false);
    expect(detail.cells['上报单位']).toBe('市指挥部');
    const incomplete = await t.call('POST', `/api/v1/screening/tasks/${a!.id}/verify`, { token: tok.grid_worker, body: { outcome: 'under_measure' } });
    expect(incomplete.body.error.code).toBe('request.invalid');
    const measured = await t.call('POST', `/api/v1/screening/tasks/${a!.id}/verify`, {
      token: tok.grid_worker, body: { outcome: 'under_measure', measure: 'home_observation', measureStart: '2026-11-21', measureEnd: '2026-12-05', note: '已送达居家观察告知书' },
    });
    expect(measured.status).toBe(200);
    expect(measured.body).toMatchObject({ state: 'verified', outcome: 'under_measure', allowedActions: [] });
    const measure = await t.deps.db.selectFrom('control_measures').selectAll().where('screening_row_id', '=', a!.id).executeTakeFirstOrThrow();
    expect(measure).toMatchObject({ kind: 'home_observation', area_code: '330102011002001' });
    expect((await t.call('POST', `/api/v1/screening/tasks/${a!.id}/verify`, { token: tok.grid_worker, body: { outcome: 'moved_out' } })).body.error.code).toBe('screening.invalid_state');
    const missing = await t.call('POST', `/api/v1/screening/tasks/${b!.id}/verify`, { token: tok.grid_worker, body: { outcome: 'not_present', note: '多次上门无人' } });
    expect(missing.body.eventId).toBeGreaterThan(0);
    const event = (await t.call('GET', `/api/v1/events/${missing.body.eventId}`, { token: tok.street_op })).body;
    expect(event).toMatchObject({ channel: 'screening', categoryCode: 'YJ06', gridCode: '330102011002001', state: 'reported' });
    // a grid worker of another grid can neither see nor verify it
    expect((await t.call('POST', `/api/v1/screening/tasks/${b!.id}/verify`, { token: tok.grid_worker_kaixi, body: { outcome: 'moved_out' } })).status).toBe(404);
  });

  it('lets a street operator move a task within the street or hand it back, and nothing further', async () => {
    const kaixuan = (await tasks('street_op', '&state=pending')).items as { id: number; gridCode: string }[];
    const move = kaixuan.find((x) => x.gridCode !== '330102011002001')!;
    expect((await t.call('POST', `/api/v1/screening/tasks/${move.id}/reassign`, { token: tok.grid_worker, body: { gridCode: '330102011002001' } })).status).toBe(403);
    expect((await t.call('POST', `/api/v1/screening/tasks/${move.id}/reassign`, { token: tok.street_op, body: { gridCode: '330102012004001' } })).body.error.code).toBe('area.out_of_scope');
    const moved = await t.call('POST', `/api/v1/screening/tasks/${move.id}/reassign`, { token: tok.street_op, body: { gridCode: '330102011002001', note: '实际住景芳' } });
    expect(moved.body).toMatchObject({ gridCode: '330102011002001' });
    expect(moved.body.history.at(-1)).toMatchObject({ action: 'reassign', note: '实际住景芳' });
    const back = kaixuan.find((x) => x.id !== move.id && x.gridCode !== '330102011002001')!;
    expect((await t.call('POST', `/api/v1/screening/tasks/${back.id}/hand-back`, { token: tok.street_op, body: { reason: '' } })).body.error.code).toBe('request.invalid');
    expect((await t.call('POST', `/api/v1/screening/tasks/${back.id}/hand-back`, { token: tok.street_op, body: { reason: '查无此人，已迁居外省' } })).status).toBe(200);
    const batch = (await t.call('GET', `/api/v1/screening/batches/${batchId}`, { token: tok.county_op })).body;
    expect(batch.now).toEqual({ tasks: count('task') - 1, rejected: count('rejected'), notOurs: count('not_ours') + 1 });
  });

  it('escalates the overdue tasks once and writes the feedback file in upstream order', async () => {
    t.setNow(new Date(DEADLINE.getTime() + 3_600_000));
    const first = await runDeadlines(t.deps);
    const pending = (await tasks('county_op', '&state=overdue')).total;
    expect(pending).toBe(count('task') - 1 - 2);
    expect(first.screeningTasks).toBe(pending);
    expect((await runDeadlines(t.deps)).screeningTasks).toBe(0);
    expect((await runDeadlines(t.deps, new Date(DEADLINE.getTime() + 26 * 3_600_000))).screeningTasks).toBe(pending); // a day later: the county
    const progress = (await t.call('GET', `/api/v1/screening/batches/${batchId}`, { token: tok.county_op })).body.progress;
    expect(progress).toMatchObject({ verified: 2, overdue: pending, escalated: pending, outcomes: { under_measure: 1, not_present: 1 } });

    const csv = await t.call('GET', `/api/v1/screening/batches/${batchId}/feedback?format=csv`, { token: tok.county_op });
    expect(csv.status).toBe(200);
    const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(','));
    expect(lines[0]).toEqual([...MESSY_HEADER, '处理状态', '核查结果', '管控措施', '措施开始', '措施结束', '核查人', '核查时间', '说明']);
    expect(lines.slice(1).map((l) => l[0])).toEqual(rows.map((r) => r.cells[0])); // upstream's own order
    const statusCol = MESSY_HEADER.length;
    expect(lines.slice(1).filter((l) => l[statusCol] === '数据有误')).toHaveLength(count('rejected'));
    expect(lines.slice(1).filter((l) => l[statusCol] === '非本辖区')).toHaveLength(count('not_ours') + 1);
    expect(lines.slice(1).filter((l) => l[statusCol] === '逾期未核查')).toHaveLength(pending);
    expect(lines.slice(1).find((l) => l[statusCol + 2] === '居家观察')).toBeDefined();

    const xlsx = await t.app.inject({ method: 'GET', url: `/api/v1/screening/batches/${batchId}/feedback?format=xlsx`, headers: { authorization: `Bearer ${tok.county_op}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(rows.length + 1);
    expect(String(sheet.getRow(2).getCell(2).value)).toBe(rows[0]!.cells[1]); // ID numbers stay text
  });
});
