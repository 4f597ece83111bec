-- A check-in with a fever or a symptom for today or yesterday opens an event for the person's grid
-- (发热及有症状人员, under 突发公共卫生事件): someone goes to the door, arranges a clinic visit and
-- closes the loop. `wants_event` is decided when the check-in is stored (rows stored before this
-- version want none, so an upgrade does not flood the centre with old readings); `event_id` is set once
-- it has one (or joins the person's event still open). The worker makes those a stopped process left
-- without one, backing off after a failure like device alerts.
ALTER TABLE health_checkins ADD COLUMN wants_event boolean NOT NULL DEFAULT false;
ALTER TABLE health_checkins ADD COLUMN event_id bigint REFERENCES events (id);
ALTER TABLE health_checkins ADD COLUMN event_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE health_checkins ADD COLUMN event_after timestamptz;
CREATE INDEX health_checkins_event_pending_idx ON health_checkins (created_at) WHERE wants_event AND event_id IS NULL;

-- The category, for catalogues loaded before it existed.
INSERT INTO categories (code, name, parent_code, platform_code, lead_unit_type, priority, limits)
SELECT 'YJ0603', '发热及有症状人员', 'YJ06', c.platform_code, 'health', 'urgent',
  '{"accept":{"hours":0.5},"dispatch":{"hours":1},"sign":{"hours":1},"handle":{"days":1},"verify":{"days":1},"close":{"days":1}}'
FROM categories c WHERE c.code = 'YJ06'
ON CONFLICT (code) DO NOTHING;
