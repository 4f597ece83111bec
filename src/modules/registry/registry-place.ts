// Where a registry record sits, checked against the caller's scope.
import type { Actor } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { inScope } from '../../lib/scope.ts';
import { locate, type Location } from '../areas/addresses.service.ts';
import { assertAreaOrGridExists } from '../areas/areas.service.ts';

export type Place = { addressId?: number | null; addressText?: string | null; areaCode?: string | null };

/** Locates a record and checks it lies in scope. Throws address.not_found, area.unknown_code, area.out_of_scope. */
export const placeInScope = async (deps: Deps, actor: Actor, place: Place): Promise<Location> => {
  const where = await locate(deps, place);
  if (!inScope(actor.scope, where.areaCode)) throw new AppError('area.out_of_scope', `地址不在您的管辖范围内 (${where.areaCode})`);
  if (!where.addressId) await assertAreaOrGridExists(deps, where.areaCode);
  return where;
};

/** The columns that place a record, as a registry table stores them. */
export const placeColumns = (where: Location) => ({
  address_id: where.addressId, address_text: where.addressText, area_code: where.areaCode, county_code: where.areaCode.slice(0, 6),
});

/** For an update: the new place when the input names one (checked against scope), else null. */
export const movedPlace = (deps: Deps, actor: Actor, input: Place): Promise<Location | null> =>
  input.addressId !== undefined || input.addressText !== undefined || input.areaCode !== undefined ? placeInScope(deps, actor, input) : Promise.resolve(null);

/** For an import row: the located address, or null after reporting why through `bad`. */
export const locateRow = async (deps: Deps, actor: Actor, address: string, bad: (reason: string) => void): Promise<Location | null> => {
  if (!address) {
    bad('地址为空');
    return null;
  }
  try {
    return await placeInScope(deps, actor, { addressText: address });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    bad(e.message);
    return null;
  }
};
