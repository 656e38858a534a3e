-- Platform helpers: schema "vital" holds the functions every domain migration
-- uses, so that each rule of SCHEMA.md is written once.

-- == types ===================================================================
CREATE SCHEMA IF NOT EXISTS vital;
COMMENT ON SCHEMA vital IS 'VITAL platform internals: helpers used by migrations, triggers and policies.';
GRANT USAGE ON SCHEMA vital TO anon, authenticated, service_role;

-- == functions ===============================================================
-- The platform tenant owns the shared library (agents, personas, JTBDs, taxonomy...).
CREATE OR REPLACE FUNCTION vital.platform_tenant_id() RETURNS uuid
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT '00000000-0000-0000-0000-000000000000'::uuid $$;
COMMENT ON FUNCTION vital.platform_tenant_id() IS 'The fixed id of the platform tenant, owner of the shared library.';
GRANT EXECUTE ON FUNCTION vital.platform_tenant_id() TO anon, authenticated, service_role;

-- Seeded rows get ids derived from natural keys, so that seed files can refer
-- to each other's rows and seeding twice changes nothing.
CREATE OR REPLACE FUNCTION vital.seed_uuid(VARIADIC parts text[]) RETURNS uuid
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT md5(array_to_string(parts, '/'))::uuid $$;
COMMENT ON FUNCTION vital.seed_uuid(text[]) IS 'Deterministic uuid from natural-key parts, for seeded rows: seed_uuid(''personas'', ''platform'', ''medical-writer'').';

-- Rule 4: updated_at is kept by the database, whoever writes.
CREATE OR REPLACE FUNCTION vital.set_updated_at() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  BEGIN
    NEW.updated_at := now();
    RETURN NEW;
  END
  $$;
COMMENT ON FUNCTION vital.set_updated_at() IS 'Trigger: stamps updated_at on every UPDATE.';

-- Rule 2 and the platform library, in one place. Every tenant table gets RLS
-- enabled and forced and one permissive policy, tenant_isolation, for all
-- commands. A library table's tenant_isolation also lets tenants read platform
-- rows; two restrictive policies then keep platform rows out of reach of UPDATE
-- and DELETE, so that no two permissive policies overlap for one command.
CREATE OR REPLACE PROCEDURE vital.secure_tenant_table(tbl regclass, library boolean DEFAULT false)
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  DECLARE
    own constant text := 'tenant_id = (SELECT auth.tenant_id())';
    readable text := CASE WHEN library
      THEN 'tenant_id = (SELECT auth.tenant_id()) OR tenant_id = vital.platform_tenant_id()'
      ELSE own END;
  BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s AS PERMISSIVE FOR ALL TO authenticated '
                   'USING (%s) WITH CHECK (%s)', tbl, readable, own);
    EXECUTE format('DROP POLICY IF EXISTS platform_rows_no_update ON %s', tbl);
    EXECUTE format('DROP POLICY IF EXISTS platform_rows_no_delete ON %s', tbl);
    IF library THEN
      EXECUTE format('CREATE POLICY platform_rows_no_update ON %s AS RESTRICTIVE FOR UPDATE '
                     'TO authenticated USING (%s)', tbl, own);
      EXECUTE format('CREATE POLICY platform_rows_no_delete ON %s AS RESTRICTIVE FOR DELETE '
                     'TO authenticated USING (%s)', tbl, own);
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO authenticated, service_role', tbl);
    EXECUTE format('CREATE OR REPLACE TRIGGER set_updated_at BEFORE UPDATE ON %s '
                   'FOR EACH ROW EXECUTE FUNCTION vital.set_updated_at()', tbl);
  END
  $$;
COMMENT ON PROCEDURE vital.secure_tenant_table(regclass, boolean) IS
  'Enables and forces RLS with the tenant_isolation policy (plus platform read-sharing for library tables), grants, and the updated_at trigger.';
