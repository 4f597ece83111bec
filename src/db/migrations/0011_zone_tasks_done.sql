-- When every grid of a zone got its task. Until then the worker finishes the fan-out, so it looks only
-- at zones still without it rather than at every address of every active zone. Zones drawn before
-- this have it null: the worker's first pass finds their tasks made and sets it.
ALTER TABLE risk_zones ADD COLUMN tasks_done_at timestamptz;
