// The authenticated caller, as every service sees it.
import { AppError } from './errors.ts';
import { narrowScope } from './scope.ts';
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

/** The part of the caller's scope a requested area names (all of it when none is named). Throws area.out_of_scope when they do not overlap. */
export const scopeWithin = (actor: Actor, area: string | undefined): string => {
  const s = narrowScope(actor.scope, area);
  if (s === null) throw new AppError('area.out_of_scope', `区域 ${area} 不在您的管辖范围内`);
  return s;
};
