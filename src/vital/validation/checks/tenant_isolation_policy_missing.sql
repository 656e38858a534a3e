-- level: error
-- description: Every table has a policy named tenant_isolation with both USING and WITH CHECK (rule 2).
SELECT c.oid::regclass::text, 'no tenant_isolation policy with both USING and WITH CHECK',
       'CALL vital.secure_tenant_table(''' || c.oid::regclass::text || ''') in the policies section.'
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_policy p
                  WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation'
                    AND p.polqual IS NOT NULL AND p.polwithcheck IS NOT NULL)
