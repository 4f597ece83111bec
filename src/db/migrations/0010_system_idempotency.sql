-- Events the system reports itself (no user: device alerts) may carry an idempotency key too, so a
-- retry after a failure between making the event and noting it finds the first event instead of
-- making a second. The key is unique among them as it is per user among users' reports.
CREATE UNIQUE INDEX events_system_idempotency_idx ON events (idempotency_key) WHERE created_by IS NULL AND idempotency_key IS NOT NULL;
