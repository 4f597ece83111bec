// Row types of the device, venue, alert and supply tables (migration 0007), as Kysely sees them. Keep in step with migrations/.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type VenueKind = 'market' | 'station' | 'mall' | 'scenic' | 'hospital' | 'other';
export type AlertKind = 'violation' | 'maintenance' | 'crowd';
export type AnnouncementReason = 'rubbish' | 'delivery' | 'medical' | 'other';
export type SupplyStatus = 'requested' | 'allocated' | 'delivered' | 'cancelled';

export interface VenuesTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: VenueKind;
  capacity: number;
  area_code: string;
  county_code: string;
  address_text: string | null;
  lng: number | null;
  lat: number | null;
  manager_unit_id: number | null;
  occupancy: Generated<number>;
  crowded: Generated<boolean>;
  occupancy_at: Date | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface DoorAnnouncementsTable {
  id: Generated<number>;
  household_id: number;
  reason: AnnouncementReason;
  starts_at: Timestamp;
  ends_at: Timestamp;
  note: string | null;
  area_code: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface DeviceRuleSetsTable {
  version: number;
  rules: Json;
  note: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface DeviceAlertsTable {
  id: Generated<number>;
  kind: AlertKind;
  rule_id: string;
  dedupe_key: string;
  thing_id: number | null;
  venue_id: number | null;
  county_code: string;
  area_code: string;
  message: string;
  details: Json;
  first_at: Timestamp;
  last_at: Timestamp;
  occurrences: Generated<number>;
  cleared_at: Timestamp | null;
  event_id: number | null;
  dispatch_attempts: Generated<number>;
  dispatch_error: string | null;
  dispatch_after: Timestamp | null;
  created_at: Generated<Date>;
}

export interface SupplyWarehousesTable {
  id: Generated<number>;
  name: string;
  area_code: string;
  county_code: string;
  address_text: string | null;
  created_at: Generated<Date>;
}

export interface SupplyStockTable {
  warehouse_id: number;
  item: string;
  quantity: number;
  updated_at: Generated<Date>;
}

export interface SupplyRequestsTable {
  id: Generated<number>;
  household_id: number;
  county_code: string;
  area_code: string;
  items: Json<{ item: string; quantity: number }[]>;
  delivered_items: Json<{ item: string; quantity: number }[]> | null;
  note: string | null;
  status: Generated<SupplyStatus>;
  requested_by: number | null;
  requested_at: Timestamp;
  warehouse_id: number | null;
  assignee_id: number | null;
  allocated_by: number | null;
  allocated_at: Timestamp | null;
  delivered_at: Timestamp | null;
  delivered_by: number | null;
}
