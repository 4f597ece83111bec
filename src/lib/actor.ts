// The authenticated caller, as every service sees it.
import { AppError } from './errors.ts';
import type { Permission, Role } from './roles.ts';

export type Actor = {
  userId: number;
  username: string;
  roles: readonly Role[];
  /** Root of the subtree this user may see: an area or a grid code (a handler: their unit's area). */
  scope: string;
  unitId: number | null;
  /** A resident's own registry entry. */
  personId: number | null;
  permissions: ReadonlySet<Permission>;
  ip: string | null;
};

/** Throws `auth.forbidden` unless the actor holds `permission`. */
export const requirePermission = (actor: Actor, permission: Permission): void => {
  if (!actor.permissions.has(permission)) {
    throw new AppError('auth.forbidden', `Your role may not do this (needs ${permission})`);
  }
};
