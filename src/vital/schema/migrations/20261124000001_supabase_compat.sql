-- Supabase compatibility layer.
-- Creates what a Supabase project already provides (roles, schema auth, auth.users,
-- auth.jwt(), auth.uid()), each only where it is missing, so this file applies
-- unchanged to a real Supabase project and to plain PostgreSQL.

-- == roles ===================================================================
-- Roles are cluster-wide: created here when missing, never dropped by a rollback
-- (other databases of the cluster may hold grants to them).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'anon') THEN
    CREATE ROLE anon NOLOGIN NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'authenticated') THEN
    CREATE ROLE authenticated NOLOGIN NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'service_role') THEN
    CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS;
  END IF;
END $$;

-- == extensions ==============================================================
-- Supabase keeps extensions out of public, in schema "extensions".
CREATE SCHEMA IF NOT EXISTS extensions;
GRANT USAGE ON SCHEMA extensions TO anon, authenticated, service_role;
CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA extensions;

-- == schema auth =============================================================
CREATE SCHEMA IF NOT EXISTS auth;
GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;

-- Supabase's auth.users has many more columns; these are the ones VITAL reads.
CREATE TABLE IF NOT EXISTS auth.users (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email              text UNIQUE,
  raw_app_meta_data  jsonb NOT NULL DEFAULT '{}'::jsonb,
  raw_user_meta_data jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
GRANT ALL ON auth.users TO service_role;

-- == functions ===============================================================
-- Default EXECUTE for PUBLIC is revoked for functions created from here on;
-- every function that a role may call is granted explicitly.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

DO $$
BEGIN
  IF to_regprocedure('auth.jwt()') IS NULL THEN
    CREATE FUNCTION auth.jwt() RETURNS jsonb
      LANGUAGE sql STABLE
      AS $f$
        SELECT coalesce(
          nullif(current_setting('request.jwt.claim', true), ''),
          nullif(current_setting('request.jwt.claims', true), '')
        )::jsonb
      $f$;
    COMMENT ON FUNCTION auth.jwt() IS 'The JWT claims of the current request (request.jwt.claims).';
  END IF;
  IF to_regprocedure('auth.uid()') IS NULL THEN
    CREATE FUNCTION auth.uid() RETURNS uuid
      LANGUAGE sql STABLE
      AS $f$
        SELECT coalesce(
          nullif(current_setting('request.jwt.claim.sub', true), ''),
          nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'
        )::uuid
      $f$;
    COMMENT ON FUNCTION auth.uid() IS 'The user id (sub claim) of the current request.';
  END IF;
END $$;

-- VITAL's own: the caller's tenant, top-level claim first, then app_metadata
-- (where Supabase puts custom claims). Policies call it as (select auth.tenant_id())
-- so that it runs once per statement.
CREATE OR REPLACE FUNCTION auth.tenant_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$
    SELECT coalesce(
      auth.jwt() ->> 'tenant_id',
      auth.jwt() -> 'app_metadata' ->> 'tenant_id'
    )::uuid
  $$;
COMMENT ON FUNCTION auth.tenant_id() IS 'The tenant of the current request: claim tenant_id, else app_metadata.tenant_id.';

GRANT EXECUTE ON FUNCTION auth.jwt(), auth.uid(), auth.tenant_id()
  TO anon, authenticated, service_role;
