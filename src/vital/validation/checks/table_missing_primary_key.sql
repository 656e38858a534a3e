-- level: error
-- description: Every table has a primary key.
SELECT c.oid::regclass::text, 'the table has no primary key', 'Add PRIMARY KEY (tenant_id, id).'
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (%(schemas)s) AND NOT c.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')
