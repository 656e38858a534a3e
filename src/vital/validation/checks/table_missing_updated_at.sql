-- level: error
-- description: Every table has updated_at timestamptz kept by the set_updated_at trigger (rule 4).
SELECT c.oid::regclass::text,
       CASE WHEN u.attnum IS NULL THEN 'no updated_at timestamptz column'
            ELSE 'updated_at is not kept by a set_updated_at trigger' END,
       'Add updated_at timestamptz NOT NULL DEFAULT now(); vital.secure_tenant_table creates the trigger.'
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attribute u ON u.attrelid = c.oid AND u.attname = 'updated_at'
                        AND u.atttypid = 'timestamptz'::regtype AND NOT u.attisdropped
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (%(schemas)s) AND NOT c.relispartition
  AND (u.attnum IS NULL
       OR NOT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc f ON f.oid = t.tgfoid
                      WHERE t.tgrelid = c.oid AND f.proname = 'set_updated_at' AND t.tgenabled <> 'D'))
