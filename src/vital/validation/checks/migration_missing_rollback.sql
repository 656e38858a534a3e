-- level: error
-- description: Every applied migration has a rollback file (rule 9).
SELECT version, 'applied, but it has no rollback file',
       'Write src/vital/schema/rollbacks/<same file name> that undoes it exactly.'
FROM supabase_migrations.schema_migrations
WHERE version <> ALL (%(rollback_files)s::text[])
