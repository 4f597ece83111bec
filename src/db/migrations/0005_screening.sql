-- Screening lists (排查数据): a batch from upstream, one row per data row of its file, kept in the
-- file's order. A row is a verification task for a grid, or rejected (bad data), or not ours; the
-- three always add up to the rows of the file.
CREATE TABLE screening_batches (
  id            bigserial PRIMARY KEY,
  code          text NOT NULL UNIQUE,
  source        text NOT NULL,               -- who sent it (e.g. 市疫情防控指挥部)
  reason        text NOT NULL,               -- why these people (e.g. arrivals from a risk area)
  level         text NOT NULL CHECK (level IN ('city', 'county')),
  scope_code    text NOT NULL,               -- the area it was received for (the importer's)
  deadline      timestamptz NOT NULL,
  file_name     text,
  header        text[] NOT NULL,             -- upstream's columns, for the feedback file
  mapping       jsonb NOT NULL,              -- field → column used
  rows_total    integer NOT NULL,
  imported      integer NOT NULL,
  rejected      integer NOT NULL,
  not_ours      integer NOT NULL,
  blank_lines   integer NOT NULL DEFAULT 0,
  created_by    bigint REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX screening_batches_scope_idx ON screening_batches (scope_code text_pattern_ops, id);

CREATE TABLE screening_rows (
  id              bigserial PRIMARY KEY,
  batch_id        bigint NOT NULL REFERENCES screening_batches (id),
  line            integer NOT NULL,          -- row number in upstream's file (header = 1)
  cells           text[] NOT NULL,           -- the row as sent, in the header's order
  name            text,
  id_number       text,
  phone           text,
  address_text    text,
  status          text NOT NULL CHECK (status IN ('task', 'rejected', 'not_ours')),
  problems        jsonb NOT NULL DEFAULT '[]', -- [{field, column, reason}] of a rejected row
  not_ours_reason text,
  person_id       bigint REFERENCES persons (id) ON DELETE SET NULL,
  matched_by      text CHECK (matched_by IN ('id_number', 'name_phone')),
  address_id      bigint REFERENCES addresses (id),
  area_code       text,                      -- the grid of a task
  deadline        timestamptz,
  outcome         text,
  measure         text,
  measure_start   date,
  measure_end     date,
  note            text,
  verified_by     bigint REFERENCES users (id),
  verified_name   text,
  verified_at     timestamptz,
  event_id        bigint REFERENCES events (id),
  escalation_level integer NOT NULL DEFAULT 0, -- 0 none, 1 street centre, 2 county centre
  escalated_at    timestamptz,
  version         integer NOT NULL DEFAULT 0,
  UNIQUE (batch_id, line)
);
CREATE INDEX screening_rows_area_idx ON screening_rows (area_code text_pattern_ops, batch_id) WHERE status = 'task';
CREATE INDEX screening_rows_pending_deadline_idx ON screening_rows (deadline) WHERE status = 'task' AND verified_at IS NULL;

-- What happened to a row after import: reassigned, handed back, verified, escalated. Append only.
CREATE TABLE screening_history (
  id          bigserial PRIMARY KEY,
  row_id      bigint NOT NULL REFERENCES screening_rows (id),
  at          timestamptz NOT NULL,
  actor_id    bigint REFERENCES users (id),
  actor_name  text NOT NULL,
  action      text NOT NULL,
  note        text,
  details     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX screening_history_row_idx ON screening_history (row_id, id);

-- Control measures on a person (居家观察, 集中隔离, 健康监测), from a screening outcome or by hand.
CREATE TABLE control_measures (
  id            bigserial PRIMARY KEY,
  person_id     bigint REFERENCES persons (id) ON DELETE SET NULL,
  id_number     text,
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('home_observation', 'centralized_isolation', 'health_monitoring')),
  start_date    date NOT NULL,
  end_date      date NOT NULL,
  area_code     text NOT NULL,
  place         text,
  source        text NOT NULL,
  screening_row_id bigint REFERENCES screening_rows (id),
  created_by    bigint REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date >= start_date)
);
CREATE INDEX control_measures_person_idx ON control_measures (person_id);
CREATE INDEX control_measures_area_idx ON control_measures (area_code text_pattern_ops);
