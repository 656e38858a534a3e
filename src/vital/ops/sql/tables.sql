-- Every table of schema public that holds tenant rows (every table but partitions),
-- with the columns a COPY can write (generated ones are derived, never carried),
-- the primary key (the stable row order of exports and checksums), and whether
-- the table soft-deletes. tenants is included: its own id is its tenant.
SELECT c.relname AS name,
       array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attgenerated = '') AS columns,
       (SELECT array_agg(k.attname::text ORDER BY u.ord)
          FROM pg_index i
          CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY u(attnum, ord)
          JOIN pg_attribute k ON k.attrelid = c.oid AND k.attnum = u.attnum
         WHERE i.indrelid = c.oid AND i.indisprimary) AS key,
       bool_or(a.attname = 'deleted_at') AS soft_delete
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = 'public'
  AND c.relkind IN ('r', 'p')
  AND NOT c.relispartition
GROUP BY c.oid, c.relname
ORDER BY c.relname
