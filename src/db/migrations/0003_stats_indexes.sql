-- The overview reads every figure of a period from the covering index in one pass: categories too.
DROP INDEX events_stats_idx;
CREATE INDEX events_stats_idx ON events (county_code, created_at)
  INCLUDE (area_code, state, overdue_steps, escalation_count, settled_on_spot, satisfied, closed_at, lead_unit_id, category_code);

-- "Overdue now" for an area: open events of its county by deadline, without visiting the rows.
CREATE INDEX events_open_county_deadline_idx ON events (county_code, deadline) INCLUDE (area_code, suspended)
  WHERE state NOT IN ('closed', 'rejected', 'merged');
