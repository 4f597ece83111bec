// Sign-in, sessions and the caller's identity. Tokens are opaque and stored only as their hash.
import type { Actor } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { hashPassword, hashToken, newToken, verifyPassword } from '../../lib/passwords.ts';
import { createRefreshingCache, type RefreshingCache } from '../../lib/refreshing-cache.ts';
import { isRole, permissionsOf } from '../../lib/roles.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './users.repo.ts';
import { presentUser } from './users.service.ts';

export const LOCKOUT = { maxFailures: 5, minutes: 15 } as const;

// Spends the same scrypt time for unknown usernames, so timing does not reveal which exist.
let dummyHash: Promise<string> | null = null;


/** Signs in. Throws auth.invalid_credentials, auth.locked, auth.disabled. */
export const login = async (deps: Deps, input: { username: string; password: string; ip: string | null }) => {
  const now = deps.clock();
  const user = await repo.findUserByUsername(deps.db, input.username);
  if (!user) {
    await recordAudit(deps.db, null, { action: 'auth.login_unknown_user', targetType: 'user', areaCode: null, details: { username: input.username.slice(0, 64), ip: input.ip } });
    dummyHash ??= hashPassword('not-a-user');
    await verifyPassword(input.password, await dummyHash);
    throw new AppError('auth.invalid_credentials', '用户名或密码错误 (wrong username or password)');
  }
  const lockedError = (until: Date) =>
    new AppError('auth.locked', `连续${LOCKOUT.maxFailures}次密码错误，账号锁定至 ${until.toISOString()}`, { lockedUntil: until.toISOString() });
  const attempt = await repo.claimLoginAttempt(deps.db, user.id, now);
  if (attempt === null) {
    await recordAudit(deps.db, null, { action: 'auth.login_locked', targetType: 'user', targetId: user.id, areaCode: user.area_code, details: { username: user.username, ip: input.ip } });
    throw lockedError(user.locked_until ?? now);
  }
  const lockUntil = new Date(now.getTime() + LOCKOUT.minutes * 60_000);
  if (attempt > LOCKOUT.maxFailures) {
    // Parallel guesses past the limit are refused without checking the password.
    await repo.lockUser(deps.db, user.id, lockUntil);
    throw lockedError(lockUntil);
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    await recordAudit(deps.db, null, { action: 'auth.login_failed', targetType: 'user', targetId: user.id, areaCode: user.area_code, details: { username: user.username, ip: input.ip } });
    if (attempt === LOCKOUT.maxFailures) {
      await repo.lockUser(deps.db, user.id, lockUntil);
      throw lockedError(lockUntil);
    }
    throw new AppError('auth.invalid_credentials', '用户名或密码错误 (wrong username or password)');
  }
  if (user.disabled_at) throw new AppError('auth.disabled', '账号已停用 (this account is disabled)');
  const token = newToken();
  const expiresAt = new Date(now.getTime() + deps.config.sessionHours * 3_600_000);
  await deps.db.transaction().execute(async (trx) => {
    await repo.resetLoginFailures(trx, user.id);
    await repo.insertSession(trx, { tokenHash: hashToken(token), userId: user.id, expiresAt, ip: input.ip });
    await recordAudit(trx, null, { action: 'auth.login', targetType: 'user', targetId: user.id, areaCode: user.area_code, details: { username: user.username, ip: input.ip } });
  });
  return { token, expiresAt: expiresAt.toISOString(), user: presentUser(user, now) };
};

// A session is read on every request; a live one is kept in memory for up to 30 s, under the token
// itself, so that a request it answers costs no hash, and reloaded in the background in its last 5 s.
// Logout and disable drop it at once: in this process directly, in every other through NOTIFY (which
// names the hash, never the token).
export const SESSION_CHANNEL = 'zhili_sessions';
type SessionRow = NonNullable<Awaited<ReturnType<typeof repo.findSessionUser>>>;
// The actor is built once per cached session (roles, permissions), not on every request.
type CachedSession = { hash: string; row: SessionRow; actor: Actor };
const sessionCaches = new WeakMap<Deps, RefreshingCache<string, CachedSession, string | null>>();

const sessionCache = (deps: Deps) => {
  let c = sessionCaches.get(deps);
  if (!c) {
    c = createRefreshingCache({
      ttlMs: 30_000, refreshMs: 25_000, max: 20_000, onError: (err) => deps.log.warn({ err }, 'a session could not be reloaded'),
      load: async (token, ip) => {
        const hash = hashToken(token);
        const row = await repo.findSessionUser(deps.db, hash);
        return row ? { hash, row, actor: actorFrom(row, ip) } : undefined;
      },
    });
    sessionCaches.set(deps, c);
  }
  return c;
};

/** Drops cached sessions: `token:<hash>` or `user:<id>` (all of a user's). */
export const forgetSessions = (deps: Deps, what: string) =>
  sessionCache(deps).deleteWhere((entry) => what === `token:${entry.hash}` || what === `user:${entry.row.id}`);

/**
 * Ends every session of a user in the transaction that disables them; every process is told on commit
 * (NOTIFY). The caller forgets them here after the commit: forgotten before it, a request in between
 * could read the session back from the database as still live.
 */
export const endSessionsOf = async (db: Parameters<typeof repo.notify>[0], userId: number) => {
  await repo.deleteSessionsOfUser(db, userId);
  await repo.notify(db, SESSION_CHANNEL, `user:${userId}`);
};

/** Ends the session behind `token`. */
export const logout = async (deps: Deps, token: string) => {
  const hash = hashToken(token);
  await repo.deleteSession(deps.db, hash);
  await repo.notify(deps.db, SESSION_CHANNEL, `token:${hash}`);
  forgetSessions(deps, `token:${hash}`);
};

type UserRow = Pick<SessionRow, 'id' | 'username' | 'roles' | 'area_code' | 'unit_area_code' | 'unit_id' | 'person_id'>;

const actorFrom = (row: UserRow, ip: string | null): Actor => {
  const roles = row.roles.filter(isRole);
  return {
    userId: row.id,
    username: row.username,
    roles,
    scope: row.unit_area_code ?? row.area_code,
    unitId: row.unit_id,
    personId: row.person_id,
    permissions: permissionsOf(roles),
    ip,
  };
};

/** The actor behind a bearer token. Throws auth.unauthenticated, auth.session_expired, auth.disabled. */
export const authenticate = async (deps: Deps, token: string, ip: string | null): Promise<Actor> => {
  const session = await sessionCache(deps).get(token, ip);
  if (!session) throw new AppError('auth.unauthenticated', '未登录或登录已失效，请重新登录 (unknown session)');
  const { row, actor } = session;
  if (row.expires_at <= deps.clock()) throw new AppError('auth.session_expired', '登录已过期，请重新登录 (session expired)');
  if (row.disabled_at) throw new AppError('auth.disabled', '账号已停用 (this account is disabled)');
  return actor.ip === ip ? actor : { ...actor, ip };
};

/** The actor a named, enabled user would be when signed in (the command line acts as them). Throws user.not_found, auth.disabled. */
export const getUserActor = async (deps: Deps, username: string): Promise<Actor> => {
  const row = await repo.findActorUser(deps.db, username);
  if (!row) throw new AppError('user.not_found', `No user ${username}`);
  if (row.disabled_at) throw new AppError('auth.disabled', `${username} is disabled`);
  return actorFrom(row, null);
};

/** The signed-in user's own record. */
export const getMe = async (deps: Deps, actor: Actor) => {
  const user = await repo.getUser(deps.db, actor.userId);
  if (!user) throw new AppError('auth.unauthenticated', 'Session user no longer exists');
  return { ...presentUser(user, deps.clock()), scope: actor.scope, permissions: [...actor.permissions] };
};
