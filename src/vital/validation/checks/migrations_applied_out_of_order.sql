-- level: warning
-- description: Migrations were applied in version order.
SELECT version, 'applied after a later version (' || next_version || ')',
       'Check that the two migrations do not depend on each other in the other order.'
FROM (SELECT version, applied_at,
             max(version) OVER (ORDER BY applied_at, version ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next_version
      FROM supabase_migrations.schema_migrations WHERE applied_at IS NOT NULL) s
WHERE next_version > version
