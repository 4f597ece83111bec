// Row types of the tables, as Kysely sees them. Keep in step with migrations/.
import type { ColumnType, Generated } from 'kysely';
import type {
  ColourRuleSetsTable, HealthCodeKeysTable, HealthCodesTable, HealthCodeHistoryTable, HealthCodeAppealsTable,
  HealthCodeDecisionsTable, CheckpointsTable, HealthCodeChecksTable, CheckpointCountsTable, RiskZonesTable,
  RiskZoneHistoryTable, RiskZoneAddressesTable, RiskZoneTasksTable, HealthCheckinsTable,
} from './schema-health-codes.ts';
import type {
  VenuesTable, DoorAnnouncementsTable, DeviceRuleSetsTable, DeviceAlertsTable, SupplyWarehousesTable, SupplyStockTable, SupplyRequestsTable,
} from './schema-devices.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type AreaLevel = 'province' | 'city' | 'county' | 'street' | 'community';

export interface AreasTable {
  code: string;
  name: string;
  level: AreaLevel;
  parent_code: string | null;
  geometry: Json | null;
}

export interface GridsTable {
  code: string;
  name: string;
  community_code: string;
  county_code: string;
  geometry: Json;
  party_branch: string | null;
  households: ColumnType<number, number | undefined, number>;
}

export interface GridStaffTable {
  id: Generated<number>;
  grid_code: string;
  name: string;
  duty: 'leader' | 'full_time' | 'part_time' | 'police' | 'doctor';
  phone: string | null;
  user_id: number | null;
}

export interface UnitsTable {
  id: Generated<number>;
  name: string;
  type: string;
  area_code: string;
}

export interface AddressesTable {
  id: number;
  level: 'compound' | 'building' | 'unit' | 'room';
  parent_id: number | null;
  county_code: string;
  street_code: string;
  community_code: string;
  area_code: string;
  road: string;
  road_number: string;
  compound: string;
  building: string | null;
  unit: string | null;
  room: string | null;
  lng: number;
  lat: number;
  full_text: string;
}

export interface HouseholdsTable {
  id: Generated<number>;
  address_id: number | null;
  county_code: string;
  area_code: string;
  head_name: string;
  created_at: Timestamp;
}

export type HouseUsage = 'owner_occupied' | 'rented' | 'vacant' | 'commercial' | 'group_rental';

export interface HousesTable {
  id: Generated<number>;
  address_id: number;
  county_code: string;
  area_code: string;
  usage: HouseUsage;
  floor_area: string | null;
  created_at: Timestamp;
}

export interface PersonsTable {
  id: Generated<number>;
  name: string;
  id_number: string;
  gender: 'male' | 'female';
  birth_date: ColumnType<Date, string, string>;
  region_code: string;
  phone: string | null;
  address_id: number | null;
  address_text: string | null;
  household_id: number | null;
  relation: string | null;
  county_code: string;
  area_code: string;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EnterprisesTable {
  id: Generated<number>;
  name: string;
  credit_code: string;
  legal_person: string;
  phone: string | null;
  industry: string | null;
  address_id: number | null;
  address_text: string | null;
  county_code: string;
  area_code: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ThingKind =
  | 'door_sensor' | 'face_gate' | 'camera' | 'people_counter' | 'smoke_detector' | 'fire_hydrant' | 'manhole_cover';

export interface ThingsTable {
  id: Generated<number>;
  kind: ThingKind;
  serial: string;
  name: string;
  address_id: number | null;
  person_id: number | null;
  county_code: string;
  area_code: string;
  status: ColumnType<'active' | 'offline' | 'retired', 'active' | 'offline' | 'retired' | undefined>;
  created_at: Timestamp;
  battery: number | null;
  last_seen_at: Timestamp | null;
  last_seq: Generated<number>;
  seq_mask: Generated<number>;
  last_reading: ColumnType<unknown, string | null, string | null> | null;
  household_id: number | null;
  measure_id: number | null;
  checkpoint_id: number | null;
  venue_id: number | null;
  lng: number | null;
  lat: number | null;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  area_code: string;
  unit_id: number | null;
  disabled_at: Date | null;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  person_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Date;
  ip: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: number | null;
  username: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  area_code: string | null;
  ip: string | null;
  details: Json | null;
}

export interface PlatformsTable {
  code: string;
  name: string;
  sort: ColumnType<number, number | undefined, number>;
}

export interface CategoriesTable {
  code: string;
  name: string;
  parent_code: string | null;
  platform_code: string;
  lead_unit_type: string | null;
  priority: 'normal' | 'urgent' | 'critical';
  limits: Json;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CalendarDaysTable {
  date: ColumnType<string, string, string>;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface FilesTable {
  id: Generated<number>;
  mime: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  uploaded_by: number | null;
  area_code: string | null;
  created_at: Timestamp;
}

export interface EventsTable {
  id: number;
  code: string;
  category_code: string;
  channel: string;
  description: string;
  state: string;
  level: 'street' | 'county' | 'city';
  priority: string;
  suspended: ColumnType<boolean, boolean | undefined, boolean>;
  suspended_at: Date | null;
  county_code: string;
  area_code: string;
  handling_area: string;
  address_id: number | null;
  address_text: string | null;
  lng: number | null;
  lat: number | null;
  reporter_user_id: number | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  lead_unit_id: number | null;
  assist_unit_ids: ColumnType<number[], number[] | undefined, number[]>;
  photo_ids: ColumnType<number[], number[] | undefined, number[]>;
  step: string | null;
  step_started_at: Date | null;
  deadline: Date | null;
  escalated_step_at: Date | null;
  escalation_count: ColumnType<number, number | undefined, number>;
  overdue_steps: ColumnType<number, number | undefined, number>;
  reopen_count: ColumnType<number, number | undefined, number>;
  urge_count: ColumnType<number, number | undefined, number>;
  supervise_count: ColumnType<number, number | undefined, number>;
  settled_on_spot: ColumnType<boolean, boolean | undefined, boolean>;
  satisfied: boolean | null;
  merged_into: number | null;
  created_by: number | null;
  idempotency_key: string | null;
  idempotency_hash: string | null;
  created_at: Timestamp;
  accepted_at: Date | null;
  closed_at: Date | null;
  updated_at: Timestamp;
  version: ColumnType<number, number | undefined, number>;
}

export interface EventHistoryTable {
  id: Generated<number>;
  event_id: number;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string;
  action: string;
  from_state: string | null;
  to_state: string;
  note: string | null;
  photo_ids: ColumnType<number[], number[] | undefined, number[]>;
  details: Json | null;
}

export interface ScreeningBatchesTable {
  id: Generated<number>;
  code: string;
  source: string;
  reason: string;
  level: 'city' | 'county';
  scope_code: string;
  deadline: Date;
  file_name: string | null;
  header: string[];
  mapping: Json<Record<string, string>>;
  rows_total: number;
  imported: number;
  rejected: number;
  not_ours: number;
  blank_lines: ColumnType<number, number | undefined, number>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface ScreeningRowsTable {
  id: Generated<number>;
  batch_id: number;
  line: number;
  cells: string[];
  name: string | null;
  id_number: string | null;
  phone: string | null;
  address_text: string | null;
  status: 'task' | 'rejected' | 'not_ours';
  problems: ColumnType<{ field: string; column: string; reason: string }[], string | undefined, string>;
  not_ours_reason: string | null;
  person_id: number | null;
  matched_by: 'id_number' | 'name_phone' | null;
  address_id: number | null;
  area_code: string | null;
  deadline: Date | null;
  outcome: string | null;
  measure: string | null;
  measure_start: ColumnType<string | null, string | null | undefined, string | null>;
  measure_end: ColumnType<string | null, string | null | undefined, string | null>;
  note: string | null;
  verified_by: number | null;
  verified_name: string | null;
  verified_at: Date | null;
  event_id: number | null;
  escalation_level: ColumnType<number, number | undefined, number>;
  escalated_at: Date | null;
  version: ColumnType<number, number | undefined, number>;
}

export interface ScreeningHistoryTable {
  id: Generated<number>;
  row_id: number;
  at: Date;
  actor_id: number | null;
  actor_name: string;
  action: string;
  note: string | null;
  details: Json;
}

export interface ControlMeasuresTable {
  id: Generated<number>;
  person_id: number | null;
  id_number: string | null;
  name: string;
  kind: 'home_observation' | 'centralized_isolation' | 'health_monitoring';
  start_date: ColumnType<string, string, string>;
  end_date: ColumnType<string, string, string>;
  area_code: string;
  place: string | null;
  source: string;
  screening_row_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
}

export * from './schema-health-codes.ts';
export * from './schema-devices.ts';

export interface DB {
  areas: AreasTable;
  grids: GridsTable;
  grid_staff: GridStaffTable;
  units: UnitsTable;
  addresses: AddressesTable;
  households: HouseholdsTable;
  houses: HousesTable;
  persons: PersonsTable;
  enterprises: EnterprisesTable;
  things: ThingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  platforms: PlatformsTable;
  categories: CategoriesTable;
  calendar_days: CalendarDaysTable;
  files: FilesTable;
  events: EventsTable;
  event_history: EventHistoryTable;
  screening_batches: ScreeningBatchesTable;
  screening_rows: ScreeningRowsTable;
  screening_history: ScreeningHistoryTable;
  control_measures: ControlMeasuresTable;
  colour_rule_sets: ColourRuleSetsTable;
  health_code_keys: HealthCodeKeysTable;
  health_codes: HealthCodesTable;
  health_code_history: HealthCodeHistoryTable;
  health_code_appeals: HealthCodeAppealsTable;
  health_code_decisions: HealthCodeDecisionsTable;
  checkpoints: CheckpointsTable;
  health_code_checks: HealthCodeChecksTable;
  checkpoint_counts: CheckpointCountsTable;
  risk_zones: RiskZonesTable;
  risk_zone_history: RiskZoneHistoryTable;
  risk_zone_addresses: RiskZoneAddressesTable;
  risk_zone_tasks: RiskZoneTasksTable;
  health_checkins: HealthCheckinsTable;
  venues: VenuesTable;
  door_announcements: DoorAnnouncementsTable;
  device_rule_sets: DeviceRuleSetsTable;
  device_alerts: DeviceAlertsTable;
  supply_warehouses: SupplyWarehousesTable;
  supply_stock: SupplyStockTable;
  supply_requests: SupplyRequestsTable;
}
