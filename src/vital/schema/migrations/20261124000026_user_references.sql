-- References to users checked against the tenant of the row (issue 14, item 3).
-- Almost every user column (created_by, user_id, decided_by...) of a tenant table
-- already has a composite foreign key (tenant_id, col) -> profiles (tenant_id,
-- user_id): it can only name a person of the same tenant, and its error is the
-- same whether the id exists elsewhere or not. The columns that reference
-- auth.users directly (today profiles.user_id) could name any user of any tenant,
-- and their foreign key answered differently for an unknown id (violation) and
-- another tenant's user (accepted): an existence oracle. For each such column,
-- found in the catalog below, two triggers give one answer for both:
--   <col>_is_a_user (BEFORE, row): an unknown id is refused at once, with the
--     message below, before the foreign key would name itself; so is an update
--     to anyone who is not already a member of the row's tenant;
--   <col>_is_a_member (constraint trigger, deferred to commit): the user must be a
--     member of the row's tenant (tenant_members), so the profile written just
--     before its membership in one transaction (vital.join_tenant, `vital user
--     add`, SSO, tenant import) passes, and one for a stranger fails.
-- Both raise 23503 with the same message and hint: the API answers the same 4xx.
-- They apply to transactions that act as a tenant (vital.in_tenant_context()).

-- == types ===================================================================

-- == tables ==================================================================

-- == functions ===============================================================
CREATE OR REPLACE FUNCTION vital.refuse_foreign_user() RETURNS void
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  BEGIN
    RAISE EXCEPTION 'the user is not a member of this tenant'
      USING ERRCODE = '23503', HINT = 'Refer only to people who are members of your tenant.';
  END
  $$;
COMMENT ON FUNCTION vital.refuse_foreign_user() IS
  'The one refusal of a reference to a user outside the row''s tenant, unknown or not (no existence oracle).';

-- Whether the transaction writes as a tenant (vital.db.tenant sets the claims, transaction-local,
-- for the API and every CLI command that acts as a tenant). The owner's own sessions (migrations,
-- seeds, restores, maintenance) are not checked: they may hold a profile without a membership.
CREATE OR REPLACE FUNCTION vital.in_tenant_context() RETURNS boolean
  LANGUAGE sql STABLE
  SET search_path = ''
  AS $$ SELECT coalesce(current_setting('request.jwt.claims', true), '') NOT IN ('', '{}') $$;
COMMENT ON FUNCTION vital.in_tenant_context() IS
  'True in a transaction that acts as a tenant (claims set by vital.db.tenant); the reference checks apply there.';

CREATE OR REPLACE FUNCTION vital.check_user_exists() RETURNS trigger
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = ''
  AS $$
  DECLARE
    v_row  jsonb := to_jsonb(NEW);
    v_user uuid := (v_row ->> TG_ARGV[0])::uuid;
  BEGIN
    IF v_user IS NULL OR NOT vital.in_tenant_context() THEN
      RETURN NEW;
    END IF;
    -- A new row may come just before its membership (checked at commit); a row moved to
    -- another user is never part of that: the user must be a member already.
    IF TG_OP = 'INSERT' AND NOT EXISTS (SELECT FROM auth.users u WHERE u.id = v_user)
       OR TG_OP = 'UPDATE' AND NOT EXISTS (SELECT FROM public.tenant_members m
                                            WHERE m.tenant_id = (v_row ->> 'tenant_id')::uuid
                                              AND m.user_id = v_user) THEN
      PERFORM vital.refuse_foreign_user();
    END IF;
    RETURN NEW;
  END
  $$;
COMMENT ON FUNCTION vital.check_user_exists() IS
  'BEFORE trigger on a column referencing auth.users (TG_ARGV[0]): an unknown id (insert) or a non-member (update) gets the same refusal as another tenant''s user.';

CREATE OR REPLACE FUNCTION vital.check_user_is_member() RETURNS trigger
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = ''
  AS $$
  DECLARE
    v_row  jsonb := to_jsonb(NEW);
    v_user uuid := (v_row ->> TG_ARGV[0])::uuid;
  BEGIN
    IF v_user IS NOT NULL AND vital.in_tenant_context() AND NOT EXISTS (
         SELECT FROM public.tenant_members m
          WHERE m.tenant_id = (v_row ->> 'tenant_id')::uuid AND m.user_id = v_user) THEN
      PERFORM vital.refuse_foreign_user();
    END IF;
    RETURN NULL;
  END
  $$;
COMMENT ON FUNCTION vital.check_user_is_member() IS
  'Deferred constraint trigger on a column referencing auth.users (TG_ARGV[0]): at commit the user is a member of the row''s tenant.';

REVOKE ALL ON FUNCTION vital.in_tenant_context() FROM PUBLIC;
REVOKE ALL ON FUNCTION vital.refuse_foreign_user() FROM PUBLIC;
REVOKE ALL ON FUNCTION vital.check_user_exists() FROM PUBLIC;
REVOKE ALL ON FUNCTION vital.check_user_is_member() FROM PUBLIC;

-- == triggers ================================================================
-- Every single-column foreign key from a tenant table of schema public to auth.users.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT c.conrelid::regclass AS tbl, a.attname AS col
      FROM pg_catalog.pg_constraint c
      JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     WHERE c.contype = 'f' AND c.confrelid = 'auth.users'::regclass AND cardinality(c.conkey) = 1
       AND c.connamespace = 'public'::regnamespace
       AND EXISTS (SELECT FROM pg_catalog.pg_attribute t
                    WHERE t.attrelid = c.conrelid AND t.attname = 'tenant_id' AND NOT t.attisdropped)
     ORDER BY 1, 2
  LOOP
    EXECUTE format('CREATE OR REPLACE TRIGGER %I BEFORE INSERT OR UPDATE OF %I ON %s '
                   'FOR EACH ROW EXECUTE FUNCTION vital.check_user_exists(%L)',
                   r.col || '_is_a_user', r.col, r.tbl, r.col);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', r.col || '_is_a_member', r.tbl);
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OF %I ON %s '
                   'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION vital.check_user_is_member(%L)',
                   r.col || '_is_a_member', r.col, r.tbl, r.col);
  END LOOP;
END
$$;

-- == policies ================================================================

-- == indexes =================================================================
