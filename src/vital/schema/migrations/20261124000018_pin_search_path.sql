-- Pin search_path on the functions that still resolved names through the caller's
-- (Supabase's linter: function_search_path_mutable). A function whose search_path
-- the caller controls can be made to call the caller's objects; with
-- search_path = '' every name in the body is schema-qualified (pg_catalog is always
-- searched first). vital db validate keeps it so (check function_search_path_mutable).
-- No table is created; grants and comments of the replaced functions are kept.

-- == functions ===============================================================
CREATE OR REPLACE FUNCTION vital.platform_tenant_id() RETURNS uuid
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = ''
  AS $$ SELECT '00000000-0000-0000-0000-000000000000'::uuid $$;

CREATE OR REPLACE FUNCTION vital.seed_uuid(VARIADIC parts text[]) RETURNS uuid
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = ''
  AS $$ SELECT pg_catalog.md5(pg_catalog.array_to_string(parts, '/'))::uuid $$;

CREATE OR REPLACE FUNCTION auth.tenant_id() RETURNS uuid
  LANGUAGE sql STABLE
  SET search_path = ''
  AS $$
    SELECT coalesce(
      auth.jwt() ->> 'tenant_id',
      auth.jwt() -> 'app_metadata' ->> 'tenant_id'
    )::uuid
  $$;

-- auth.jwt() and auth.uid() are Supabase's where Supabase runs; 20261124000001
-- creates them only where they are missing, so only those (ours) are pinned. Their
-- bodies name nothing outside pg_catalog.
DO $$
DECLARE
  fn regprocedure;
BEGIN
  FOREACH fn IN ARRAY ARRAY['auth.jwt()'::regprocedure, 'auth.uid()'::regprocedure] LOOP
    IF pg_catalog.pg_has_role((SELECT proowner FROM pg_catalog.pg_proc WHERE oid = fn), 'USAGE') THEN
      EXECUTE pg_catalog.format('ALTER FUNCTION %s SET search_path = %L', fn, '');
    END IF;
  END LOOP;
END $$;
