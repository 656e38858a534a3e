-- The seed data loader's statements (vital/schema/seed_data.py).

-- name: columns
-- The insertable columns of a table and their types, for the row record.
SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
  FROM pg_attribute a
 WHERE a.attrelid = %(table)s::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''

-- name: insert
-- One block of rows, all naming the same columns, in one statement.
INSERT INTO {table} ({columns})
SELECT {values}
  FROM jsonb_to_recordset(%(rows)s::jsonb) AS r ({record})
ON CONFLICT DO NOTHING

-- name: ref
-- A uuid column's value: '@platform', '@<seed_uuid parts joined by />', or a uuid.
CASE WHEN {v} = '@platform' THEN vital.platform_tenant_id()
     WHEN left({v}, 1) = '@' THEN vital.seed_uuid(VARIADIC string_to_array(substr({v}, 2), '/'))
     ELSE {v}::uuid END

-- name: refs
-- A uuid[] column's value: each element as in `ref`, in order.
ARRAY(SELECT {ref} FROM unnest({v}) WITH ORDINALITY AS u (e, n) ORDER BY n)
