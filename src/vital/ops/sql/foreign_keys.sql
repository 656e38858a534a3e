-- Foreign keys between tables of schema public: the edges of the dependency
-- order (parents before children), and the references into the platform library
-- (<x>_tenant_id, <x>_id) that an import checks against the target's library and
-- that a Citus cluster keeps by triggers (with the key's ON DELETE action:
-- a no action, c cascade, n set null; set_null: the columns it nulls).
SELECT con.conname AS name,
       child.relname AS child,
       (SELECT array_agg(a.attname::text ORDER BY k.ord)
          FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
       parent.relname AS parent,
       (SELECT array_agg(a.attname::text ORDER BY k.ord)
          FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS parent_columns,
       con.confdeltype::text AS on_delete,
       (SELECT array_agg(a.attname::text ORDER BY k.ord)
          FROM unnest(coalesce(con.confdelsetcols, con.conkey)) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS set_null
FROM pg_constraint con
JOIN pg_class child ON child.oid = con.conrelid
JOIN pg_class parent ON parent.oid = con.confrelid
WHERE con.contype = 'f'
  AND child.relnamespace = 'public'::regnamespace
  AND parent.relnamespace = 'public'::regnamespace
ORDER BY child.relname, con.conname
