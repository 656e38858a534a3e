-- Domain 1, Core (8 tables): auth.users (in 20261124000001), tenants, profiles,
-- tenant_members, tenant_invitations, api_keys, tenant_usage, audit_log.

-- == types ===================================================================
-- The API's login role: owns no table, cannot bypass RLS, and has no privilege
-- of its own (NOINHERIT) until a transaction switches it to anon or
-- authenticated with set_config('role', ..., true). Cluster-wide, so never dropped
-- by a rollback. On an external database give it a password (see docs/operations.md).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vital_api') THEN
    CREATE ROLE vital_api LOGIN NOINHERIT NOBYPASSRLS;
  END IF;
END $$;
GRANT anon, authenticated TO vital_api;

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS public.tenants (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL CHECK (length(btrim(name)) > 0),
  subdomain   text NOT NULL
              CONSTRAINT tenants_subdomain_dns_label
              CHECK (subdomain ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  tier        text NOT NULL DEFAULT 'free'
              CONSTRAINT tenants_tier_check CHECK (tier IN ('free', 'pro', 'enterprise')),
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb
              CONSTRAINT tenants_settings_is_object CHECK (jsonb_typeof(settings) = 'object'),
  status      text NOT NULL DEFAULT 'active'
              CONSTRAINT tenants_status_check CHECK (status IN ('active', 'suspended')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid() REFERENCES auth.users (id) ON DELETE SET NULL,
  deleted_at  timestamptz,
  CONSTRAINT tenants_subdomain_key UNIQUE (subdomain)
);
COMMENT ON TABLE public.tenants IS 'One row per client company; the row is the tenant. The platform tenant owns the shared library.';
COMMENT ON COLUMN public.tenants.subdomain IS 'Lower-case DNS label: acme serves acme.vitalexpert.ai.';
COMMENT ON COLUMN public.tenants.tier IS 'free | pro | enterprise: sets the usage limits.';
COMMENT ON COLUMN public.tenants.created_by IS 'The auth user who created the tenant (tenants have no tenant_id, so this points at auth.users).';

CREATE TABLE IF NOT EXISTS public.profiles (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES public.tenants (id),
  user_id      uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  display_name text NOT NULL,
  email        text,
  avatar_url   text,
  preferences  jsonb NOT NULL DEFAULT '{}'::jsonb
               CONSTRAINT profiles_preferences_is_object CHECK (jsonb_typeof(preferences) = 'object'),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid DEFAULT auth.uid(),
  deleted_at   timestamptz,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT profiles_tenant_user_key UNIQUE (tenant_id, user_id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.profiles IS 'A user''s profile inside one tenant: a person in two tenants has two profiles.';
COMMENT ON COLUMN public.profiles.created_by IS 'Rule 4 on every table: the auth user (a profile of the same tenant) who created the row.';

CREATE TABLE IF NOT EXISTS public.tenant_members (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  user_id     uuid NOT NULL,
  role        text NOT NULL DEFAULT 'member'
              CONSTRAINT tenant_members_role_check CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT tenant_members_tenant_user_key UNIQUE (tenant_id, user_id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES public.profiles (tenant_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.tenant_members IS 'Membership of a user in a tenant, with the role that sets what they may administer.';

CREATE TABLE IF NOT EXISTS public.tenant_invitations (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  email       text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
  role        text NOT NULL DEFAULT 'member'
              CONSTRAINT tenant_invitations_role_check CHECK (role IN ('admin', 'member', 'viewer')),
  token_hash  text NOT NULL,
  status      text NOT NULL DEFAULT 'pending'
              CONSTRAINT tenant_invitations_status_check CHECK (status IN ('pending', 'accepted', 'revoked', 'expired')),
  expires_at  timestamptz NOT NULL DEFAULT now() + interval '7 days',
  accepted_at timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT tenant_invitations_token_key UNIQUE (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.tenant_invitations IS 'Pending invitations to join a tenant; the token is stored hashed.';
COMMENT ON COLUMN public.tenant_invitations.token_hash IS 'sha256 hex of the invitation token; the token itself is never stored.';

CREATE TABLE IF NOT EXISTS public.api_keys (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES public.tenants (id),
  name         text NOT NULL,
  key_prefix   text NOT NULL CHECK (key_prefix ~ '^[A-Za-z0-9]{8,16}$'),
  key_hash     text NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  scopes       text[] NOT NULL DEFAULT '{}',
  expires_at   timestamptz,
  last_used_at timestamptz,
  revoked_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT api_keys_prefix_key UNIQUE (tenant_id, key_prefix),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.api_keys IS 'Server-to-server keys of a tenant; only a sha256 hash is stored, the prefix finds the row.';
COMMENT ON COLUMN public.api_keys.key_hash IS 'sha256 hex of the whole key; the key is shown once, at creation.';

CREATE TABLE IF NOT EXISTS public.tenant_usage (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES public.tenants (id),
  metric       text NOT NULL
               CONSTRAINT tenant_usage_metric_check
               CHECK (metric IN ('sessions', 'messages', 'documents', 'tokens', 'searches', 'api_requests')),
  period       text NOT NULL DEFAULT 'day'
               CONSTRAINT tenant_usage_period_check CHECK (period IN ('day', 'month')),
  period_start date NOT NULL,
  value        bigint NOT NULL DEFAULT 0 CHECK (value >= 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT tenant_usage_counter_key UNIQUE (tenant_id, metric, period, period_start),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.tenant_usage IS 'Per-period usage counters, read to enforce the tier limits.';

CREATE TABLE IF NOT EXISTS public.audit_log (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  table_name  text NOT NULL,
  row_id      uuid,
  action      text NOT NULL
              CONSTRAINT audit_log_action_check
              CHECK (action IN ('INSERT', 'UPDATE', 'DELETE', 'SOFT_DELETE', 'RESTORE', 'ERASE', 'IMPORT')),
  actor_id    uuid,
  old_data    jsonb,
  new_data    jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.audit_log IS 'Who changed what on the critical tables; written by the audit trigger, read-only to tenants.';
COMMENT ON COLUMN public.audit_log.actor_id IS 'auth.uid() of the change; null for maintenance (service role, migrations).';

-- == functions ===============================================================
-- Written as the function owner so that tenants can read but never forge or
-- edit audit rows (they hold SELECT only on audit_log).
CREATE OR REPLACE FUNCTION vital.audit_row_change() RETURNS trigger
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = ''
  AS $$
  DECLARE
    -- Vectors and derived search columns would bloat the trail without telling
    -- anyone who changed what; document bodies have their own version history.
    bulky constant text[] := ARRAY['embedding', 'search_vector', 'content'];
    old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) - bulky END;
    new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) - bulky END;
    any_row jsonb := coalesce(new_row, old_row);
    verb text := TG_OP;
  BEGIN
    IF TG_OP = 'UPDATE' AND (old_row ? 'deleted_at') THEN
      IF old_row ->> 'deleted_at' IS NULL AND new_row ->> 'deleted_at' IS NOT NULL THEN
        verb := 'SOFT_DELETE';
      ELSIF old_row ->> 'deleted_at' IS NOT NULL AND new_row ->> 'deleted_at' IS NULL THEN
        verb := 'RESTORE';
      END IF;
    END IF;
    INSERT INTO public.audit_log (tenant_id, table_name, row_id, action, actor_id, old_data, new_data, created_by)
    VALUES (
      coalesce(any_row ->> 'tenant_id', any_row ->> 'id')::uuid,
      TG_TABLE_NAME,
      (any_row ->> 'id')::uuid,
      verb,
      auth.uid(),
      old_row,
      new_row,
      NULL
    );
    RETURN NULL;
  END
  $$;
COMMENT ON FUNCTION vital.audit_row_change() IS 'Trigger: appends one audit_log row per change of a critical table.';

-- == triggers ================================================================
CREATE OR REPLACE TRIGGER set_updated_at BEFORE UPDATE ON public.tenants
  FOR EACH ROW EXECUTE FUNCTION vital.set_updated_at();
CREATE OR REPLACE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON public.tenants
  FOR EACH ROW EXECUTE FUNCTION vital.audit_row_change();
CREATE OR REPLACE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON public.profiles
  FOR EACH ROW EXECUTE FUNCTION vital.audit_row_change();
CREATE OR REPLACE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON public.api_keys
  FOR EACH ROW EXECUTE FUNCTION vital.audit_row_change();
CREATE OR REPLACE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON public.tenant_members
  FOR EACH ROW EXECUTE FUNCTION vital.audit_row_change();

-- == policies ================================================================
-- tenants has no tenant_id: its id is the tenant. A tenant reads its own row and
-- the platform's; changes to tenants are maintenance (service role).
ALTER TABLE public.tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.tenants FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON public.tenants;
CREATE POLICY tenant_isolation ON public.tenants AS PERMISSIVE FOR ALL TO authenticated
  USING (id = (SELECT auth.tenant_id()) OR id = vital.platform_tenant_id())
  WITH CHECK (id = (SELECT auth.tenant_id()));
GRANT SELECT ON public.tenants TO authenticated;
GRANT ALL ON public.tenants TO service_role;

CALL vital.secure_tenant_table('public.profiles');
CALL vital.secure_tenant_table('public.tenant_members');
CALL vital.secure_tenant_table('public.tenant_invitations');
CALL vital.secure_tenant_table('public.api_keys');
CALL vital.secure_tenant_table('public.tenant_usage');
CALL vital.secure_tenant_table('public.audit_log');
-- The audit trail is append-only, written by its trigger.
REVOKE INSERT, UPDATE, DELETE ON public.audit_log FROM authenticated;

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS tenants_status_idx ON public.tenants (status);
CREATE INDEX IF NOT EXISTS tenants_created_by_idx ON public.tenants (created_by);
CREATE INDEX IF NOT EXISTS profiles_user_id_idx ON public.profiles (user_id);
CREATE INDEX IF NOT EXISTS profiles_created_by_idx ON public.profiles (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS tenant_members_created_by_idx ON public.tenant_members (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS tenant_invitations_created_by_idx ON public.tenant_invitations (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS tenant_invitations_status_idx ON public.tenant_invitations (tenant_id, status);
CREATE INDEX IF NOT EXISTS api_keys_created_by_idx ON public.api_keys (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS tenant_usage_created_by_idx ON public.tenant_usage (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS audit_log_created_by_idx ON public.audit_log (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS audit_log_row_idx ON public.audit_log (tenant_id, table_name, row_id);
CREATE INDEX IF NOT EXISTS audit_log_created_at_idx ON public.audit_log (tenant_id, created_at);
