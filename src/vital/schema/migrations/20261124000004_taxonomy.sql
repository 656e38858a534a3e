-- Domain 10, Taxonomy (8 tables): knowledge_domains, capabilities, skills,
-- capability_skills, therapeutic_areas, industries, regulatory_jurisdictions, tags.
-- All are library tables: the platform seeds the shared vocabulary, every tenant
-- reads it and may add its own terms beside it. Each term has a slug, unique per
-- tenant, which seeds and the API use as its natural key.

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS public.knowledge_domains (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  slug        text NOT NULL
              CONSTRAINT knowledge_domains_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name        text NOT NULL CHECK (length(btrim(name)) > 0),
  description text,
  parent_id   uuid,
  depth       smallint NOT NULL DEFAULT 0,
  path        uuid[] NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT knowledge_domains_slug_key UNIQUE (tenant_id, slug),
  -- Same tenant only: a tenant grows its own branches; to hang terms under a
  -- platform domain it forks that domain.
  CONSTRAINT knowledge_domains_parent_fkey
    FOREIGN KEY (tenant_id, parent_id) REFERENCES public.knowledge_domains (tenant_id, id),
  CONSTRAINT knowledge_domains_not_own_parent CHECK (parent_id <> id),
  -- The trigger leaves path empty when it cannot see the parent in the row's
  -- tenant. Reported by a CHECK rather than raised in the trigger, so that RLS
  -- (checked before constraints) refuses a forged row first and no error tells
  -- whether another tenant's row exists.
  CONSTRAINT knowledge_domains_parent_found CHECK (cardinality(path) > 0),
  -- The trigger keeps path and depth; this catches a write that went around it.
  CONSTRAINT knowledge_domains_path_consistent
    CHECK (cardinality(path) = depth + 1
           AND path[cardinality(path)] = id
           AND (parent_id IS NULL) = (depth = 0)),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.knowledge_domains IS 'Tree of expertise areas (regulatory affairs > submissions > ...), used to file agents, documents and capabilities.';
COMMENT ON COLUMN public.knowledge_domains.parent_id IS 'Parent domain in the same tenant; null for a top-level domain.';
COMMENT ON COLUMN public.knowledge_domains.depth IS 'Kept by trigger: 0 for a top-level domain, parent depth + 1 below it.';
COMMENT ON COLUMN public.knowledge_domains.path IS 'Kept by trigger: ids from the root down to this row (inclusive). Subtree of X: path @> ARRAY[X].';

CREATE TABLE IF NOT EXISTS public.capabilities (
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES public.tenants (id),
  slug             text NOT NULL
                   CONSTRAINT capabilities_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name             text NOT NULL CHECK (length(btrim(name)) > 0),
  description      text,
  domain_tenant_id uuid,
  domain_id        uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  created_by       uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT capabilities_slug_key UNIQUE (tenant_id, slug),
  -- MATCH FULL: with a plain FK a row with only one of the two columns set
  -- would escape the check.
  FOREIGN KEY (domain_tenant_id, domain_id) REFERENCES public.knowledge_domains (tenant_id, id)
    MATCH FULL ON DELETE SET NULL (domain_tenant_id, domain_id),
  CONSTRAINT capabilities_domain_tenant_check
    CHECK (domain_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.capabilities IS 'What an expert (agent or role) can deliver, e.g. regulatory strategy; a capability draws on several skills.';
COMMENT ON COLUMN public.capabilities.domain_tenant_id IS 'Tenant of the knowledge domain: this row''s own tenant or the platform library.';
COMMENT ON COLUMN public.capabilities.domain_id IS 'The knowledge domain the capability belongs to (optional).';

CREATE TABLE IF NOT EXISTS public.skills (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  slug        text NOT NULL
              CONSTRAINT skills_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name        text NOT NULL CHECK (length(btrim(name)) > 0),
  description text,
  skill_type  text NOT NULL DEFAULT 'technical'
              CONSTRAINT skills_skill_type_check
              CHECK (skill_type IN ('technical', 'regulatory', 'analytical', 'scientific',
                                    'interpersonal', 'tool')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT skills_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.skills IS 'A concrete, teachable skill (SAS programming, MedDRA coding...), held by agents, roles and personas.';
COMMENT ON COLUMN public.skills.skill_type IS 'technical | regulatory | analytical | scientific | interpersonal | tool.';

CREATE TABLE IF NOT EXISTS public.capability_skills (
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id            uuid NOT NULL REFERENCES public.tenants (id),
  capability_tenant_id uuid NOT NULL,
  capability_id        uuid NOT NULL,
  skill_tenant_id      uuid NOT NULL,
  skill_id             uuid NOT NULL,
  is_core              boolean NOT NULL DEFAULT true,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  created_by           uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT capability_skills_pair_key UNIQUE (tenant_id, capability_id, skill_id),
  FOREIGN KEY (capability_tenant_id, capability_id) REFERENCES public.capabilities (tenant_id, id)
    ON DELETE CASCADE,
  CONSTRAINT capability_skills_capability_tenant_check
    CHECK (capability_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (skill_tenant_id, skill_id) REFERENCES public.skills (tenant_id, id)
    ON DELETE CASCADE,
  CONSTRAINT capability_skills_skill_tenant_check
    CHECK (skill_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.capability_skills IS 'Which skills a capability draws on. A tenant may link its own or platform capabilities and skills.';
COMMENT ON COLUMN public.capability_skills.capability_tenant_id IS 'Tenant of the capability: this row''s own tenant or the platform library.';
COMMENT ON COLUMN public.capability_skills.skill_tenant_id IS 'Tenant of the skill: this row''s own tenant or the platform library.';
COMMENT ON COLUMN public.capability_skills.is_core IS 'true: the capability cannot be delivered without the skill; false: a supporting skill.';

CREATE TABLE IF NOT EXISTS public.therapeutic_areas (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id          uuid NOT NULL REFERENCES public.tenants (id),
  slug               text NOT NULL
                     CONSTRAINT therapeutic_areas_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name               text NOT NULL CHECK (length(btrim(name)) > 0),
  description        text,
  mesh_descriptor_id text
                     CONSTRAINT therapeutic_areas_mesh_descriptor_format CHECK (mesh_descriptor_id ~ '^D[0-9]{6,9}$'),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  created_by         uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT therapeutic_areas_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.therapeutic_areas IS 'Disease areas a product, role or agent works in (oncology, cardiology...).';
COMMENT ON COLUMN public.therapeutic_areas.mesh_descriptor_id IS 'NLM MeSH descriptor of the broadest matching heading (e.g. D009369 Neoplasms), to map literature searches.';

CREATE TABLE IF NOT EXISTS public.industries (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  slug        text NOT NULL
              CONSTRAINT industries_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name        text NOT NULL CHECK (length(btrim(name)) > 0),
  description text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT industries_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.industries IS 'Life-science industry segments (pharmaceuticals, medical devices...) that personas, agents and tenants belong to.';

CREATE TABLE IF NOT EXISTS public.regulatory_jurisdictions (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES public.tenants (id),
  slug          text NOT NULL
                CONSTRAINT regulatory_jurisdictions_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name          text NOT NULL CHECK (length(btrim(name)) > 0),
  authority     text NOT NULL CHECK (length(btrim(authority)) > 0),
  authority_url text
                CONSTRAINT regulatory_jurisdictions_authority_url_format CHECK (authority_url ~ '^https://'),
  region_code   text
                CONSTRAINT regulatory_jurisdictions_region_code_format CHECK (region_code ~ '^[A-Z]{2}$'),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT regulatory_jurisdictions_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.regulatory_jurisdictions IS 'Regulatory territories and the authority that rules each (us: FDA, eu: EMA...).';
COMMENT ON COLUMN public.regulatory_jurisdictions.slug IS 'Short key: us, eu, uk, jp, ca, cn, global...';
COMMENT ON COLUMN public.regulatory_jurisdictions.authority IS 'The competent authority or harmonisation body (FDA, EMA, MHRA, PMDA, ICH...).';
COMMENT ON COLUMN public.regulatory_jurisdictions.region_code IS 'ISO 3166-1 alpha-2 code (EU for the Union); null for global.';

CREATE TABLE IF NOT EXISTS public.tags (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  slug        text NOT NULL
              CONSTRAINT tags_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name        text NOT NULL CHECK (length(btrim(name)) > 0),
  description text,
  color       text
              CONSTRAINT tags_color_format CHECK (color ~ '^#[0-9a-f]{6}$'),
  applies_to  text[] NOT NULL DEFAULT '{}'
              CONSTRAINT tags_applies_to_check
              CHECK (applies_to <@ ARRAY['agents', 'personas', 'jtbds', 'documents', 'sessions',
                                         'panels', 'templates', 'workflows']::text[]),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT tags_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.tags IS 'Free labels a tenant defines for its own content; the platform seeds a few common ones.';
COMMENT ON COLUMN public.tags.color IS 'Display colour, lower-case #rrggbb.';
COMMENT ON COLUMN public.tags.applies_to IS 'Kinds of content the tag is offered for in the UI; empty = all.';

-- == functions ===============================================================
-- path and depth come from the parent row, so they cannot disagree with
-- parent_id; a new parent that already lies below the row would close a cycle.
-- The parent is looked up under the writer's RLS in the row's own tenant; when
-- it is not found, path is left empty for knowledge_domains_parent_found to
-- refuse (a parent inserted later in the same statement is not visible yet:
-- insert parents first).
CREATE OR REPLACE FUNCTION vital.knowledge_domains_set_path() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  DECLARE
    parent_path uuid[];
  BEGIN
    IF NEW.parent_id IS NULL THEN
      NEW.path := ARRAY[NEW.id];
    ELSE
      SELECT d.path INTO parent_path
        FROM public.knowledge_domains AS d
       WHERE d.tenant_id = NEW.tenant_id AND d.id = NEW.parent_id;
      IF NOT FOUND THEN
        NEW.path := '{}';
        NEW.depth := 0;
        RETURN NEW;
      END IF;
      IF NEW.id = ANY (parent_path) THEN
        RAISE EXCEPTION 'knowledge domain % cannot be placed below its own descendant %', NEW.id, NEW.parent_id
          USING ERRCODE = 'check_violation', CONSTRAINT = 'knowledge_domains_no_cycle',
                SCHEMA = 'public', TABLE = 'knowledge_domains';
      END IF;
      NEW.path := parent_path || NEW.id;
    END IF;
    NEW.depth := cardinality(NEW.path) - 1;
    RETURN NEW;
  END
  $$;
COMMENT ON FUNCTION vital.knowledge_domains_set_path() IS 'Trigger: derives knowledge_domains.path and depth from the parent row; refuses cycles.';

-- A moved row's children are "touched" (parent_id = parent_id) so that their own
-- BEFORE trigger recomputes their path from the updated row; their AFTER trigger
-- does the same one level down, until a level's path no longer changes.
CREATE OR REPLACE FUNCTION vital.knowledge_domains_cascade_path() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  BEGIN
    UPDATE public.knowledge_domains AS d
       SET parent_id = d.parent_id
     WHERE d.tenant_id = NEW.tenant_id AND d.parent_id = NEW.id;
    RETURN NULL;
  END
  $$;
COMMENT ON FUNCTION vital.knowledge_domains_cascade_path() IS 'Trigger: after a knowledge domain''s path changes, recomputes the paths of its subtree.';

-- == triggers ================================================================
CREATE OR REPLACE TRIGGER set_path BEFORE INSERT OR UPDATE OF parent_id, path, depth
  ON public.knowledge_domains
  FOR EACH ROW EXECUTE FUNCTION vital.knowledge_domains_set_path();
CREATE OR REPLACE TRIGGER cascade_path AFTER UPDATE OF parent_id, path, depth
  ON public.knowledge_domains
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path)
  EXECUTE FUNCTION vital.knowledge_domains_cascade_path();

-- == policies ================================================================
CALL vital.secure_tenant_table('public.knowledge_domains', library => true);
CALL vital.secure_tenant_table('public.capabilities', library => true);
CALL vital.secure_tenant_table('public.skills', library => true);
CALL vital.secure_tenant_table('public.capability_skills', library => true);
CALL vital.secure_tenant_table('public.therapeutic_areas', library => true);
CALL vital.secure_tenant_table('public.industries', library => true);
CALL vital.secure_tenant_table('public.regulatory_jurisdictions', library => true);
CALL vital.secure_tenant_table('public.tags', library => true);

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS knowledge_domains_parent_idx ON public.knowledge_domains (tenant_id, parent_id);
CREATE INDEX IF NOT EXISTS knowledge_domains_path_idx ON public.knowledge_domains USING gin (path);
CREATE INDEX IF NOT EXISTS knowledge_domains_created_by_idx ON public.knowledge_domains (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS capabilities_domain_idx ON public.capabilities (domain_tenant_id, domain_id);
CREATE INDEX IF NOT EXISTS capabilities_created_by_idx ON public.capabilities (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS skills_created_by_idx ON public.skills (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS capability_skills_capability_idx ON public.capability_skills (capability_tenant_id, capability_id);
CREATE INDEX IF NOT EXISTS capability_skills_skill_idx ON public.capability_skills (skill_tenant_id, skill_id);
CREATE INDEX IF NOT EXISTS capability_skills_created_by_idx ON public.capability_skills (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS therapeutic_areas_created_by_idx ON public.therapeutic_areas (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS industries_created_by_idx ON public.industries (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS regulatory_jurisdictions_created_by_idx ON public.regulatory_jurisdictions (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS tags_created_by_idx ON public.tags (tenant_id, created_by);
