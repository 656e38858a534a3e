-- level: warning
-- description: No two indexes of a table are the same (same columns, operator classes, expressions, predicate).
SELECT min(i.indexrelid::regclass::text) || ' = ' || max(i.indexrelid::regclass::text),
       'indexes on ' || i.indrelid::regclass::text || ' are identical',
       'Drop one of them.'
FROM pg_index i
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY (%(schemas)s)
GROUP BY i.indrelid, i.indkey::text, i.indclass::text,
         coalesce(pg_get_expr(i.indexprs, i.indrelid), ''), coalesce(pg_get_expr(i.indpred, i.indrelid), '')
HAVING count(*) > 1
