-- level: error
-- description: No extension is installed in public (its objects would be exposed through the API).
SELECT e.extname, 'extension installed in schema public',
       'ALTER EXTENSION ' || e.extname || ' SET SCHEMA extensions.'
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE n.nspname = 'public'
