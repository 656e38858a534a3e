-- Every table and view of schema public that `authenticated` may read, with its
-- columns, keys, foreign keys and single-column CHECK constraints: what the REST
-- layer validates identifiers against and documents in OpenAPI. Read once, at startup.
SELECT c.relname AS name,
       c.relkind IN ('v', 'm') AS is_view,
       obj_description(c.oid, 'pg_class') AS comment,
       has_table_privilege('authenticated', c.oid, 'INSERT') AS can_insert,
       has_table_privilege('authenticated', c.oid, 'UPDATE') AS can_update,
       has_table_privilege('authenticated', c.oid, 'DELETE') AS can_delete,
       (SELECT json_agg(json_build_object(
                 'name', a.attname,
                 'type', format_type(a.atttypid, a.atttypmod),
                 'element', coalesce(elem.typname, t.typname),
                 'is_array', t.typcategory = 'A',
                 'nullable', NOT a.attnotnull,
                 'has_default', a.atthasdef OR a.attidentity <> '',
                 'generated', a.attgenerated <> '',
                 'comment', col_description(c.oid, a.attnum))
               ORDER BY a.attnum)
          FROM pg_attribute a
          JOIN pg_type t ON t.oid = a.atttypid
          LEFT JOIN pg_type elem ON elem.oid = t.typelem AND t.typcategory = 'A'
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
       (SELECT json_agg(json_build_object(
                 'type', con.contype,
                 'name', con.conname,
                 'columns', (SELECT json_agg(a.attname ORDER BY k.ord)
                               FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
                 'target', target.relname,
                 'target_columns', (SELECT json_agg(a.attname ORDER BY k.ord)
                                      FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                                      JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum),
                 'definition', CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid) END)
               ORDER BY con.conname)
          FROM pg_constraint con
          LEFT JOIN pg_class target ON target.oid = con.confrelid
          LEFT JOIN pg_namespace tn ON tn.oid = target.relnamespace
         WHERE con.conrelid = c.oid
           AND (con.contype IN ('p', 'u')
                OR (con.contype = 'f' AND tn.nspname = 'public')
                OR (con.contype = 'c' AND cardinality(con.conkey) = 1))) AS constraints
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public'
  AND c.relkind IN ('r', 'p', 'v', 'm')
  AND NOT c.relispartition
  AND has_table_privilege('authenticated', c.oid, 'SELECT')
ORDER BY c.relname
