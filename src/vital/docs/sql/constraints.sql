-- Primary, unique, foreign-key, check and exclusion constraints. NOT NULL
-- constraints (catalogued since PostgreSQL 18) show as the columns' nullability.
SELECT con.conrelid                             AS oid,
       con.conname                              AS name,
       con.contype                              AS kind,
       pg_get_constraintdef(con.oid, true)      AS definition,
       ARRAY(SELECT a.attname
             FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
             ORDER BY k.ord)                    AS columns,
       pn.nspname                               AS parent_schema,
       parent.relname                           AS parent
FROM pg_constraint con
LEFT JOIN pg_class parent ON parent.oid = con.confrelid
LEFT JOIN pg_namespace pn ON pn.oid = parent.relnamespace
WHERE con.conrelid = ANY (%(oids)s::oid[])
  AND con.contype IN ('p', 'u', 'f', 'c', 'x')
ORDER BY con.conrelid, con.conname;
