// The unified address library: resolution of free text and points (reference data, open to all
// staff like a map), scoped listing, and CSV import.
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { addressIndexOf, pointIndexOf } from './area-cache.ts';
import { resolveAddress as resolveText } from './address-resolver.ts';
import type { StandardAddress } from './address-types.ts';
import * as repo from './addresses.repo.ts';
import { scopedAreaFilter } from './areas.service.ts';
import { findGrid } from './point-index.ts';

const presentStandard = (a: StandardAddress) => ({
  id: a.id,
  level: a.level,
  fullText: a.fullText,
  gridCode: a.gridCode,
  communityCode: a.communityCode,
  streetCode: a.streetCode,
  countyCode: a.countyCode,
  road: a.road,
  roadNumber: a.roadNumber,
  compound: a.compound,
  building: a.building,
  unit: a.unit,
  room: a.room,
  lng: a.lng,
  lat: a.lat,
});

/** Resolves free text to a standard address and its grid, or says why it cannot. */
export const resolveAddressText = async (deps: Deps, text: string) => {
  const r = resolveText(await addressIndexOf(deps), text);
  return r.status === 'resolved'
    ? { status: r.status, confidence: r.confidence, matchedLevel: r.matchedLevel, notes: r.notes, address: presentStandard(r.address) }
    : { status: r.status, reason: r.reason, message: r.message, candidates: (r.candidates ?? []).slice(0, 5).map(presentStandard) };
};

/** The grid a point lies in, or null outside every grid. */
export const resolvePoint = async (deps: Deps, lng: number, lat: number) => ({ gridCode: findGrid(await pointIndexOf(deps), lng, lat) });

type AddressRow = NonNullable<Awaited<ReturnType<typeof repo.getAddress>>>;
const present = (a: AddressRow) => ({
  id: a.id,
  level: a.level,
  parentId: a.parent_id,
  fullText: a.full_text,
  gridCode: a.area_code,
  communityCode: a.community_code,
  road: a.road,
  roadNumber: a.road_number,
  compound: a.compound,
  building: a.building,
  unit: a.unit,
  room: a.room,
  lng: a.lng,
  lat: a.lat,
});

/** Addresses in the caller's scope. Throws auth.forbidden, area.not_found. */
export const listAddresses = async (deps: Deps, actor: Actor, q: { area?: string; q?: string; level?: string; limit: number; offset: number }) => {
  requirePermission(actor, 'area.read');
  const prefix = await scopedAreaFilter(deps, actor, q.area);
  const { items, total } = await repo.listAddresses(deps.db, { ...q, prefix });
  return { items: items.map(present), total };
};

/** One address in the caller's scope. Throws auth.forbidden, address.not_found. */
export const getAddress = async (deps: Deps, actor: Actor, id: number) => {
  requirePermission(actor, 'area.read');
  const a = await repo.getAddress(deps.db, id);
  if (!a || !a.area_code.startsWith(actor.scope)) throw new AppError('address.not_found', `No address ${id} in your area`);
  return present(a);
};

export type Location = { addressId: number | null; addressText: string | null; areaCode: string; lng: number | null; lat: number | null };

/**
 * Where a registry record sits: an address id, free text resolved through the library, or a bare
 * area/grid code. Throws address.not_found, area.unknown_code (text that does not resolve is kept as
 * text, placed at `areaCode`, or refused when there is no area either).
 */
export const locate = async (deps: Deps, input: { addressId?: number | null; addressText?: string | null; areaCode?: string | null }): Promise<Location> => {
  if (input.addressId) {
    const a = await repo.getAddress(deps.db, input.addressId);
    if (!a) throw new AppError('address.not_found', `No address ${input.addressId}`);
    return { addressId: a.id, addressText: a.full_text, areaCode: a.area_code, lng: a.lng, lat: a.lat };
  }
  const text = input.addressText?.trim();
  if (text) {
    const r = resolveText(await addressIndexOf(deps), text);
    if (r.status === 'resolved') return { addressId: r.address.id, addressText: text, areaCode: r.address.gridCode, lng: r.address.lng, lat: r.address.lat };
    if (!input.areaCode) throw new AppError('address.not_found', `地址无法识别：${r.message}`, { reason: r.reason });
  }
  if (!input.areaCode) throw new AppError('request.invalid', 'Give an addressId, an address text or an areaCode');
  return { addressId: null, addressText: text ?? null, areaCode: input.areaCode, lng: null, lat: null };
};
