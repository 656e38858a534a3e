-- level: error
-- description: Every table has tenant_id (rule 1), except auth's and the documented global tables.
SELECT c.oid::regclass::text AS object,
       'the table has no tenant_id column' AS detail,
       'Add tenant_id uuid NOT NULL REFERENCES public.tenants (id), or document it as a global table.' AS remediation
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (%(schemas)s)
  AND NOT c.relispartition
  AND c.oid::regclass::text <> ALL (%(global_tables)s)
  AND NOT EXISTS (SELECT 1 FROM pg_attribute a
                  WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
