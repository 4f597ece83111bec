-- A token is claimed by the check that first uses it: that check is marked `first_use`, and a unique
-- index over the marked checks' token ids refuses a second claim (the check is then recorded as
-- `replayed`). The claims were a table of their own until each token expired: for every check a second
-- row, two more index entries and a purge every 30 s, where one entry of a partial index does it now.
ALTER TABLE health_code_checks ADD COLUMN first_use boolean NOT NULL DEFAULT false;
-- Token ids are ASCII and only compared for equality: byte order, as in 0014.
ALTER TABLE health_code_checks ALTER COLUMN token_id TYPE text COLLATE "C";
-- Tokens not yet expired stay claimed: the first check of each is marked.
UPDATE health_code_checks c SET first_use = true
FROM (
  SELECT DISTINCT ON (k.token_id) k.id
  FROM health_code_checks k JOIN health_code_token_uses u ON u.token_id = k.token_id
  ORDER BY k.token_id, k.id
) first_checks
WHERE c.id = first_checks.id;
CREATE UNIQUE INDEX health_code_checks_token_idx ON health_code_checks (token_id) WHERE first_use;
DROP TABLE health_code_token_uses;
