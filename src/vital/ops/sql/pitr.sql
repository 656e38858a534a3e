-- Point-in-time recovery (vital.ops.pitr): WAL archiving turned on and off,
-- and what the archiver and the server say about it. Run on the admin login.

-- name: archive_settings
SELECT current_setting('archive_mode') AS archive_mode, current_setting('archive_command') AS archive_command;

-- name: archive_mode_on
ALTER SYSTEM SET archive_mode = 'on';

-- name: archive_command
-- ALTER SYSTEM takes no parameters: the values are inlined as literals.
ALTER SYSTEM SET archive_command = {command};

-- name: archive_timeout
ALTER SYSTEM SET archive_timeout = {timeout};

-- name: reset
ALTER SYSTEM RESET {setting};

-- name: reload
SELECT pg_reload_conf();

-- name: archiver
SELECT current_setting('archive_mode') AS archive_mode, archived_count, last_archived_time, failed_count
FROM pg_stat_archiver;

-- name: take_xid
-- A transaction with an xid: it commits now, after any recovery target in the past.
SELECT pg_current_xact_id();

-- name: switch_wal
SELECT pg_walfile_name(pg_switch_wal()) AS segment;

-- name: last_archived
SELECT last_archived_wal FROM pg_stat_archiver;

-- name: in_recovery
SELECT pg_is_in_recovery() AS in_recovery;

-- name: other_sessions
SELECT count(*) AS others FROM pg_stat_activity
WHERE backend_type = 'client backend' AND pid <> pg_backend_pid();
