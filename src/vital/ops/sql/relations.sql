-- Relations outside the system schemas (objects of extensions do not count):
-- `tables` is how many tables pg_dump writes rows of (a backup's progress total),
-- `relations` zero means an empty database, the only kind a restore writes into
-- unless forced.
SELECT count(*) FILTER (WHERE c.relkind IN ('r', 'p', 'm')) AS tables,
       count(*) AS relations
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
