-- level: error
-- description: Primary and unique keys of tenant tables include tenant_id, so every table can be distributed by it (Citus).
SELECT c.oid::regclass::text || ' ' || i.indexrelid::regclass::text,
       'unique index without tenant_id',
       'Lead the key with tenant_id: PRIMARY KEY (tenant_id, id), UNIQUE (tenant_id, ...).'
FROM pg_index i
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute t ON t.attrelid = c.oid AND t.attname = 'tenant_id' AND NOT t.attisdropped
WHERE i.indisunique AND n.nspname = ANY (%(schemas)s)
  AND NOT (t.attnum = ANY (string_to_array(i.indkey::text, ' ')::int2[]))
