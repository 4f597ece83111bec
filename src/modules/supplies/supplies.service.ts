// Supplies (物资保障) for sealed or observed households: a request recorded by the resident or a grid
// worker, allocated by the street from one of its warehouses to a grid worker (stock taken in the same
// transaction, all lines or none), delivered, and counted delivered against requested per grid and zone.
import { requirePermission, scopeWithin, type Actor } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { maskName } from '../../lib/masking.ts';
import { inScope } from '../../lib/scope.ts';
import type { SupplyStatus } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { deliveryBalance, ITEM_CODES, itemName, SUPPLY_ITEMS, sumLines, type Line } from './supply-items.ts';
import { householdForCaller } from '../registry/registry.service.ts';
import * as repo from './supplies.repo.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const listItems = () => ({ items: SUPPLY_ITEMS.map((i) => ({ ...i })) });

const checkLines = (lines: readonly Line[]) => {
  const bad = lines.filter((l) => !(ITEM_CODES as string[]).includes(l.item));
  if (bad.length) throw new AppError('supply.bad_items', `未知物资：${bad.map((l) => l.item).join('、')}`, bad.map((l) => ({ item: l.item, reason: 'unknown item' })));
  const summed = sumLines(lines);
  if (summed.length === 0) throw new AppError('supply.bad_items', '至少申请一项物资');
  return summed;
};

// Warehouses.
export const listWarehouses = async (deps: Deps, actor: Actor, area?: string) => {
  requirePermission(actor, 'supply.read');
  const rows = await repo.listWarehouses(deps.db, scopeWithin(actor, area));
  return { items: rows.map((w) => ({ id: w.id, name: w.name, streetCode: w.area_code, address: w.address_text, stock: sumLines(w.stock.map((s) => ({ item: s.item, quantity: s.quantity }))) })) };
};

const loadWarehouse = async (deps: Deps, actor: Actor, id: number) => {
  const w = await repo.getWarehouse(deps.db, id);
  if (!w || !inScope(actor.scope, w.area_code)) throw new AppError('warehouse.not_found', `No warehouse ${id} in your area`);
  return w;
};

/** A warehouse serves a street. Throws area.out_of_scope. */
export const createWarehouse = async (deps: Deps, actor: Actor, input: { name: string; streetCode: string; address?: string }) => {
  requirePermission(actor, 'supply.manage');
  if (!inScope(actor.scope, input.streetCode)) throw new AppError('area.out_of_scope', `街道 ${input.streetCode} 不在您的管辖范围内`);
  const street = await deps.db.selectFrom('areas').select(['code', 'level']).where('code', '=', input.streetCode).executeTakeFirst();
  if (!street || street.level !== 'street') throw new AppError('request.invalid', `${input.streetCode} 不是街道（乡镇）编码`);
  const id = await deps.db.transaction().execute(async (trx) => {
    const w = await repo.insertWarehouse(trx, { name: input.name, area_code: input.streetCode, county_code: input.streetCode.slice(0, 6), address_text: input.address ?? null });
    await recordAudit(trx, actor, { action: 'supply.warehouse', targetType: 'supply_warehouse', targetId: w.id, areaCode: input.streetCode, details: { name: input.name } });
    return w.id;
  });
  return (await listWarehouses(deps, actor)).items.find((w) => w.id === id)!;
};

/** Receives (or takes out, with a negative quantity) stock. Throws supply.bad_items, supply.out_of_stock. */
export const adjustStock = async (deps: Deps, actor: Actor, id: number, input: { item: string; quantity: number; note?: string }) => {
  requirePermission(actor, 'supply.manage');
  const w = await loadWarehouse(deps, actor, id);
  checkLines([{ item: input.item, quantity: Math.abs(input.quantity) }]);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.addStock(trx, id, input.item, input.quantity))) throw new AppError('supply.out_of_stock', `库存不足，无法出库 ${-input.quantity}`);
    await recordAudit(trx, actor, { action: 'supply.stock', targetType: 'supply_warehouse', targetId: id, areaCode: w.area_code, details: input });
  });
  return (await listWarehouses(deps, actor)).items.find((x) => x.id === id)!;
};

// Requests.
const presentRequest = (r: repo.RequestRow) => ({
  id: r.id, householdId: r.household_id, headName: maskName(r.head_name), address: r.address, gridCode: r.area_code,
  items: r.items, deliveredItems: r.delivered_items, note: r.note, status: r.status, requestedAt: iso(r.requested_at),
  warehouse: r.warehouse_id ? { id: r.warehouse_id, name: r.warehouse_name } : null,
  assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name } : null,
  allocatedAt: iso(r.allocated_at), deliveredAt: iso(r.delivered_at), zone: r.zone ?? null,
});

/** Requests in the caller's area (`mine`: allocated to the caller); a resident's, those of their own household. */
export const listRequests = async (deps: Deps, actor: Actor, q: { status?: SupplyStatus; area?: string; mine?: boolean; limit: number; offset: number }) => {
  const page = { status: q.status, limit: q.limit, offset: q.offset };
  if (actor.roles.includes('resident')) {
    requirePermission(actor, 'supply.request');
    const h = await householdForCaller(deps, actor);
    const { items, total } = await repo.listRequests(deps.db, { ...page, scope: h.area_code, householdId: h.id });
    return { items: items.map(presentRequest), total };
  }
  requirePermission(actor, 'supply.read');
  const { items, total } = await repo.listRequests(deps.db, { ...page, scope: scopeWithin(actor, q.area), assigneeId: q.mine ? actor.userId : undefined });
  return { items: items.map(presentRequest), total };
};

const loadRequest = async (deps: Deps, actor: Actor, id: number) => {
  const r = await repo.getRequest(deps.db, id);
  if (!r || !inScope(actor.scope, r.area_code)) throw new AppError('supply.not_found', `No supply request ${id} in your area`);
  return r;
};

export const getRequest = async (deps: Deps, actor: Actor, id: number) => {
  requirePermission(actor, 'supply.read');
  return presentRequest(await loadRequest(deps, actor, id));
};

/** Records a household's request; a resident asks for their own household. Throws household.not_found, supply.bad_items. */
export const createRequest = async (deps: Deps, actor: Actor, input: { householdId?: number; items: Line[]; note?: string }) => {
  requirePermission(actor, 'supply.request');
  const h = await householdForCaller(deps, actor, input.householdId);
  const lines = checkLines(input.items);
  const id = await deps.db.transaction().execute(async (trx) => {
    const r = await repo.insertRequest(trx, {
      household_id: h.id, county_code: h.county_code, area_code: h.area_code, items: JSON.stringify(lines), note: input.note ?? null, requested_by: actor.userId, requested_at: deps.clock(),
    });
    await recordAudit(trx, actor, { action: 'supply.request', targetType: 'supply_request', targetId: r.id, areaCode: h.area_code, details: { items: lines } });
    return r.id;
  });
  return presentRequest((await repo.getRequest(deps.db, id))!);
};

/** The grid staff who may take this delivery. */
export const assigneesOf = async (deps: Deps, actor: Actor, id: number) => {
  requirePermission(actor, 'supply.manage');
  const r = await loadRequest(deps, actor, id);
  return { items: await repo.gridStaffUsers(deps.db, r.area_code) };
};

/**
 * Allocates a request from a warehouse of the household's street to a grid worker of its grid, taking
 * every line from stock or none. Throws supply.invalid_state, supply.out_of_stock, supply.bad_assignee.
 */
export const allocateRequest = async (deps: Deps, actor: Actor, id: number, input: { warehouseId: number; assigneeId: number }) => {
  requirePermission(actor, 'supply.manage');
  const r = await loadRequest(deps, actor, id);
  const w = await loadWarehouse(deps, actor, input.warehouseId);
  if (!inScope(w.area_code, r.area_code)) throw new AppError('request.invalid', '只能从本街道的仓库调拨');
  if (!(await repo.gridStaffUsers(deps.db, r.area_code)).some((s) => s.id === input.assigneeId)) throw new AppError('supply.bad_assignee', '配送人员须是该户所在网格的网格员');
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockRequest(trx, id);
    if (locked?.status !== 'requested') throw new AppError('supply.invalid_state', `该申请已是「${locked?.status}」状态，不能再调拨`);
    const short = await repo.takeStock(trx, w.id, locked.items);
    if (short.length) throw new AppError('supply.out_of_stock', `仓库「${w.name}」库存不足：${short.map(itemName).join('、')}`, short.map((item) => ({ item })));
    await repo.updateRequest(trx, id, { status: 'allocated', warehouse_id: w.id, assignee_id: input.assigneeId, allocated_by: actor.userId, allocated_at: deps.clock() });
    await recordAudit(trx, actor, { action: 'supply.allocate', targetType: 'supply_request', targetId: id, areaCode: r.area_code, details: input });
  });
  return getRequest(deps, actor, id);
};

/**
 * The assignee (or any grid staff of the grid) hands it over; what was handed over defaults to what was
 * allocated, and what was not goes back to the warehouse. Throws supply.invalid_state, supply.bad_items
 * (more than allocated).
 */
export const deliverRequest = async (deps: Deps, actor: Actor, id: number, input: { items?: Line[]; note?: string }) => {
  requirePermission(actor, 'supply.deliver');
  const r = await loadRequest(deps, actor, id);
  const handed = input.items ? checkLines(input.items) : r.items;
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockRequest(trx, id);
    if (locked?.status !== 'allocated') throw new AppError('supply.invalid_state', '只有已调拨的申请可以登记送达');
    const { rest, over } = deliveryBalance(locked.items, handed);
    if (over.length) throw new AppError('supply.bad_items', `送达数量超出调拨数量：${over.map((l) => `${itemName(l.item)} 多 ${l.quantity}`).join('、')}`, over);
    for (const l of rest) await repo.addStock(trx, locked.warehouse_id!, l.item, l.quantity);
    await repo.updateRequest(trx, id, { status: 'delivered', delivered_items: JSON.stringify(handed), delivered_at: deps.clock(), delivered_by: actor.userId, ...(input.note ? { note: input.note } : {}) });
    await recordAudit(trx, actor, { action: 'supply.deliver', targetType: 'supply_request', targetId: id, areaCode: r.area_code, details: { items: handed, returned: rest } });
  });
  return getRequest(deps, actor, id);
};

/** Cancels a request not yet delivered; allocated stock goes back to its warehouse. */
export const cancelRequest = async (deps: Deps, actor: Actor, id: number, reason: string) => {
  requirePermission(actor, 'supply.manage');
  const r = await loadRequest(deps, actor, id);
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockRequest(trx, id);
    if (!locked || (locked.status !== 'requested' && locked.status !== 'allocated')) throw new AppError('supply.invalid_state', '已送达或已取消的申请不能取消');
    if (locked.status === 'allocated' && locked.warehouse_id) for (const l of locked.items) await repo.addStock(trx, locked.warehouse_id, l.item, l.quantity);
    await repo.updateRequest(trx, id, { status: 'cancelled', note: reason });
    await recordAudit(trx, actor, { action: 'supply.cancel', targetType: 'supply_request', targetId: id, areaCode: r.area_code, details: { reason } });
  });
  return getRequest(deps, actor, id);
};

export const supplySummary = async (deps: Deps, actor: Actor, q: { area?: string; by: 'grid' | 'zone' }) => {
  requirePermission(actor, 'supply.read');
  const rows = await repo.summary(deps.db, scopeWithin(actor, q.area), q.by);
  return { items: rows.map((r) => ({ key: r.key, name: r.name, requests: r.requests, deliveredRequests: r.delivered_requests, requestedQty: r.requested_qty, deliveredQty: r.delivered_qty })) };
};
