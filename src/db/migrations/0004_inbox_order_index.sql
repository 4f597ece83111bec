-- A centre's box lists its newest events first: read them in id order from the index instead of
-- walking the whole table backwards when a street has a large backlog. The (…, deadline) index stays
-- for the overdue box.
CREATE INDEX events_open_handling_id_idx ON events (handling_area, state, id) INCLUDE (deadline, suspended)
  WHERE state NOT IN ('closed', 'rejected', 'merged');
