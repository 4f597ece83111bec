// Managing accounts: sys_admin creates users within their scope; sec_admin disables, enables, unlocks.
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { evaluateRoleSet, isRole, type Role } from '../../lib/roles.ts';
import { inScope } from '../../lib/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertAreaOrGridExists } from '../areas/areas.service.ts';
import { getUnitInScope } from '../units/units.service.ts';
import { endSessionsOf, forgetSessions } from './auth.service.ts';
import * as repo from './users.repo.ts';

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.getUser>>>;

/** A user as the API shows it. */
export const presentUser = (u: UserRow, now: Date) => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  roles: u.roles,
  areaCode: u.area_code,
  unitId: u.unit_id,
  disabled: u.disabled_at !== null,
  locked: u.locked_until !== null && u.locked_until > now,
  createdAt: u.created_at.toISOString(),
});

/** Users in the caller's scope. Throws auth.forbidden. */
export const listUsers = async (deps: Deps, actor: Actor, page: { limit: number; offset: number }) => {
  requirePermission(actor, 'user.read');
  const { items, total } = await repo.listUsers(deps.db, { scope: actor.scope, ...page });
  return { items: items.map((u) => presentUser(u, deps.clock())), total };
};

const getUserInScope = async (deps: Deps, actor: Actor, id: number) => {
  const user = await repo.getUser(deps.db, id);
  if (!user || !inScope(actor.scope, user.area_code)) throw new AppError('user.not_found', `No user ${id} in your area`);
  return user;
};

/** Creates a user bound to an area, grid or unit in the caller's scope. Throws auth.forbidden, user.bad_roles, unit.not_found, area.out_of_scope, area.unknown_code, user.duplicate_username. */
export const createUser = async (
  deps: Deps,
  actor: Actor,
  input: { username: string; displayName: string; password: string; roles: string[]; areaCode: string; unitId?: number | null },
) => {
  requirePermission(actor, 'user.manage');
  const roles = input.roles.filter(isRole);
  if (roles.length !== input.roles.length) throw new AppError('user.bad_roles', `Unknown role in ${input.roles.join(', ')}`);
  const conflict = evaluateRoleSet(roles);
  if (conflict) throw new AppError('user.bad_roles', conflict);
  // A unit-bound user sees their unit's area, so the unit must lie in the creator's scope too.
  const unit = input.unitId ? await getUnitInScope(deps, actor, input.unitId) : null;
  const areaCode = unit?.areaCode ?? input.areaCode;
  if (!inScope(actor.scope, areaCode)) throw new AppError('area.out_of_scope', `Area ${areaCode} is outside your area ${actor.scope}`);
  await assertAreaOrGridExists(deps, areaCode);
  if (await repo.findUserByUsername(deps.db, input.username)) {
    throw new AppError('user.duplicate_username', `Username ${input.username} is taken`);
  }
  const passwordHash = await hashPassword(input.password);
  const id = await deps.db.transaction().execute(async (trx) => {
    const { id } = await repo.insertUser(trx, { ...input, areaCode, roles: roles as Role[], passwordHash, unitId: unit?.id ?? null });
    await recordAudit(trx, actor, { action: 'user.create', targetType: 'user', targetId: id, areaCode, details: { username: input.username, roles, unitId: unit?.id ?? null } });
    return id;
  });
  return presentUser((await repo.getUser(deps.db, id))!, deps.clock());
};

/** Disables a user and ends all their sessions at once. Throws auth.forbidden, user.not_found. */
export const disableUser = async (deps: Deps, actor: Actor, id: number) => {
  requirePermission(actor, 'user.disable');
  const user = await getUserInScope(deps, actor, id);
  await deps.db.transaction().execute(async (trx) => {
    await repo.setDisabled(trx, id, deps.clock());
    await endSessionsOf(trx, id);
    await recordAudit(trx, actor, { action: 'user.disable', targetType: 'user', targetId: id, areaCode: user.area_code });
  });
  forgetSessions(deps, `user:${id}`);
  return presentUser((await repo.getUser(deps.db, id))!, deps.clock());
};

/** Enables a disabled user and clears a lockout. Throws auth.forbidden, user.not_found. */
export const enableUser = async (deps: Deps, actor: Actor, id: number) => {
  requirePermission(actor, 'user.disable');
  const user = await getUserInScope(deps, actor, id);
  await deps.db.transaction().execute(async (trx) => {
    await repo.setDisabled(trx, id, null);
    await repo.resetLoginFailures(trx, id);
    await recordAudit(trx, actor, { action: 'user.enable', targetType: 'user', targetId: id, areaCode: user.area_code });
  });
  return presentUser((await repo.getUser(deps.db, id))!, deps.clock());
};
