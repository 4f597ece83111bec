-- The closed loop: category catalogue, working-day calendar, stored files, events and their history.

CREATE TABLE platforms (
  code text PRIMARY KEY,
  name text NOT NULL,
  sort integer NOT NULL DEFAULT 0
);

CREATE TABLE categories (
  code           text PRIMARY KEY,
  name           text NOT NULL,
  parent_code    text REFERENCES categories (code),
  platform_code  text NOT NULL REFERENCES platforms (code),
  lead_unit_type text,
  priority       text NOT NULL CHECK (priority IN ('normal', 'urgent', 'critical')),
  limits         jsonb NOT NULL, -- per step: {"accept":{"hours":2},"handle":{"days":3},…}
  active         boolean NOT NULL DEFAULT true
);

-- Dates that break the weekly rhythm: public holidays on weekdays, make-up workdays (调休) on weekends.
CREATE TABLE calendar_days (
  date date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL
);

CREATE TABLE files (
  id          bigserial PRIMARY KEY,
  mime        text NOT NULL,
  size        integer NOT NULL,
  sha256      text NOT NULL,
  data        bytea NOT NULL,
  uploaded_by bigint,
  area_code   text,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE events (
  id                bigint PRIMARY KEY,
  code              text NOT NULL UNIQUE, -- tracking number given to the reporter
  category_code     text NOT NULL REFERENCES categories (code),
  channel           text NOT NULL,
  description       text NOT NULL,
  state             text NOT NULL,
  level             text NOT NULL CHECK (level IN ('street', 'county', 'city')),
  priority          text NOT NULL,
  suspended         boolean NOT NULL DEFAULT false,
  suspended_at      timestamptz,
  county_code       text NOT NULL,
  area_code         text NOT NULL, -- where it happened: a grid where known
  handling_area     text NOT NULL, -- the centre holding it: street, county or city code
  address_id        bigint REFERENCES addresses (id),
  address_text      text,
  lng               double precision,
  lat               double precision,
  reporter_user_id  bigint,
  reporter_name     text,
  reporter_phone    text,
  lead_unit_id      bigint REFERENCES units (id),
  assist_unit_ids   bigint[] NOT NULL DEFAULT '{}',
  photo_ids         bigint[] NOT NULL DEFAULT '{}',
  step              text,
  step_started_at   timestamptz,
  deadline          timestamptz,
  escalated_step_at timestamptz, -- the step_started_at of the step already escalated: escalate once per step
  escalation_count  integer NOT NULL DEFAULT 0,
  overdue_steps     integer NOT NULL DEFAULT 0,
  reopen_count      integer NOT NULL DEFAULT 0,
  urge_count        integer NOT NULL DEFAULT 0,
  supervise_count   integer NOT NULL DEFAULT 0,
  settled_on_spot   boolean NOT NULL DEFAULT false,
  satisfied         boolean,
  merged_into       bigint REFERENCES events (id),
  created_by        bigint,
  idempotency_key   text,
  idempotency_hash  text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  accepted_at       timestamptz,
  closed_at         timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  version           integer NOT NULL DEFAULT 0 -- bumped by every change: actions apply only to the version they read
);
CREATE SEQUENCE events_id_seq OWNED BY events.id;
CREATE UNIQUE INDEX events_idempotency_idx ON events (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- Every change of state rewrites every index entry of the row, so the indexes are few, and those that
-- serve work in progress (inboxes, overdue, duplicates) cover open events only.
CREATE INDEX events_area_idx ON events (area_code text_pattern_ops, id);
CREATE INDEX events_lead_unit_idx ON events (lead_unit_id, id);
CREATE INDEX events_reporter_idx ON events (reporter_user_id, id);
CREATE INDEX events_open_handling_idx ON events (handling_area, state, deadline) WHERE state NOT IN ('closed', 'rejected', 'merged');
CREATE INDEX events_open_deadline_idx ON events (deadline) WHERE state NOT IN ('closed', 'rejected', 'merged');
CREATE INDEX events_open_state_idx ON events (state, id) WHERE state NOT IN ('closed', 'rejected', 'merged');
CREATE INDEX events_open_category_idx ON events (category_code, created_at) WHERE state NOT IN ('closed', 'rejected', 'merged');
-- Figures by period read only this index (index-only scan): the columns the aggregates need are included.
CREATE INDEX events_stats_idx ON events (county_code, created_at)
  INCLUDE (area_code, state, overdue_steps, escalation_count, settled_on_spot, satisfied, closed_at, lead_unit_id);

CREATE TABLE event_history (
  id         bigserial PRIMARY KEY,
  event_id   bigint NOT NULL REFERENCES events (id),
  at         timestamptz NOT NULL DEFAULT now(),
  actor_id   bigint,
  actor_name text NOT NULL,
  action     text NOT NULL,
  from_state text,
  to_state   text NOT NULL,
  note       text,
  photo_ids  bigint[] NOT NULL DEFAULT '{}',
  details    jsonb
);
CREATE INDEX event_history_event_idx ON event_history (event_id, id);

CREATE TRIGGER event_history_no_change BEFORE UPDATE OR DELETE ON event_history
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER event_history_no_truncate BEFORE TRUNCATE ON event_history
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
