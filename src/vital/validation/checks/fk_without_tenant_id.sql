-- level: error
-- description: A foreign key between two tenant tables includes the tenant column, so no row can point into another tenant (rule 3).
SELECT c.oid::regclass::text || ' ' || k.conname,
       'references ' || k.confrelid::regclass::text || ' without a tenant column',
       'Reference (tenant_id, <col>) of the parent, or (<x>_tenant_id, <x>_id) with a CHECK for library rows.'
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE k.contype = 'f' AND n.nspname = ANY (%(schemas)s)
  AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = k.confrelid AND a.attname = 'tenant_id')
  AND NOT EXISTS (SELECT 1 FROM pg_attribute a
                  WHERE a.attrelid = c.oid AND a.attnum = ANY (k.conkey) AND a.attname ~ '(^|_)tenant_id$')
