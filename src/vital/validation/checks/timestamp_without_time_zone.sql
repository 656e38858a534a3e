-- level: warning
-- description: Times are timestamptz, never timestamp (rule 4).
SELECT c.oid::regclass::text || '.' || a.attname, 'column is timestamp without time zone',
       'ALTER COLUMN ' || a.attname || ' TYPE timestamptz.'
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (%(schemas)s)
  AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 'timestamp'::regtype
