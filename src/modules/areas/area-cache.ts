// In-memory indexes built from the database on first use: the address resolver and point → grid.
// An import that changes addresses or grids drops them, so the next use rebuilds.
import type { Deps } from '../../lib/deps.ts';
import { buildAddressIndex, type AddressIndex } from './address-resolver.ts';
import { loadStandardAddresses } from './addresses.repo.ts';
import { allGridGeometries } from './areas.repo.ts';
import { buildPointIndex, type GridGeometry, type PointIndex } from './point-index.ts';

type Caches = { addresses?: Promise<AddressIndex>; grids?: Promise<PointIndex> };
const caches = new WeakMap<Deps, Caches>();

const cacheOf = (deps: Deps): Caches => {
  let c = caches.get(deps);
  if (!c) caches.set(deps, (c = {}));
  return c;
};

// A failed load is not kept, so the next call tries again.
const forgetOnFailure = <T>(deps: Deps, p: Promise<T>): Promise<T> => p.catch((e: unknown) => {
  caches.delete(deps);
  throw e;
});

export const addressIndexOf = (deps: Deps): Promise<AddressIndex> =>
  (cacheOf(deps).addresses ??= forgetOnFailure(deps, loadStandardAddresses(deps.db).then(buildAddressIndex)));

export const pointIndexOf = (deps: Deps): Promise<PointIndex> =>
  (cacheOf(deps).grids ??= forgetOnFailure(deps, allGridGeometries(deps.db).then((rows) => buildPointIndex(rows.map((r) => ({ code: r.code, geometry: r.geometry as GridGeometry }))))));

export const invalidateAreaCaches = (deps: Deps): void => void caches.delete(deps);
