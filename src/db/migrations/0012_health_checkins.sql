-- Daily health check-ins (每日健康打卡) of people under observation or monitoring: temperature and
-- symptoms, one per person and day, reported by the resident or recorded by grid staff (上门测温,
-- or entered later from the paper sheet). The colour rules read them: a day without one keeps the
-- code yellow after the period; a fever or a symptom raises it. Read per person (the unique index).
-- A measure's days want a check-in from the day it was recorded: control_measures.created_at.
CREATE TABLE health_checkins (
  id           bigserial PRIMARY KEY,
  person_id    bigint NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  day          date NOT NULL,            -- the China calendar day it is for
  temperature  numeric(3, 1) NOT NULL CHECK (temperature BETWEEN 34 AND 43),
  symptoms     text[] NOT NULL DEFAULT '{}',
  note         text,
  area_code    text NOT NULL,            -- the person's grid when recorded
  by_self      boolean NOT NULL,         -- the resident reported it, rather than staff for them
  created_by   bigint REFERENCES users (id),
  created_name text NOT NULL,
  created_at   timestamptz NOT NULL,
  UNIQUE (person_id, day)
);
