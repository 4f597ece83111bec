-- No query reads the checks by person (tracing asks who passed a checkpoint, by checkpoint and time),
-- yet every check was also inserted here, at the leaf of its person: a random page. That is one more
-- index write per check on the verify path, and after each PostgreSQL checkpoint a full-page image in
-- the WAL, and a page for the checkpointer to write, for every person checked since.
DROP INDEX IF EXISTS health_code_checks_person_idx;
