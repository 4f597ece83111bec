// SQL of supplies: warehouses and stock (a CHECK keeps stock from going below zero), requests with
// their household, zone and people, and delivered-vs-requested figures.
import { sql, type Kysely, type Updateable } from 'kysely';
import type { DB, SupplyRequestsTable, SupplyStatus } from '../../db/schema.ts';
import type { Line } from './supply-items.ts';

const like = (scope: string) => `${scope}%`;

export const listWarehouses = async (db: Kysely<DB>, scope: string) => {
  const rows = await db.selectFrom('supply_warehouses').selectAll()
    // The street's warehouses serve every grid below it: seen from inside the street, or from above it.
    .where((eb) => eb.or([eb('area_code', 'like', like(scope)), sql<boolean>`${scope} LIKE area_code || '%'`]))
    .orderBy('id').execute();
  const stock = rows.length ? await db.selectFrom('supply_stock').selectAll().where('warehouse_id', 'in', rows.map((r) => r.id)).execute() : [];
  return rows.map((w) => ({ ...w, stock: stock.filter((s) => s.warehouse_id === w.id) }));
};

export const getWarehouse = (db: Kysely<DB>, id: number) => db.selectFrom('supply_warehouses').selectAll().where('id', '=', id).executeTakeFirst();

export const insertWarehouse = (db: Kysely<DB>, row: { name: string; area_code: string; county_code: string; address_text: string | null }) =>
  db.insertInto('supply_warehouses').values(row).returning('id').executeTakeFirstOrThrow();

/** Adds stock, or with a negative quantity takes it; false when there is not that much to take. */
export const addStock = async (db: Kysely<DB>, warehouseId: number, item: string, delta: number) => {
  if (delta >= 0) {
    await sql`
      INSERT INTO supply_stock (warehouse_id, item, quantity) VALUES (${warehouseId}, ${item}, ${delta}::int)
      ON CONFLICT (warehouse_id, item) DO UPDATE SET quantity = supply_stock.quantity + ${delta}::int, updated_at = now()`.execute(db);
    return true;
  }
  const { rows } = await sql`
    UPDATE supply_stock SET quantity = quantity + ${delta}::int, updated_at = now()
    WHERE warehouse_id = ${warehouseId} AND item = ${item} AND quantity + ${delta}::int >= 0 RETURNING quantity`.execute(db);
  return rows.length > 0;
};

/** Takes every line from a warehouse, or nothing: returns the items short. */
export const takeStock = async (db: Kysely<DB>, warehouseId: number, lines: readonly Line[]) => {
  const { rows } = await sql<{ item: string }>`
    WITH want AS (SELECT * FROM unnest(${lines.map((l) => l.item)}::text[], ${lines.map((l) => l.quantity)}::int[]) AS w (item, quantity)),
    short AS (
      SELECT w.item FROM want w LEFT JOIN supply_stock s ON s.warehouse_id = ${warehouseId} AND s.item = w.item
      WHERE COALESCE(s.quantity, 0) < w.quantity
    )
    SELECT item FROM short`.execute(db);
  if (rows.length) return rows.map((r) => r.item);
  await sql`
    UPDATE supply_stock s SET quantity = s.quantity - w.quantity, updated_at = now()
    FROM unnest(${lines.map((l) => l.item)}::text[], ${lines.map((l) => l.quantity)}::int[]) AS w (item, quantity)
    WHERE s.warehouse_id = ${warehouseId} AND s.item = w.item`.execute(db);
  return [];
};

export const lockStock = (db: Kysely<DB>, warehouseId: number) =>
  sql`SELECT 1 FROM supply_stock WHERE warehouse_id = ${warehouseId} FOR UPDATE`.execute(db);

export type RequestFilter = { scope: string; status?: SupplyStatus; assigneeId?: number; householdId?: number; limit: number; offset: number };

const requestRows = (db: Kysely<DB>) =>
  db.selectFrom('supply_requests as r')
    .innerJoin('households as h', 'h.id', 'r.household_id')
    .leftJoin('addresses as ad', 'ad.id', 'h.address_id')
    .leftJoin('supply_warehouses as w', 'w.id', 'r.warehouse_id')
    .leftJoin('users as u', 'u.id', 'r.assignee_id')
    .select((eb) => [
      'r.id', 'r.household_id', 'h.head_name', 'ad.full_text as address', 'r.area_code', 'r.items', 'r.delivered_items', 'r.note', 'r.status', 'r.requested_at',
      'r.warehouse_id', 'w.name as warehouse_name', 'r.assignee_id', 'u.display_name as assignee_name', 'r.allocated_at', 'r.delivered_at',
      eb.selectFrom('risk_zone_addresses as za').innerJoin('risk_zones as z', 'z.id', 'za.zone_id')
        .select(sql<{ id: number; name: string; level: string }>`json_build_object('id', z.id, 'name', z.name, 'level', z.level)`.as('z'))
        .whereRef('za.address_id', '=', 'h.address_id').where('z.status', '=', 'active').orderBy('z.id', 'desc').limit(1).as('zone'),
    ]);
export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestRows>['execute']>>[number];

export const listRequests = async (db: Kysely<DB>, f: RequestFilter) => {
  let q = requestRows(db).where('r.area_code', 'like', like(f.scope));
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.assigneeId) q = q.where('r.assignee_id', '=', f.assigneeId);
  if (f.householdId) q = q.where('r.household_id', '=', f.householdId);
  const [items, total] = await Promise.all([
    q.orderBy('r.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
};

export const getRequest = (db: Kysely<DB>, id: number) => requestRows(db).where('r.id', '=', id).executeTakeFirst();

export const lockRequest = (db: Kysely<DB>, id: number) =>
  db.selectFrom('supply_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const insertRequest = (db: Kysely<DB>, row: { household_id: number; county_code: string; area_code: string; items: string; note: string | null; requested_by: number; requested_at: Date }) =>
  db.insertInto('supply_requests').values(row).returning('id').executeTakeFirstOrThrow();

export const updateRequest = (db: Kysely<DB>, id: number, set: Updateable<SupplyRequestsTable>) =>
  db.updateTable('supply_requests').set(set).where('id', '=', id).execute();

export const gridStaffUsers = (db: Kysely<DB>, grid: string) =>
  db.selectFrom('grid_staff as s').innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.display_name as name', 's.duty']).where('s.grid_code', '=', grid).where('u.disabled_at', 'is', null).orderBy('u.id').execute();

/** Requested and delivered per grid, or per zone for the requests made while it was in force; cancelled ones left out. */
export const summary = async (db: Kysely<DB>, scope: string, by: 'grid' | 'zone') => {
  const key = by === 'grid' ? sql<string>`r.area_code` : sql<string>`z.id::text`;
  const name = by === 'grid' ? sql<string>`COALESCE(g.name, r.area_code)` : sql<string>`z.name`;
  const joins = by === 'grid'
    ? sql`LEFT JOIN grids g ON g.code = r.area_code`
    : sql`JOIN households h ON h.id = r.household_id JOIN risk_zone_addresses za ON za.address_id = h.address_id
        JOIN risk_zones z ON z.id = za.zone_id AND r.requested_at >= z.start_at AND (z.lifted_at IS NULL OR r.requested_at < z.lifted_at)`;
  const { rows } = await sql<{ key: string; name: string; requests: number; delivered_requests: number; requested_qty: number; delivered_qty: number }>`
    SELECT ${key} AS key, ${name} AS name, count(*)::int AS requests, count(*) FILTER (WHERE r.status = 'delivered')::int AS delivered_requests,
      COALESCE(sum((SELECT sum((l->>'quantity')::int) FROM jsonb_array_elements(r.items) l)), 0)::int AS requested_qty,
      COALESCE(sum((SELECT sum((l->>'quantity')::int) FROM jsonb_array_elements(COALESCE(r.delivered_items, '[]'::jsonb)) l)), 0)::int AS delivered_qty
    FROM supply_requests r ${joins}
    WHERE r.area_code LIKE ${like(scope)} AND r.status <> 'cancelled'
    GROUP BY 1, 2 ORDER BY 1`.execute(db);
  return rows;
};
