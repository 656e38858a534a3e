-- The migrator's bookkeeping in supabase_migrations.schema_migrations (created
-- by bookkeeping.sql), under one advisory lock for every migration runner.

-- name: lock
SELECT pg_advisory_lock(%(key)s);

-- name: unlock
SELECT pg_advisory_unlock(%(key)s);

-- name: applied
SELECT version, name, checksum FROM supabase_migrations.schema_migrations ORDER BY version;

-- name: record
INSERT INTO supabase_migrations.schema_migrations (version, name, statements, checksum)
VALUES (%(version)s, %(name)s, %(statements)s, %(checksum)s);

-- name: forget
DELETE FROM supabase_migrations.schema_migrations WHERE version = %(version)s;

-- name: reload_schema
-- PostgREST's signal on PostgREST's channel: every API process listening re-reads
-- the catalog (vital.api.rest.schema_cache), so new tables and functions are served
-- without a restart. Sent at commit; nobody listening costs nothing.
NOTIFY pgrst, 'reload schema';
