SELECT a.attrelid                               AS oid,
       a.attname                                AS name,
       format_type(a.atttypid, a.atttypmod)     AS type,
       NOT a.attnotnull                         AS nullable,
       pg_get_expr(d.adbin, d.adrelid)          AS expression,
       a.attgenerated                           AS generated,
       a.attidentity                            AS identity,
       col_description(a.attrelid, a.attnum)    AS comment
FROM pg_attribute a
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = ANY (%(oids)s::oid[])
  AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum;
