-- Health codes (健康码), checkpoints (卡口) and risk zones (三区).

-- A resident's account points at their own registry entry: it is how "my code" finds them.
ALTER TABLE users ADD COLUMN person_id bigint REFERENCES persons (id) ON DELETE SET NULL;

-- The colour rules, one row per published version; the newest is in force. Never edited in place.
CREATE TABLE colour_rule_sets (
  version     integer PRIMARY KEY,
  source      text NOT NULL,   -- the JSON as the author wrote it
  rules       jsonb NOT NULL,  -- the same, parsed and checked
  note        text,
  created_by  bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Keys that seal the codes' tokens (AES-256-GCM). Shared by every API process through the database.
CREATE TABLE health_code_keys (
  id          smallint PRIMARY KEY,
  secret      bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A person's current colour. No row means no rule has ever fired for them: green by the default rule.
-- `seq` orders changes for the processes that keep colours in memory; it is taken under one lock, so
-- it grows in commit order.
CREATE SEQUENCE health_code_seq;
CREATE TABLE health_codes (
  person_id     bigint PRIMARY KEY REFERENCES persons (id) ON DELETE CASCADE,
  colour        text NOT NULL CHECK (colour IN ('green', 'yellow', 'red')),
  reasons       jsonb NOT NULL,  -- [{rule, colour, reason, since}]: every rule that fired
  rule_version  integer NOT NULL,
  area_code     text NOT NULL,
  since         timestamptz NOT NULL,  -- when this colour began
  review_at     timestamptz,           -- when time alone may change it (a measure ends, a period runs out)
  seq           bigint NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX health_codes_seq_idx ON health_codes (seq);
CREATE INDEX health_codes_review_idx ON health_codes (review_at) WHERE review_at IS NOT NULL;

-- Every change of colour, append only.
CREATE TABLE health_code_history (
  id            bigserial PRIMARY KEY,
  person_id     bigint NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  at            timestamptz NOT NULL,
  colour        text NOT NULL,
  previous      text NOT NULL,
  reasons       jsonb NOT NULL,
  rule_version  integer NOT NULL,
  cause         text NOT NULL   -- what made us look again: measure, zone:12, decision, appeal, rules:3, time
);
CREATE INDEX health_code_history_person_idx ON health_code_history (person_id, id);

-- Appeals (纠错): a resident or a grid worker says a colour is wrong; a street operator decides.
CREATE TABLE health_code_appeals (
  id            bigserial PRIMARY KEY,
  person_id     bigint NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  area_code     text NOT NULL,
  colour        text NOT NULL,   -- the colour appealed against
  reasons       jsonb NOT NULL,  -- and why it was that colour
  reason        text NOT NULL,   -- what the appellant says
  filed_by      bigint REFERENCES users (id),
  filed_name    text NOT NULL,
  filed_at      timestamptz NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'granted', 'rejected')),
  decided_by    bigint REFERENCES users (id),
  decided_name  text,
  decided_at    timestamptz,
  decision_note text,
  exempt_rules  text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX health_code_appeals_area_idx ON health_code_appeals (area_code text_pattern_ops, status, id);
CREATE UNIQUE INDEX health_code_appeals_one_pending ON health_code_appeals (person_id) WHERE status = 'pending';

-- Manual decisions: raise a colour with a reason, or (a granted appeal) set aside a rule for the facts
-- that existed when it was decided.
CREATE TABLE health_code_decisions (
  id          bigserial PRIMARY KEY,
  person_id   bigint NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('raise', 'exempt')),
  colour      text CHECK (colour IN ('yellow', 'red')),
  rule_id     text,
  reason      text NOT NULL,
  until       timestamptz,
  appeal_id   bigint REFERENCES health_code_appeals (id),
  created_by  bigint REFERENCES users (id),
  created_name text NOT NULL,
  created_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  CHECK ((kind = 'raise' AND colour IS NOT NULL) OR (kind = 'exempt' AND rule_id IS NOT NULL))
);
CREATE INDEX health_code_decisions_person_idx ON health_code_decisions (person_id);

-- Checkpoints (卡口): compound gates, stations, markets.
CREATE TABLE checkpoints (
  id          bigserial PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('compound_gate', 'station', 'market', 'hospital', 'road', 'other')),
  area_code   text NOT NULL,   -- the grid or area it stands in
  compound    text,            -- the compound or venue it serves
  lng         double precision,
  lat         double precision,
  active      boolean NOT NULL DEFAULT true,
  created_by  bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX checkpoints_area_idx ON checkpoints (area_code text_pattern_ops, id);

-- Every verify call, written before it is answered. `refused` is a call that named no usable checkpoint.
CREATE TABLE health_code_checks (
  id             bigserial PRIMARY KEY,
  checkpoint_id  bigint,         -- a checkpoints id (no foreign key: checking it cost more than the insert; checkpoints are never deleted)
  checkpoint_ref text NOT NULL,  -- as the caller named it
  at             timestamptz NOT NULL,
  person_id      bigint,
  method         text NOT NULL CHECK (method IN ('token', 'face')),
  result         text NOT NULL CHECK (result IN ('pass', 'deny', 'refused')),
  colour         text,
  reason         text NOT NULL,
  token_id       text,
  verifier_id    bigint
);
CREATE INDEX health_code_checks_checkpoint_idx ON health_code_checks (checkpoint_id, at);
CREATE INDEX health_code_checks_person_idx ON health_code_checks (person_id, at);

-- A token may be used once; kept until it expires.
CREATE TABLE health_code_token_uses (
  token_id    text PRIMARY KEY,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX health_code_token_uses_expires_idx ON health_code_token_uses (expires_at);

-- Live counts per checkpoint and day (Asia/Shanghai), kept by the same statement that writes the checks.
-- Each writer adds to a shard of its own, so writers of a busy gate do not queue on one row; a read sums them.
CREATE TABLE checkpoint_counts (
  checkpoint_id bigint NOT NULL REFERENCES checkpoints (id),
  day           date NOT NULL,
  shard         smallint NOT NULL,
  checked       integer NOT NULL,
  denied        integer NOT NULL,
  PRIMARY KEY (checkpoint_id, day, shard)
);

-- Risk zones (三区): 封控区 sealed, 管控区 controlled, 防范区 precaution; downgraded on timers.
CREATE TABLE risk_zones (
  id            bigserial PRIMARY KEY,
  code          text NOT NULL UNIQUE,
  name          text NOT NULL,
  level         text NOT NULL CHECK (level IN ('sealed', 'controlled', 'precaution')),
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'lifted')),
  geometry      jsonb NOT NULL,   -- GeoJSON Polygon or MultiPolygon
  area_code     text NOT NULL,    -- the smallest area holding every grid it touches
  timers        jsonb NOT NULL,   -- days without a new case before each level steps down: {sealed, controlled, precaution}
  start_at      timestamptz NOT NULL,
  level_since   timestamptz NOT NULL,
  last_case_at  timestamptz,
  lifted_at     timestamptz,
  created_by    bigint REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX risk_zones_area_idx ON risk_zones (area_code text_pattern_ops, id);

CREATE TABLE risk_zone_history (
  id          bigserial PRIMARY KEY,
  zone_id     bigint NOT NULL REFERENCES risk_zones (id),
  at          timestamptz NOT NULL,
  action      text NOT NULL,   -- draw, case, downgrade, level, lift
  from_level  text,
  to_level    text,
  actor_name  text NOT NULL,
  note        text
);
CREATE INDEX risk_zone_history_zone_idx ON risk_zone_history (zone_id, id);

-- The addresses inside a zone, found once when it is drawn.
CREATE TABLE risk_zone_addresses (
  zone_id     bigint NOT NULL REFERENCES risk_zones (id),
  address_id  bigint NOT NULL REFERENCES addresses (id),
  area_code   text NOT NULL,
  PRIMARY KEY (zone_id, address_id)
);
CREATE INDEX risk_zone_addresses_address_idx ON risk_zone_addresses (address_id);
CREATE INDEX persons_address_idx ON persons (address_id);
CREATE INDEX households_address_idx ON households (address_id);

-- The task each affected grid got when the zone was drawn: an event in the closed loop.
CREATE TABLE risk_zone_tasks (
  zone_id     bigint NOT NULL REFERENCES risk_zones (id),
  area_code   text NOT NULL,
  event_id    bigint NOT NULL REFERENCES events (id),
  PRIMARY KEY (zone_id, area_code)
);

-- The category of those tasks, for catalogues loaded before it existed.
INSERT INTO categories (code, name, parent_code, platform_code, lead_unit_type, priority, limits)
SELECT 'YJ0601', '风险区封控管控', 'YJ06', c.platform_code, 'health', 'critical',
  '{"accept":{"hours":0.5},"dispatch":{"hours":1},"sign":{"hours":1},"handle":{"days":1},"verify":{"days":1},"close":{"days":1}}'
FROM categories c WHERE c.code = 'YJ06'
ON CONFLICT (code) DO NOTHING;

CREATE INDEX screening_rows_person_idx ON screening_rows (person_id) WHERE person_id IS NOT NULL;
