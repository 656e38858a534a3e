-- name: snapshot
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;

-- name: schema_version
-- The newest applied migration: the schema the archive's rows fit.
SELECT max(version) AS version FROM supabase_migrations.schema_migrations;

-- name: copy_out
-- A query's rows in COPY text format (exact for every type).
COPY ({query}) TO STDOUT;
