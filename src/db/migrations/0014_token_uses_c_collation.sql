-- A token id is ASCII (time of issue in base 36, then the sealed block in base64url) and is only ever
-- compared for equality and kept in order for the index: byte order ("C") is enough, and it spares every
-- claim at a checkpoint the locale's comparison (slow for zh_CN.UTF-8). The table holds only tokens not
-- yet expired, so rebuilding its key here is quick.
ALTER TABLE health_code_token_uses ALTER COLUMN token_id TYPE text COLLATE "C";
