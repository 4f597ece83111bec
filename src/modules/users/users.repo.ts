import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const findUserByUsername = (db: Kysely<DB>, username: string) =>
  db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

export const getUser = (db: Kysely<DB>, id: number) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

/** The session's user with the scope root: a unit-bound user sees their unit's area. */
export const findSessionUser = (db: Kysely<DB>, tokenHash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.username', 'users.roles', 'users.area_code', 'users.unit_id', 'users.person_id', 'users.disabled_at', 'sessions.expires_at'])
    .select('units.area_code as unit_area_code')
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();

/** A user with the scope root as a session would give it (for the command line acting as that user). */
export const findActorUser = (db: Kysely<DB>, username: string) =>
  db
    .selectFrom('users')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.username', 'users.roles', 'users.area_code', 'users.unit_id', 'users.person_id', 'users.disabled_at'])
    .select('units.area_code as unit_area_code')
    .where('users.username', '=', username)
    .executeTakeFirst();

export const insertSession = (db: Kysely<DB>, s: { tokenHash: string; userId: number; expiresAt: Date; ip: string | null }) =>
  db.insertInto('sessions').values({ token_hash: s.tokenHash, user_id: s.userId, expires_at: s.expiresAt, ip: s.ip }).execute();

export const deleteSession = (db: Kysely<DB>, tokenHash: string) =>
  db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();

export const deleteSessionsOfUser = (db: Kysely<DB>, userId: number) =>
  db.deleteFrom('sessions').where('user_id', '=', userId).execute();

/**
 * Counts a login attempt before the password is checked, atomically, so parallel guesses cannot all
 * slip past the limit. An expired lock starts the count again. Returns the attempt's number since
 * the last success, or null while the account is locked.
 */
export const claimLoginAttempt = async (db: Kysely<DB>, userId: number, now: Date) => {
  const row = await db
    .updateTable('users')
    .set({
      failed_logins: sql`CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END`,
      locked_until: null,
    })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('failed_logins')
    .executeTakeFirst();
  return row?.failed_logins ?? null;
};

export const lockUser = (db: Kysely<DB>, userId: number, until: Date) =>
  db.updateTable('users').set({ locked_until: until }).where('id', '=', userId).execute();

export const resetLoginFailures = (db: Kysely<DB>, userId: number) =>
  db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();

export const setDisabled = (db: Kysely<DB>, userId: number, at: Date | null) =>
  db.updateTable('users').set({ disabled_at: at }).where('id', '=', userId).execute();

export const insertUser = (
  db: Kysely<DB>,
  u: { username: string; displayName: string; passwordHash: string; roles: string[]; areaCode: string; unitId: number | null },
) =>
  db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      roles: u.roles,
      area_code: u.areaCode,
      unit_id: u.unitId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export const listUsers = async (db: Kysely<DB>, f: { scope: string; limit: number; offset: number }) => {
  const q = db.selectFrom('users').where('area_code', 'like', `${f.scope}%`);
  const [items, count] = await Promise.all([
    q.selectAll().orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
};

/** Tells every process on this database (LISTEN) something; delivered when the transaction commits. */
export const notify = (db: Kysely<DB>, channel: string, payload: string) => sql`SELECT pg_notify(${channel}, ${payload})`.execute(db);
