-- level: error
-- description: Every table has created_at timestamptz (rule 4).
SELECT c.oid::regclass::text, 'no created_at timestamptz column',
       'Add created_at timestamptz NOT NULL DEFAULT now().'
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (%(schemas)s) AND NOT c.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'created_at'
                    AND a.atttypid = 'timestamptz'::regtype AND NOT a.attisdropped)
