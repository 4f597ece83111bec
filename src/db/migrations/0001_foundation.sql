-- Foundation: area tree, grids, address library, registry (人房企事物), units, users, sessions, audit.
-- Every scoped row carries area_code, the finest area it belongs to (a grid code where known). Area codes
-- are hierarchical by prefix (33 → 3301 → 330102 → 330102011 → 330102011002 → …001), so "inside the
-- caller's subtree" is `area_code LIKE scope || '%'`, served by text_pattern_ops indexes.

CREATE TABLE areas (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('province', 'city', 'county', 'street', 'community')),
  parent_code text REFERENCES areas (code),
  geometry    jsonb
);
CREATE INDEX areas_parent_idx ON areas (parent_code);

CREATE TABLE grids (
  code           text PRIMARY KEY,
  name           text NOT NULL,
  community_code text NOT NULL REFERENCES areas (code),
  county_code    text NOT NULL,
  geometry       jsonb NOT NULL,
  party_branch   text,
  households     integer NOT NULL DEFAULT 0
);
CREATE INDEX grids_code_prefix_idx ON grids (code text_pattern_ops);
CREATE INDEX grids_community_idx ON grids (community_code);

CREATE TABLE grid_staff (
  id        bigserial PRIMARY KEY,
  grid_code text NOT NULL REFERENCES grids (code) ON DELETE CASCADE,
  name      text NOT NULL,
  duty      text NOT NULL CHECK (duty IN ('leader', 'full_time', 'part_time', 'police', 'doctor')),
  phone     text,
  user_id   bigint
);
CREATE INDEX grid_staff_grid_idx ON grid_staff (grid_code);

CREATE TABLE units (
  id        bigserial PRIMARY KEY,
  name      text NOT NULL,
  type      text NOT NULL,
  area_code text NOT NULL REFERENCES areas (code),
  UNIQUE (area_code, name)
);

CREATE TABLE addresses (
  id             bigint PRIMARY KEY,
  level          text NOT NULL CHECK (level IN ('compound', 'building', 'unit', 'room')),
  parent_id      bigint REFERENCES addresses (id),
  county_code    text NOT NULL,
  street_code    text NOT NULL,
  community_code text NOT NULL,
  area_code      text NOT NULL, -- the grid
  road           text NOT NULL,
  road_number    text NOT NULL,
  compound       text NOT NULL,
  building       text,
  unit           text,
  room           text,
  lng            double precision NOT NULL,
  lat            double precision NOT NULL,
  full_text      text NOT NULL UNIQUE
);
CREATE INDEX addresses_area_idx ON addresses (area_code text_pattern_ops);
CREATE INDEX addresses_parent_idx ON addresses (parent_id);
CREATE SEQUENCE addresses_id_seq OWNED BY addresses.id;

CREATE TABLE households (
  id          bigserial PRIMARY KEY,
  address_id  bigint REFERENCES addresses (id),
  county_code text NOT NULL,
  area_code   text NOT NULL,
  head_name   text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX households_area_idx ON households (area_code text_pattern_ops);

CREATE TABLE houses (
  id          bigserial PRIMARY KEY,
  address_id  bigint NOT NULL UNIQUE REFERENCES addresses (id),
  county_code text NOT NULL,
  area_code   text NOT NULL,
  usage       text NOT NULL CHECK (usage IN ('owner_occupied', 'rented', 'vacant', 'commercial', 'group_rental')),
  floor_area  numeric(8, 2),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX houses_area_idx ON houses (area_code text_pattern_ops);

CREATE TABLE persons (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL,
  id_number    text NOT NULL UNIQUE,
  gender       text NOT NULL CHECK (gender IN ('male', 'female')),
  birth_date   date NOT NULL,
  region_code  text NOT NULL,
  phone        text,
  address_id   bigint REFERENCES addresses (id),
  address_text text,
  household_id bigint REFERENCES households (id),
  relation     text,
  county_code  text NOT NULL,
  area_code    text NOT NULL,
  tags         text[] NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX persons_area_idx ON persons (area_code text_pattern_ops, id);
CREATE INDEX persons_name_idx ON persons (name text_pattern_ops);
CREATE INDEX persons_phone_idx ON persons (phone);
CREATE INDEX persons_household_idx ON persons (household_id);
CREATE INDEX persons_tags_idx ON persons USING gin (tags);

CREATE TABLE enterprises (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL,
  credit_code  text NOT NULL UNIQUE,
  legal_person text NOT NULL,
  phone        text,
  industry     text,
  address_id   bigint REFERENCES addresses (id),
  address_text text,
  county_code  text NOT NULL,
  area_code    text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprises_area_idx ON enterprises (area_code text_pattern_ops, id);

CREATE TABLE things (
  id          bigserial PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('door_sensor', 'face_gate', 'camera', 'people_counter', 'smoke_detector', 'fire_hydrant', 'manhole_cover')),
  serial      text NOT NULL UNIQUE,
  name        text NOT NULL,
  address_id  bigint REFERENCES addresses (id),
  person_id   bigint REFERENCES persons (id) ON DELETE SET NULL,
  county_code text NOT NULL,
  area_code   text NOT NULL,
  status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'offline', 'retired')),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX things_area_idx ON things (area_code text_pattern_ops, id);
CREATE INDEX things_person_idx ON things (person_id);

CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  roles         text[] NOT NULL,
  area_code     text NOT NULL, -- an area or a grid code: the root of what the user may see
  unit_id       bigint REFERENCES units (id),
  disabled_at   timestamptz,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip         text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Append-only: who read or changed what, when, from where. UPDATE and DELETE are refused by trigger.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  user_id     bigint,
  username    text,
  action      text NOT NULL,
  target_type text NOT NULL,
  target_id   text,
  area_code   text,
  ip          text,
  details     jsonb
);
CREATE INDEX audit_log_area_idx ON audit_log (area_code text_pattern_ops, id);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);
CREATE INDEX audit_log_username_idx ON audit_log (username, id);

-- Shared by every append-only table.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
