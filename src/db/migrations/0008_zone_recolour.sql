-- A drawn zone is committed first and its people recoloured right after, in a transaction of their own:
-- until `recoloured_at` is set, verifying processes add the zone to the stored colours themselves, so a
-- checkpoint answers the zone's colour as soon as the zone exists. The worker finishes any zone whose
-- recolouring did not (a process stopped in between).
ALTER TABLE risk_zones ADD COLUMN recoloured_at timestamptz;
UPDATE risk_zones SET recoloured_at = created_at;
CREATE INDEX risk_zones_pending_idx ON risk_zones (id) WHERE recoloured_at IS NULL AND status = 'active';
