// Row types of the health-code tables (migrations 0006, 0012), as Kysely sees them. Keep in step with migrations/.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type Colour = 'green' | 'yellow' | 'red';
export type ZoneLevel = 'sealed' | 'controlled' | 'precaution';

export interface ColourRuleSetsTable {
  version: number;
  source: string;
  rules: Json;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface HealthCodeKeysTable {
  id: number;
  secret: Uint8Array;
  created_at: Timestamp;
}

export interface HealthCodesTable {
  person_id: number;
  colour: Colour;
  reasons: Json;
  rule_version: number;
  area_code: string;
  since: Date;
  review_at: Date | null;
  seq: number;
  updated_at: Date;
}

export interface HealthCodeHistoryTable {
  id: Generated<number>;
  person_id: number;
  at: Date;
  colour: Colour;
  previous: Colour;
  reasons: Json;
  rule_version: number;
  cause: string;
}

export interface HealthCodeAppealsTable {
  id: Generated<number>;
  person_id: number;
  area_code: string;
  colour: Colour;
  reasons: Json;
  reason: string;
  filed_by: number | null;
  filed_name: string;
  filed_at: Date;
  status: ColumnType<'pending' | 'granted' | 'rejected', 'pending' | 'granted' | 'rejected' | undefined, 'pending' | 'granted' | 'rejected'>;
  decided_by: number | null;
  decided_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  exempt_rules: ColumnType<string[], string[] | undefined, string[]>;
}

export interface HealthCodeDecisionsTable {
  id: Generated<number>;
  person_id: number;
  kind: 'raise' | 'exempt';
  colour: 'yellow' | 'red' | null;
  rule_id: string | null;
  reason: string;
  until: Date | null;
  appeal_id: number | null;
  created_by: number | null;
  created_name: string;
  created_at: Date;
  revoked_at: Date | null;
}

export type CheckpointKind = 'compound_gate' | 'station' | 'market' | 'hospital' | 'road' | 'other';

export interface CheckpointsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: CheckpointKind;
  area_code: string;
  compound: string | null;
  lng: number | null;
  lat: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface HealthCodeChecksTable {
  id: Generated<number>;
  checkpoint_id: number | null;
  checkpoint_ref: string;
  at: Date;
  person_id: number | null;
  method: 'token' | 'face';
  result: 'pass' | 'deny' | 'refused';
  colour: Colour | null;
  reason: string;
  token_id: string | null;
  verifier_id: number | null;
  first_use: Generated<boolean>; // this check claimed its token (unique among such checks)
}

export interface CheckpointCountsTable {
  checkpoint_id: number;
  day: ColumnType<string, string, string>;
  shard: number;
  checked: number;
  denied: number;
}

export interface RiskZonesTable {
  id: Generated<number>;
  code: string;
  name: string;
  level: ZoneLevel;
  status: ColumnType<'active' | 'lifted', 'active' | 'lifted' | undefined, 'active' | 'lifted'>;
  geometry: Json;
  area_code: string;
  timers: Json;
  start_at: Date;
  level_since: Date;
  last_case_at: Date | null;
  lifted_at: Date | null;
  /** Null while its people's stored codes do not include it yet (verify adds it meanwhile). */
  recoloured_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  tasks_done_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface RiskZoneHistoryTable {
  id: Generated<number>;
  zone_id: number;
  at: Date;
  action: string;
  from_level: string | null;
  to_level: string | null;
  actor_name: string;
  note: string | null;
}

export interface RiskZoneAddressesTable {
  zone_id: number;
  address_id: number;
  area_code: string;
}

export interface RiskZoneTasksTable {
  zone_id: number;
  area_code: string;
  event_id: number;
}

export interface HealthCheckinsTable {
  id: Generated<number>;
  person_id: number;
  day: ColumnType<string, string, string>;
  temperature: ColumnType<string, number, number>; // numeric arrives as text
  symptoms: ColumnType<string[], string[] | undefined, string[]>;
  note: string | null;
  area_code: string;
  by_self: boolean;
  created_by: number | null;
  created_name: string;
  created_at: Date;
  wants_event: Generated<boolean>; // a fever or a symptom on a recent day
  event_id: number | null;
  event_attempts: Generated<number>;
  event_after: Date | null;
}
