SELECT i.indrelid                         AS oid,
       c.relname                          AS name,
       pg_get_indexdef(i.indexrelid)      AS definition
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = ANY (%(oids)s::oid[])
ORDER BY i.indrelid, c.relname;
