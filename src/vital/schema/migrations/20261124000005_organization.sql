-- Domain 2, Organization (12 tables): org_functions, org_departments, org_roles,
-- org_teams, org_team_members, org_reporting_lines, org_role_responsibilities,
-- org_role_skills, org_role_tools, org_role_kpis, org_role_therapeutic_areas,
-- org_locations.
-- The structure (functions, departments, roles and what a role does) is library:
-- the platform describes the usual life-science organisation, which personas and
-- agents refer to, and a tenant models its own beside it. Team membership and
-- locations are the tenant's own facts, so those two tables are tenant-private.

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS public.org_functions (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  slug        text NOT NULL
              CONSTRAINT org_functions_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name        text NOT NULL CHECK (length(btrim(name)) > 0),
  description text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT org_functions_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.org_functions IS 'Top-level business functions of a life-science company (regulatory, clinical, quality...).';

CREATE TABLE IF NOT EXISTS public.org_departments (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id          uuid NOT NULL REFERENCES public.tenants (id),
  slug               text NOT NULL
                     CONSTRAINT org_departments_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name               text NOT NULL CHECK (length(btrim(name)) > 0),
  description        text,
  function_tenant_id uuid NOT NULL,
  function_id        uuid NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  created_by         uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT org_departments_slug_key UNIQUE (tenant_id, slug),
  -- No cascade: a function that still has departments cannot be deleted, so a
  -- platform clean-up cannot remove a tenant's departments behind its back.
  FOREIGN KEY (function_tenant_id, function_id) REFERENCES public.org_functions (tenant_id, id),
  CONSTRAINT org_departments_function_tenant_check
    CHECK (function_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.org_departments IS 'Departments inside a function (clinical operations inside clinical...).';
COMMENT ON COLUMN public.org_departments.function_tenant_id IS 'Tenant of the function: this row''s own tenant or the platform library (a tenant may hang its departments under platform functions).';

CREATE TABLE IF NOT EXISTS public.org_roles (
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id            uuid NOT NULL REFERENCES public.tenants (id),
  slug                 text NOT NULL
                       CONSTRAINT org_roles_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name                 text NOT NULL CHECK (length(btrim(name)) > 0),
  description          text,
  function_tenant_id   uuid,
  function_id          uuid,
  department_tenant_id uuid,
  department_id        uuid,
  reports_to_role_id   uuid,
  seniority            text NOT NULL DEFAULT 'mid'
                       CONSTRAINT org_roles_seniority_check
                       CHECK (seniority IN ('entry', 'mid', 'senior', 'principal', 'executive')),
  leadership_level     text NOT NULL DEFAULT 'individual_contributor'
                       CONSTRAINT org_roles_leadership_level_check
                       CHECK (leadership_level IN ('individual_contributor', 'team_lead', 'manager',
                                                   'director', 'vice_president', 'c_suite')),
  min_years_experience smallint
                       CONSTRAINT org_roles_min_years_experience_range
                       CHECK (min_years_experience BETWEEN 0 AND 40),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  created_by           uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT org_roles_slug_key UNIQUE (tenant_id, slug),
  -- MATCH FULL on the optional library references: with a plain FK a row with
  -- only one of the two columns set would escape the check.
  FOREIGN KEY (function_tenant_id, function_id) REFERENCES public.org_functions (tenant_id, id)
    MATCH FULL ON DELETE SET NULL (function_tenant_id, function_id),
  CONSTRAINT org_roles_function_tenant_check
    CHECK (function_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (department_tenant_id, department_id) REFERENCES public.org_departments (tenant_id, id)
    MATCH FULL ON DELETE SET NULL (department_tenant_id, department_id),
  CONSTRAINT org_roles_department_tenant_check
    CHECK (department_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, reports_to_role_id) REFERENCES public.org_roles (tenant_id, id)
    ON DELETE SET NULL (reports_to_role_id),
  CONSTRAINT org_roles_not_own_manager CHECK (reports_to_role_id <> id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.org_roles IS 'Job roles (regulatory affairs director, medical writer...) with their place in the hierarchy; personas are mapped to them.';
COMMENT ON COLUMN public.org_roles.function_tenant_id IS 'Tenant of the function: this row''s own tenant or the platform library.';
COMMENT ON COLUMN public.org_roles.department_tenant_id IS 'Tenant of the department: this row''s own tenant or the platform library.';
COMMENT ON COLUMN public.org_roles.reports_to_role_id IS 'The solid-line manager role, in the same tenant; dotted and matrix lines are in org_reporting_lines.';
COMMENT ON COLUMN public.org_roles.seniority IS 'Career band: entry | mid | senior | principal | executive.';
COMMENT ON COLUMN public.org_roles.leadership_level IS 'Span of leadership: individual_contributor | team_lead | manager | director | vice_president | c_suite.';
COMMENT ON COLUMN public.org_roles.min_years_experience IS 'Typical minimum years of relevant experience for the role.';

CREATE TABLE IF NOT EXISTS public.org_locations (
  id                     uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id              uuid NOT NULL REFERENCES public.tenants (id),
  slug                   text NOT NULL
                         CONSTRAINT org_locations_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name                   text NOT NULL CHECK (length(btrim(name)) > 0),
  location_type          text NOT NULL DEFAULT 'office'
                         CONSTRAINT org_locations_location_type_check
                         CHECK (location_type IN ('headquarters', 'office', 'laboratory', 'manufacturing',
                                                  'clinical_site', 'warehouse', 'remote')),
  city                   text,
  country_code           text
                         CONSTRAINT org_locations_country_code_format CHECK (country_code ~ '^[A-Z]{2}$'),
  time_zone              text
                         CONSTRAINT org_locations_time_zone_format CHECK (time_zone ~ '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$'),
  jurisdiction_tenant_id uuid,
  jurisdiction_id        uuid,
  gxp_scope              text[] NOT NULL DEFAULT '{}'
                         CONSTRAINT org_locations_gxp_scope_check
                         CHECK (gxp_scope <@ ARRAY['GMP', 'GCP', 'GLP', 'GDP', 'GVP']::text[]),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  created_by             uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT org_locations_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (jurisdiction_tenant_id, jurisdiction_id) REFERENCES public.regulatory_jurisdictions (tenant_id, id)
    MATCH FULL ON DELETE SET NULL (jurisdiction_tenant_id, jurisdiction_id),
  CONSTRAINT org_locations_jurisdiction_tenant_check
    CHECK (jurisdiction_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.org_locations IS 'A tenant''s sites (headquarters, labs, plants); tenant-private: the platform has no sites.';
COMMENT ON COLUMN public.org_locations.time_zone IS 'IANA time zone name, e.g. Europe/London.';
COMMENT ON COLUMN public.org_locations.location_type IS 'headquarters | office | laboratory | manufacturing | clinical_site | warehouse | remote.';
COMMENT ON COLUMN public.org_locations.country_code IS 'ISO 3166-1 alpha-2 country code.';
COMMENT ON COLUMN public.org_locations.jurisdiction_tenant_id IS 'Tenant of the regulatory jurisdiction: this row''s own tenant or the platform library.';
COMMENT ON COLUMN public.org_locations.jurisdiction_id IS 'The regulatory jurisdiction whose authority inspects the site.';
COMMENT ON COLUMN public.org_locations.gxp_scope IS 'Good-practice regimes the site operates under (GMP, GCP, GLP, GDP, GVP): what an inspection would cover.';

CREATE TABLE IF NOT EXISTS public.org_teams (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id          uuid NOT NULL REFERENCES public.tenants (id),
  slug               text NOT NULL
                     CONSTRAINT org_teams_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name               text NOT NULL CHECK (length(btrim(name)) > 0),
  description        text,
  team_type          text NOT NULL DEFAULT 'functional'
                     CONSTRAINT org_teams_team_type_check
                     CHECK (team_type IN ('functional', 'cross_functional', 'project', 'committee')),
  function_tenant_id uuid,
  function_id        uuid,
  location_id        uuid,
  status             text NOT NULL DEFAULT 'active'
                     CONSTRAINT org_teams_status_check CHECK (status IN ('active', 'disbanded')),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  created_by         uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT org_teams_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (function_tenant_id, function_id) REFERENCES public.org_functions (tenant_id, id)
    MATCH FULL ON DELETE SET NULL (function_tenant_id, function_id),
  CONSTRAINT org_teams_function_tenant_check
    CHECK (function_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, location_id) REFERENCES public.org_locations (tenant_id, id)
    ON DELETE SET NULL (location_id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.org_teams IS 'Teams and committees. Platform rows are templates of the usual ones (study team, safety review committee) that a tenant forks; members exist only in tenant teams.';
COMMENT ON COLUMN public.org_teams.team_type IS 'functional | cross_functional | project | committee.';
COMMENT ON COLUMN public.org_teams.function_tenant_id IS 'Tenant of the owning function: this row''s own tenant or the platform library.';
COMMENT ON COLUMN public.org_teams.location_id IS 'Home site of the team, in the same tenant (platform templates have none).';
COMMENT ON COLUMN public.org_teams.status IS 'active | disbanded: a disbanded team keeps its history of members.';

CREATE TABLE IF NOT EXISTS public.org_team_members (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id          uuid NOT NULL REFERENCES public.tenants (id),
  org_team_id        uuid NOT NULL,
  user_id            uuid NOT NULL,
  org_role_tenant_id uuid,
  org_role_id        uuid,
  team_role          text NOT NULL DEFAULT 'member'
                     CONSTRAINT org_team_members_team_role_check
                     CHECK (team_role IN ('lead', 'member', 'advisor', 'sponsor')),
  allocation_pct     numeric(5, 2)
                     CONSTRAINT org_team_members_allocation_range
                     CHECK (allocation_pct > 0 AND allocation_pct <= 100),
  joined_on          date,
  left_on            date,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  created_by         uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT org_team_members_member_key UNIQUE (tenant_id, org_team_id, user_id),
  FOREIGN KEY (tenant_id, org_team_id) REFERENCES public.org_teams (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES public.profiles (tenant_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (org_role_tenant_id, org_role_id) REFERENCES public.org_roles (tenant_id, id)
    MATCH FULL ON DELETE SET NULL (org_role_tenant_id, org_role_id),
  CONSTRAINT org_team_members_org_role_tenant_check
    CHECK (org_role_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT org_team_members_left_after_joined CHECK (left_on >= joined_on),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.org_team_members IS 'People (profiles of the tenant) in a team; tenant-private.';
COMMENT ON COLUMN public.org_team_members.user_id IS 'The member: a profile of the same tenant, (tenant_id, user_id).';
COMMENT ON COLUMN public.org_team_members.org_role_tenant_id IS 'Tenant of the member''s job role: this row''s own tenant or the platform library.';
COMMENT ON COLUMN public.org_team_members.org_role_id IS 'The member''s job role (optional), own or platform.';
COMMENT ON COLUMN public.org_team_members.team_role IS 'Part played in this team: lead | member | advisor | sponsor.';
COMMENT ON COLUMN public.org_team_members.allocation_pct IS 'Share of the member''s time given to the team, 0-100 (exclusive of 0).';
COMMENT ON COLUMN public.org_team_members.left_on IS 'Last day in the team; null = current member (team-based document access reads it).';

CREATE TABLE IF NOT EXISTS public.org_reporting_lines (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id),
  org_role_id     uuid NOT NULL,
  manager_role_id uuid NOT NULL,
  line_type       text NOT NULL DEFAULT 'dotted'
                  CONSTRAINT org_reporting_lines_line_type_check
                  CHECK (line_type IN ('dotted', 'matrix', 'functional', 'interim')),
  description     text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT org_reporting_lines_pair_key UNIQUE (tenant_id, org_role_id, manager_role_id),
  FOREIGN KEY (tenant_id, org_role_id) REFERENCES public.org_roles (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, manager_role_id) REFERENCES public.org_roles (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT org_reporting_lines_not_self CHECK (org_role_id <> manager_role_id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.org_reporting_lines IS 'Secondary reporting lines between roles of one tenant (dotted, matrix...); the solid line is org_roles.reports_to_role_id.';
COMMENT ON COLUMN public.org_reporting_lines.line_type IS 'dotted | matrix | functional | interim.';
COMMENT ON COLUMN public.org_reporting_lines.manager_role_id IS 'The role org_role_id reports to on this line, in the same tenant.';
COMMENT ON COLUMN public.org_reporting_lines.description IS 'What the line covers, e.g. which decisions go to the manager role.';

CREATE TABLE IF NOT EXISTS public.org_role_responsibilities (
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES public.tenants (id),
  org_role_id    uuid NOT NULL,
  position       smallint NOT NULL
                 CONSTRAINT org_role_responsibilities_position_positive CHECK (position >= 1),
  responsibility text NOT NULL CHECK (length(btrim(responsibility)) > 0),
  time_share_pct smallint
                 CONSTRAINT org_role_responsibilities_time_share_range CHECK (time_share_pct BETWEEN 1 AND 100),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  created_by     uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT org_role_responsibilities_position_key UNIQUE (tenant_id, org_role_id, position),
  FOREIGN KEY (tenant_id, org_role_id) REFERENCES public.org_roles (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.org_role_responsibilities IS 'What a role is accountable for, in order of importance.';
COMMENT ON COLUMN public.org_role_responsibilities.position IS '1 = the role''s main responsibility.';
COMMENT ON COLUMN public.org_role_responsibilities.time_share_pct IS 'Rough share of working time the responsibility takes.';

CREATE TABLE IF NOT EXISTS public.org_role_skills (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id),
  org_role_id     uuid NOT NULL,
  skill_tenant_id uuid NOT NULL,
  skill_id        uuid NOT NULL,
  proficiency     text NOT NULL DEFAULT 'practitioner'
                  CONSTRAINT org_role_skills_proficiency_check
                  CHECK (proficiency IN ('awareness', 'working', 'practitioner', 'expert')),
  is_required     boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT org_role_skills_pair_key UNIQUE (tenant_id, org_role_id, skill_id),
  FOREIGN KEY (tenant_id, org_role_id) REFERENCES public.org_roles (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (skill_tenant_id, skill_id) REFERENCES public.skills (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT org_role_skills_skill_tenant_check
    CHECK (skill_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.org_role_skills IS 'Skills a role needs, with the expected proficiency.';
COMMENT ON COLUMN public.org_role_skills.skill_tenant_id IS 'Tenant of the skill: this row''s own tenant or the platform library.';
COMMENT ON COLUMN public.org_role_skills.proficiency IS 'Expected level: awareness | working | practitioner | expert.';
COMMENT ON COLUMN public.org_role_skills.is_required IS 'false: a nice-to-have skill for the role.';

CREATE TABLE IF NOT EXISTS public.org_role_tools (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id),
  org_role_id     uuid NOT NULL,
  name            text NOT NULL CHECK (length(btrim(name)) > 0),
  vendor          text,
  category        text NOT NULL DEFAULT 'other'
                  CONSTRAINT org_role_tools_category_check
                  CHECK (category IN ('edc', 'ctms', 'etmf', 'rim', 'qms', 'safety_database',
                                      'statistics', 'document_management', 'crm', 'analytics',
                                      'literature', 'privacy', 'security', 'collaboration', 'other')),
  usage_frequency text NOT NULL DEFAULT 'weekly'
                  CONSTRAINT org_role_tools_usage_frequency_check
                  CHECK (usage_frequency IN ('daily', 'weekly', 'monthly', 'occasional')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT org_role_tools_name_key UNIQUE (tenant_id, org_role_id, name),
  FOREIGN KEY (tenant_id, org_role_id) REFERENCES public.org_roles (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.org_role_tools IS 'Software people in the role work with (Veeva Vault, Medidata Rave...). Not the agents'' tools: those live in the agents domain.';
COMMENT ON COLUMN public.org_role_tools.name IS 'Product name as people say it, e.g. Veeva Vault RIM.';
COMMENT ON COLUMN public.org_role_tools.category IS 'Kind of system: edc, ctms, etmf, rim, qms, safety_database, statistics, ...';
COMMENT ON COLUMN public.org_role_tools.usage_frequency IS 'How often someone in the role typically uses it: daily | weekly | monthly | occasional.';

CREATE TABLE IF NOT EXISTS public.org_role_kpis (
  id                    uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id             uuid NOT NULL REFERENCES public.tenants (id),
  org_role_id           uuid NOT NULL,
  name                  text NOT NULL CHECK (length(btrim(name)) > 0),
  description           text,
  unit                  text NOT NULL
                        CONSTRAINT org_role_kpis_unit_check
                        CHECK (unit IN ('percent', 'days', 'hours', 'count', 'ratio', 'currency', 'score')),
  target_value          numeric,
  direction             text NOT NULL DEFAULT 'higher_is_better'
                        CONSTRAINT org_role_kpis_direction_check
                        CHECK (direction IN ('higher_is_better', 'lower_is_better', 'on_target')),
  measurement_frequency text NOT NULL DEFAULT 'monthly'
                        CONSTRAINT org_role_kpis_measurement_frequency_check
                        CHECK (measurement_frequency IN ('weekly', 'monthly', 'quarterly', 'annually', 'per_project')),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  created_by            uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT org_role_kpis_name_key UNIQUE (tenant_id, org_role_id, name),
  FOREIGN KEY (tenant_id, org_role_id) REFERENCES public.org_roles (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.org_role_kpis IS 'How performance in a role is measured.';
COMMENT ON COLUMN public.org_role_kpis.unit IS 'Unit of target_value: percent | days | hours | count | ratio | currency | score.';
COMMENT ON COLUMN public.org_role_kpis.target_value IS 'Target in the unit above; null when the target is set per person or per project.';
COMMENT ON COLUMN public.org_role_kpis.direction IS 'higher_is_better | lower_is_better | on_target (deviation either way is bad).';
COMMENT ON COLUMN public.org_role_kpis.measurement_frequency IS 'How often the KPI is measured: weekly | monthly | quarterly | annually | per_project.';

CREATE TABLE IF NOT EXISTS public.org_role_therapeutic_areas (
  id                          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id                   uuid NOT NULL REFERENCES public.tenants (id),
  org_role_id                 uuid NOT NULL,
  therapeutic_area_tenant_id  uuid NOT NULL,
  therapeutic_area_id         uuid NOT NULL,
  focus                       text NOT NULL DEFAULT 'primary'
                              CONSTRAINT org_role_therapeutic_areas_focus_check
                              CHECK (focus IN ('primary', 'secondary')),
  created_at                  timestamptz NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now(),
  created_by                  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT org_role_therapeutic_areas_pair_key UNIQUE (tenant_id, org_role_id, therapeutic_area_id),
  FOREIGN KEY (tenant_id, org_role_id) REFERENCES public.org_roles (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (therapeutic_area_tenant_id, therapeutic_area_id) REFERENCES public.therapeutic_areas (tenant_id, id)
    ON DELETE CASCADE,
  CONSTRAINT org_role_therapeutic_areas_therapeutic_area_tenant_check
    CHECK (therapeutic_area_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.org_role_therapeutic_areas IS 'Therapeutic areas a role specialises in.';
COMMENT ON COLUMN public.org_role_therapeutic_areas.therapeutic_area_tenant_id IS 'Tenant of the therapeutic area: this row''s own tenant or the platform library.';
COMMENT ON COLUMN public.org_role_therapeutic_areas.focus IS 'primary | secondary specialisation.';

-- == policies ================================================================
CALL vital.secure_tenant_table('public.org_functions', library => true);
CALL vital.secure_tenant_table('public.org_departments', library => true);
CALL vital.secure_tenant_table('public.org_roles', library => true);
CALL vital.secure_tenant_table('public.org_locations');
CALL vital.secure_tenant_table('public.org_teams', library => true);
CALL vital.secure_tenant_table('public.org_team_members');
CALL vital.secure_tenant_table('public.org_reporting_lines', library => true);
CALL vital.secure_tenant_table('public.org_role_responsibilities', library => true);
CALL vital.secure_tenant_table('public.org_role_skills', library => true);
CALL vital.secure_tenant_table('public.org_role_tools', library => true);
CALL vital.secure_tenant_table('public.org_role_kpis', library => true);
CALL vital.secure_tenant_table('public.org_role_therapeutic_areas', library => true);

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS org_functions_created_by_idx ON public.org_functions (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS org_departments_function_idx ON public.org_departments (function_tenant_id, function_id);
CREATE INDEX IF NOT EXISTS org_departments_created_by_idx ON public.org_departments (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS org_roles_function_idx ON public.org_roles (function_tenant_id, function_id);
CREATE INDEX IF NOT EXISTS org_roles_department_idx ON public.org_roles (department_tenant_id, department_id);
CREATE INDEX IF NOT EXISTS org_roles_reports_to_idx ON public.org_roles (tenant_id, reports_to_role_id);
CREATE INDEX IF NOT EXISTS org_roles_created_by_idx ON public.org_roles (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS org_locations_jurisdiction_idx ON public.org_locations (jurisdiction_tenant_id, jurisdiction_id);
CREATE INDEX IF NOT EXISTS org_locations_created_by_idx ON public.org_locations (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS org_teams_function_idx ON public.org_teams (function_tenant_id, function_id);
CREATE INDEX IF NOT EXISTS org_teams_location_idx ON public.org_teams (tenant_id, location_id);
CREATE INDEX IF NOT EXISTS org_teams_status_idx ON public.org_teams (tenant_id, status);
CREATE INDEX IF NOT EXISTS org_teams_created_by_idx ON public.org_teams (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS org_team_members_user_idx ON public.org_team_members (tenant_id, user_id);
CREATE INDEX IF NOT EXISTS org_team_members_org_role_idx ON public.org_team_members (org_role_tenant_id, org_role_id);
CREATE INDEX IF NOT EXISTS org_team_members_created_by_idx ON public.org_team_members (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS org_reporting_lines_manager_idx ON public.org_reporting_lines (tenant_id, manager_role_id);
CREATE INDEX IF NOT EXISTS org_reporting_lines_created_by_idx ON public.org_reporting_lines (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS org_role_responsibilities_created_by_idx ON public.org_role_responsibilities (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS org_role_skills_skill_idx ON public.org_role_skills (skill_tenant_id, skill_id);
CREATE INDEX IF NOT EXISTS org_role_skills_created_by_idx ON public.org_role_skills (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS org_role_tools_created_by_idx ON public.org_role_tools (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS org_role_kpis_created_by_idx ON public.org_role_kpis (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS org_role_therapeutic_areas_therapeutic_area_idx
  ON public.org_role_therapeutic_areas (therapeutic_area_tenant_id, therapeutic_area_id);
CREATE INDEX IF NOT EXISTS org_role_therapeutic_areas_created_by_idx ON public.org_role_therapeutic_areas (tenant_id, created_by);
