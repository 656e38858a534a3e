-- A tenant archive's tables staged and checked, then inserted (vital.ops.tenant_import).
-- The braces take identifiers of the catalog's tables and of the temporary
-- stage tables, and conditions composed per primary or foreign key; every
-- count is named `n`.

-- name: schema_applied
-- Whether this database has applied the migration the archive was written at.
SELECT EXISTS (SELECT 1 FROM supabase_migrations.schema_migrations WHERE version = %(version)s) AS applied;

-- name: stage
CREATE TEMP TABLE {stage} (LIKE {table}) ON COMMIT DROP;

-- name: stage_copy
COPY {stage} ({columns}) FROM STDIN;

-- name: foreign_rows
-- Staged rows of another tenant.
SELECT count(*) AS n FROM {stage} WHERE {tenant_column} IS DISTINCT FROM %(tenant)s;

-- name: existing_ids
-- Staged rows whose id is taken here already.
SELECT count(*) AS n FROM {stage} s WHERE EXISTS (SELECT 1 FROM {table} x WHERE x.id = s.id);

-- name: missing_library_rows
-- Staged rows that point at a platform library row this deployment lacks.
SELECT count(*) AS n FROM {stage} s
WHERE s.{lead} = %(platform)s AND {not_null}
  AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE {present});

-- name: add_users
-- The archive's users that do not exist here (by id).
INSERT INTO auth.users ({columns}) SELECT {columns} FROM {stage} s
WHERE NOT EXISTS (SELECT 1 FROM auth.users u WHERE u.id = s.id);

-- name: clear_table
-- What triggers wrote for the tenant while earlier tables went in.
DELETE FROM {table} WHERE tenant_id = %(tenant)s;

-- name: insert_ready
-- One round: the staged rows not in the table yet whose references are ready.
INSERT INTO {table} ({columns}) SELECT {columns} FROM {stage} s WHERE {ready} ORDER BY {key};

-- name: staged
SELECT count(*) AS n FROM {stage};
