-- level: error
-- description: Migrations are sequential: well-formed versions, no applied version without its file, no file skipped between applied ones.
WITH applied AS (SELECT version FROM supabase_migrations.schema_migrations),
files AS (SELECT unnest(%(migration_files)s::text[]) AS version)
SELECT a.version, 'applied, but its migration file is missing',
       'Restore the file, or roll the migration back where its rollback exists.'
FROM applied a WHERE a.version NOT IN (SELECT version FROM files)
UNION ALL
SELECT a.version, 'the version is not a 14-digit UTC timestamp', 'Name migrations <YYYYMMDDHHMMSS>_<name>.sql.'
FROM applied a WHERE a.version !~ '^\d{14}$'
UNION ALL
SELECT f.version, 'pending, but older than the newest applied migration (a gap)',
       'Apply it with vital db up --include-all, or give it a later version.'
FROM files f
WHERE f.version NOT IN (SELECT version FROM applied) AND f.version < (SELECT max(version) FROM applied)
