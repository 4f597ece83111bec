-- Devices (物联感知) and their streams, venues with a capacity, announced door openings, device alerts,
-- and supplies (物资) for sealed or observed households.

-- Venues (场所) whose crowd is counted: markets, stations, malls. `occupancy` and `crowded` are kept by
-- the stream consumer; `crowded` is the hysteresis state (set at the raise mark, cleared at the clear mark).
CREATE TABLE venues (
  id               bigserial PRIMARY KEY,
  code             text NOT NULL UNIQUE,
  name             text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('market', 'station', 'mall', 'scenic', 'hospital', 'other')),
  capacity         integer NOT NULL CHECK (capacity > 0),
  area_code        text NOT NULL,
  county_code      text NOT NULL,
  address_text     text,
  lng              double precision,
  lat              double precision,
  manager_unit_id  bigint REFERENCES units (id),
  occupancy        integer NOT NULL DEFAULT 0,
  crowded          boolean NOT NULL DEFAULT false,
  occupancy_at     timestamptz,
  created_by       bigint REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX venues_area_idx ON venues (area_code text_pattern_ops, id);

-- What the streams tell of a thing, and what it is bound to: a door sensor to the household of a person
-- under a control measure (for as long as the measure lasts), a face gate to a checkpoint, a counter to a venue.
ALTER TABLE things
  ADD COLUMN battery       smallint,
  ADD COLUMN last_seen_at  timestamptz,
  ADD COLUMN last_seq      bigint NOT NULL DEFAULT 0,   -- the newest sequence applied
  ADD COLUMN seq_mask      bigint NOT NULL DEFAULT 0,   -- bit i: sequence last_seq - 1 - i applied too (48 of them)
  ADD COLUMN last_reading  jsonb,
  ADD COLUMN household_id  bigint REFERENCES households (id),
  ADD COLUMN measure_id    bigint REFERENCES control_measures (id),
  ADD COLUMN checkpoint_id bigint REFERENCES checkpoints (id),
  ADD COLUMN venue_id      bigint REFERENCES venues (id),
  ADD COLUMN lng           double precision,
  ADD COLUMN lat           double precision;
CREATE INDEX things_venue_idx ON things (venue_id) WHERE venue_id IS NOT NULL;
-- Every reading rewrites its device's row: room on each page lets PostgreSQL update in place (no index
-- covers the columns a reading changes, on purpose).
ALTER TABLE things SET (fillfactor = 80);

-- Openings of a household's door announced in advance (rubbish, a delivery, a medical visit): a door
-- sensor opening inside the window is no violation.
CREATE TABLE door_announcements (
  id            bigserial PRIMARY KEY,
  household_id  bigint NOT NULL REFERENCES households (id),
  reason        text NOT NULL CHECK (reason IN ('rubbish', 'delivery', 'medical', 'other')),
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL,
  note          text,
  area_code     text NOT NULL,
  created_by    bigint REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX door_announcements_household_idx ON door_announcements (household_id, ends_at);

-- The rules the stream consumer applies, one row per version; the newest is in force.
CREATE TABLE device_rule_sets (
  version     integer PRIMARY KEY,
  rules       jsonb NOT NULL,
  note        text,
  created_by  bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- An alert: a rule that fired, folded with its repeats inside the rule's window (same `dedupe_key`,
-- event not yet closed). `event_id` is null until its event exists: the table is its own outbox.
CREATE TABLE device_alerts (
  id           bigserial PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('violation', 'maintenance', 'crowd')),
  rule_id      text NOT NULL,
  dedupe_key   text NOT NULL,
  thing_id     bigint REFERENCES things (id),
  venue_id     bigint REFERENCES venues (id),
  county_code  text NOT NULL,
  area_code    text NOT NULL,
  message      text NOT NULL,
  details      jsonb NOT NULL,
  first_at     timestamptz NOT NULL,   -- the reading (or sweep) that raised it
  last_at      timestamptz NOT NULL,
  occurrences  integer NOT NULL DEFAULT 1,
  cleared_at   timestamptz,            -- the condition ended (the crowd thinned); the event still closes it
  event_id     bigint REFERENCES events (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX device_alerts_key_idx ON device_alerts (dedupe_key, last_at);
CREATE INDEX device_alerts_area_idx ON device_alerts (area_code text_pattern_ops, id);
CREATE INDEX device_alerts_outbox_idx ON device_alerts (id) WHERE event_id IS NULL;
CREATE INDEX device_alerts_venue_idx ON device_alerts (venue_id, id) WHERE venue_id IS NOT NULL;

-- Supplies (物资): street warehouses, their stock, and households' requests through to delivery.
CREATE TABLE supply_warehouses (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL,
  area_code    text NOT NULL,   -- the street it serves
  county_code  text NOT NULL,
  address_text text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_code, name)
);

CREATE TABLE supply_stock (
  warehouse_id  bigint NOT NULL REFERENCES supply_warehouses (id),
  item          text NOT NULL,
  quantity      integer NOT NULL CHECK (quantity >= 0),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (warehouse_id, item)
);

CREATE TABLE supply_requests (
  id              bigserial PRIMARY KEY,
  household_id    bigint NOT NULL REFERENCES households (id),
  county_code     text NOT NULL,
  area_code       text NOT NULL,   -- the household's grid
  items           jsonb NOT NULL,  -- [{item, quantity}]
  delivered_items jsonb,           -- [{item, quantity}] as handed over
  note            text,
  status          text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'allocated', 'delivered', 'cancelled')),
  requested_by    bigint REFERENCES users (id),
  requested_at    timestamptz NOT NULL,
  warehouse_id    bigint REFERENCES supply_warehouses (id),
  assignee_id     bigint REFERENCES users (id),
  allocated_by    bigint REFERENCES users (id),
  allocated_at    timestamptz,
  delivered_at    timestamptz,
  delivered_by    bigint REFERENCES users (id)
);
CREATE INDEX supply_requests_area_idx ON supply_requests (area_code text_pattern_ops, id);
CREATE INDEX supply_requests_assignee_idx ON supply_requests (assignee_id, status);

-- The categories device alerts become, for catalogues loaded before they existed (parents first).
INSERT INTO categories (code, name, parent_code, platform_code, lead_unit_type, priority, limits)
SELECT v.code, v.name, v.parent, c.platform_code, v.unit, 'urgent',
  '{"accept":{"hours":0.5},"dispatch":{"hours":1},"sign":{"hours":1},"handle":{"days":1},"verify":{"days":1},"close":{"days":1}}'
FROM (VALUES
    (1, 'YJ07', '人员密集场所', NULL, 'police'),
    (2, 'YJ08', '物联感知设备', NULL, NULL),
    (3, 'YJ0602', '居家观察违规开门', 'YJ06', 'health'),
    (4, 'YJ0701', '人员聚集超限', 'YJ07', 'police'),
    (5, 'YJ0801', '感知设备故障', 'YJ08', NULL)
  ) AS v (n, code, name, parent, unit)
JOIN categories c ON c.code = 'YJ06'
ORDER BY v.n
ON CONFLICT (code) DO NOTHING;
