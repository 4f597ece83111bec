// Households, houses, enterprises and things: scoped lists and reads, and registration of
// enterprises and devices. Rows are presented generically (camelCase, phones masked).
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import { evaluateCreditCode } from '../../lib/credit-code.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError, type ErrorCode } from '../../lib/errors.ts';
import { maskPhone } from '../../lib/masking.ts';
import { inScope } from '../../lib/scope.ts';
import type { ThingKind } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { movedPlace, placeColumns, placeInScope, type Place } from './registry-place.ts';
import { scopedAreaFilter } from '../areas/areas.service.ts';
import * as repo from './registry.repo.ts';

const notFound: Record<repo.ScopedTable, ErrorCode> = {
  households: 'household.not_found', houses: 'house.not_found', enterprises: 'enterprise.not_found', things: 'thing.not_found',
};

const camel = (k: string) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

const present = (row: Record<string, unknown>) => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'area_code') out.gridCode = v;
    else if (k === 'phone' && typeof v === 'string') out.phone = maskPhone(v);
    else out[camel(k)] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
};

/** Rows of one registry table in the caller's scope. Throws auth.forbidden, area.not_found. */
export const listRegistry = async (deps: Deps, actor: Actor, table: repo.ScopedTable, f: { area?: string; q?: string; limit: number; offset: number }) => {
  requirePermission(actor, 'registry.read');
  const prefix = await scopedAreaFilter(deps, actor, f.area);
  const { items, total } = await repo.listScoped(deps.db, table, { ...f, prefix });
  return { items: items.map(present), total };
};

/** One row in the caller's scope. Throws auth.forbidden, <table>.not_found. */
export const getRegistry = async (deps: Deps, actor: Actor, table: repo.ScopedTable, id: number) => {
  requirePermission(actor, 'registry.read');
  const row = await repo.getScoped(deps.db, table, id);
  if (!row || !inScope(actor.scope, row.area_code)) throw new AppError(notFound[table], `No ${table.slice(0, -1)} ${id} in your area`);
  return present(row);
};

/** Registers an enterprise. Throws enterprise.invalid_credit_code, enterprise.duplicate_credit_code, area.out_of_scope. */
export const createEnterprise = async (
  deps: Deps,
  actor: Actor,
  input: Place & { name: string; creditCode: string; legalPerson: string; phone?: string | null; industry?: string | null },
) => {
  requirePermission(actor, 'registry.write');
  const check = evaluateCreditCode(input.creditCode);
  if (!check.ok) throw new AppError('enterprise.invalid_credit_code', `统一社会信用代码无效：${check.reason}`, { field: 'creditCode' });
  const creditCode = input.creditCode.trim().toUpperCase();
  const where = await placeInScope(deps, actor, input);
  if (await repo.findEnterpriseByCreditCode(deps.db, creditCode)) throw new AppError('enterprise.duplicate_credit_code', '该统一社会信用代码已登记');
  const id = await deps.db.transaction().execute(async (trx) => {
    const [id] = await repo.insertEnterprises(trx, [
      { name: input.name, credit_code: creditCode, legal_person: input.legalPerson, phone: input.phone ?? null, industry: input.industry ?? null,
        ...placeColumns(where) },
    ]);
    await recordAudit(trx, actor, { action: 'enterprise.create', targetType: 'enterprise', targetId: id, areaCode: where.areaCode });
    return id!;
  });
  return getRegistry(deps, actor, 'enterprises', id);
};

/** Registers a device bound to an address and optionally a person. Throws area.out_of_scope, person.not_found, thing.duplicate_serial. */
export const createThing = async (deps: Deps, actor: Actor, input: Place & { kind: ThingKind; serial: string; name: string; personId?: number | null }) => {
  requirePermission(actor, 'registry.write');
  const where = await placeInScope(deps, actor, input);
  if (input.personId) {
    const area = await repo.getPersonArea(deps.db, input.personId);
    if (!area || !inScope(actor.scope, area)) throw new AppError('person.not_found', `No person ${input.personId} in your area`);
  }
  if (await repo.findThingBySerial(deps.db, input.serial)) throw new AppError('thing.duplicate_serial', `Device serial ${input.serial} is already registered`);
  const id = await deps.db.transaction().execute(async (trx) => {
    const { id } = await repo.insertThing(trx, {
      kind: input.kind, serial: input.serial, name: input.name, address_id: where.addressId, person_id: input.personId ?? null,
      county_code: where.areaCode.slice(0, 6), area_code: where.areaCode,
    });
    await recordAudit(trx, actor, { action: 'thing.create', targetType: 'thing', targetId: id, areaCode: where.areaCode });
    return id;
  });
  return getRegistry(deps, actor, 'things', id);
};

/** Changes an enterprise's contact, trade or address. Throws enterprise.not_found, area.out_of_scope. */
export const updateEnterprise = async (
  deps: Deps,
  actor: Actor,
  id: number,
  input: Place & { name?: string; legalPerson?: string; phone?: string | null; industry?: string | null },
) => {
  requirePermission(actor, 'registry.write');
  const before = await getRegistry(deps, actor, 'enterprises', id);
  const where = await movedPlace(deps, actor, input);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateEnterprise(trx, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.legalPerson !== undefined && { legal_person: input.legalPerson }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.industry !== undefined && { industry: input.industry }),
      ...(where && placeColumns(where)),
      updated_at: deps.clock(),
    });
    await recordAudit(trx, actor, { action: 'enterprise.update', targetType: 'enterprise', targetId: id, areaCode: String(before.gridCode), details: { fields: Object.keys(input), ...(where && { movedTo: where.areaCode }) } });
  });
  return getRegistry(deps, actor, 'enterprises', id);
};

/** Marks a device active, offline or retired. Throws thing.not_found. */
export const updateThingStatus = async (deps: Deps, actor: Actor, id: number, status: 'active' | 'offline' | 'retired') => {
  requirePermission(actor, 'registry.write');
  const before = await getRegistry(deps, actor, 'things', id);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateThing(trx, id, { status });
    await recordAudit(trx, actor, { action: 'thing.update', targetType: 'thing', targetId: id, areaCode: String(before.gridCode), details: { status } });
  });
  return getRegistry(deps, actor, 'things', id);
};

/** Opens a household at an address in scope; members join through PATCH /persons/:id. Throws area.out_of_scope, address.not_found. */
export const createHousehold = async (deps: Deps, actor: Actor, input: Place & { headName: string }) => {
  requirePermission(actor, 'registry.write');
  const where = await placeInScope(deps, actor, input);
  const id = await deps.db.transaction().execute(async (trx) => {
    const { address_text: _text, ...place } = placeColumns(where);
    const { id } = await repo.insertHousehold(trx, { head_name: input.headName, ...place });
    await recordAudit(trx, actor, { action: 'household.create', targetType: 'household', targetId: id, areaCode: where.areaCode });
    return id;
  });
  return getRegistry(deps, actor, 'households', id);
};

/**
 * The household a caller acts for: a resident only their own (named or not), staff one in their scope.
 * Throws household.not_found, request.invalid.
 */
export const householdForCaller = async (deps: Deps, actor: Actor, householdId?: number) => {
  const resident = actor.roles.includes('resident');
  if (resident) {
    const own = actor.personId ? (await repo.householdOfPerson(deps.db, actor.personId))?.household_id ?? null : null;
    if (own === null || (householdId !== undefined && householdId !== own)) throw new AppError('household.not_found', '居民只能为本户办理');
    householdId = own;
  }
  if (householdId === undefined) throw new AppError('request.invalid', 'householdId is required');
  const h = await repo.getHouseholdRow(deps.db, householdId);
  if (!h || (!resident && !inScope(actor.scope, h.area_code))) throw new AppError('household.not_found', `No household ${householdId} in your area`);
  return h;
};
