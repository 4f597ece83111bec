import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = await t.login('street_op');
});
afterAll(() => t.close());

const countPersons = async () => Number((await t.deps.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

// A room address of 凯旋街道 from the library, as its standard text.
const kaixuanRoom = async () =>
  (await t.deps.db.selectFrom('addresses').select(['id', 'full_text', 'area_code']).where('level', '=', 'room').where('street_code', '=', '330102011').orderBy('id').executeTakeFirstOrThrow());

describe('POST /api/v1/persons', () => {
  it('registers a person at a resolved address, in its grid, masked in the answer', async () => {
    const room = await kaixuanRoom();
    const idNumber = buildIdNumber();
    const res = await t.call('POST', '/api/v1/persons', { token, body: { name: '测试居民', idNumber, phone: '13912345678', addressText: room.full_text.replace('杭州市上城区', ''), tags: ['独居老人'] } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '测试居民', addressId: room.id, gridCode: room.area_code, phone: '139****5678', masked: true, birthDate: '1990-' + idNumber.slice(10, 12) + '-' + idNumber.slice(12, 14) });
    expect(res.body.idNumber).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(14)}`);
    const found = await t.call('GET', `/api/v1/persons?idNumber=${idNumber}`, { token });
    expect(found.body.total).toBe(1);
    const tagged = await t.call('GET', `/api/v1/persons?tag=${encodeURIComponent('独居老人')}&limit=200`, { token });
    expect(tagged.status).toBe(200);
    expect(tagged.body.items.map((p: { id: number }) => p.id)).toContain(res.body.id);
    expect(tagged.body.items.every((p: { tags: string[] }) => p.tags.includes('独居老人'))).toBe(true);
  });

  it('refuses a bad checksum, a duplicate and an address outside scope, writing nothing', async () => {
    const before = await countPersons();
    const room = await kaixuanRoom();
    const good = buildIdNumber();
    const badSum = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const bad = await t.call('POST', '/api/v1/persons', { token, body: { name: '甲', idNumber: badSum, addressId: room.id } });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'person.invalid_id_number']);
    const existing = (await t.deps.db.selectFrom('persons').select('id_number').limit(1).executeTakeFirstOrThrow()).id_number;
    const dup = await t.call('POST', '/api/v1/persons', { token, body: { name: '乙', idNumber: existing, addressId: room.id } });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'person.duplicate_id_number']);
    const outside = await t.call('POST', '/api/v1/persons', { token, body: { name: '丙', idNumber: buildIdNumber(), areaCode: '330102012001001' } });
    expect([outside.status, outside.body.error.code]).toEqual([403, 'area.out_of_scope']);
    const unknownArea = await t.call('POST', '/api/v1/persons', { token, body: { name: '丁', idNumber: buildIdNumber(), areaCode: '330102011999001' } });
    expect([unknownArea.status, unknownArea.body.error.code]).toEqual([400, 'area.unknown_code']);
    expect(await countPersons()).toBe(before);
  });

  it('refuses wrong types and page sizes over 200 with the error shape', async () => {
    const types = await t.call('POST', '/api/v1/persons', { token, body: { name: 3, idNumber: true } });
    expect([types.status, types.body.error.code]).toEqual([400, 'request.invalid']);
    const page = await t.call('GET', '/api/v1/persons?limit=500', { token });
    expect([page.status, page.body.error.code]).toEqual([400, 'request.invalid']);
    const area = await t.call('GET', '/api/v1/persons?area=33010201199', { token });
    expect([area.status, area.body.error.code]).toEqual([404, 'area.not_found']);
  });
});

describe('POST /api/v1/persons/import', () => {
  it('imports a clean CSV with Chinese headers, all rows', async () => {
    const room = await kaixuanRoom();
    const before = await countPersons();
    const csv = `姓名,身份证号,手机,现住址,标签\n张一,${buildIdNumber()},13800000001,${room.full_text},残疾人\n张二,${buildIdNumber()},,${room.full_text.replace('杭州市', '')},\n`;
    const res = await t.call('POST', '/api/v1/persons/import', { token, body: csv, contentType: 'text/csv' });
    expect(res.body).toEqual({ imported: 2, rows: 2 });
    expect(await countPersons()).toBe(before + 2);
  });

  it('reports every bad row with its line, field and reason, and imports nothing', async () => {
    const room = await kaixuanRoom();
    const before = await countPersons();
    const dupId = buildIdNumber();
    const csv = [
      'name,idNumber,phone,address',
      `好人,${buildIdNumber()},13800000002,${room.full_text}`,
      `坏校验,${dupId.slice(0, 17)}${dupId[17] === '1' ? '2' : '1'},,${room.full_text}`,
      `重复甲,${dupId},,${room.full_text}`,
      `重复乙,${dupId},,${room.full_text}`,
      `没地址,${buildIdNumber()},,`,
      `乱地址,${buildIdNumber()},,火星路999号不存在小区`,
      `,${buildIdNumber()},12,${room.full_text}`,
    ].join('\n');
    const res = await t.call('POST', '/api/v1/persons/import', { token, body: csv, contentType: 'text/csv' });
    expect([res.status, res.body.error.code]).toEqual([422, 'import.bad_rows']);
    const rows = res.body.error.details.map((d: { row: number; field: string }) => `${d.row}:${d.field}`);
    expect(rows).toEqual(['3:idNumber', '5:idNumber', '6:address', '7:address', '8:name', '8:phone']);
    expect(await countPersons()).toBe(before);
  });

  it('refuses rows whose address lies outside the importer scope', async () => {
    const caihe = await t.deps.db.selectFrom('addresses').select('full_text').where('level', '=', 'room').where('street_code', '=', '330102012').executeTakeFirstOrThrow();
    const res = await t.call('POST', '/api/v1/persons/import', { token, body: `姓名,身份证号,地址\n外人,${buildIdNumber()},${caihe.full_text}\n`, contentType: 'text/csv' });
    expect(res.body.error.details).toEqual([{ row: 2, field: '地址', reason: expect.stringContaining('管辖范围') }]);
  });

  it('names missing columns', async () => {
    const res = await t.call('POST', '/api/v1/persons/import', { token, body: '姓名,电话\n张三,1\n', contentType: 'text/csv' });
    expect([res.status, res.body.error.code]).toEqual([400, 'import.bad_file']);
    expect(res.body.error.message).toContain('身份证号');
  });
});

describe('POST /api/v1/enterprises', () => {
  it('registers an enterprise with a valid credit code and refuses a bad one', async () => {
    const room = await kaixuanRoom();
    const ok = await t.call('POST', '/api/v1/enterprises', { token, body: { name: '阿里巴巴（中国）有限公司', creditCode: '91330100716105852F', legalPerson: '测试', addressId: room.id } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ creditCode: '91330100716105852F', gridCode: room.area_code });
    const bad = await t.call('POST', '/api/v1/enterprises', { token, body: { name: 'x', creditCode: '91330100716105852G', legalPerson: '测试', addressId: room.id } });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'enterprise.invalid_credit_code']);
  });
});

describe('POST /api/v1/enterprises/import', () => {
  it('imports valid rows and reports bad codes, duplicates and missing fields by line, all or nothing', async () => {
    const room = await kaixuanRoom();
    const good = `企业名称,统一社会信用代码,法定代表人,联系电话,行业,地址\n腾讯,9144030071526726XG,马某,0571-88886666,软件,${room.full_text}\n`;
    expect((await t.call('POST', '/api/v1/enterprises/import', { token, body: good, contentType: 'text/csv' })).body).toEqual({ imported: 1, rows: 1 });
    const bad = `企业名称,统一社会信用代码,法定代表人,地址\n华为,914403001922038216,任某,${room.full_text}\n重复,9144030071526726XG,某,${room.full_text}\n坏码,914403001922038217,某,${room.full_text}\n,91110000600037341L,,${room.full_text}\n`;
    const res = await t.call('POST', '/api/v1/enterprises/import', { token, body: bad, contentType: 'text/csv' });
    expect(res.body.error.details.map((d: { row: number; field: string }) => `${d.row}:${d.field}`)).toEqual(['3:统一社会信用代码', '4:统一社会信用代码', '5:企业名称', '5:法定代表人']);
    const huawei = await t.deps.db.selectFrom('enterprises').select('id').where('credit_code', '=', '914403001922038216').execute();
    expect(huawei).toEqual([]);
  });
});

describe('registry writes across scope', () => {
  it('lets a street operator change its own enterprises and devices, and not a neighbour street’s', async () => {
    const caiheToken = await t.login('street_op_caihe');
    const mine = await t.deps.db.selectFrom('enterprises').select('id').where('area_code', 'like', '330102011%').executeTakeFirstOrThrow();
    expect((await t.call('PATCH', `/api/v1/enterprises/${mine.id}`, { token, body: { industry: '餐饮业' } })).body).toMatchObject({ industry: '餐饮业' });
    expect((await t.call('PATCH', `/api/v1/enterprises/${mine.id}`, { token: caiheToken, body: { industry: 'x' } })).status).toBe(404);
    const moveOut = await t.call('PATCH', `/api/v1/enterprises/${mine.id}`, { token, body: { areaCode: '330102012001001' } });
    expect([moveOut.status, moveOut.body.error.code]).toEqual([403, 'area.out_of_scope']);
    const thing = await t.deps.db.selectFrom('things').select('id').where('area_code', 'like', '330102011%').executeTakeFirstOrThrow();
    expect((await t.call('PATCH', `/api/v1/things/${thing.id}`, { token, body: { status: 'offline' } })).body).toMatchObject({ status: 'offline' });
    expect((await t.call('PATCH', `/api/v1/things/${thing.id}`, { token: caiheToken, body: { status: 'retired' } })).status).toBe(404);
  });

  it('opens a household at an address in scope and lets a person join it', async () => {
    const room = await kaixuanRoom();
    const hh = await t.call('POST', '/api/v1/households', { token, body: { headName: '户主甲', addressId: room.id } });
    expect(hh.status).toBe(201);
    const person = await t.call('POST', '/api/v1/persons', { token, body: { name: '户主甲', idNumber: buildIdNumber(), addressId: room.id, householdId: hh.body.id, relation: '户主' } });
    expect(person.body).toMatchObject({ householdId: hh.body.id });
    const members = await t.call('GET', `/api/v1/persons?householdId=${hh.body.id}`, { token });
    expect(members.body.total).toBe(1);
    const foreign = await t.call('POST', '/api/v1/persons', { token: await t.login('street_op_caihe'), body: { name: '乙', idNumber: buildIdNumber(), areaCode: '330102012001001', householdId: hh.body.id } });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'household.not_found']);
  });
});
