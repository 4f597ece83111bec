import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** Reserves `n` ids from a table's serial, so rows that refer to each other can be built before insert. */
export const reserveIds = async (db: Kysely<DB>, sequence: string, n: number): Promise<number[]> => {
  if (n === 0) return [];
  const res = await sql<{ id: number }>`SELECT nextval(${sequence}::regclass)::int8 AS id FROM generate_series(1, ${n})`.execute(db);
  return res.rows.map((r) => Number(r.id));
};
