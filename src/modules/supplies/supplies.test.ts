// Supplies on a real database: a request, allocation from a street warehouse (stock taken all or
// nothing), delivery by the grid worker, figures per grid and zone, and the walls between areas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';

const GRID = '330102011002001'; // where the demo grid_worker works
let t: TestApp;
let op: string, worker: string;
let householdId: number;
let warehouseId: number;
let workerId: number;

const stockOf = async (item: string) =>
  (await t.deps.db.selectFrom('supply_stock').select('quantity').where('warehouse_id', '=', warehouseId).where('item', '=', item).executeTakeFirst())?.quantity ?? 0;

beforeAll(async () => {
  t = await startTestApp();
  [op, worker] = await Promise.all([t.login('street_op'), t.login('grid_worker')]);
  // The test library has no rooms in this grid; any room of the street stands in for the household's home.
  const address = await t.deps.db.selectFrom('addresses').select(['id']).where('area_code', 'like', '330102011%').where('level', '=', 'room').orderBy('id').executeTakeFirstOrThrow();
  householdId = (await t.deps.db.insertInto('households').values({ address_id: address.id, county_code: '330102', area_code: GRID, head_name: '王建国' }).returning('id').executeTakeFirstOrThrow()).id;
  workerId = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'grid_worker').executeTakeFirstOrThrow()).id;
  // The household lies in an active sealed zone.
  const zone = await t.deps.db.insertInto('risk_zones').values({
    code: 'FK-TEST-1', name: '景芳三区封控区', level: 'sealed', geometry: JSON.stringify({ type: 'Polygon', coordinates: [] }), area_code: GRID,
    timers: JSON.stringify({ sealed: 7, controlled: 3, precaution: 3 }), start_at: t.deps.clock(), level_since: t.deps.clock(),
  }).returning('id').executeTakeFirstOrThrow();
  await t.deps.db.insertInto('risk_zone_addresses').values({ zone_id: zone.id, address_id: address.id, area_code: GRID }).execute();
  // An earlier zone over the same address, lifted before any request: not one of its figures.
  const days = (n: number) => new Date(Date.now() - n * 86_400_000);
  const old = await t.deps.db.insertInto('risk_zones').values({
    code: 'FK-TEST-0', name: '景芳三区旧封控区', level: 'sealed', status: 'lifted', geometry: JSON.stringify({ type: 'Polygon', coordinates: [] }), area_code: GRID,
    timers: JSON.stringify({ sealed: 7, controlled: 3, precaution: 3 }), start_at: days(20), level_since: days(20), lifted_at: days(5),
  }).returning('id').executeTakeFirstOrThrow();
  await t.deps.db.insertInto('risk_zone_addresses').values({ zone_id: old.id, address_id: address.id, area_code: GRID }).execute();
});
afterAll(() => t.close());

describe('a request through to delivery', () => {
  let requestId: number;

  it('the street sets up a warehouse and receives stock', async () => {
    const w = await t.call('POST', '/api/v1/supplies/warehouses', { token: op, body: { name: '凯旋街道应急物资仓库', streetCode: '330102011', address: '凯旋路 1 号' } });
    expect(w.status, w.text).toBe(201);
    warehouseId = w.body.id;
    for (const [item, quantity] of [['rice', 10], ['masks', 5]] as const) {
      expect((await t.call('POST', `/api/v1/supplies/warehouses/${warehouseId}/stock`, { token: op, body: { item, quantity } })).status).toBe(200);
    }
    const taken = await t.call('POST', `/api/v1/supplies/warehouses/${warehouseId}/stock`, { token: op, body: { item: 'masks', quantity: -6 } });
    expect(taken.body.error.code).toBe('supply.out_of_stock');
    expect(await stockOf('masks')).toBe(5);
    expect((await t.call('POST', '/api/v1/supplies/warehouses', { token: op, body: { name: '采荷仓库', streetCode: '330102012' } })).body.error.code).toBe('area.out_of_scope');
  });

  it('a grid worker records a request; unknown items are refused and nothing is written', async () => {
    const before = await t.deps.db.selectFrom('supply_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const bad = await t.call('POST', '/api/v1/supplies/requests', { token: worker, body: { householdId, items: [{ item: 'rice', quantity: 1 }, { item: 'caviar', quantity: 1 }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'supply.bad_items', details: [{ item: 'caviar' }] });
    expect((await t.deps.db.selectFrom('supply_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toEqual(before.n);
    const ok = await t.call('POST', '/api/v1/supplies/requests', { token: worker, body: { householdId, items: [{ item: 'rice', quantity: 2 }, { item: 'masks', quantity: 2 }, { item: 'rice', quantity: 1 }], note: '家中有老人' } });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body).toMatchObject({ status: 'requested', gridCode: GRID, items: [{ item: 'rice', quantity: 3 }, { item: 'masks', quantity: 2 }], zone: { name: '景芳三区封控区', level: 'sealed' } });
    expect(ok.body.headName).not.toBe('王建国'); // masked
    requestId = ok.body.id;
  });

  it('the street allocates it to a grid worker of that grid, taking stock; another grid’s worker may not take it', async () => {
    const kaixi = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'grid_worker_kaixi').executeTakeFirstOrThrow()).id;
    expect((await t.call('POST', `/api/v1/supplies/requests/${requestId}/allocate`, { token: op, body: { warehouseId, assigneeId: kaixi } })).body.error.code).toBe('supply.bad_assignee');
    const people = await t.call('GET', `/api/v1/supplies/requests/${requestId}/assignees`, { token: op });
    expect(people.body.items.map((p: any) => p.id)).toContain(workerId);
    const res = await t.call('POST', `/api/v1/supplies/requests/${requestId}/allocate`, { token: op, body: { warehouseId, assigneeId: workerId } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'allocated', warehouse: { id: warehouseId }, assignee: { id: workerId } });
    expect([await stockOf('rice'), await stockOf('masks')]).toEqual([7, 3]);
    expect((await t.call('POST', `/api/v1/supplies/requests/${requestId}/allocate`, { token: op, body: { warehouseId, assigneeId: workerId } })).body.error.code).toBe('supply.invalid_state');
  });

  it('a request the warehouse cannot fill takes nothing and stays requested', async () => {
    const big = await t.call('POST', '/api/v1/supplies/requests', { token: worker, body: { householdId, items: [{ item: 'masks', quantity: 1 }, { item: 'rice', quantity: 20 }] } });
    const res = await t.call('POST', `/api/v1/supplies/requests/${big.body.id}/allocate`, { token: op, body: { warehouseId, assigneeId: workerId } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'supply.out_of_stock', details: [{ item: 'rice' }] });
    expect([await stockOf('rice'), await stockOf('masks')]).toEqual([7, 3]);
    expect((await t.call('GET', `/api/v1/supplies/requests/${big.body.id}`, { token: op })).body.status).toBe('requested');
  });

  it('the grid worker sees it among their deliveries and hands it over, what was not handed over goes back to stock; the figures count it per grid and zone', async () => {
    const mine = await t.call('GET', '/api/v1/supplies/requests?mine=true&status=allocated', { token: worker });
    expect(mine.body.items.map((r: any) => r.id)).toEqual([requestId]);
    // More than was allocated, or an item that was not, never came out of stock: refused, nothing written.
    const over = await t.call('POST', `/api/v1/supplies/requests/${requestId}/deliver`, { token: worker, body: { items: [{ item: 'rice', quantity: 4 }, { item: 'eggs', quantity: 1 }] } });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: 'supply.bad_items', message: expect.stringContaining('大米 多 1'), details: [{ item: 'rice', quantity: 1 }, { item: 'eggs', quantity: 1 }] });
    expect((await t.call('GET', `/api/v1/supplies/requests/${requestId}`, { token: op })).body.status).toBe('allocated');
    const done = await t.call('POST', `/api/v1/supplies/requests/${requestId}/deliver`, { token: worker, body: { items: [{ item: 'rice', quantity: 3 }, { item: 'masks', quantity: 1 }] } });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ status: 'delivered', deliveredItems: [{ item: 'rice', quantity: 3 }, { item: 'masks', quantity: 1 }] });
    expect([await stockOf('rice'), await stockOf('masks')]).toEqual([7, 4]); // the second pack of masks came back
    const byGrid = (await t.call('GET', '/api/v1/supplies/summary?by=grid', { token: op })).body.items.find((r: any) => r.key === GRID);
    expect(byGrid).toMatchObject({ requests: 2, deliveredRequests: 1, requestedQty: 5 + 21, deliveredQty: 4 });
    const byZone = (await t.call('GET', '/api/v1/supplies/summary?by=zone', { token: op })).body.items;
    expect(byZone).toEqual([expect.objectContaining({ name: '景芳三区封控区', requests: 2, deliveredRequests: 1, deliveredQty: 4 })]);
  });

  it('cancelling an allocated request puts its stock back', async () => {
    const r = await t.call('POST', '/api/v1/supplies/requests', { token: worker, body: { householdId, items: [{ item: 'rice', quantity: 4 }] } });
    await t.call('POST', `/api/v1/supplies/requests/${r.body.id}/allocate`, { token: op, body: { warehouseId, assigneeId: workerId } });
    expect(await stockOf('rice')).toBe(3);
    const c = await t.call('POST', `/api/v1/supplies/requests/${r.body.id}/cancel`, { token: op, body: { reason: '已解除封控' } });
    expect(c.body.status).toBe('cancelled');
    expect(await stockOf('rice')).toBe(7);
  });
});

describe('walls between areas', () => {
  it('another street and another grid cannot see, allocate or deliver', async () => {
    const caihe = await t.login('street_op_caihe');
    const kaixi = await t.login('grid_worker_kaixi');
    const r = await t.call('POST', '/api/v1/supplies/requests', { token: worker, body: { householdId, items: [{ item: 'eggs', quantity: 1 }] } });
    expect((await t.call('GET', `/api/v1/supplies/requests/${r.body.id}`, { token: caihe })).status).toBe(404);
    expect((await t.call('POST', `/api/v1/supplies/requests/${r.body.id}/allocate`, { token: caihe, body: { warehouseId, assigneeId: workerId } })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/supplies/requests', { token: kaixi })).body.items.some((x: any) => x.id === r.body.id)).toBe(false);
    expect((await t.call('POST', '/api/v1/supplies/requests', { token: kaixi, body: { householdId, items: [{ item: 'eggs', quantity: 1 }] } })).status).toBe(404);
    await t.call('POST', `/api/v1/supplies/requests/${r.body.id}/allocate`, { token: op, body: { warehouseId, assigneeId: workerId } }).catch(() => null);
    expect((await t.call('POST', `/api/v1/supplies/requests/${r.body.id}/deliver`, { token: kaixi, body: {} })).status).toBe(404);
    expect((await t.call('POST', `/api/v1/supplies/warehouses/${warehouseId}/stock`, { token: caihe, body: { item: 'rice', quantity: 1 } })).status).toBe(404);
    expect((await t.call('POST', `/api/v1/supplies/requests/${r.body.id}/allocate`, { token: worker, body: { warehouseId, assigneeId: workerId } })).status).toBe(403);
  });

  it('a resident asks for their own household only, and sees only its requests', async () => {
    const resident = await t.login('resident');
    expect((await t.call('POST', '/api/v1/supplies/requests', { token: resident, body: { householdId, items: [{ item: 'milk', quantity: 1 }] } })).body.error.code).toBe('household.not_found');
    const own = await t.call('POST', '/api/v1/supplies/requests', { token: resident, body: { items: [{ item: 'milk', quantity: 2 }], note: '孩子要喝' } });
    expect(own.status, own.text).toBe(201);
    expect(own.body.householdId).not.toBe(householdId);
    const mine = (await t.call('GET', '/api/v1/supplies/requests', { token: resident })).body.items;
    expect(mine.map((x: any) => x.id)).toEqual([own.body.id]); // the other household's requests are not theirs to see
    expect(mine[0]).toMatchObject({ status: 'requested', items: [{ item: 'milk', quantity: 2 }] });
    expect((await t.call('GET', `/api/v1/supplies/requests/${own.body.id}/assignees`, { token: resident })).status).toBe(403);
  });
});
