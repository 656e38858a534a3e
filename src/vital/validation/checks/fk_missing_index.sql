-- level: error
-- description: Every foreign key has an index whose leading columns are the key's columns (rule 7).
SELECT c.oid::regclass::text || ' ' || k.conname,
       'no index leads with (' || (SELECT string_agg(a.attname, ', ' ORDER BY a.attnum) FROM pg_attribute a
                                  WHERE a.attrelid = c.oid AND a.attnum = ANY (k.conkey)) || ')',
       'CREATE INDEX IF NOT EXISTS ... ON ' || c.oid::regclass::text || ' (those columns).'
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE k.contype = 'f' AND n.nspname = ANY (%(schemas)s)
  AND NOT EXISTS (
    SELECT 1 FROM pg_index i
    WHERE i.indrelid = c.oid AND i.indpred IS NULL
      AND (SELECT array_agg(x ORDER BY x) FROM unnest((string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(k.conkey)]) x)
          = (SELECT array_agg(x ORDER BY x) FROM unnest(k.conkey) x))
