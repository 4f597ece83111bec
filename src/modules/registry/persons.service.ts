// Persons (人): scoped search and reads with masking, a full read that is audited, and writes.
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { evaluateIdNumber } from '../../lib/id-number.ts';
import { maskIdNumber, maskPhone } from '../../lib/masking.ts';
import { inScope } from '../../lib/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scopedAreaFilter } from '../areas/areas.service.ts';
import { movedPlace, placeColumns, placeInScope } from './registry-place.ts';
import * as repo from './persons.repo.ts';

const present = (p: repo.PersonRow, reveal: boolean) => ({
  id: p.id,
  name: p.name,
  idNumber: reveal ? p.id_number : maskIdNumber(p.id_number),
  gender: p.gender,
  birthDate: String(p.birth_date).slice(0, 10),
  phone: p.phone === null ? null : reveal ? p.phone : maskPhone(p.phone),
  addressId: p.address_id,
  address: p.standard_address ?? p.address_text,
  householdId: p.household_id,
  relation: p.relation,
  gridCode: p.area_code,
  tags: p.tags,
  masked: !reveal,
  updatedAt: p.updated_at.toISOString(),
});
export type PersonOut = ReturnType<typeof present>;

/** Persons in the caller's scope, masked. Throws auth.forbidden, area.not_found. */
export const listPersons = async (
  deps: Deps,
  actor: Actor,
  f: { area?: string; q?: string; idNumber?: string; phone?: string; tag?: string; householdId?: number; limit: number; offset: number },
) => {
  requirePermission(actor, 'registry.read');
  const prefix = await scopedAreaFilter(deps, actor, f.area);
  const { items, total } = await repo.listPersons(deps.db, { ...f, prefix });
  return { items: items.map((p) => present(p, false)), total };
};

const getInScope = async (deps: Deps, actor: Actor, id: number) => {
  const p = await repo.getPerson(deps.db, id);
  if (!p || !inScope(actor.scope, p.area_code)) throw new AppError('person.not_found', `No person ${id} in your area`);
  return p;
};

/** One person, masked; with `reveal`, in full and written to the audit log. Throws auth.forbidden, person.not_found. */
export const getPerson = async (deps: Deps, actor: Actor, id: number, reveal = false) => {
  requirePermission(actor, 'registry.read');
  if (reveal) requirePermission(actor, 'person.reveal');
  const p = await getInScope(deps, actor, id);
  if (reveal) await recordAudit(deps.db, actor, { action: 'person.reveal', targetType: 'person', targetId: id, areaCode: p.area_code });
  return present(p, reveal);
};

export type PersonInput = {
  name: string;
  idNumber: string;
  phone?: string | null;
  addressId?: number | null;
  addressText?: string | null;
  areaCode?: string | null;
  householdId?: number | null;
  relation?: string | null;
  tags?: string[];
};

const assertHouseholdInScope = async (deps: Deps, actor: Actor, householdId: number | null | undefined) => {
  if (!householdId) return;
  const area = await repo.getHouseholdArea(deps.db, householdId);
  if (!area || !inScope(actor.scope, area)) throw new AppError('household.not_found', `No household ${householdId} in your area`);
};

/** Registers a person in the caller's scope. Throws person.invalid_id_number, person.duplicate_id_number, area.out_of_scope, address.not_found. */
export const createPerson = async (deps: Deps, actor: Actor, input: PersonInput) => {
  requirePermission(actor, 'registry.write');
  const check = evaluateIdNumber(input.idNumber, deps.clock());
  if (!check.ok) throw new AppError('person.invalid_id_number', `身份证号无效：${check.reason}`, { field: 'idNumber' });
  const where = await placeInScope(deps, actor, input);
  const idNumber = input.idNumber.trim().toUpperCase();
  await assertHouseholdInScope(deps, actor, input.householdId);
  if (await repo.findPersonIdByIdNumber(deps.db, idNumber)) throw new AppError('person.duplicate_id_number', '该身份证号已登记');
  const id = await deps.db.transaction().execute(async (trx) => {
    const [id] = await repo.insertPersons(trx, [
      {
        name: input.name.trim(), id_number: idNumber, gender: check.info.gender, birth_date: check.info.birthDate,
        region_code: check.info.regionCode, phone: input.phone ?? null, ...placeColumns(where),
        household_id: input.householdId ?? null, relation: input.relation ?? null, tags: input.tags ?? [],
      },
    ]);
    await recordAudit(trx, actor, { action: 'person.create', targetType: 'person', targetId: id, areaCode: where.areaCode });
    return id!;
  });
  return present(await getInScope(deps, actor, id), false);
};

/** Changes a person's contact, address or tags. Throws person.not_found, area.out_of_scope. */
export const updatePerson = async (deps: Deps, actor: Actor, id: number, input: Partial<Omit<PersonInput, 'idNumber'>>) => {
  requirePermission(actor, 'registry.write');
  const before = await getInScope(deps, actor, id);
  const where = await movedPlace(deps, actor, input);
  await assertHouseholdInScope(deps, actor, input.householdId);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updatePerson(trx, id, {
      ...(input.name !== undefined && { name: input.name.trim() }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.tags !== undefined && { tags: input.tags }),
      ...(input.relation !== undefined && { relation: input.relation }),
      ...(input.householdId !== undefined && { household_id: input.householdId }),
      ...(where && placeColumns(where)),
      updated_at: deps.clock(),
    });
    await recordAudit(trx, actor, { action: 'person.update', targetType: 'person', targetId: id, areaCode: before.area_code, details: { fields: Object.keys(input), ...(where && { movedTo: where.areaCode }) } });
  });
  return present(await getInScope(deps, actor, id), false);
};

/** Removes a person from the registry. Throws person.not_found. */
export const removePerson = async (deps: Deps, actor: Actor, id: number) => {
  requirePermission(actor, 'registry.write');
  const p = await getInScope(deps, actor, id);
  await deps.db.transaction().execute(async (trx) => {
    await repo.deletePerson(trx, id);
    await recordAudit(trx, actor, { action: 'person.remove', targetType: 'person', targetId: id, areaCode: p.area_code });
  });
};
