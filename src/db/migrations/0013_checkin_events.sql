-- A check-in with a fever or a symptom opens an event for the person's grid (发热人员, under 突发公共卫生
-- 事件): someone goes to the door, arranges a clinic visit and closes the loop. `unwell` is decided when
-- the check-in is stored; `event_id` is set once its event exists, and the worker makes the events a
-- stopped process left without one (the partial index holds only those).
ALTER TABLE health_checkins ADD COLUMN unwell boolean NOT NULL DEFAULT false;
ALTER TABLE health_checkins ADD COLUMN event_id bigint;
UPDATE health_checkins SET unwell = temperature >= 37.3 OR cardinality(symptoms) > 0; -- FEVER_FROM, for rows stored before
CREATE INDEX health_checkins_event_pending_idx ON health_checkins (created_at) WHERE unwell AND event_id IS NULL;

-- The category, for catalogues loaded before it existed.
INSERT INTO categories (code, name, parent_code, platform_code, lead_unit_type, priority, limits)
SELECT 'YJ0603', '发热人员', 'YJ06', c.platform_code, 'health', 'urgent',
  '{"accept":{"hours":0.5},"dispatch":{"hours":1},"sign":{"hours":1},"handle":{"days":1},"verify":{"days":1},"close":{"days":1}}'
FROM categories c WHERE c.code = 'YJ06'
ON CONFLICT (code) DO NOTHING;
